import { describe, expect, it } from 'vitest';
import { daysWaited, waitedFor, waitedShort } from './time';

const now = new Date('2026-11-20T12:00:00Z');
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('how long an item has waited', () => {
	it('says it in words', () => {
		expect(waitedFor(before(10_000), now)).toBe('under a minute');
		expect(waitedFor(before(MIN), now)).toBe('1 minute');
		expect(waitedFor(before(59 * MIN), now)).toBe('59 minutes');
		expect(waitedFor(before(3 * HOUR + 5 * MIN), now)).toBe('3 hours');
		expect(waitedFor(before(DAY), now)).toBe('1 day');
		expect(waitedFor(before(9 * DAY + HOUR), now)).toBe('9 days');
	});

	it('says it short for card faces, and never goes negative on a clock a little behind', () => {
		expect(waitedShort(before(5_000), now)).toBe('now');
		expect(waitedShort(before(12 * MIN), now)).toBe('12m');
		expect(waitedShort(before(3 * HOUR), now)).toBe('3h');
		expect(waitedShort(before(3 * DAY), now)).toBe('3d');
		expect(waitedShort(before(-5 * MIN), now)).toBe('now');
		expect(waitedFor(before(-5 * MIN), now)).toBe('under a minute');
	});

	it('counts whole days', () => {
		expect(daysWaited(before(DAY - 1), now)).toBe(0);
		expect(daysWaited(before(7 * DAY), now)).toBe(7);
	});
});
