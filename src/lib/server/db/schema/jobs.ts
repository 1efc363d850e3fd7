import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const jobStatusEnum = pgEnum('job_status', JOB_STATUSES);

/**
 * Background work (`src/lib/server/jobs/`): a row per job, claimed by one worker at a time with
 * `FOR UPDATE SKIP LOCKED`. A claim lasts until `claimed_until` (extended while the handler runs), so
 * the job of an instance that died is claimed again once that time has passed.
 */
export const jobs = pgTable(
	'jobs',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: text('kind').notNull(),
		payload: jsonb('payload').$type<unknown>().notNull().default({}),
		status: jobStatusEnum('status').notNull().default('pending'),
		/** When it may run (next): now, later, or after a failure's backoff. */
		// Set by the app's clock, which the runner compares with (the database's now() is its transaction's
		// start, in microseconds, and could read as later than the runner's millisecond "now").
		runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(() => new Date()),
		/** Attempts begun, the running one included. */
		attempts: integer('attempts').notNull().default(0),
		maxAttempts: integer('max_attempts').notNull().default(5),
		lastError: text('last_error'),
		/** At most one *pending* job per key ("the digest for person X"): a second enqueue is dropped. */
		dedupeKey: text('dedupe_key'),
		/** Set at each claim; only the worker holding it may finish the job. */
		claimToken: uuid('claim_token'),
		claimedUntil: timestamp('claimed_until', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('jobs_pending_dedupe_key_idx').on(t.dedupeKey).where(sql`status = 'pending'`),
		index('jobs_pending_run_at_idx').on(t.runAt).where(sql`status = 'pending'`),
		index('jobs_running_claimed_until_idx').on(t.claimedUntil).where(sql`status = 'running'`),
		index('jobs_finished_at_idx').on(t.finishedAt).where(sql`status in ('done', 'failed')`)
	]
);
