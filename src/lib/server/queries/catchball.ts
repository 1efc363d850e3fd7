import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/access';
import { catchballStateOf, type CatchballEntryView, type CatchballState } from '../../domain/catchball';
import type { DbOrTx } from '../db';
import { inCardSet, isEmptySet, type CardSet } from './card-set';
import { boards, cards, catchballEntries, teams, users } from '../db/schema';

const fromTeam = alias(teams, 'from_team');
const toTeam = alias(teams, 'to_team');

/** The catchball threads of some cards, oldest entry first, keyed by card. */
export async function loadThreads(db: DbOrTx, cardIds: CardSet): Promise<Map<string, CatchballEntryView[]>> {
	const threads = new Map<string, CatchballEntryView[]>();
	if (isEmptySet(cardIds)) return threads;
	const rows = await db
		.select({
			entry: catchballEntries,
			fromName: fromTeam.name,
			fromLeadership: fromTeam.isLeadership,
			toName: toTeam.name,
			toLeadership: toTeam.isLeadership,
			actorName: users.name
		})
		.from(catchballEntries)
		.innerJoin(fromTeam, eq(fromTeam.id, catchballEntries.fromTeamId))
		.innerJoin(toTeam, eq(toTeam.id, catchballEntries.toTeamId))
		.leftJoin(users, eq(users.id, catchballEntries.actorId))
		.where(inCardSet(catchballEntries.cardId, cardIds))
		.orderBy(asc(catchballEntries.at), asc(catchballEntries.id));
	for (const row of rows) {
		const e = row.entry;
		const list = threads.get(e.cardId) ?? [];
		list.push({
			id: e.id,
			kind: e.kind,
			from: { id: e.fromTeamId, name: row.fromName, isLeadership: row.fromLeadership },
			to: { id: e.toTeamId, name: row.toName, isLeadership: row.toLeadership },
			message: e.message,
			ask: e.ask,
			brief: e.kind === 'catch' ? { will: e.briefWill, how: e.briefHow, need: e.briefNeed } : null,
			actor: e.actorId && row.actorName ? { id: e.actorId, name: row.actorName } : null,
			at: e.at.toISOString()
		});
		threads.set(e.cardId, list);
	}
	return threads;
}

export interface CatchballItem {
	cardId: string;
	title: string;
	column: string;
	lane: string;
	homeTeam: { id: string; name: string; isLeadership: boolean };
	state: CatchballState;
}

/**
 * Every active card of the organisation that has been thrown, with where it is now. The latest entry of
 * each thread decides (DISTINCT ON card, newest first).
 */
export async function catchballItems(db: DbOrTx, organisationId: string): Promise<CatchballItem[]> {
	const latest = await db
		.selectDistinctOn([catchballEntries.cardId], { cardId: catchballEntries.cardId })
		.from(catchballEntries)
		.where(eq(catchballEntries.organisationId, organisationId))
		.orderBy(catchballEntries.cardId, desc(catchballEntries.at), desc(catchballEntries.id));
	const cardIds = latest.map((l) => l.cardId);
	if (cardIds.length === 0) return [];
	const rows = await db
		.select({
			id: cards.id,
			title: cards.title,
			column: cards.column,
			lane: cards.lane,
			teamId: teams.id,
			teamName: teams.name,
			isLeadership: teams.isLeadership
		})
		.from(cards)
		.innerJoin(boards, eq(boards.id, cards.boardId))
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(and(inArray(cards.id, cardIds), eq(cards.status, 'active')));
	const threads = await loadThreads(db, rows.map((r) => r.id));
	return rows
		.map((r) => ({
			cardId: r.id,
			title: r.title,
			column: r.column,
			lane: r.lane,
			homeTeam: { id: r.teamId, name: r.teamName, isLeadership: r.isLeadership },
			state: catchballStateOf(threads.get(r.id) ?? [])!
		}))
		.filter((item) => item.state)
		.sort((a, b) => (a.state.since < b.state.since ? -1 : 1));
}

/** The sides a person answers for in their inbox: their teams, and leadership for leaders. */
export async function inboxSides(db: DbOrTx, actor: Actor): Promise<string[]> {
	const sides = [...actor.teamIds];
	if (actor.role === 'leader') {
		const [leadership] = await db
			.select({ id: teams.id })
			.from(teams)
			.where(and(eq(teams.organisationId, actor.organisationId), eq(teams.isLeadership, true)));
		if (leadership) sides.push(leadership.id);
	}
	return sides;
}

/** Items in the air in the person's court (their teams', and leadership's for leaders), oldest first. */
export async function inboxOf(db: DbOrTx, actor: Actor): Promise<CatchballItem[]> {
	const sides = new Set(await inboxSides(db, actor));
	return (await catchballItems(db, actor.organisationId)).filter(
		(item) => item.state.state === 'in_air' && sides.has(item.state.court.id)
	);
}
