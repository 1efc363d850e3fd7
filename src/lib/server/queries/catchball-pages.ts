import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../domain/access';
import { catchballStateOf, type CatchballEntryView, type CatchballState, type SideRef } from '../../domain/catchball';
import type { DbOrTx } from '../db';
import { boards, cards, teams } from '../db/schema';
import { loadThreads } from './catchball';

/** One card's catchball, for its Catchball tab and the session view's open item. */
export interface CardThread {
	cardId: string;
	title: string;
	status: 'active' | 'learned' | 'archived';
	homeTeam: SideRef;
	/** Oldest first. */
	thread: CatchballEntryView[];
	state: CatchballState | null;
}

const uuid = z.uuid();

/**
 * A card's catchball thread and state, or null when the card is not in the actor's organisation (or
 * does not exist: the two are indistinguishable).
 */
export async function cardThread(db: DbOrTx, actor: Actor, cardId: string): Promise<CardThread | null> {
	if (!uuid.safeParse(cardId).success) return null;
	const [row] = await db
		.select({
			id: cards.id,
			title: cards.title,
			status: cards.status,
			organisationId: cards.organisationId,
			teamId: teams.id,
			teamName: teams.name,
			isLeadership: teams.isLeadership
		})
		.from(cards)
		.innerJoin(boards, eq(boards.id, cards.boardId))
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(eq(cards.id, cardId));
	if (!row || row.organisationId !== actor.organisationId) return null;
	const thread = (await loadThreads(db, [row.id])).get(row.id) ?? [];
	return {
		cardId: row.id,
		title: row.title,
		status: row.status,
		homeTeam: { id: row.teamId, name: row.teamName, isLeadership: row.isLeadership },
		thread,
		state: catchballStateOf(thread)
	};
}
