export interface Backoff {
	/** Delay before the second attempt (before jitter). */
	baseMs: number;
	/** The delay never grows past this. */
	maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 10_000, maxMs: 60 * 60_000 };

/**
 * How long to wait after failed attempt `attempt` (1 for the first): exponential, `base · 2^(attempt-1)`
 * capped at `max`, with "equal jitter": half of it fixed, half random, so instances that failed together
 * (a mail server down) do not all retry at the same instant, and each delay is at least the previous one's
 * fixed half.
 */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
	const full = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(full / 2 + (full / 2) * random());
}
