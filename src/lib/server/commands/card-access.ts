import { eq } from 'drizzle-orm';
import { canWriteTeam } from '../../domain/access';
import { cardPlacements, cards } from '../db/schema';
import { ServiceError } from '../services/errors';
import type { BoardTransaction, LockedBoard } from './board-transaction';

export type CardRow = typeof cards.$inferSelect;

export interface LockedCard {
	card: CardRow;
	/** Boards the card shows on (its home board first), all locked. */
	boards: LockedBoard[];
	home: LockedBoard;
}

const notFound = () => new ServiceError('not_found', 'That card does not exist (or was removed).');

/**
 * Loads a card for a write: refuses cards of other organisations as not found, locks every board the
 * card shows on, and checks the actor may write it (a member of its team or of a linked team).
 */
export async function lockCardForWrite(bt: BoardTransaction, cardId: string): Promise<LockedCard> {
	const locked = await lockCard(bt, cardId);
	const writable = locked.boards.some((b) =>
		canWriteTeam(bt.actor, { id: b.teamId, organisationId: b.organisationId, isLeadership: b.isLeadership })
	);
	if (!writable) {
		throw new ServiceError('forbidden', 'You can read this card but not change it: it belongs to a team you are not in.');
	}
	return locked;
}

/** Locks every board a card shows on (refusing other organisations' cards); authorisation is the caller's. */
export async function lockCard(bt: BoardTransaction, cardId: string): Promise<LockedCard> {
	const [head] = await bt.tx
		.select({ boardId: cards.boardId, organisationId: cards.organisationId })
		.from(cards)
		.where(eq(cards.id, cardId));
	if (!head || head.organisationId !== bt.actor.organisationId) throw notFound();

	const placedOn = async () =>
		(
			await bt.tx
				.select({ boardId: cardPlacements.boardId })
				.from(cardPlacements)
				.where(eq(cardPlacements.cardId, cardId))
		).map((p) => p.boardId);

	// Every writer of a card locks its home board, so once we hold it the placements cannot change.
	await bt.lock([head.boardId, ...(await placedOn())]);
	const boardIds = await placedOn();
	const locked = await bt.lock(boardIds);
	const [card] = await bt.tx.select().from(cards).where(eq(cards.id, cardId));
	if (!card) throw notFound();

	const home = locked.get(card.boardId)!;
	const boards = [home, ...boardIds.filter((id) => id !== card.boardId).map((id) => locked.get(id)!)];
	return { card, boards, home };
}

/** Refuses changes to a card that is archived or closed as learned (restore it first). */
export function requireActive(card: CardRow): void {
	if (card.status !== 'active') {
		const state = card.status === 'archived' ? 'archived' : 'closed as learned';
		throw new ServiceError('conflict', `This card is ${state}; restore it before changing it.`);
	}
}

/** Refuses an edit made on an older version of the card, so nobody's words are overwritten silently. */
export function requireVersion(card: CardRow, version: number, current: unknown): void {
	if (card.version !== version) {
		throw new ServiceError(
			'stale',
			'Someone else changed this card since you opened it. Their version is shown; apply your change again.',
			{},
			{ card: current }
		);
	}
}
