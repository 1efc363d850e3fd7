import { appContext, type AppContext } from '../context';
import { openAppDatabase } from '../db';
import { jobKinds } from './kinds';
import { JobRunner, type JobOutcome, type JobRunnerOptions } from './runner';

// One runner per process, kept on globalThis like the database (the dev server loads this module in more
// than one module graph).
const KEY = Symbol.for('catchball.jobs');
type Holder = { [KEY]?: Promise<JobRunner> };

/** Starts (once) the app's job runner on the app's database; called where the app starts. */
export function startJobs(): Promise<JobRunner> {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const starting = (async () => {
			const database = await openAppDatabase();
			const runner = new JobRunner({ getContext: appContext, kinds: jobKinds, listen: database.listen });
			await runner.start();
			return runner;
		})();
		holder[KEY] = starting;
		starting.catch(() => {
			if (holder[KEY] === starting) delete holder[KEY];
		});
	}
	return holder[KEY];
}

/** Stops the app's runner (before the database closes), letting the jobs in hand finish. */
export async function stopJobs(timeoutMs?: number): Promise<void> {
	const holder = globalThis as Holder;
	const running = holder[KEY];
	delete holder[KEY];
	if (running) await (await running.catch(() => null))?.stop(timeoutMs);
}

/**
 * Runs every job due now with `ctx`, and resolves when they are done: tests await this instead of
 * sleeping. `now` moves the clock (a retry's backoff, a job scheduled for later).
 */
export function runDueJobs(
	ctx: AppContext,
	options: Partial<Pick<JobRunnerOptions, 'kinds' | 'now' | 'random' | 'concurrency' | 'leaseMs' | 'backoff' | 'log'>> = {}
): Promise<JobOutcome[]> {
	return new JobRunner({ getContext: async () => ctx, kinds: jobKinds, log: quiet, ...options }).runDue();
}

const quiet = { error: () => {}, warn: () => {} };
