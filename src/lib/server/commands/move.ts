import { and, eq, sql } from 'drizzle-orm';
import { COLUMN_LABELS } from '../../domain/board';
import type { CommandOf } from '../../domain/commands';
import { gatesOnTheWay, isoDateIn } from '../../domain/gates';
import { keyForIndex } from '../../domain/ordering';
import { cardPlacements, cards } from '../db/schema';
import { loadCardViews } from '../queries/cards';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCardForWrite, requireActive, requireVersion } from './card-access';
import { applyRekey } from './cards';
import { cellOnBoard } from './cells';

/**
 * Moves a card to a cell of the board the move is made on. The column is the card's own (the same on
 * every board); the lane and the order are this board's. Checked under the boards' locks: version,
 * gates on the way forward.
 */
export async function moveCard(bt: BoardTransaction, command: CommandOf<'card.move'>) {
	const { card, boards, home } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const board = boards.find((b) => b.id === command.boardId);
	if (!board) throw new ServiceError('not_found', 'That card does not show on this board.');
	const views = await loadCardViews(bt.tx, card.id);
	const before = views.get(board.id)!;
	requireVersion(card, command.version, before);

	const isHome = board.id === home.id;
	if (!isHome && command.lane !== 'cross_team') {
		throw new ServiceError(
			'invalid_input',
			`This card belongs to ${home.teamName}; on this board it stays in the Cross-team lane.`,
			{ lane: ['A linked card stays in the Cross-team lane.'] }
		);
	}

	const missing = gatesOnTheWay(card.column, command.column, before, isoDateIn(home.timeZone, bt.at));
	if (missing.length) {
		throw new ServiceError(
			'gate_blocked',
			`Not ready for ${COLUMN_LABELS[command.column]}: ${missing.map((m) => m.message).join(' ')}`,
			Object.fromEntries(missing.map((m) => [m.field, [m.message]])),
			{ missing }
		);
	}

	const cell = await cellOnBoard(bt.tx, board.id, command.column, command.lane, card.id);
	const { position, rekeyed } = keyForIndex(cell, command.index);
	await bt.tx
		.update(cardPlacements)
		.set({ position })
		.where(and(eq(cardPlacements.cardId, card.id), eq(cardPlacements.boardId, board.id)));
	await applyRekey(bt, board.id, rekeyed);

	const columnChanged = card.column !== command.column;
	await bt.tx
		.update(cards)
		.set({
			column: command.column,
			lane: isHome ? command.lane : card.lane,
			version: sql`${cards.version} + 1`,
			updatedAt: bt.at,
			columnEnteredAt: columnChanged
				? { ...card.columnEnteredAt, [command.column]: bt.at.toISOString() }
				: card.columnEnteredAt
		})
		.where(eq(cards.id, card.id));

	// Each board the card shows on gets the move with its own lane and order key for it.
	const placements = await bt.tx
		.select({ boardId: cardPlacements.boardId, position: cardPlacements.position })
		.from(cardPlacements)
		.where(eq(cardPlacements.cardId, card.id));
	const version = card.version + 1;
	for (const placement of placements) {
		const laneThere = (b: string) => (b === home.id ? (isHome ? command.lane : card.lane) : 'cross_team');
		await bt.append(placement.boardId, {
			type: 'card.moved',
			cardId: card.id,
			title: card.title,
			from: { column: card.column, lane: views.get(placement.boardId)?.lane ?? laneThere(placement.boardId) },
			to: { column: command.column, lane: laneThere(placement.boardId), position: placement.position },
			version,
			enteredAt: columnChanged ? bt.at.toISOString() : null,
			rekeyed: placement.boardId === board.id ? rekeyed.map((r) => ({ cardId: r.id, position: r.position })) : []
		});
	}
	const after = {
		...before,
		column: command.column,
		lane: command.lane,
		position,
		version,
		updatedAt: bt.at.toISOString(),
		columnEnteredAt: columnChanged ? { ...before.columnEnteredAt, [command.column]: bt.at.toISOString() } : before.columnEnteredAt
	};
	return { cardId: card.id, card: after };
}
