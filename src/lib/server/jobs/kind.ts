import type { z } from 'zod';
import type { AppContext } from '../context';

/** What a handler knows of the job it runs. */
export interface RunningJob {
	id: string;
	kind: string;
	/** This attempt's number, from 1. */
	attempt: number;
	maxAttempts: number;
	dedupeKey: string | null;
}

/**
 * A kind of background work. Its handler must be safe to run again for the same job (a worker that dies
 * after the work but before marking it done leaves it to be claimed again): do the work idempotently or
 * record progress as it goes.
 */
export interface JobKind<P = unknown> {
	/** Stable name stored with each job, e.g. `email.digest`. Renaming it strands pending jobs. */
	readonly kind: string;
	/** The payload's schema: checked at enqueue and again before the handler runs. */
	readonly payload: z.ZodType<P>;
	/** Attempts before the job is marked failed (default 5). */
	readonly maxAttempts?: number;
	/**
	 * Recurring work: one occurrence every `everyMs`, at times aligned to it (every 5 minutes runs at :00,
	 * :05, …). The runner keeps one pending occurrence across all instances; its payload is `{}`.
	 */
	readonly everyMs?: number;
	run(ctx: AppContext, payload: P, job: RunningJob): Promise<void>;
}

export function defineJob<P>(kind: JobKind<P>): JobKind<P> {
	return kind;
}

/** The dedupe key that keeps one pending occurrence of a recurring kind. */
export function recurringKey(kind: JobKind<unknown>): string {
	return `every:${kind.kind}`;
}

/** The first slot of a recurring kind strictly after `now`. */
export function nextSlot(now: Date, everyMs: number): Date {
	return new Date((Math.floor(now.getTime() / everyMs) + 1) * everyMs);
}

export const DEFAULT_MAX_ATTEMPTS = 5;
