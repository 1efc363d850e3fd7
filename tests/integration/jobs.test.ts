// The background job runner on the app's own database (PGlite by default, PostgreSQL with
// TEST_DATABASE_URL): runs, retries with backoff, transactions, dedupe keys, recurring work, expired
// claims, and on PostgreSQL two runners on separate connection pools racing over the same jobs.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../src/lib/server/context';
import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { jobs } from '../../src/lib/server/db/schema';
import { defineJob, enqueue, JobRunner, runDueJobs, type JobKind } from '../../src/lib/server/jobs';
import { nextSlot } from '../../src/lib/server/jobs/kind';
import { claimDue, markDone } from '../../src/lib/server/jobs/store';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let ctx: AppContext;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
});

afterAll(async () => {
	await database?.close();
});

beforeEach(async () => {
	await ctx.db.delete(jobs);
});

/** Runs of each kind, by job id, in the order they began. */
const runs: { kind: string; id: string; attempt: number; payload: unknown }[] = [];
beforeEach(() => {
	runs.length = 0;
});

const echo = defineJob({
	kind: 'test.echo',
	payload: z.object({ n: z.int() }),
	async run(_ctx, payload, job) {
		runs.push({ kind: 'test.echo', id: job.id, attempt: job.attempt, payload });
	}
});

const broken = defineJob({
	kind: 'test.broken',
	payload: z.object({}),
	maxAttempts: 4,
	async run(_ctx, payload, job) {
		runs.push({ kind: 'test.broken', id: job.id, attempt: job.attempt, payload });
		throw new Error(`mail server said no (attempt ${job.attempt})`);
	}
});

const healsOnThird = defineJob({
	kind: 'test.heals',
	payload: z.object({}),
	async run(_ctx, payload, job) {
		runs.push({ kind: 'test.heals', id: job.id, attempt: job.attempt, payload });
		if (job.attempt < 3) throw new Error('not yet');
	}
});

const kinds = [echo, broken, healsOnThird] as readonly JobKind<unknown>[];

/** A clock the test moves; starts at the real now so jobs enqueued "now" are due. */
function clock() {
	let offset = 0;
	return { now: () => new Date(Date.now() + offset), advanceTo: (at: Date) => (offset = Math.max(offset, at.getTime() - Date.now() + 1)) };
}

async function rowsOf(kind: string) {
	return ctx.db.select().from(jobs).where(eq(jobs.kind, kind)).orderBy(jobs.createdAt);
}

