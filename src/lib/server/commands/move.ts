import { and, eq, sql } from 'drizzle-orm';
import type { Column } from '../../domain/board';
import type { CommandOf } from '../../domain/commands';
import { keyForIndex } from '../../domain/ordering';
import { boardEvents, cardPlacements, cards } from '../db/schema';
import { loadCardViews } from '../queries/cards';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCardWithCell, requireActive, requireVersion, requireWritable, type CardRow } from './card-access';
import { applyRekey, laneOn } from './cards';
import { decideOrRefuse, loadArrivals, loadGates, warningsOn } from './decision';

/**
 * Moves a card to a cell of the board the move is made on. The column is the card's own (the same on
 * every board); the lane and the order are this board's. Checked under the locks of every board the
 * card shows on: version, gates, WIP and capacity limits on each of those boards. This is a standup's
 * hot path, so it reads only what it needs: a handful of statements while the boards are locked.
 */
export async function moveCard(bt: BoardTransaction, command: CommandOf<'card.move'>) {
	const { locked, cell } = await lockCardWithCell(bt, command.cardId, {
		boardId: command.boardId,
		column: command.column,
		lane: command.lane
	});
	const { card, boards, home, placements } = locked;
	requireWritable(bt, boards);
	requireActive(card);
	const board = boards.find((b) => b.id === command.boardId);
	if (!board) throw new ServiceError('not_found', 'That card does not show on this board.');
	if (card.version !== command.version) {
		requireVersion(card, command.version, (await loadCardViews(bt.tx, card.id)).get(board.id));
	}

	const isHome = board.id === home.id;
	if (!isHome && command.lane !== 'cross_team') {
		throw new ServiceError(
			'invalid_input',
			`This card belongs to ${home.teamName}; on this board it stays in the Cross-team lane.`,
			{ lane: ['A linked card stays in the Cross-team lane.'] }
		);
	}
	const movedCard = { ...card, lane: isHome ? command.lane : card.lane };
	const undone = command.undoes ? await requireUndoable(bt, card, board.id, command) : null;

	// Load what the decision needs, decide (domain/rules.ts), then write.
	const totalEffort = placements.reduce((sum, p) => sum + p.effortShare, 0);
	const gates = await loadGates(bt, card, totalEffort, command.column, home);
	const arrivals = await loadArrivals(
		bt,
		card.id,
		placements.map((p) => ({
			boardId: p.boardId,
			column: command.column,
			lane: laneOn(movedCard, p.boardId),
			effort: p.effortShare,
			from: { column: card.column, lane: laneOn(card, p.boardId), effort: p.effortShare }
		}))
	);
	const warnings = decideOrRefuse('move', gates, arrivals);

	const { position, rekeyed } = keyForIndex(cell, command.index);
	await applyRekey(bt, board.id, rekeyed);
	// An undo gives the card back the time it had entered that column; any other column change starts now.
	const enteredAt = card.column === command.column ? null : (undone?.enteredAt ?? bt.at.toISOString());
	const columnEnteredAt = enteredAt ? { ...card.columnEnteredAt, [command.column]: enteredAt } : card.columnEnteredAt;
	// The card and its place on this board change in the same statement as this board's event.
	const change = sql`
		placed as (
			update ${cardPlacements} set position = ${position}
			where card_id = ${card.id} and board_id = ${board.id}
		),
		moved as (
			update ${cards}
			set "column" = ${command.column}, lane = ${movedCard.lane}, version = version + 1,
				updated_at = ${bt.at.toISOString()}::timestamptz, column_entered_at = ${JSON.stringify(columnEnteredAt)}::jsonb
			where id = ${card.id}
		)`;

	// Each board the card shows on gets the move with its own lane and order key for it.
	for (const p of placements) {
		await bt.append(p.boardId, {
			type: 'card.moved',
			cardId: card.id,
			title: card.title,
			from: { column: card.column, lane: laneOn(card, p.boardId) },
			to: { column: command.column, lane: laneOn(movedCard, p.boardId), position: p.boardId === board.id ? position : p.position },
			version: card.version + 1,
			enteredAt,
			rekeyed: p.boardId === board.id ? rekeyed.map((r) => ({ cardId: r.id, position: r.position })) : [],
			...warningsOn(warnings, p.boardId),
			...(undone ? { undoes: undone.seq } : {})
		}, p.boardId === board.id ? change : undefined);
	}
	// The events carry the move; the full card is loaded only by callers that ask (executeCardCommand).
	return { cardId: card.id, card: null };
}

/**
 * An undo must take back this person's own latest change to the card: the `card.moved` event it names
 * (on this board) left the card where it is now, from the column the undo goes back to. Returns the time
 * the card had entered that column.
 */
async function requireUndoable(bt: BoardTransaction, card: CardRow, boardId: string, command: CommandOf<'card.move'>) {
	const [event] = await bt.tx
		.select({ type: boardEvents.type, payload: boardEvents.payload, actorId: boardEvents.actorId })
		.from(boardEvents)
		.where(and(eq(boardEvents.boardId, boardId), eq(boardEvents.seq, command.undoes!)));
	const moved = event?.type === 'card.moved' ? (event.payload as { cardId: string; from: { column: Column }; version: number }) : null;
	if (!moved || moved.cardId !== card.id || event!.actorId !== bt.actor.userId || moved.version !== card.version || moved.from.column !== command.column) {
		throw new ServiceError('conflict', 'That move can no longer be undone: the card has changed since. Move it back by hand.');
	}
	return { seq: command.undoes!, enteredAt: card.columnEnteredAt[command.column] ?? null };
}
