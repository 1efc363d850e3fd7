import type { AppContext } from '../context';
import type { Database } from '../db';
import { backoffDelay, DEFAULT_BACKOFF, type Backoff } from './backoff';
import { scheduleRecurring } from './enqueue';
import type { JobKind, RunningJob } from './kind';
import { claimDue, extendClaim, markDone, markFailed, nextDueAt, reschedule, type JobRow } from './store';

/** The channel the `jobs` insert trigger notifies (migration jobs_notify). */
export const JOBS_CHANNEL = 'catchball_jobs';

export interface JobRunnerOptions {
	getContext: () => Promise<AppContext>;
	kinds: readonly JobKind<unknown>[];
	/** The clock (tests move it instead of sleeping). */
	now?: () => Date;
	/** Jitter source for the backoff. */
	random?: () => number;
	/** Jobs run at once by this runner. */
	concurrency?: number;
	/** Longest idle wait between looks at the table (delayed jobs, expired claims, missed wake-ups). */
	pollMs?: number;
	/** How long a claim lasts unless renewed; renewed every third of it while the handler runs. */
	leaseMs?: number;
	backoff?: Backoff;
	/** Wakes the runner at once when another transaction commits a job (LISTEN). */
	listen?: Database['listen'];
	log?: Pick<Console, 'error' | 'warn'>;
}

export type JobOutcome =
	| { id: string; kind: string; attempt: number; status: 'done' }
	| { id: string; kind: string; attempt: number; status: 'retry'; error: string; runAt: Date }
	| { id: string; kind: string; attempt: number; status: 'failed'; error: string }
	/** The claim expired and another worker took the job while this one ran it. */
	| { id: string; kind: string; attempt: number; status: 'lost' };

const MAX_ERROR_LENGTH = 2_000;
const MIN_IDLE_MS = 50;

/**
 * Runs background jobs from the app's own database: claims due jobs (several instances may run one
 * runner each), runs the handler of each job's kind outside any transaction, then marks it done, or
 * reschedules it with exponential backoff, or after its last attempt marks it failed and logs it.
 */
export class JobRunner {
	private readonly kinds: Map<string, JobKind<unknown>>;
	private readonly now: () => Date;
	private readonly random: () => number;
	private readonly concurrency: number;
	private readonly pollMs: number;
	private readonly leaseMs: number;
	private readonly backoff: Backoff;
	private readonly log: Pick<Console, 'error' | 'warn'>;
	private loop: Promise<void> | null = null;
	private stopping = false;
	private woken = false;
	private wakeUp: (() => void) | null = null;
	private unlisten: (() => Promise<void>) | null = null;
	private failing = false;

	constructor(private readonly options: JobRunnerOptions) {
		this.kinds = new Map(options.kinds.map((k) => [k.kind, k]));
		this.now = options.now ?? (() => new Date());
		this.random = options.random ?? Math.random;
		this.concurrency = options.concurrency ?? 2;
		this.pollMs = options.pollMs ?? 5_000;
		this.leaseMs = options.leaseMs ?? 5 * 60_000;
		this.backoff = options.backoff ?? DEFAULT_BACKOFF;
		this.log = options.log ?? console;
	}

	/** Schedules the recurring kinds, listens for new jobs and starts the loop. */
	async start(): Promise<void> {
		if (this.loop) return;
		this.stopping = false;
		await this.scheduleRecurring();
		if (this.options.listen) {
			try {
				this.unlisten = await this.options.listen(JOBS_CHANNEL, () => this.wake());
			} catch (error) {
				this.log.warn(`jobs: cannot listen for new jobs (polling every ${this.pollMs / 1000} s): ${messageOf(error)}`);
			}
		}
		this.loop = this.runLoop();
	}

	/**
	 * Stops claiming and waits (up to `timeoutMs`) for the jobs in hand. A job still running then is left
	 * to its claim's expiry, after which another instance takes it.
	 */
	async stop(timeoutMs = 5_000): Promise<void> {
		this.stopping = true;
		this.wake();
		const loop = this.loop;
		this.loop = null;
		if (loop) await Promise.race([loop, delay(timeoutMs)]);
		const unlisten = this.unlisten;
		this.unlisten = null;
		// With the database gone, unlistening would wait for it: the database is closing anyway.
		if (unlisten) await Promise.race([unlisten().catch(() => {}), delay(1_000)]);
	}

	/** Looks at the table now (an enqueue in this process, a notification). */
	wake(): void {
		this.woken = true;
		this.wakeUp?.();
	}

	/** Runs every job that is due now, batch after batch, until none is left (tests await this). */
	async runDue(): Promise<JobOutcome[]> {
		const outcomes: JobOutcome[] = [];
		for (;;) {
			const batch = await this.runBatch();
			if (!batch.length) return outcomes;
			outcomes.push(...batch);
		}
	}

	/** Claims up to `concurrency` due jobs and runs them. */
	async runBatch(): Promise<JobOutcome[]> {
		const ctx = await this.options.getContext();
		const claimed = await claimDue(ctx.db, this.now(), this.concurrency, this.leaseMs);
		return Promise.all(claimed.map((job) => this.runOne(ctx, job)));
	}

