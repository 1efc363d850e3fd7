import { closeAppDatabase } from './db';
import { stopJobs } from './jobs/app';
import { closeRateLimits } from './rate-limit/app';
import { closeRedis } from './realtime/redis';

const SHUTDOWN = Symbol.for('catchball.shutdown');

/** Lets the production entry (outside the kit bundle) close what the app opened. */
export function registerShutdown(): void {
	(globalThis as { [SHUTDOWN]?: () => Promise<void> })[SHUTDOWN] = async () => {
		// Jobs first: a handler in hand may still need the database (and Redis) to finish.
		await stopJobs();
		await Promise.all([closeRedis(), closeRateLimits()]);
		await closeAppDatabase();
	};
}
