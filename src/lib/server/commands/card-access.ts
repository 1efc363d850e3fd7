import { eq } from 'drizzle-orm';
import { canWriteTeam } from '../../domain/access';
import { cardPlacements, cards } from '../db/schema';
import { ServiceError } from '../services/errors';
import type { BoardTransaction, LockedBoard } from './board-transaction';

export type CardRow = typeof cards.$inferSelect;

export interface LockedCard {
	card: CardRow;
	/** Where the card shows: its order key and effort share on each board. */
	placements: { boardId: string; position: string; effortShare: number }[];
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
	// One read before locking: the card's home board and where it shows.
	const heads = await bt.tx
		.select({ boardId: cards.boardId, organisationId: cards.organisationId, placedOn: cardPlacements.boardId })
		.from(cards)
		.leftJoin(cardPlacements, eq(cardPlacements.cardId, cards.id))
		.where(eq(cards.id, cardId));
	const head = heads[0];
	if (!head || head.organisationId !== bt.actor.organisationId) throw notFound();
	await bt.lock([head.boardId, ...heads.map((h) => h.placedOn).filter((id): id is string => !!id)]);

	// Every writer of a card locks its home board, so from here its row and placements hold still.
	const [card] = await bt.tx.select().from(cards).where(eq(cards.id, cardId));
	if (!card) throw notFound();
	const placements = await bt.tx
		.select({ boardId: cardPlacements.boardId, position: cardPlacements.position, effortShare: cardPlacements.effortShare })
		.from(cardPlacements)
		.where(eq(cardPlacements.cardId, cardId));
	// A link added between the first read and the lock: lock that board too.
	const locked = await bt.lock(placements.map((p) => p.boardId));
	const home = locked.get(card.boardId)!;
	const boards = [home, ...placements.filter((p) => p.boardId !== card.boardId).map((p) => locked.get(p.boardId)!)];
	return { card, boards, home, placements };
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
