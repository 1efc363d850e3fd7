import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const backoff = { baseMs: 1_000, maxMs: 20_000 };

describe('backoffDelay', () => {
	it('doubles with each attempt, between half and all of the full delay', () => {
		for (const [attempt, full] of [
			[1, 1_000],
			[2, 2_000],
			[3, 4_000],
			[4, 8_000]
		] as const) {
			expect(backoffDelay(attempt, backoff, () => 0)).toBe(full / 2);
			expect(backoffDelay(attempt, backoff, () => 1)).toBe(full);
		}
	});

	it('never passes the cap, whatever the attempt', () => {
		expect(backoffDelay(6, backoff, () => 1)).toBe(20_000);
		expect(backoffDelay(60, backoff, () => 1)).toBe(20_000);
		expect(backoffDelay(60, backoff, () => 0)).toBe(10_000);
	});

	it('spreads retries of jobs that failed together', () => {
		const delays = new Set([0.1, 0.4, 0.7, 0.95].map((r) => backoffDelay(3, backoff, () => r)));
		expect(delays.size).toBe(4);
	});
});
