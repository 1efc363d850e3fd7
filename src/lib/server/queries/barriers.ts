import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import type { Category, Column } from '../../domain/board';
import { catchballStateOf, type CatchballEntryView, type CatchballState } from '../../domain/catchball';
import type { DbOrTx } from '../db';
import { boards, cards, teams } from '../db/schema';
import { loadThreads } from './catchball';

/** A System-lane card: a barrier beyond its team's control, with where its catchball is. */
export interface Barrier {
	cardId: string;
	title: string;
	column: Column;
	category: Category | null;
	createdAt: string;
	/** Null when never thrown ("not raised"). */
	state: CatchballState | null;
	/** When it was first thrown. */
	raisedAt: string | null;
	/** The latest move of its thread. */
	last: CatchballEntryView | null;
}

export interface TeamBarriers {
	team: { id: string; name: string };
	barriers: Barrier[];
}

/** In the air first (longest waiting first), then owned, then not raised yet (oldest first). */
function rank(barrier: Barrier): [number, string] {
	if (!barrier.state) return [2, barrier.createdAt];
	return [barrier.state.state === 'in_air' ? 0 : 1, barrier.state.since];
}

function byWait(a: Barrier, b: Barrier): number {
	const [ra, sa] = rank(a);
	const [rb, sb] = rank(b);
	return ra - rb || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

/**
 * The organisation view's system barriers: the active System-lane cards of every team (not the
 * leadership board: its cards are leadership's own work), grouped by team, teams by name. Teams
 * without barriers are listed with none.
 */
export async function systemBarriers(db: DbOrTx, actor: Actor): Promise<TeamBarriers[]> {
	const teamRows = await db
		.select({ id: teams.id, name: teams.name })
		.from(teams)
		.where(and(eq(teams.organisationId, actor.organisationId), eq(teams.isLeadership, false)))
		.orderBy(asc(teams.name));
	const cardRows = await db
		.select({
			id: cards.id,
			title: cards.title,
			column: cards.column,
			category: cards.category,
			createdAt: cards.createdAt,
			teamId: boards.teamId
		})
		.from(cards)
		.innerJoin(boards, eq(boards.id, cards.boardId))
		.where(and(eq(cards.organisationId, actor.organisationId), eq(cards.lane, 'system'), eq(cards.status, 'active')));
	const threads = await loadThreads(db, cardRows.map((c) => c.id));
	const byTeam = new Map<string, Barrier[]>(teamRows.map((t) => [t.id, []]));
	for (const row of cardRows) {
		const thread = threads.get(row.id) ?? [];
		byTeam.get(row.teamId)?.push({
			cardId: row.id,
			title: row.title,
			column: row.column,
			category: row.category,
			createdAt: row.createdAt.toISOString(),
			state: catchballStateOf(thread),
			raisedAt: thread[0]?.at ?? null,
			last: thread.at(-1) ?? null
		});
	}
	return teamRows.map((team) => ({ team, barriers: (byTeam.get(team.id) ?? []).sort(byWait) }));
}
