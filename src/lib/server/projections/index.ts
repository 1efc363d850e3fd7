import type { BoardEvent } from '../../domain/events';
import type { DbOrTx, Tx } from '../db';
import { eventsSince } from '../queries/board';

/**
 * Projections: read models kept by code that runs in the transaction that appends each event, so they
 * are never behind the log, and that can be rebuilt from the log at any time (ARCHITECTURE.md, Second
 * wave). Reviews and metrics read them instead of scanning events that carry whole cards.
 */
export interface Projector {
	/** Its name, for logs and the rebuild command. */
	name: string;
	/**
	 * Applies a command's events (one per board concerned, in seq order per board) inside the transaction
	 * that appends them. Send statements without waiting where possible (`sendNow`): the command's
	 * transaction awaits what it returns before it commits.
	 */
	project(tx: Tx, events: readonly BoardEvent[]): Promise<void>;
	/** Forgets what it derived from one board's log (a rebuild starts from nothing). */
	reset(db: DbOrTx, boardId: string): Promise<void>;
}

/** Every projection the command service keeps. A new one is added here, with a rebuild test. */
export const PROJECTORS: readonly Projector[] = [];

/** Runs every projection over a command's events (called by the command service, before commit). */
export async function project(tx: Tx, events: readonly BoardEvent[], projectors: readonly Projector[] = PROJECTORS): Promise<void> {
	if (events.length === 0) return;
	for (const projector of projectors) await projector.project(tx, events);
}

/**
 * Rebuilds one board's projections from its log: forgets them, then replays every event in seq order,
 * in batches, each batch in its own transaction.
 */
export async function rebuildProjections(db: DbOrTx, boardId: string, projectors: readonly Projector[] = PROJECTORS, batch = 1000): Promise<number> {
	for (const projector of projectors) await projector.reset(db, boardId);
	let seq = 0;
	let replayed = 0;
	for (;;) {
		const events: BoardEvent[] = await eventsSince(db, boardId, seq, batch);
		if (events.length === 0) return replayed;
		await db.transaction(async (tx) => {
			for (const event of events) await project(tx, [event], projectors);
		});
		seq = events.at(-1)!.seq;
		replayed += events.length;
	}
}
