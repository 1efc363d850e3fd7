import { describe, expect, it } from 'vitest';
import type { CatchballKind } from './board';
import type { CatchballEntryView, SideRef } from './catchball';
import { daysInColumn, isAgeing, leadershipResponses, recurringAcrossTeams, recurringConstraints } from './improvement';

describe('days in a column', () => {
	it('counts calendar days in the team’s time zone, not 24-hour spans', () => {
		// Entered late on the 1st in Auckland (the 1st there), read early on the 3rd there: 2 days.
		expect(daysInColumn('2026-03-01T10:30:00Z', new Date('2026-03-02T12:00:00Z'), 'Pacific/Auckland')).toBe(2);
		expect(daysInColumn('2026-03-01T10:30:00Z', new Date('2026-03-02T12:00:00Z'), 'UTC')).toBe(1);
		expect(daysInColumn('2026-03-02T10:00:00Z', new Date('2026-03-02T09:00:00Z'), 'UTC')).toBe(0);
	});

	it('is not moved by a daylight-saving change', () => {
		// Europe/London springs forward on 29 March 2026: 2 calendar days are 47 hours there.
		expect(daysInColumn('2026-03-28T12:00:00Z', new Date('2026-03-30T11:00:00Z'), 'Europe/London')).toBe(2);
	});

	it('calls a card ageing past the team’s threshold (14 days unless set)', () => {
		const now = new Date('2026-03-20T12:00:00Z');
		expect(isAgeing('2026-03-06T12:00:00Z', now, 'UTC')).toBe(false); // 14 days
		expect(isAgeing('2026-03-05T12:00:00Z', now, 'UTC')).toBe(true); // 15 days
		expect(isAgeing('2026-03-13T12:00:00Z', now, 'UTC', 5)).toBe(true);
	});
});

describe('recurring constraints', () => {
	it('are categories with two or more new problems in the period', () => {
		expect(recurringConstraints({ architecture: 2, policy_delay: 1 }, [])).toEqual(['architecture']);
	});

	it('or categories that had new problems in two of the last three periods', () => {
		expect(recurringConstraints({}, [{ policy_delay: 3 }, { dependencies: 1 }, { dependencies: 2 }])).toEqual(['dependencies']);
		// Only the last three count: here dependencies appears twice overall but once in the last three.
		expect(recurringConstraints({}, [{ dependencies: 1 }, { policy_delay: 3 }, { dependencies: 1 }, { feedback_quality: 1 }])).toEqual([]);
	});

	it('across teams are categories with new problems in two or more teams', () => {
		const byTeam = new Map([
			['a', { architecture: 1, learning_loops: 4 }],
			['b', { architecture: 1 }],
			['c', { other: 0 }]
		]);
		expect(recurringAcrossTeams(byTeam)).toEqual(['architecture']);
	});
});

describe('leadership response', () => {
	const team: SideRef = { id: 't', name: 'Payments', isLeadership: false };
	const leadership: SideRef = { id: 'l', name: 'Leadership', isLeadership: true };
	const entry = (kind: CatchballKind, from: SideRef, to: SideRef, day: number): CatchballEntryView => ({
		id: `${kind}${day}`,
		kind,
		from,
		to,
		message: '',
		ask: '',
		brief: null,
		actor: null,
		at: `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`
	});

	it('runs from a throw to leadership to its catch and to its decision', () => {
		const thread = [entry('throw', team, leadership, 2), entry('catch', leadership, team, 4), entry('decision', leadership, team, 9)];
		expect(leadershipResponses(thread)).toEqual([
			{ thrownAt: thread[0]!.at, caughtAt: thread[1]!.at, decidedAt: thread[2]!.at, superseded: false }
		]);
	});

	it('is still open while leadership has not answered', () => {
		expect(leadershipResponses([entry('throw', team, leadership, 2)])).toEqual([
			{ thrownAt: '2026-03-02T09:00:00.000Z', caughtAt: null, decidedAt: null, superseded: false }
		]);
	});

	it('counts a wait once when a question back is followed by a new throw', () => {
		const thread = [
			entry('throw', team, leadership, 2),
			entry('throw_back', leadership, team, 3),
			entry('throw', team, leadership, 5),
			entry('catch', leadership, team, 6)
		];
		const [first, second] = leadershipResponses(thread);
		expect(first).toMatchObject({ superseded: true, caughtAt: null });
		expect(second).toMatchObject({ thrownAt: thread[2]!.at, caughtAt: thread[3]!.at, superseded: false });
	});

	it('ignores throws between teams and a team’s own catches', () => {
		const other: SideRef = { id: 'o', name: 'Platform', isLeadership: false };
		expect(leadershipResponses([entry('throw', team, other, 2), entry('catch', other, team, 3)])).toEqual([]);
	});
});
