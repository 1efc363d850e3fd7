import { z } from 'zod';
import { defineJob } from './kind';
import { purgeFinished } from './store';

const DAY_MS = 24 * 60 * 60_000;

/** Finished jobs are kept a while for looking into what happened, then deleted: hourly, on one instance. */
export const purgeFinishedJobs = defineJob({
	kind: 'jobs.purge',
	payload: z.object({}),
	everyMs: 60 * 60_000,
	maxAttempts: 1,
	async run(ctx) {
		const now = Date.now();
		await purgeFinished(ctx.db, new Date(now - 7 * DAY_MS), new Date(now - 30 * DAY_MS));
	}
});