	/** Makes sure each recurring kind has its next occurrence pending (done by `start`). */
	async scheduleRecurring(): Promise<void> {
		const recurring = [...this.kinds.values()].filter((k) => k.everyMs);
		if (!recurring.length) return;
		const { db } = await this.options.getContext();
		for (const kind of recurring) await scheduleRecurring(db, kind, this.now());
	}

	private async runLoop(): Promise<void> {
		while (!this.stopping) {
			this.woken = false;
			let claimed = 0;
			try {
				claimed = (await this.runBatch()).length;
				if (this.failing) this.log.warn('jobs: the job table answers again');
				this.failing = false;
			} catch (error) {
				// The database is away (or restarting): say so once, then keep polling quietly.
				if (!this.failing) this.log.error(`jobs: cannot claim jobs: ${messageOf(error)}`);
				this.failing = true;
			}
			if (claimed > 0 || this.woken || this.stopping) continue;
			await this.sleep(await this.idleMs());
		}
	}

	/** Until the next job may be due, within [MIN_IDLE_MS, pollMs]. */
	private async idleMs(): Promise<number> {
		if (this.failing) return this.pollMs;
		try {
			const { db } = await this.options.getContext();
			const next = await nextDueAt(db);
			if (!next) return this.pollMs;
			const ms = next.getTime() - this.now().getTime();
			// Due already, yet not claimable: it waits for a running job of its key, or another worker
			// is claiming it. A notification or the poll brings us back.
			if (ms <= 0) return this.pollMs;
			return Math.min(this.pollMs, Math.max(MIN_IDLE_MS, ms));
		} catch {
			return this.pollMs;
		}
	}

	private sleep(ms: number): Promise<void> {
		if (this.woken || this.stopping) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(done, ms);
			function done() {
				clearTimeout(timer);
				resolve();
			}
			this.wakeUp = () => {
				this.wakeUp = null;
				done();
			};
		});
	}

	private async runOne(ctx: AppContext, job: JobRow): Promise<JobOutcome> {
		const head = { id: job.id, kind: job.kind, attempt: job.attempts };
		const kind = this.kinds.get(job.kind);
		if (job.attempts > job.maxAttempts) {
			// Claimed again after its claim expired on the last attempt: its worker stopped mid-run.
			return this.fail(ctx, job, kind, 'its worker stopped during the last attempt');
		}
		if (!kind) return this.retry(ctx, job, `no handler for job kind ${job.kind} on this instance`);
		const payload = kind.payload.safeParse(job.payload);
		if (!payload.success) return this.fail(ctx, job, kind, `payload does not fit ${job.kind}: ${payload.error.message}`);

		const running: RunningJob = { id: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts, dedupeKey: job.dedupeKey };
		const heartbeat = setInterval(() => {
			extendClaim(ctx.db, job, new Date(this.now().getTime() + this.leaseMs)).catch(() => {});
		}, Math.max(1_000, this.leaseMs / 3));
		heartbeat.unref?.();
		let error: unknown = null;
		try {
			await kind.run(ctx, payload.data, running);
		} catch (caught) {
			error = caught ?? new Error('failed');
		} finally {
			clearInterval(heartbeat);
		}
		if (error === null) {
			const held = await ctx.db.transaction(async (tx) => {
				const marked = await markDone(tx, job, this.now());
				if (marked && kind.everyMs) await scheduleRecurring(tx, kind, this.now());
				return marked;
			});
			return held ? { ...head, status: 'done' } : this.lost(job);
		}
		if (job.attempts >= job.maxAttempts) return this.fail(ctx, job, kind, messageOf(error));
		return this.retry(ctx, job, messageOf(error));
	}

	private async retry(ctx: AppContext, job: JobRow, error: string): Promise<JobOutcome> {
		const now = this.now();
		const runAt = new Date(now.getTime() + backoffDelay(job.attempts, this.backoff, this.random));
		const held = await reschedule(ctx.db, job, error, runAt, now);
		if (!held) return this.lost(job);
		this.log.warn(`jobs: ${job.kind} ${job.id} attempt ${job.attempts} of ${job.maxAttempts} failed, retry at ${runAt.toISOString()}: ${error}`);
		return { id: job.id, kind: job.kind, attempt: job.attempts, status: 'retry', error, runAt };
	}

	private async fail(ctx: AppContext, job: JobRow, kind: JobKind<unknown> | undefined, error: string): Promise<JobOutcome> {
		const held = await ctx.db.transaction(async (tx) => {
			const marked = await markFailed(tx, job, error, this.now());
			// A recurring kind goes on at its next slot even when this occurrence failed.
			if (marked && kind?.everyMs) await scheduleRecurring(tx, kind, this.now());
			return marked;
		});
		if (!held) return this.lost(job);
		this.log.error(`jobs: ${job.kind} ${job.id} failed after ${job.attempts} attempt(s): ${error}`);
		return { id: job.id, kind: job.kind, attempt: job.attempts, status: 'failed', error };
	}

	private lost(job: JobRow): JobOutcome {
		this.log.warn(`jobs: ${job.kind} ${job.id} ran past its claim, which another worker has taken`);
		return { id: job.id, kind: job.kind, attempt: job.attempts, status: 'lost' };
	}
}

/** A wait that never keeps the process alive. */
function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message || error.name : String(error);
	return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
