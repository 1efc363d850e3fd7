import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { canReadTeam, canWriteTeam, type Actor } from '../../domain/access';
import type { BoardEvent, CardView } from '../../domain/events';
import { hypothesisWritten } from '../../domain/gates';
import type { DbOrTx } from '../db';
import { boardEvents, boards, teams, users } from '../db/schema';
import { loadBoardCards, loadCardViews } from './cards';
import { loadBoardSettings } from './board-settings';

export interface BoardHeader {
	id: string;
	organisationId: string;
	team: { id: string; name: string; isLeadership: boolean; timeZone: string };
	lastSeq: number;
}

/** The board of a team the actor may read; null for unknown teams and other organisations' teams. */
export async function findTeamBoard(db: DbOrTx, actor: Actor, teamId: string): Promise<BoardHeader | null> {
	const [row] = await db
		.select({
			id: boards.id,
			organisationId: boards.organisationId,
			lastSeq: boards.lastSeq,
			teamId: teams.id,
			teamName: teams.name,
			isLeadership: teams.isLeadership,
			timeZone: teams.timeZone
		})
		.from(boards)
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(eq(teams.id, teamId));
	if (!row) return null;
	const team = { id: row.teamId, organisationId: row.organisationId, isLeadership: row.isLeadership };
	if (!canReadTeam(actor, team)) return null;
	return {
		id: row.id,
		organisationId: row.organisationId,
		lastSeq: row.lastSeq,
		team: { id: row.teamId, name: row.teamName, isLeadership: row.isLeadership, timeZone: row.timeZone }
	};
}

/** A board by id, if the actor may read it. */
export async function findBoard(db: DbOrTx, actor: Actor, boardId: string): Promise<BoardHeader | null> {
	const [row] = await db.select({ teamId: boards.teamId }).from(boards).where(eq(boards.id, boardId));
	return row ? findTeamBoard(db, actor, row.teamId) : null;
}

export function canWriteBoard(actor: Actor, board: BoardHeader): boolean {
	return canWriteTeam(actor, {
		id: board.team.id,
		organisationId: board.organisationId,
		isLeadership: board.team.isLeadership
	});
}

const uuid = z.uuid();

/**
 * A card's whole record as a board the actor may read shows it (the card panel loads it on open); null
 * when the board is another organisation's or unknown, or the card does not show on it. Null never
 * says which.
 */
export async function cardOnBoard(db: DbOrTx, actor: Actor, cardId: string, boardId: string): Promise<CardView | null> {
	if (!uuid.safeParse(cardId).success || !uuid.safeParse(boardId).success) return null;
	const board = await findBoard(db, actor, boardId);
	if (!board) return null;
	return (await loadCardViews(db, cardId)).get(board.id) ?? null;
}

/**
 * A consistent snapshot of a board: its cards and the seq they reflect. Read in one transaction so
 * a client that applies events after `seq` misses nothing and applies nothing twice.
 */
export async function loadBoardSnapshot(db: DbOrTx, boardId: string) {
	return db.transaction(async (tx) => {
		const [board] = await tx
			.select({ lastSeq: boards.lastSeq, teamId: teams.id, teamName: teams.name })
			.from(boards)
			.innerJoin(teams, eq(teams.id, boards.teamId))
			.where(eq(boards.id, boardId));
		if (!board) throw new Error(`no board ${boardId}`);
		const cards = await loadBoardCards(tx, boardId);
		const settings = await loadBoardSettings(tx, boardId);
		return { seq: board.lastSeq, cards, settings, team: { id: board.teamId, name: board.teamName } };
	});
}

/** Every board of the organisation with its seq (for displays that listen for changes). */
export async function boardSeqsOf(db: DbOrTx, organisationId: string): Promise<{ boardId: string; seq: number }[]> {
	return db.select({ boardId: boards.id, seq: boards.lastSeq }).from(boards).where(eq(boards.organisationId, organisationId));
}

/** Events of a board after `afterSeq`, oldest first, at most `limit`. */
export async function eventsSince(db: DbOrTx, boardId: string, afterSeq: number, limit = 1000): Promise<BoardEvent[]> {
	const rows = await db
		.select(eventColumns)
		.from(boardEvents)
		.where(and(eq(boardEvents.boardId, boardId), gt(boardEvents.seq, afterSeq)))
		.orderBy(asc(boardEvents.seq))
		.limit(limit);
	return eventsFrom(db, rows);
}

/** The events a command appended (one per board it concerned), found by the client's command id. */
export async function eventsOfCommand(db: DbOrTx, commandId: string): Promise<BoardEvent[]> {
	const rows = await db.select(eventColumns).from(boardEvents).where(eq(boardEvents.commandId, commandId)).orderBy(asc(boardEvents.boardId));
	return eventsFrom(db, rows);
}

const eventColumns = {
	boardId: boardEvents.boardId,
	seq: boardEvents.seq,
	type: boardEvents.type,
	payload: boardEvents.payload,
	actorId: boardEvents.actorId,
	at: boardEvents.at
};

type EventRow = { boardId: string; seq: number; type: string; payload: Record<string, unknown>; actorId: string | null; at: Date };

async function eventsFrom(db: DbOrTx, rows: EventRow[]): Promise<BoardEvent[]> {
	const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
	const names = new Map(
		actorIds.length
			? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds))).map(
					(u) => [u.id, u.name] as const
				)
			: []
	);
	return rows.map(
		(r) =>
			({
				...withCardFlags(r.payload),
				type: r.type,
				boardId: r.boardId,
				seq: r.seq,
				actor: r.actorId ? { id: r.actorId, name: names.get(r.actorId) ?? 'Someone' } : null,
				at: r.at.toISOString()
			}) as BoardEvent
	);
}

/**
 * Events logged before cards carried `evidenceCount` and `hypothesisWritten` get them here, so a client
 * catching up on a board of summaries shows the right markers.
 */
function withCardFlags(payload: Record<string, unknown>): Record<string, unknown> {
	const card = payload.card as (Partial<CardView> & Pick<CardView, 'evidence' | 'hypothesisBelieve' | 'hypothesisResult' | 'hypothesisSignal'>) | undefined;
	if (!card || (card.evidenceCount !== undefined && card.hypothesisWritten !== undefined)) return payload;
	return { ...payload, card: { ...card, evidenceCount: card.evidence.length, hypothesisWritten: hypothesisWritten(card) } };
}
