import type { DbOrTx } from '../db';
import { jobs } from '../db/schema';
import { DEFAULT_MAX_ATTEMPTS, nextSlot, recurringKey, type JobKind } from './kind';
import { sql } from 'drizzle-orm';

export interface EnqueueOptions {
	/** Not before this time (default: now). */
	runAt?: Date;
	/** At most one pending job per key: while one waits, enqueueing another with its key does nothing. */
	dedupeKey?: string;
	/** Overrides the kind's number of attempts. */
	maxAttempts?: number;
}

/**
 * Adds a job. Call it with the transaction of the change that causes the work: the job exists only if
 * that change commits (and runners are woken at commit). Resolves with the job's id, or null when a
 * pending job with the same dedupe key already exists.
 */
export async function enqueue<P>(db: DbOrTx, kind: JobKind<P>, payload: P, options: EnqueueOptions = {}): Promise<string | null> {
	const checked = kind.payload.parse(payload);
	const rows = await db
		.insert(jobs)
		.values({
			kind: kind.kind,
			payload: checked,
			maxAttempts: options.maxAttempts ?? kind.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
			dedupeKey: options.dedupeKey ?? null,
			...(options.runAt ? { runAt: options.runAt } : {})
		})
		.onConflictDoNothing({ target: jobs.dedupeKey, where: sql`status = 'pending'` })
		.returning({ id: jobs.id });
	return rows[0]?.id ?? null;
}

/** Makes sure a recurring kind has its next occurrence pending (several instances: still one). */
export async function scheduleRecurring(db: DbOrTx, kind: JobKind<unknown>, now: Date): Promise<void> {
	if (!kind.everyMs) throw new Error(`job kind ${kind.kind} is not recurring`);
	await enqueue(db, kind, {}, { dedupeKey: recurringKey(kind), runAt: nextSlot(now, kind.everyMs) });
}
