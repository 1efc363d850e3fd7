import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../domain/access';
import type { BoardEvent, CommentView } from '../../domain/events';
import type { DbOrTx } from '../db';
import { boardEvents, comments, users } from '../db/schema';
import { findBoard } from './board';
import { isPlacedOn } from './cards';

/** A card's comments and history, as one board shows them. */
export interface CardActivity {
	/** Oldest first, as a conversation reads. */
	comments: CommentView[];
	/** Events about the card in this board's log, newest first. */
	history: BoardEvent[];
}

/** The newest events a card's history shows; older ones stay in the log (and in exports). */
export const HISTORY_LIMIT = 300;

const uuid = z.uuid();

/**
 * The comments and history of a card on a board the actor may read, or null when the board is not
 * theirs to read (another organisation, unknown) or the card does not show on it. Null never says which.
 */
export async function cardActivity(
	db: DbOrTx,
	actor: Actor,
	cardId: string,
	boardId: string
): Promise<CardActivity | null> {
	if (!uuid.safeParse(cardId).success || !uuid.safeParse(boardId).success) return null;
	const board = await findBoard(db, actor, boardId);
	if (!board || !(await isPlacedOn(db, cardId, boardId))) return null;
	const [commentRows, eventRows] = await Promise.all([
		db
			.select({
				id: comments.id,
				cardId: comments.cardId,
				authorId: comments.authorId,
				authorName: users.name,
				body: comments.body,
				createdAt: comments.createdAt
			})
			.from(comments)
			.leftJoin(users, eq(users.id, comments.authorId))
			.where(eq(comments.cardId, cardId))
			.orderBy(asc(comments.createdAt), asc(comments.id)),
		db
			.select({
				seq: boardEvents.seq,
				type: boardEvents.type,
				payload: boardEvents.payload,
				actorId: boardEvents.actorId,
				actorName: users.name,
				at: boardEvents.at
			})
			.from(boardEvents)
			.leftJoin(users, eq(users.id, boardEvents.actorId))
			.where(
				and(
					eq(boardEvents.boardId, boardId),
					or(
						sql`${boardEvents.payload} -> 'card' ->> 'id' = ${cardId}`,
						sql`${boardEvents.payload} ->> 'cardId' = ${cardId}`
					)
				)
			)
			.orderBy(desc(boardEvents.seq))
			.limit(HISTORY_LIMIT)
	]);
	return {
		comments: commentRows.map((c) => ({
			id: c.id,
			cardId: c.cardId,
			author: c.authorId ? { id: c.authorId, name: c.authorName ?? 'Someone' } : null,
			body: c.body,
			createdAt: c.createdAt.toISOString()
		})),
		history: eventRows.map(
			(r) =>
				({
					...r.payload,
					type: r.type,
					boardId,
					seq: r.seq,
					actor: r.actorId ? { id: r.actorId, name: r.actorName ?? 'Someone' } : null,
					at: r.at.toISOString()
				}) as BoardEvent
		)
	};
}
