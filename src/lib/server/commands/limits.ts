import { and, eq, sql } from 'drizzle-orm';
import type { Column, Lane } from '../../domain/board';
import type { MoveWarnings } from '../../domain/events';
import { ACTIVE_COLUMNS, breachesFrom, limitsAtStake, type Breach, type MissingItem } from '../../domain/rules';
import { readSettings } from '../../domain/settings';
import { cardPlacements, cards } from '../db/schema';
import { teamCapacity } from '../queries/board-settings';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';

/** Where a card is about to be on one board: its cell there and that board's share of its effort. */
export interface Arrival {
	boardId: string;
	cardId: string;
	column: Column;
	lane: Lane;
	effort: number;
	/** Where it was on that board (null when it is new there, or back from the shelf). */
	from: { column: Column; lane: Lane; effort: number } | null;
}

/** The board's other active cards in the target cell and column, and the hours in use, in one query. */
async function countsOn(bt: BoardTransaction, a: Arrival) {
	const laneHere = sql`case when ${cards.boardId} = ${a.boardId} then ${cards.lane} else 'cross_team' end`;
	const active = sql`${cards.column} in (${sql.join(ACTIVE_COLUMNS.map((c) => sql`${c}`), sql`, `)})`;
	const [row] = await bt.tx
		.select({
			inCell: sql<number>`count(*) filter (where ${cards.column} = ${a.column} and ${laneHere} = ${a.lane})::int`,
			inColumn: sql<number>`count(*) filter (where ${cards.column} = ${a.column})::int`,
			inUse: sql<number>`coalesce(sum(${cardPlacements.effortShare}) filter (where ${active}), 0)::float8`
		})
		.from(cardPlacements)
		.innerJoin(cards, eq(cards.id, cardPlacements.cardId))
		.where(and(eq(cardPlacements.boardId, a.boardId), eq(cards.status, 'active'), sql`${cards.id} <> ${a.cardId}`));
	const othersInUse = Number(row?.inUse ?? 0);
	const counted = (column: Column, effort: number) => (ACTIVE_COLUMNS.includes(column) ? effort : 0);
	return {
		othersInCell: Number(row?.inCell ?? 0),
		othersInColumn: Number(row?.inColumn ?? 0),
		inUseBefore: othersInUse + (a.from ? counted(a.from.column, a.from.effort) : 0),
		inUseAfter: othersInUse + counted(a.column, a.effort)
	};
}

/**
 * Checks WIP and capacity limits on every board a change lands on, under those boards' locks (so two
 * concurrent moves cannot both take the last free slot). Boards where the change cannot break a limit
 * cost nothing. Refuses on any hard limit; returns the soft ones, by board, to be recorded.
 */
export async function enforceLimits(
	bt: BoardTransaction,
	arrivals: readonly Arrival[],
	missingGates: MissingItem[] = []
): Promise<Map<string, Breach[]>> {
	const soft = new Map<string, Breach[]>();
	const hard: Breach[] = [];
	for (const arrival of arrivals) {
		const board = bt.board(arrival.boardId);
		if (!board) throw new Error(`board ${arrival.boardId} must be locked before checking limits`);
		const settings = readSettings(board.settings);
		const card = { id: arrival.cardId, column: arrival.column, lane: arrival.lane, effort: arrival.effort };
		if (!limitsAtStake(settings, card, arrival.from)) continue;
		const breaches = breachesFrom(await countsOn(bt, arrival), card, arrival.from, settings, await teamCapacity(bt.tx, arrival.boardId));
		const onThisBoard = (b: Breach) => (arrivals.length > 1 ? { ...b, message: `${board.teamName}: ${b.message}` } : b);
		hard.push(...breaches.filter((b) => b.hard).map(onThisBoard));
		soft.set(arrival.boardId, breaches.filter((b) => !b.hard).map(onThisBoard));
	}
	if (hard.length) {
		const code = hard.some((b) => b.kind !== 'capacity') ? 'wip_limit' : 'capacity_limit';
		const gates = missingGates.map((m) => m.message).join(' ');
		throw new ServiceError(
			code,
			`${hard.map((b) => b.message).join(' ')}${gates ? ` Also: ${gates}` : ''}`,
			{},
			{ limits: hard, missing: missingGates }
		);
	}
	return soft;
}

export function warningsFor(soft: Map<string, Breach[]>, boardId: string, gates: MissingItem[]): MoveWarnings | undefined {
	const limits = soft.get(boardId) ?? [];
	return limits.length || gates.length ? { gates, limits } : undefined;
}
