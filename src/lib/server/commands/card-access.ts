import { eq, sql, type SQL } from 'drizzle-orm';
import { selectOnce } from '../db/prepared';
import { canWriteTeam } from '../../domain/access';
import { cards } from '../db/schema';
import { ServiceError } from '../services/errors';
import type { Column, Lane } from '../../domain/board';
import type { Placed } from '../../domain/ordering';
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

type CardReadRow = { card: CardRow; placements: unknown; cell: unknown };

const cardSelection = (cell: SQL) => ({
	card: cards,
	placements: sql<unknown>`(
		select coalesce(json_agg(json_build_object('boardId', p.board_id, 'position', p.position, 'effortShare', p.effort_share)), '[]'::json)
		from card_placements p where p.card_id = ${cards.id})`,
	cell: sql<unknown>`${cell}`
});

// A card with its placements, and (for a move) the other cards of the cell it goes to, in order.
const readCardWithCell = selectOnce<CardReadRow>(
	cardSelection(sql`(
		select coalesce(json_agg(json_build_object('id', c.id, 'position', p.position) order by p.position, c.id), '[]'::json)
		from card_placements p join cards c on c.id = p.card_id
		where p.board_id = ${sql.placeholder('cellBoardId')} and c.status = 'active' and c."column" = ${sql.placeholder('cellColumn')}
			and (case when c.board_id = ${sql.placeholder('cellBoardId')} then c.lane else 'cross_team' end) = ${sql.placeholder('cellLane')}
			and c.id <> ${sql.placeholder('cardId')})`),
	(qb, selection) => qb.select(selection).from(cards).where(eq(cards.id, sql.placeholder('cardId')))
);
const readCard = selectOnce<CardReadRow>(cardSelection(sql`'[]'::json`), (qb, selection) =>
	qb.select(selection).from(cards).where(eq(cards.id, sql.placeholder('cardId')))
);

const notFound = () => new ServiceError('not_found', 'That card does not exist (or was removed).');

/**
 * Loads a card for a write: refuses cards of other organisations as not found, locks every board the
 * card shows on, and checks the actor may write it (a member of its team or of a linked team).
 */
export async function lockCardForWrite(bt: BoardTransaction, cardId: string): Promise<LockedCard> {
	const locked = await lockCard(bt, cardId);
	requireWritable(bt, locked.boards);
	return locked;
}

/** A member of the card's team or of a linked team (leaders and admins: any) may change it. */
export function requireWritable(bt: BoardTransaction, boards: readonly LockedBoard[]): void {
	const writable = boards.some((b) =>
		canWriteTeam(bt.actor, { id: b.teamId, organisationId: b.organisationId, isLeadership: b.isLeadership })
	);
	if (!writable) {
		throw new ServiceError('forbidden', 'You can read this card but not change it: it belongs to a team you are not in.');
	}
}

/** Locks every board a card shows on (refusing other organisations' cards); authorisation is the caller's. */
export async function lockCard(bt: BoardTransaction, cardId: string): Promise<LockedCard> {
	return (await lockCardWithCell(bt, cardId, null)).locked;
}

export interface CellRequest {
	boardId: string;
	column: Column;
	lane: Lane;
}

/**
 * Locks every board a card shows on, then reads the card with its placements and (for a move) the
 * target cell's other cards, in one round trip: each round trip here is paid while the boards are locked.
 */
export async function lockCardWithCell(
	bt: BoardTransaction,
	cardId: string,
	cell: CellRequest | null
): Promise<{ locked: LockedCard; cell: Placed[] }> {
	// Every writer of a card locks its home board first, so once the boards are locked its row and
	// placements hold still. The read is sent right behind the lock in the same round trip (pipelined):
	// PostgreSQL runs it once the lock is granted, with a snapshot taken then.
	// (The lock is asked for first: statements go out in the order they are made.)
	const lock = bt.lockBoardsOfCard(cardId);
	const read = cell
		? readCardWithCell(bt.tx, { cardId, cellBoardId: cell.boardId, cellColumn: cell.column, cellLane: cell.lane })
		: readCard(bt.tx, { cardId });
	const [lockedBoards, [row]] = await Promise.all([lock, read]);
	if (lockedBoards.length === 0 || lockedBoards.some((b) => b.organisationId !== bt.actor.organisationId)) throw notFound();
	if (!row) throw notFound();
	const { card } = row;
	const json = <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
	const placements = json<LockedCard['placements']>(row.placements);
	// A link added between finding the boards and locking them: lock that board too.
	const locked = await bt.lock(placements.map((p) => p.boardId));
	const home = locked.get(card.boardId)!;
	const boards = [home, ...placements.filter((p) => p.boardId !== card.boardId).map((p) => locked.get(p.boardId)!)];
	return { locked: { card, boards, home, placements }, cell: json<Placed[]>(row.cell) };
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
