import { and, asc, eq, sql } from 'drizzle-orm';
import type { Column, Lane } from '../../domain/board';
import type { Placed } from '../../domain/ordering';
import type { DbOrTx } from '../db';
import { cardPlacements, cards } from '../db/schema';

/**
 * The active cards of one cell of a board, in order. A card linked from another team shows in the
 * Cross-team lane here, whatever its lane on its own board.
 */
export async function cellOnBoard(
	db: DbOrTx,
	boardId: string,
	column: Column,
	lane: Lane,
	excludeCardId?: string
): Promise<Placed[]> {
	const laneHere = sql`case when ${cards.boardId} = ${boardId} then ${cards.lane} else 'cross_team' end`;
	const rows = await db
		.select({ id: cards.id, position: cardPlacements.position })
		.from(cardPlacements)
		.innerJoin(cards, eq(cards.id, cardPlacements.cardId))
		.where(
			and(
				eq(cardPlacements.boardId, boardId),
				eq(cards.status, 'active'),
				eq(cards.column, column),
				sql`${laneHere} = ${lane}`,
				excludeCardId ? sql`${cards.id} <> ${excludeCardId}` : undefined
			)
		)
		.orderBy(asc(cardPlacements.position), asc(cards.id));
	return rows;
}
