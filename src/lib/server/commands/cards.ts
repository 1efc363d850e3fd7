import { and, eq, sql } from 'drizzle-orm';
import { canWriteTeam } from '../../domain/access';
import type { CommandOf } from '../../domain/commands';
import { keyForIndex } from '../../domain/ordering';
import { cardPlacements, cards, evidenceEntries } from '../db/schema';
import { loadCardViews } from '../queries/cards';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCardForWrite, requireActive, requireVersion, type CardRow } from './card-access';
import { cellOnBoard } from './cells';
import { emitCardEvent } from './emit';
import { decideOrRefuse, loadArrivals, refusalError, warningsOn } from './decision';
import { EMPTY_RECORD, isoDateIn } from '../../domain/gates';
import { decideCloseAsLearned } from '../../domain/rules';
import { readSettings } from '../../domain/settings';

export async function createCard(bt: BoardTransaction, command: CommandOf<'card.create'>) {
	const boards = await bt.lock([command.boardId]);
	const board = boards.get(command.boardId);
	if (!board || board.organisationId !== bt.actor.organisationId) {
		throw new ServiceError('not_found', 'That board does not exist.');
	}
	const team = { id: board.teamId, organisationId: board.organisationId, isLeadership: board.isLeadership };
	if (!canWriteTeam(bt.actor, team)) {
		throw new ServiceError('forbidden', `You can read the ${board.teamName} board but not add cards to it.`);
	}
	// A new card's record is empty, so any column past Problem has gates it cannot pass (unless advisory).
	const gates = { subject: EMPTY_RECORD, from: 'problem' as const, to: command.column, today: isoDateIn(board.timeZone, bt.at), mode: readSettings(board.settings).gateMode };
	const arrivals = await loadArrivals(bt, null, [{ boardId: board.id, column: command.column, lane: command.lane, effort: 0, from: null }]);
	const warnings = decideOrRefuse('create', gates, arrivals);
	const cell = await cellOnBoard(bt.tx, command.boardId, command.column, command.lane);
	const { position, rekeyed } = keyForIndex(cell, command.index ?? cell.length);
	const at = bt.at;
	const [card] = await bt.tx
		.insert(cards)
		.values({
			organisationId: board.organisationId,
			boardId: board.id,
			title: command.title,
			column: command.column,
			lane: command.lane,
			columnEnteredAt: { [command.column]: at.toISOString() },
			createdBy: bt.actor.userId,
			createdAt: at,
			updatedAt: at
		})
		.returning({ id: cards.id });
	await bt.tx.insert(cardPlacements).values({ cardId: card!.id, boardId: board.id, position });
	await applyRekey(bt, board.id, rekeyed);
	const views = await emitCardEvent(bt, card!.id, (view) => ({ type: 'card.created', card: view, ...warningsOn(warnings, board.id) }));
	return { cardId: card!.id, card: views.get(board.id)! };
}

export async function applyRekey(bt: BoardTransaction, boardId: string, rekeyed: { id: string; position: string }[]) {
	for (const { id, position } of rekeyed) {
		await bt.tx
			.update(cardPlacements)
			.set({ position })
			.where(and(eq(cardPlacements.cardId, id), eq(cardPlacements.boardId, boardId)));
	}
}

export async function updateCard(bt: BoardTransaction, command: CommandOf<'card.update'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const current = (await loadCardViews(bt.tx, card.id)).get(card.boardId);
	requireVersion(card, command.version, current);
	const changed = Object.keys(command.changes).filter((key) => {
		const before = (card as Record<string, unknown>)[key];
		return before !== (command.changes as Record<string, unknown>)[key];
	});
	if (changed.length === 0) return { cardId: card.id, card: current! };
	await bt.tx
		.update(cards)
		.set({ ...command.changes, version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.updated', card: view, changed }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}

export async function setEffort(bt: BoardTransaction, command: CommandOf<'card.set_effort'>) {
	const { card, placements } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const placement = placements.find((p) => p.boardId === command.boardId);
	if (!placement) throw new ServiceError('not_found', 'That card does not show on this board.');
	const lane = laneOn(card, command.boardId);
	const arrivals = await loadArrivals(bt, card.id, [
		{ boardId: command.boardId, column: card.column, lane, effort: command.effort, from: { column: card.column, lane, effort: placement.effortShare } }
	]);
	const warnings = decideOrRefuse('set_effort', undefined, arrivals);
	await bt.tx
		.update(cardPlacements)
		.set({ effortShare: command.effort })
		.where(and(eq(cardPlacements.cardId, card.id), eq(cardPlacements.boardId, command.boardId)));
	await bt.tx
		.update(cards)
		.set({ version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view, boardId) => ({
		type: 'card.updated',
		card: view,
		changed: ['effort'],
		...warningsOn(warnings, boardId)
	}));
	return { cardId: card.id, card: views.get(command.boardId)! };
}

export async function archiveCard(bt: BoardTransaction, command: CommandOf<'card.archive'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	if (card.status === 'archived') throw new ServiceError('conflict', 'This card is already archived.');
	await bt.tx
		.update(cards)
		.set({ status: 'archived', version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.archived', card: view }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}

export async function restoreCard(bt: BoardTransaction, command: CommandOf<'card.restore'>) {
	const { card, placements } = await lockCardForWrite(bt, command.cardId);
	if (card.status === 'active') throw new ServiceError('conflict', 'This card is already on the board.');
	// Back in its column it counts against limits again, on every board it shows on.
	const arrivals = await loadArrivals(
		bt,
		card.id,
		placements.map((p) => ({ boardId: p.boardId, column: card.column, lane: laneOn(card, p.boardId), effort: p.effortShare, from: null }))
	);
	const warnings = decideOrRefuse('restore', undefined, arrivals);
	await bt.tx
		.update(cards)
		.set({ status: 'active', version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view, boardId) => ({ type: 'card.restored', card: view, ...warningsOn(warnings, boardId) }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}

/** A card's lane as a board shows it: its own on its home board, Cross-team on a linked one. */
export function laneOn(card: { boardId: string; lane: CardRow['lane'] }, boardId: string): CardRow['lane'] {
	return card.boardId === boardId ? card.lane : 'cross_team';
}

/**
 * Closes an experiment whose evidence did not support its hypothesis: the card leaves the columns for
 * the board's Learned shelf (kept, searchable, counted), with what was learned.
 */
export async function closeAsLearned(bt: BoardTransaction, command: CommandOf<'card.close_learned'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const [evidence] = await bt.tx
		.select({ n: sql<number>`count(*)::int` })
		.from(evidenceEntries)
		.where(eq(evidenceEntries.cardId, card.id));
	const refusal = decideCloseAsLearned({ column: card.column, evidenceCount: Number(evidence?.n ?? 0) });
	if (refusal) throw refusalError(refusal);
	await bt.tx
		.update(cards)
		.set({ status: 'learned', learned: command.learned, version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.learned', card: view }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}
