import { describe, expect, it } from 'vitest';
import { describeWait, SignInLimiter } from './rate-limit';

const limits = { perAccount: 3, perAddress: 5, windowSeconds: 900 };

async function fail(limiter: SignInLimiter, account: string, address?: string, times = 1) {
	const results = [];
	for (let i = 0; i < times; i++) results.push(await limiter.attempt({ account, address }));
	return results;
}

describe('SignInLimiter', () => {
	it('allows the configured number of attempts per account, then refuses with a wait', async () => {
		const limiter = new SignInLimiter(limits);
		const results = await fail(limiter, 'ada@example.test', undefined, 3);
		expect(results.every((r) => r.allowed)).toBe(true);
		const refused = await limiter.attempt({ account: 'ada@example.test' });
		expect(refused.allowed).toBe(false);
		if (!refused.allowed) {
			expect(refused.retryAfterSeconds).toBeGreaterThan(890);
			expect(refused.retryAfterSeconds).toBeLessThanOrEqual(900);
		}
		expect((await limiter.attempt({ account: 'bob@example.test' })).allowed).toBe(true);
	});

	it('counts an address across accounts', async () => {
		const limiter = new SignInLimiter(limits);
		for (let i = 0; i < 5; i++) expect((await limiter.attempt({ account: `p${i}@x.test`, address: '1.2.3.4' })).allowed).toBe(true);
		expect((await limiter.attempt({ account: 'fresh@x.test', address: '1.2.3.4' })).allowed).toBe(false);
		expect((await limiter.attempt({ account: 'fresh@x.test', address: '5.6.7.8' })).allowed).toBe(true);
	});

	it('a success clears the account and returns the address its point', async () => {
		const limiter = new SignInLimiter({ ...limits, perAddress: 3 });
		const keys = { account: 'ada@example.test', address: '1.2.3.4' };
		await fail(limiter, keys.account, keys.address, 2);
		await limiter.attempt(keys);
		await limiter.succeeded(keys);
		// The account starts over; the address has used 2 failures, so one more is allowed.
		expect((await limiter.attempt({ account: 'other@example.test', address: keys.address })).allowed).toBe(true);
		expect((await limiter.attempt({ account: 'other@example.test', address: keys.address })).allowed).toBe(false);
		const again = await fail(limiter, keys.account, undefined, 3);
		expect(again.every((r) => r.allowed)).toBe(true);
	});

	it('parallel attempts cannot slip past the limit', async () => {
		const limiter = new SignInLimiter(limits);
		const results = await Promise.all(Array.from({ length: 10 }, () => limiter.attempt({ account: 'x@y.test' })));
		expect(results.filter((r) => r.allowed)).toHaveLength(3);
	});
});

describe('describeWait', () => {
	it('speaks in seconds under a minute and in whole minutes above', () => {
		expect(describeWait(1)).toBe('1 second');
		expect(describeWait(42)).toBe('42 seconds');
		expect(describeWait(60)).toBe('1 minute');
		expect(describeWait(61)).toBe('2 minutes');
		expect(describeWait(900)).toBe('15 minutes');
	});
});
