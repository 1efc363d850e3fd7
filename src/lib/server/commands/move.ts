import { and, eq, sql } from 'drizzle-orm';
import { COLUMN_LABELS } from '../../domain/board';
import type { CommandOf } from '../../domain/commands';
import type { CardView } from '../../domain/events';
import { gatesOnTheWay, isoDateIn, type MissingItem } from '../../domain/rules';
import { readSettings } from '../../domain/settings';
import { keyForIndex } from '../../domain/ordering';
import { cardPlacements, cards } from '../db/schema';
import { loadCardViews } from '../queries/cards';
import { ServiceError } from '../services/errors';
import type { BoardTransaction, LockedBoard } from './board-transaction';
import { lockCardForWrite, requireActive, requireVersion } from './card-access';
import { applyRekey } from './cards';
import { cellOnBoard } from './cells';
import { enforceLimits, warningsFor } from './limits';

/**
 * Gates on the way forward, judged by the card's own team: strict gates refuse and name every missing
 * item; advisory gates let the move through and the missing items are recorded with it.
 */
function judgeGates(card: CardView, to: CardView['column'], home: LockedBoard, at: Date): MissingItem[] {
	const missing = gatesOnTheWay(card.column, to, card, isoDateIn(home.timeZone, at));
	if (missing.length && readSettings(home.settings).gateMode === 'strict') {
		throw new ServiceError(
			'gate_blocked',
			`Not ready for ${COLUMN_LABELS[to]}: ${missing.map((m) => m.message).join(' ')}`,
			Object.fromEntries(missing.map((m) => [m.field, [m.message]])),
			{ missing }
		);
	}
	return missing;
}

/**
 * Moves a card to a cell of the board the move is made on. The column is the card's own (the same on
 * every board); the lane and the order are this board's. Checked under the locks of every board the
 * card shows on: version, gates, WIP and capacity limits on each of those boards.
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
	const laneOn = (boardId: string) => (boardId === home.id ? (isHome ? command.lane : card.lane) : 'cross_team');

	const missing = judgeGates(before, command.column, home, bt.at);
	const soft = await enforceLimits(
		bt,
		boards.map((b) => ({
			boardId: b.id,
			cardId: card.id,
			column: command.column,
			lane: laneOn(b.id),
			effort: views.get(b.id)?.effort ?? 0
		})),
		missing
	);

	const cell = await cellOnBoard(bt.tx, board.id, command.column, command.lane, card.id);
	const { position, rekeyed } = keyForIndex(cell, command.index);
	await bt.tx
		.update(cardPlacements)
		.set({ position })
		.where(and(eq(cardPlacements.cardId, card.id), eq(cardPlacements.boardId, board.id)));
	await applyRekey(bt, board.id, rekeyed);

	const columnChanged = card.column !== command.column;
	const enteredAt = columnChanged ? bt.at.toISOString() : null;
	await bt.tx
		.update(cards)
		.set({
			column: command.column,
			lane: isHome ? command.lane : card.lane,
			version: sql`${cards.version} + 1`,
			updatedAt: bt.at,
			columnEnteredAt: enteredAt ? { ...card.columnEnteredAt, [command.column]: enteredAt } : card.columnEnteredAt
		})
		.where(eq(cards.id, card.id));

	// Each board the card shows on gets the move with its own lane and order key for it.
	const version = card.version + 1;
	for (const b of boards) {
		const positionThere = b.id === board.id ? position : (views.get(b.id)?.position ?? position);
		await bt.append(b.id, {
			type: 'card.moved',
			cardId: card.id,
			title: card.title,
			from: { column: card.column, lane: views.get(b.id)?.lane ?? laneOn(b.id) },
			to: { column: command.column, lane: laneOn(b.id), position: positionThere },
			version,
			enteredAt,
			rekeyed: b.id === board.id ? rekeyed.map((r) => ({ cardId: r.id, position: r.position })) : [],
			...(warningsFor(soft, b.id, missing) ? { warnings: warningsFor(soft, b.id, missing) } : {})
		});
	}
	const after: CardView = {
		...before,
		column: command.column,
		lane: command.lane,
		position,
		version,
		updatedAt: bt.at.toISOString(),
		columnEnteredAt: enteredAt ? { ...before.columnEnteredAt, [command.column]: enteredAt } : before.columnEnteredAt
	};
	return { cardId: card.id, card: after };
}
