import { describe, expect, it } from 'vitest';
import { isoWeekOf, lastIsoWeeks } from './weeks';

describe('ISO weeks', () => {
	it('numbers weeks from the week holding the first Thursday', () => {
		expect(isoWeekOf('2026-11-22')).toBe('2026-W47'); // a Sunday
		expect(isoWeekOf('2026-11-23')).toBe('2026-W48'); // the Monday after
		expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
		expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
	});

	it('lists the last weeks, newest first, across a year boundary', () => {
		expect(lastIsoWeeks('2026-01-07', 4)).toEqual(['2026-W02', '2026-W01', '2025-W52', '2025-W51']);
	});
});
