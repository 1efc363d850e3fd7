import { and, eq, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../db';
import { isUniqueViolation } from '../db/errors';
import { jobs } from '../db/schema';

// The job table's statements. Each is one short statement or transaction: nothing here stays open while
// a handler runs (PGlite has one connection, and PostgreSQL's pool is shared with requests).

export type JobRow = typeof jobs.$inferSelect;

const sibling = alias(jobs, 'sibling');

/**
 * Claims up to `limit` due jobs for this worker: pending ones whose time has come, and running ones whose
 * claim has expired (their worker died). `FOR UPDATE SKIP LOCKED` makes concurrent claimers (other
 * instances) pass over rows another is claiming instead of waiting for them or taking them too; a row
 * claimed and committed meanwhile no longer matches when re-checked under the lock. A job waits while
 * another job with its dedupe key is running, so one key's work never runs twice at once.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<JobRow[]> {
	const due = db.$with('due').as(
		db
			.select({ id: jobs.id })
			.from(jobs)
			.where(
				and(
					or(
						and(eq(jobs.status, 'pending'), lte(jobs.runAt, now)),
						and(eq(jobs.status, 'running'), lte(jobs.claimedUntil, now))
					),
					sql`not exists (${db
						.select({ one: sql`1` })
						.from(sibling)
						.where(
							and(
								eq(sibling.dedupeKey, jobs.dedupeKey),
								eq(sibling.status, 'running'),
								sql`${sibling.claimedUntil} > ${now.toISOString()}`,
								ne(sibling.id, jobs.id)
							)
						)})`
				)
			)
			.orderBy(jobs.runAt, jobs.id)
			.limit(limit)
			.for('update', { skipLocked: true })
	);
	return db
		.with(due)
		.update(jobs)
		.set({
			status: 'running',
			attempts: sql`${jobs.attempts} + 1`,
			claimToken: sql`gen_random_uuid()`,
			claimedUntil: new Date(now.getTime() + leaseMs),
			updatedAt: now
		})
		.from(due)
		.where(eq(jobs.id, due.id))
		.returning();
}

/** Keeps a running job's claim alive; false when the claim was lost (expired and taken by another). */
export async function extendClaim(db: Db, job: JobRow, until: Date): Promise<boolean> {
	const rows = await db
		.update(jobs)
		.set({ claimedUntil: until })
		.where(and(eq(jobs.id, job.id), eq(jobs.claimToken, job.claimToken!)))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/** Marks a claimed job done; false when this worker no longer held the claim. */
export async function markDone(tx: DbOrTx, job: JobRow, now: Date): Promise<boolean> {
	const rows = await tx
		.update(jobs)
		.set({ status: 'done', claimToken: null, claimedUntil: null, updatedAt: now, finishedAt: now })
		.where(and(eq(jobs.id, job.id), eq(jobs.claimToken, job.claimToken!)))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/** Marks a claimed job failed for good. */
export async function markFailed(tx: DbOrTx, job: JobRow, error: string, now: Date): Promise<boolean> {
	const rows = await tx
		.update(jobs)
		.set({ status: 'failed', lastError: error, claimToken: null, claimedUntil: null, updatedAt: now, finishedAt: now })
		.where(and(eq(jobs.id, job.id), eq(jobs.claimToken, job.claimToken!)))
		.returning({ id: jobs.id });
	return rows.length > 0;
}

/**
 * Puts a failed job back to wait until `runAt`. When a job with the same dedupe key was enqueued while
 * this one ran, that one is the same work: it takes over this job's attempts, error and backoff, and this
 * row goes (two pending jobs of one key may not exist).
 */
export async function reschedule(db: Db, job: JobRow, error: string, runAt: Date, now: Date): Promise<boolean> {
	for (let tries = 0; ; tries++) {
		try {
			return await db.transaction(async (tx) => {
				if (job.dedupeKey !== null) {
					const [pending] = await tx
						.select({ id: jobs.id })
						.from(jobs)
						.where(and(eq(jobs.dedupeKey, job.dedupeKey), eq(jobs.status, 'pending')))
						.for('update');
					if (pending) {
						const gone = await tx
							.delete(jobs)
							.where(and(eq(jobs.id, job.id), eq(jobs.claimToken, job.claimToken!)))
							.returning({ id: jobs.id });
						if (!gone.length) return false;
						await tx
							.update(jobs)
							.set({
								attempts: sql`greatest(${jobs.attempts}, ${job.attempts})`,
								runAt: sql`greatest(${jobs.runAt}, ${runAt.toISOString()}::timestamptz)`,
								lastError: error,
								updatedAt: now
							})
							.where(eq(jobs.id, pending.id));
						return true;
					}
				}
				const rows = await tx
					.update(jobs)
					.set({ status: 'pending', runAt, lastError: error, claimToken: null, claimedUntil: null, updatedAt: now })
					.where(and(eq(jobs.id, job.id), eq(jobs.claimToken, job.claimToken!)))
					.returning({ id: jobs.id });
				return rows.length > 0;
			});
		} catch (caught) {
			// A job of the same key was enqueued between our look and our update: look again.
			if (tries < 2 && isUniqueViolation(caught)) continue;
			throw caught;
		}
	}
}

/** The earliest time a job may become claimable: a pending job's run_at or a running job's claim end. */
export async function nextDueAt(db: Db): Promise<Date | null> {
	const [row] = await db
		.select({
			pending: sql<Date | string | null>`min(case when ${jobs.status} = 'pending' then ${jobs.runAt} end)`,
			claimed: sql<Date | string | null>`min(case when ${jobs.status} = 'running' then ${jobs.claimedUntil} end)`
		})
		.from(jobs)
		.where(inArray(jobs.status, ['pending', 'running']));
	// A raw aggregate is not mapped by the column: PGlite gives a Date, postgres.js a string.
	const times = [row?.pending, row?.claimed].filter((t) => t != null).map((t) => new Date(t));
	return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

/** Deletes finished jobs: done ones before `doneBefore`, failed ones before `failedBefore`. */
export async function purgeFinished(db: DbOrTx, doneBefore: Date, failedBefore: Date): Promise<number> {
	const rows = await db
		.delete(jobs)
		.where(
			or(
				and(eq(jobs.status, 'done'), lt(jobs.finishedAt, doneBefore)),
				and(eq(jobs.status, 'failed'), lt(jobs.finishedAt, failedBefore))
			)
		)
		.returning({ id: jobs.id });
	return rows.length;
}
