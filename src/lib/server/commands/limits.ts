import { and, eq, sql } from 'drizzle-orm';
import type { Column, Lane } from '../../domain/board';
import type { MoveWarnings } from '../../domain/events';
import { limitBreaches, type Breach, type MissingItem, type PlacedCard } from '../../domain/rules';
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
}

/** The active cards of a board with their cell there and the board's effort share. */
async function placedCards(bt: BoardTransaction, boardId: string): Promise<PlacedCard[]> {
	const laneHere = sql<Lane>`case when ${cards.boardId} = ${boardId} then ${cards.lane} else 'cross_team' end`;
	return bt.tx
		.select({ id: cards.id, column: cards.column, lane: laneHere, effort: cardPlacements.effortShare })
		.from(cardPlacements)
		.innerJoin(cards, eq(cards.id, cardPlacements.cardId))
		.where(and(eq(cardPlacements.boardId, boardId), eq(cards.status, 'active')));
}

/**
 * Checks WIP and capacity limits on every board a change lands on, under those boards' locks (so two
 * concurrent moves cannot both take the last free slot). Refuses on any hard limit; returns the soft
 * ones, by board, to be recorded with the change.
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
		const breaches = limitBreaches(
			await placedCards(bt, arrival.boardId),
			{ id: arrival.cardId, column: arrival.column, lane: arrival.lane, effort: arrival.effort },
			readSettings(board.settings),
			await teamCapacity(bt.tx, arrival.boardId)
		);
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