describe('running jobs', () => {
	it('runs a job once and marks it done', async () => {
		const id = await enqueue(ctx.db, echo, { n: 1 });
		const outcomes = await runDueJobs(ctx, { kinds });
		expect(outcomes).toEqual([{ id, kind: 'test.echo', attempt: 1, status: 'done' }]);
		expect(await runDueJobs(ctx, { kinds })).toEqual([]);
		expect(runs).toEqual([{ kind: 'test.echo', id, attempt: 1, payload: { n: 1 } }]);
		const [row] = await rowsOf('test.echo');
		expect(row).toMatchObject({ status: 'done', attempts: 1, claimToken: null, lastError: null });
		expect(row!.finishedAt).toBeInstanceOf(Date);
	});

	it('refuses at enqueue a payload that does not fit the kind', async () => {
		await expect(enqueue(ctx.db, echo, { n: 'one' } as never)).rejects.toThrow();
		expect(await rowsOf('test.echo')).toEqual([]);
	});

	it('runs a job scheduled for later only once its time has come', async () => {
		const time = clock();
		const runAt = new Date(Date.now() + 60 * 60_000);
		await enqueue(ctx.db, echo, { n: 2 }, { runAt });
		expect(await runDueJobs(ctx, { kinds, now: time.now })).toEqual([]);
		time.advanceTo(runAt);
		expect((await runDueJobs(ctx, { kinds, now: time.now })).map((o) => o.status)).toEqual(['done']);
	});

	it('retries a failing job with growing delays, then marks it failed and logs it', async () => {
		const time = clock();
		const errors: string[] = [];
		const backoff = { baseMs: 1_000, maxMs: 60_000 };
		const options = { kinds, now: time.now, backoff, log: { error: (m: string) => errors.push(m), warn: () => {} } };
		const id = await enqueue(ctx.db, broken, {});
		const delays: number[] = [];
		for (let attempt = 1; attempt <= 3; attempt++) {
			const before = time.now().getTime();
			const [outcome, ...rest] = await runDueJobs(ctx, options);
			expect(rest).toEqual([]);
			if (outcome?.status !== 'retry') throw new Error(`expected a retry, got ${JSON.stringify(outcome)}`);
			expect(outcome.attempt).toBe(attempt);
			const delay = outcome.runAt.getTime() - before;
			// Equal jitter: between half and all of base · 2^(attempt-1).
			const full = backoff.baseMs * 2 ** (attempt - 1);
			expect(delay).toBeGreaterThanOrEqual(full / 2 - 50);
			expect(delay).toBeLessThanOrEqual(full + 50);
			delays.push(delay);
			const [row] = await rowsOf('test.broken');
			expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: `mail server said no (attempt ${attempt})` });
			// Not before its time: the backoff holds.
			expect(await runDueJobs(ctx, options)).toEqual([]);
			time.advanceTo(outcome.runAt);
		}
		expect(delays[1]).toBeGreaterThanOrEqual(delays[0]!);
		expect(delays[2]).toBeGreaterThanOrEqual(delays[1]!);
		expect(await runDueJobs(ctx, options)).toEqual([
			{ id, kind: 'test.broken', attempt: 4, status: 'failed', error: 'mail server said no (attempt 4)' }
		]);
		const [row] = await rowsOf('test.broken');
		expect(row).toMatchObject({ status: 'failed', attempts: 4, lastError: 'mail server said no (attempt 4)' });
		expect(errors).toEqual([`jobs: test.broken ${id} failed after 4 attempt(s): mail server said no (attempt 4)`]);
		time.advanceTo(new Date(Date.now() + 24 * 60 * 60_000));
		expect(await runDueJobs(ctx, options)).toEqual([]);
		expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
	});

	it('marks a job done once a retry succeeds', async () => {
		const time = clock();
		await enqueue(ctx.db, healsOnThird, {});
		const statuses: string[] = [];
		for (let i = 0; i < 3; i++) {
			for (const outcome of await runDueJobs(ctx, { kinds, now: time.now })) {
				statuses.push(outcome.status);
				if (outcome.status === 'retry') time.advanceTo(outcome.runAt);
			}
		}
		expect(statuses).toEqual(['retry', 'retry', 'done']);
		expect((await rowsOf('test.heals'))[0]).toMatchObject({ status: 'done', attempts: 3 });
	});

	it('marks failed, without running it, a job whose payload no longer fits its kind', async () => {
		await ctx.db.insert(jobs).values({ kind: 'test.echo', payload: { n: 'not a number' } });
		const [outcome] = await runDueJobs(ctx, { kinds });
		expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('payload does not fit test.echo') });
		expect(runs).toEqual([]);
	});
});

describe('enqueueing in a transaction', () => {
	it('never runs a job whose transaction rolled back', async () => {
		await expect(
			ctx.db.transaction(async (tx) => {
				await enqueue(tx, echo, { n: 3 });
				throw new Error('the change was refused');
			})
		).rejects.toThrow('the change was refused');
		expect(await runDueJobs(ctx, { kinds })).toEqual([]);
		expect(await rowsOf('test.echo')).toEqual([]);
		expect(runs).toEqual([]);
	});

	it('runs a job whose transaction committed', async () => {
		await ctx.db.transaction(async (tx) => {
			await enqueue(tx, echo, { n: 4 });
		});
		expect((await runDueJobs(ctx, { kinds })).map((o) => o.status)).toEqual(['done']);
	});
});

