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
import { enforceLimits } from './limits';
import { gatesOnTheWay, isoDateIn } from '../../domain/rules';
import { readSettings } from '../../domain/settings';
import { COLUMN_LABELS } from '../../domain/board';

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
	const empty = { category: null, problemObserved: '', hypothesisBelieve: '', hypothesisResult: '', hypothesisSignal: '', experimentPlan: '', timeboxStart: null, timeboxEnd: null, totalEffort: 0, decisionRationale: '', evidence: [] };
	const missing = gatesOnTheWay('problem', command.column, empty, isoDateIn(board.timeZone, bt.at));
	if (missing.length && readSettings(board.settings).gateMode === 'strict') {
		throw new ServiceError(
			'gate_blocked',
			`New cards start in Problem: ${COLUMN_LABELS[command.column]} needs more than a title (${missing.map((m) => m.message).join(' ')})`,
			{},
			{ missing }
		);
	}
	// No card yet: the nil id matches none of the board's cards.
	await enforceLimits(bt, [
		{ boardId: board.id, cardId: '00000000-0000-0000-0000-000000000000', column: command.column, lane: command.lane, effort: 0, from: null }
	]);
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
	const views = await emitCardEvent(bt, card!.id, (view) => ({ type: 'card.created', card: view }));
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
	await enforceLimits(bt, [
		{
			boardId: command.boardId,
			cardId: card.id,
			column: card.column,
			lane,
			effort: command.effort,
			from: { column: card.column, lane, effort: placement.effortShare }
		}
	]);
	await bt.tx
		.update(cardPlacements)
		.set({ effortShare: command.effort })
		.where(and(eq(cardPlacements.cardId, card.id), eq(cardPlacements.boardId, command.boardId)));
	await bt.tx
		.update(cards)
		.set({ version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({
		type: 'card.updated',
		card: view,
		changed: ['effort']
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
	// Back in its column it counts against limits again.
	await enforceLimits(
		bt,
		placements.map((p) => ({
			boardId: p.boardId,
			cardId: card.id,
			column: card.column,
			lane: laneOn(card, p.boardId),
			effort: p.effortShare,
			from: null
		}))
	);
	await bt.tx
		.update(cards)
		.set({ status: 'active', version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.restored', card: view }));
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
	if (card.column !== 'experiment' && card.column !== 'evidence') {
		throw new ServiceError('gate_blocked', 'Only a card in Experiment or Evidence can be closed as learned.', {}, {
			missing: [{ field: 'column', message: 'Move the card to Experiment or Evidence first.' }]
		});
	}
	const [evidence] = await bt.tx
		.select({ n: sql<number>`count(*)::int` })
		.from(evidenceEntries)
		.where(eq(evidenceEntries.cardId, card.id));
	if (!evidence || evidence.n === 0) {
		throw new ServiceError(
			'gate_blocked',
			'Closing as learned needs at least one evidence entry: add what was measured or observed.',
			{ evidence: ['Add at least one evidence entry.'] },
			{ missing: [{ field: 'evidence', message: 'Add at least one evidence entry.' }] }
		);
	}
	await bt.tx
		.update(cards)
		.set({ status: 'learned', learned: command.learned, version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.learned', card: view }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}
