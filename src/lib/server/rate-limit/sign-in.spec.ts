import { describe, expect, it } from 'vitest';
import { RateLimits } from './limits';
import { signInAttempt, signInSucceeded } from './sign-in';

const limitsOf = (perAccount: number, perAddress: number) =>
	new RateLimits({
		policies: {
			'sign-in.account': { points: perAccount, durationSeconds: 900 },
			'sign-in.address': { points: perAddress, durationSeconds: 900 }
		}
	});

async function attempts(limits: RateLimits, account: string, address: string | undefined, times: number) {
	const results = [];
	for (let i = 0; i < times; i++) results.push(await signInAttempt(limits, { account, address }));
	return results;
}

describe('sign-in limits', () => {
	it('allows the configured number of attempts per account, then refuses with a wait', async () => {
		const limits = limitsOf(3, 5);
		expect((await attempts(limits, 'ada@example.test', undefined, 3)).every((r) => r.allowed)).toBe(true);
		const refused = await signInAttempt(limits, { account: 'ada@example.test' });
		if (refused.allowed) throw new Error('expected a refusal');
		expect(refused.retryAfterMs).toBeGreaterThan(890_000);
		expect(refused.retryAfterMs).toBeLessThanOrEqual(900_000);
		expect((await signInAttempt(limits, { account: 'bob@example.test' })).allowed).toBe(true);
	});

	it('counts an address across accounts', async () => {
		const limits = limitsOf(3, 5);
		for (let i = 0; i < 5; i++) expect((await signInAttempt(limits, { account: `p${i}@x.test`, address: '1.2.3.4' })).allowed).toBe(true);
		expect((await signInAttempt(limits, { account: 'fresh@x.test', address: '1.2.3.4' })).allowed).toBe(false);
		expect((await signInAttempt(limits, { account: 'fresh@x.test', address: '5.6.7.8' })).allowed).toBe(true);
	});

	it('a success clears the account and returns the address its point', async () => {
		const limits = limitsOf(3, 3);
		const keys = { account: 'ada@example.test', address: '1.2.3.4' };
		await attempts(limits, keys.account, keys.address, 3);
		await signInSucceeded(limits, keys);
		// The account starts over; the address has used 2 failures, so one more is allowed.
		expect((await signInAttempt(limits, { account: 'other@example.test', address: keys.address })).allowed).toBe(true);
		expect((await signInAttempt(limits, { account: 'other@example.test', address: keys.address })).allowed).toBe(false);
		expect((await attempts(limits, keys.account, undefined, 3)).every((r) => r.allowed)).toBe(true);
	});

	it('parallel attempts cannot slip past the limit', async () => {
		const limits = limitsOf(3, 50);
		const results = await Promise.all(Array.from({ length: 10 }, () => signInAttempt(limits, { account: 'x@y.test' })));
		expect(results.filter((r) => r.allowed)).toHaveLength(3);
	});
});