describe('dedupe keys', () => {
	it('keeps one pending job per key; a job enqueued while one runs is kept for after it', async () => {
		const first = await enqueue(ctx.db, echo, { n: 1 }, { dedupeKey: 'digest:ada' });
		expect(await enqueue(ctx.db, echo, { n: 2 }, { dedupeKey: 'digest:ada' })).toBeNull();
		expect(await enqueue(ctx.db, echo, { n: 9 }, { dedupeKey: 'digest:bo' })).not.toBeNull();
		let during: string | null = null;
		const enqueuesWhileRunning = defineJob({
			...echo,
			async run(runCtx, payload, job) {
				await echo.run(runCtx, payload, job);
				if (job.dedupeKey === 'digest:ada' && payload.n === 1) during = await enqueue(runCtx.db, echo, { n: 5 }, { dedupeKey: 'digest:ada' });
			}
		});
		const runKinds = [enqueuesWhileRunning] as readonly JobKind<unknown>[];
		const outcomes = await runDueJobs(ctx, { kinds: runKinds });
		// The one enqueued while the first ran waited for it to end, then ran too.
		expect(during).not.toBeNull();
		expect(outcomes.map((o) => o.id).sort()).toEqual([first, during, outcomes.find((o) => o.id !== first && o.id !== during)!.id].sort());
		expect(runs.filter((r) => r.kind === 'test.echo').map((r) => (r.payload as { n: number }).n).sort()).toEqual([1, 5, 9]);
	});

	it('folds a failed job into the pending job of its key, keeping its attempts and backoff', async () => {
		const time = clock();
		let during: string | null = null;
		const failsOnce = defineJob({
			kind: 'test.fails-once',
			payload: z.object({ n: z.int() }),
			async run(runCtx, payload, job) {
				runs.push({ kind: 'test.fails-once', id: job.id, attempt: job.attempt, payload });
				if (payload.n === 1) {
					during = await enqueue(runCtx.db, failsOnce, { n: 2 }, { dedupeKey: 'webhook:y' });
					throw new Error('endpoint down');
				}
			}
		});
		const runKinds = [failsOnce] as readonly JobKind<unknown>[];
		await enqueue(ctx.db, failsOnce, { n: 1 }, { dedupeKey: 'webhook:y' });
		const [outcome] = await runDueJobs(ctx, { kinds: runKinds, now: time.now });
		if (outcome?.status !== 'retry') throw new Error(`expected a retry, got ${JSON.stringify(outcome)}`);
		const rows = await rowsOf('test.fails-once');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ id: during, status: 'pending', attempts: 1, lastError: 'endpoint down', payload: { n: 2 } });
		expect(rows[0]!.runAt.getTime()).toBe(outcome.runAt.getTime());
		time.advanceTo(outcome.runAt);
		expect(await runDueJobs(ctx, { kinds: runKinds, now: time.now })).toEqual([
			{ id: during, kind: 'test.fails-once', attempt: 2, status: 'done' }
		]);
	});
});

describe('recurring jobs', () => {
	it('keeps one pending occurrence however many runners start, and schedules the next after each run', async () => {
		const every = 5 * 60_000;
		const tick = defineJob({
			kind: 'test.tick',
			payload: z.object({}),
			everyMs: every,
			async run(_ctx, payload, job) {
				runs.push({ kind: 'test.tick', id: job.id, attempt: job.attempt, payload });
			}
		});
		const time = clock();
		const runner = () => new JobRunner({ getContext: async () => ctx, kinds: [tick] as readonly JobKind<unknown>[], now: time.now });
		await Promise.all([runner().scheduleRecurring(), runner().scheduleRecurring(), runner().scheduleRecurring()]);
		const pending = await rowsOf('test.tick');
		expect(pending).toHaveLength(1);
		const slot = nextSlot(time.now(), every);
		expect(pending[0]!.runAt.getTime()).toBe(slot.getTime());
		expect(await runner().runDue()).toEqual([]);

		time.advanceTo(slot);
		const [a, b] = [runner(), runner()];
		const outcomes = [...(await Promise.all([a.runDue(), b.runDue()])).flat()];
		expect(outcomes.map((o) => o.status)).toEqual(['done']);
		await runner().scheduleRecurring();
		const after = await ctx.db
			.select({ runAt: jobs.runAt })
			.from(jobs)
			.where(and(eq(jobs.kind, 'test.tick'), eq(jobs.status, 'pending')));
		expect(after.map((r) => r.runAt.getTime())).toEqual([slot.getTime() + every]);
	});
});

