import { ServiceError } from '../services/errors';

/** "5 minutes", "1 minute", "30 seconds": for a refusal's message. */
export function describeWait(ms: number): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The refusal of an action over its limit: `rate_limited`, with when to try again. */
export function rateLimited(message: string, retryAfterMs: number): ServiceError {
	return new ServiceError('rate_limited', message, {}, { retryAfterMs });
}
