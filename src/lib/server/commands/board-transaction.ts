import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import type { BoardEvent, BoardEventBody } from '../../domain/events';
import { sendNow } from '../db/client';
import { selectOnce } from '../db/prepared';
import type { Tx } from '../db';
import { boardEvents, boards, teams } from '../db/schema';
import { boardsNamingTeam } from '../queries/team-boards';
import type { RealtimeHub } from '../realtime/hub';
import { project } from '../projections';

export interface LockedBoard {
	id: string;
	organisationId: string;
	teamId: string;
	teamName: string;
	isLeadership: boolean;
	timeZone: string;
	/** Gates and limits as stored (read them with readSettings). */
	settings: unknown;
	/** The seq of the board's newest event, as of this transaction (it holds the board's lock). */
	lastSeq: number;
}

const lockedBoardColumns = {
	id: boards.id,
	organisationId: boards.organisationId,
	teamId: teams.id,
	teamName: teams.name,
	isLeadership: teams.isLeadership,
	timeZone: teams.timeZone,
	settings: boards.settings,
	lastSeq: boards.lastSeq
};

const lockBoardsOfCardStatement = selectOnce<LockedBoard>(lockedBoardColumns, (qb, columns) =>
	qb
		.select(columns)
		.from(boards)
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(
			sql`${boards.id} in (select board_id from card_placements where card_id = ${sql.placeholder('cardId')} union select board_id from cards where id = ${sql.placeholder('cardId')})`
		)
		.orderBy(asc(boards.id))
		.for('update', { of: boards })
);

/**
 * The unit of work of one board command: it locks the boards concerned (always in id order, so two
 * commands over the same boards cannot deadlock), appends events with each board's next seq, and
 * remembers them so they are broadcast only after the transaction commits.
 */
/**
 * The command was applied before under the same command id (a retry after a lost ack): it is answered
 * with that first outcome and applied nothing now.
 */
export class RepeatedCommand extends Error {
	constructor(readonly commandId: string) {
		super(`command ${commandId} was applied before`);
		this.name = 'RepeatedCommand';
	}
}

// Whether a command id already appended events. Asked right behind the first lock, so it runs once the
// lock is granted: a first attempt still in flight on these boards has committed by then.
const appliedBefore = selectOnce<{ found: number }>({ found: sql<number>`1` }, (qb, columns) =>
	qb.select(columns).from(boardEvents).where(eq(boardEvents.commandId, sql.placeholder('commandId'))).limit(1)
);

export class BoardTransaction {
	readonly events: BoardEvent[] = [];
	/** Notices for the realtime hub beyond board rooms (e.g. the organisation's catchball), sent after commit. */
	readonly notices: ((hub: RealtimeHub) => void)[] = [];
	/** Seqs this transaction took, so broadcasts keep seq order even when commits land out of order. */
	readonly reservations: { boardId: string; seq: number }[] = [];
	private readonly locked = new Map<string, LockedBoard>();
	/** How many of `events` the projections have seen (see settled). */
	private projected = 0;
	/** Appends sent and not yet answered (see append). */
	private readonly inFlight: Promise<unknown>[] = [];

	/** Whether this command's id was looked up yet (with the first lock). */
	private repeatChecked = false;

	constructor(
		readonly tx: Tx,
		readonly actor: Actor,
		readonly at: Date,
		/** The client's id for the command: its events carry it, and a repeat is answered, not applied. */
		readonly commandId: string | null = null
	) {}

	/**
	 * Sent right behind the transaction's first lock (same round trip, no wait of its own): refuses a
	 * command whose id already appended events, before anything is decided or written.
	 */
	private async afterFirstLock<T>(lock: Promise<T>): Promise<T> {
		if (this.repeatChecked || !this.commandId) return lock;
		this.repeatChecked = true;
		const repeat = appliedBefore(this.tx, { commandId: this.commandId });
		const [locked, found] = await Promise.all([lock, repeat]);
		if (found.length) throw new RepeatedCommand(this.commandId);
		return locked;
	}

