import { and, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { boards, cardPlacements, catchballEntries } from '../db/schema';

/**
 * Every board that shows a team's name, by id ascending: the team's own board (its header), and every
 * board showing a card that names the team: a card homed on it or linked to it (so shown on its board,
 * where its Cross-team lane lists the linked ones) or whose catchball is in the team's court.
 */
export async function boardsNamingTeam(db: DbOrTx, organisationId: string, teamId: string): Promise<string[]> {
	const own = db.select({ id: boards.id }).from(boards).where(eq(boards.teamId, teamId));
	const shownOnOwn = db
		.select({ cardId: cardPlacements.cardId })
		.from(cardPlacements)
		.innerJoin(boards, eq(boards.id, cardPlacements.boardId))
		.where(eq(boards.teamId, teamId));
	// Whose court an item is in follows from its thread's latest entry (catchballStateOf in the domain).
	const latest = db
		.selectDistinctOn([catchballEntries.cardId], {
			cardId: catchballEntries.cardId,
			kind: catchballEntries.kind,
			fromTeamId: catchballEntries.fromTeamId,
			toTeamId: catchballEntries.toTeamId
		})
		.from(catchballEntries)
		.where(eq(catchballEntries.organisationId, organisationId))
		.orderBy(catchballEntries.cardId, desc(catchballEntries.at), desc(catchballEntries.id))
		.as('latest');
	const inCourt = db
		.select({ cardId: latest.cardId })
		.from(latest)
		.where(
			or(
				and(eq(latest.kind, 'catch'), eq(latest.fromTeamId, teamId)),
				and(ne(latest.kind, 'catch'), eq(latest.toTeamId, teamId))
			)
		);
	const rows = await db
		.selectDistinct({ id: cardPlacements.boardId })
		.from(cardPlacements)
		.where(or(inArray(cardPlacements.cardId, shownOnOwn), inArray(cardPlacements.cardId, inCourt)))
		.union(own);
	return rows.map((row) => row.id).sort();
}
