import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CommandOf } from '../../domain/commands';
import type { CommentView } from '../../domain/events';
import { cardOwners, cards, comments, evidenceEntries, members } from '../db/schema';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCardForWrite, requireActive } from './card-access';
import { emitCardEvent } from './emit';

async function bumpVersion(bt: BoardTransaction, cardId: string) {
	await bt.tx
		.update(cards)
		.set({ version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, cardId));
}

export async function addEvidence(bt: BoardTransaction, command: CommandOf<'card.add_evidence'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const [entry] = await bt.tx
		.insert(evidenceEntries)
		.values({
			cardId: card.id,
			kind: command.kind,
			summary: command.summary,
			before: command.before,
			after: command.after,
			link: command.link,
			verdict: command.verdict,
			createdBy: bt.actor.userId,
			createdAt: bt.at
		})
		.returning({ id: evidenceEntries.id });
	await bumpVersion(bt, card.id);
	const views = await emitCardEvent(bt, card.id, (view) => ({
		type: 'card.evidence_added',
		card: view,
		evidence: view.evidence.find((e) => e.id === entry!.id)!
	}));
	return { cardId: card.id, card: views.get(card.boardId)! };
}

/** Comments do not change the record, so they do not bump its version (no edit becomes stale). */
export async function addComment(bt: BoardTransaction, command: CommandOf<'card.comment'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	const [row] = await bt.tx
		.insert(comments)
		.values({ cardId: card.id, authorId: bt.actor.userId, body: command.body, createdAt: bt.at })
		.returning({ id: comments.id });
	const comment: CommentView = {
		id: row!.id,
		cardId: card.id,
		author: { id: bt.actor.userId, name: bt.actor.name },
		body: command.body,
		createdAt: bt.at.toISOString()
	};
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.commented', card: view, comment }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}

export async function setOwners(bt: BoardTransaction, command: CommandOf<'card.set_owners'>) {
	const { card } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const userIds = [...new Set(command.userIds)];
	if (userIds.length) {
		const inOrg = await bt.tx
			.select({ userId: members.userId })
			.from(members)
			.where(and(eq(members.organisationId, bt.actor.organisationId), inArray(members.userId, userIds)));
		if (inOrg.length !== userIds.length) {
			throw new ServiceError('invalid_input', 'Owners must be people of your organisation.', {
				userIds: ['Owners must be people of your organisation.']
			});
		}
	}
	await bt.tx.delete(cardOwners).where(eq(cardOwners.cardId, card.id));
	if (userIds.length) await bt.tx.insert(cardOwners).values(userIds.map((userId) => ({ cardId: card.id, userId })));
	await bumpVersion(bt, card.id);
	const views = await emitCardEvent(bt, card.id, (view) => ({ type: 'card.owners_set', card: view }));
	return { cardId: card.id, card: views.get(card.boardId)! };
}