	/** `SELECT … FOR UPDATE` on the boards not locked yet, in id order; returns every board asked for. */
	async lock(boardIds: Iterable<string>): Promise<Map<string, LockedBoard>> {
		const wanted = [...new Set(boardIds)].filter((id) => !this.locked.has(id)).sort();
		if (wanted.length) {
			const rows = await this.afterFirstLock(
				sendNow(
					this.tx
						.select(lockedBoardColumns)
						.from(boards)
						.innerJoin(teams, eq(teams.id, boards.teamId))
						.where(inArray(boards.id, wanted))
						.orderBy(asc(boards.id))
						.for('update', { of: boards })
				)
			);
			for (const row of rows) this.locked.set(row.id, row);
		}
		return this.locked;
	}

	/**
	 * Finds and locks, in one statement, every board a card shows on (its home board and each linked
	 * board), in id order. Returns them, or an empty list for an unknown card.
	 */
	async lockBoardsOfCard(cardId: string): Promise<LockedBoard[]> {
		const rows = await this.afterFirstLock(lockBoardsOfCardStatement(this.tx, { cardId }));
		for (const row of rows) this.locked.set(row.id, row);
		return rows;
	}

	/**
	 * Locks every board showing a team's name (`boardsNamingTeam`), in id order. Read again once they
	 * are locked: a card linked to the team or thrown into its court meanwhile locked the team's board
	 * too, so it has committed by now and its boards are locked as well (the rare latecomers out of order).
	 */
	async lockBoardsNamingTeam(teamId: string): Promise<LockedBoard[]> {
		const asked = new Set<string>();
		for (;;) {
			const ids = await boardsNamingTeam(this.tx, this.actor.organisationId, teamId);
			const missing = ids.filter((id) => !this.locked.has(id) && !asked.has(id));
			if (missing.length === 0) return ids.flatMap((id) => this.locked.get(id) ?? []);
			for (const id of missing) asked.add(id);
			await this.lock(missing);
		}
	}

	board(boardId: string): LockedBoard | undefined {
		return this.locked.get(boardId);
	}

	/**
	 * Appends an event to a locked board's log with the board's next seq, in one statement (the seq bump
	 * and the insert, with `alongside`: data-modifying CTEs for the change the event records).
	 *
	 * The seq is known without asking: the board is locked and its last seq was read with the lock. So
	 * the statement is sent and not waited for; what the command sends next (or the next command of a
	 * group) follows it in the same round trip. `settled()` must be awaited before the commit.
	 */
	async append(boardId: string, body: BoardEventBody, alongside?: SQL): Promise<BoardEvent> {
		const board = this.locked.get(boardId);
		if (!board) throw new Error(`board ${boardId} must be locked before appending`);
		const seq = ++board.lastSeq;
		const { type, ...payload } = body;
		this.inFlight.push(
			sendNow(
				this.tx.execute(sql`
					with ${alongside ? sql`${alongside}, ` : sql``}bumped as (
						update ${boards} set last_seq = ${seq} where id = ${boardId}
					)
					insert into ${boardEvents} (board_id, seq, type, payload, actor_id, at, command_id)
					values (${boardId}, ${seq}, ${type}, ${JSON.stringify(payload)}::jsonb, ${this.actor.userId}, ${this.at.toISOString()}::timestamptz, ${this.commandId})`)
			)
		);
		this.reservations.push({ boardId, seq });
		const event = {
			...body,
			boardId,
			seq,
			actor: { id: this.actor.userId, name: this.actor.name },
			at: this.at.toISOString()
		} as BoardEvent;
		this.events.push(event);
		return event;
	}

	/**
	 * Keeps the projections (read models of the log) in step with the events appended, then waits for
	 * every statement sent so far; throws the first one's failure. Awaited before the commit.
	 */
	async settled(): Promise<void> {
		const unprojected = this.events.slice(this.projected);
		this.projected = this.events.length;
		await project(this.tx, unprojected);
		await Promise.all(this.inFlight);
	}
}
