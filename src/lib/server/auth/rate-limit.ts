import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/*
 * Counters live in this process's memory. That is right for the default deployment (one instance): no
 * extra service, and a restart only forgets at most 15 minutes of failures. With several instances
 * behind a load balancer each would count on its own, multiplying the allowance by the number of
 * instances: swap RateLimiterMemory for rate-limiter-flexible's RateLimiterRedis (same API, on the
 * REDIS_URL the Socket.IO adapter already uses) or RateLimiterPostgres.
 */

export interface SignInLimits {
	/** Failed attempts allowed per account within the window. */
	perAccount: number;
	/** Failed attempts allowed per client address within the window (generous: offices share one). */
	perAddress: number;
	windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowSeconds: 15 * 60 };

export interface SignInKeys {
	/** The normalised email typed, whether or not such an account exists (no enumeration by lockout). */
	account: string;
	/** The client's address, when known. */
	address?: string;
}

export type AttemptResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts password attempts per account and per address. An attempt takes a point from both counters
 * *before* the password is checked, so a burst of parallel guesses cannot slip past the limit; a correct
 * password then clears the account's counter and gives the address its point back, so only failures
 * count.
 */
export class SignInLimiter {
	private readonly account: RateLimiterMemory;
	private readonly address: RateLimiterMemory;

	constructor(readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
		this.account = new RateLimiterMemory({
			keyPrefix: 'signin-account',
			points: limits.perAccount,
			duration: limits.windowSeconds
		});
		this.address = new RateLimiterMemory({
			keyPrefix: 'signin-address',
			points: limits.perAddress,
			duration: limits.windowSeconds
		});
	}

	async attempt(keys: SignInKeys): Promise<AttemptResult> {
		const results = await Promise.allSettled([
			this.account.consume(keys.account),
			keys.address ? this.address.consume(keys.address) : Promise.resolve(null)
		]);
		let waitMs = 0;
		for (const result of results) {
			if (result.status === 'fulfilled') continue;
			// The limiter rejects with a RateLimiterRes when over the limit; anything else is a real error.
			if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
			waitMs = Math.max(waitMs, result.reason.msBeforeNext);
		}
		return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
	}

	/** The password was right: forget the account's failures and return the address's point. */
	async succeeded(keys: SignInKeys): Promise<void> {
		await this.account.delete(keys.account);
		if (keys.address) await this.address.reward(keys.address, 1);
	}
}

/** The app's one limiter (per process; see the note at the top). */
export const signInLimiter = new SignInLimiter();

/** "5 minutes", "1 minute", "30 seconds": for the refusal message. */
export function describeWait(seconds: number): string {
	if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
	const minutes = Math.ceil(seconds / 60);
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
