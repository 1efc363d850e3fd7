import type { RateLimits, Verdict } from './limits';

export interface SignInKeys {
	/** The normalised email typed, whether or not such an account exists (no enumeration by lockout). */
	account: string;
	/** The client's address, when known. */
	address?: string;
}

/**
 * A password attempt takes a point from the account's and the address's budget *before* the password is
 * checked, so a burst of parallel guesses cannot slip past the limit; `signInSucceeded` then clears the
 * account and gives the address its point back, so only failures count.
 */
export async function signInAttempt(limits: RateLimits, keys: SignInKeys): Promise<Verdict> {
	const verdicts = await Promise.all([
		limits.take('sign-in.account', keys.account),
		keys.address ? limits.take('sign-in.address', keys.address) : ({ allowed: true } as const)
	]);
	const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfterMs]));
	return waits.length ? { allowed: false, retryAfterMs: Math.max(...waits) } : { allowed: true };
}

/** The password was right: forget the account's failures and return the address's point. */
export async function signInSucceeded(limits: RateLimits, keys: SignInKeys): Promise<void> {
	await limits.forget('sign-in.account', keys.account);
	if (keys.address) await limits.give('sign-in.address', keys.address);
}