describe('claims', () => {
	it('takes over the job of a worker that died once its claim has expired', async () => {
		const time = clock();
		const leaseMs = 60_000;
		const id = await enqueue(ctx.db, echo, { n: 7 });
		// A worker claims it and dies: nothing marks it done or renews the claim.
		const [dead] = await claimDue(ctx.db, time.now(), 1, leaseMs);
		expect(dead?.id).toBe(id);
		expect(await runDueJobs(ctx, { kinds, now: time.now, leaseMs })).toEqual([]);
		time.advanceTo(new Date(dead!.claimedUntil!.getTime()));
		expect(await runDueJobs(ctx, { kinds, now: time.now, leaseMs })).toEqual([{ id, kind: 'test.echo', attempt: 2, status: 'done' }]);
		// The dead worker's claim is void: had it come back, it could not mark the job done.
		expect(await markDone(ctx.db, dead!, time.now())).toBe(false);
		expect(runs.map((r) => r.id)).toEqual([id]);
	});

	it('marks failed a job whose worker died during its last attempt', async () => {
		const time = clock();
		const id = await enqueue(ctx.db, echo, { n: 8 }, { maxAttempts: 1 });
		const [dead] = await claimDue(ctx.db, time.now(), 1, 1_000);
		time.advanceTo(dead!.claimedUntil!);
		expect(await runDueJobs(ctx, { kinds, now: time.now })).toEqual([
			{ id, kind: 'test.echo', attempt: 2, status: 'failed', error: 'its worker stopped during the last attempt' }
		]);
		expect(runs).toEqual([]);
	});
});

describe('the running loop', () => {
	it('wakes at once for a job committed elsewhere (no waiting for the poll), and stops cleanly', async () => {
		let ran!: (id: string) => void;
		const seen = new Promise<string>((resolve) => (ran = resolve));
		const signal = defineJob({
			kind: 'test.signal',
			payload: z.object({}),
			async run(_ctx, _payload, job) {
				ran(job.id);
			}
		});
		// A poll far longer than the test's bound: only the notification can bring the job in time.
		const runner = new JobRunner({
			getContext: async () => ctx,
			kinds: [signal] as readonly JobKind<unknown>[],
			pollMs: 10 * 60_000,
			listen: database.listen
		});
		await runner.start();
		try {
			const id = await ctx.db.transaction((tx) => enqueue(tx, signal, {}));
			const bound = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('the runner did not wake within 5 s')), 5_000).unref());
			expect(await Promise.race([seen, bound])).toBe(id);
		} finally {
			await runner.stop();
		}
		await expect.poll(async () => (await rowsOf('test.signal'))[0]?.status).toBe('done');
	});
});

describe.skipIf(!usingPostgres())('two runners on one PostgreSQL', () => {
	let secondPool: Database;

	beforeAll(async () => {
		// A second instance has a pool of its own: separate connections, separate transactions.
		secondPool = await openDatabase({ url: database.url!, skipMigrations: true, maxConnections: 5 });
	});

	afterAll(async () => {
		await secondPool?.close();
	});

	it('race over 200 jobs and run each exactly once', async () => {
		const JOBS = 200;
		const ranBy: Record<string, string[]> = {};
		const work = defineJob({
			kind: 'test.work',
			payload: z.object({ n: z.int() }),
			async run(runCtx, _payload, job) {
				const who = runCtx === ctx ? 'first' : 'second';
				(ranBy[job.id] ??= []).push(who);
				await new Promise((resolve) => setTimeout(resolve, 1));
			}
		});
		const runKinds = [work] as readonly JobKind<unknown>[];
		for (let n = 0; n < JOBS; n++) await enqueue(ctx.db, work, { n });
		const secondCtx: AppContext = { db: secondPool.db, realtime: silentHub };
		// Both pools connected before the race starts.
		await Promise.all([ctx.db.select({ n: count() }).from(jobs), secondCtx.db.select({ n: count() }).from(jobs)]);
		const first = new JobRunner({ getContext: async () => ctx, kinds: runKinds, concurrency: 4 });
		const second = new JobRunner({ getContext: async () => secondCtx, kinds: runKinds, concurrency: 4 });
		const [a, b] = await Promise.all([first.runDue(), second.runDue()]);

		const twice = Object.entries(ranBy).filter(([, who]) => who.length > 1);
		expect(twice).toEqual([]);
		expect(Object.keys(ranBy)).toHaveLength(JOBS);
		expect(a.length + b.length).toBe(JOBS);
		expect([a.length > 0, b.length > 0]).toEqual([true, true]);
		const [done] = await ctx.db.select({ n: count() }).from(jobs).where(and(eq(jobs.kind, 'test.work'), eq(jobs.status, 'done'), eq(jobs.attempts, 1)));
		expect(done!.n).toBe(JOBS);
	});
});
