import type { Category } from './board';
import type { CatchballEntryView } from './catchball';
import { isoDateIn } from './gates';

/**
 * What "ageing", "a recurring constraint" and "leadership response" mean. Cadence reviews and metrics
 * both use these, so a review and a chart never disagree about the same cards.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days from one date to another (YYYY-MM-DD), counted as the dates read. */
function calendarDaysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Days a card has been in its column: calendar days in the team's time zone since it entered (a card
 * that entered yesterday evening is 1 day in, whatever the hour; a daylight-saving change moves no day).
 */
export function daysInColumn(enteredAt: string, now: Date, timeZone: string): number {
	return Math.max(0, calendarDaysBetween(isoDateIn(timeZone, new Date(enteredAt)), isoDateIn(timeZone, now)));
}

/** A team's default for "ageing": more than this many days in one column. */
export const DEFAULT_AGEING_DAYS = 14;

/** A card is ageing when it has been in its column for more than the team's threshold. */
export function isAgeing(enteredAt: string, now: Date, timeZone: string, thresholdDays = DEFAULT_AGEING_DAYS): boolean {
	return daysInColumn(enteredAt, now, timeZone) > thresholdDays;
}

/** New problems per constraint category in one period (cards created, or first placed in Problem, in it). */
export type CategoryCounts = Partial<Record<Category, number>>;

/**
 * The constraint categories that keep coming back: two or more new problems in the period, or new
 * problems in at least two of the three periods before it (for a team, its last three reviews).
 */
export function recurringConstraints(period: CategoryCounts, earlierPeriods: readonly CategoryCounts[]): Category[] {
	const lastThree = earlierPeriods.slice(-3);
	const categories = new Set<Category>([...keysOf(period), ...lastThree.flatMap(keysOf)]);
	return [...categories]
		.filter((c) => (period[c] ?? 0) >= 2 || lastThree.filter((p) => (p[c] ?? 0) > 0).length >= 2)
		.sort();
}

/** For leadership: the categories with new problems in two or more teams in the same period. */
export function recurringAcrossTeams(periodByTeam: ReadonlyMap<string, CategoryCounts>): Category[] {
	const teamsWith = new Map<Category, number>();
	for (const counts of periodByTeam.values()) {
		for (const category of keysOf(counts)) teamsWith.set(category, (teamsWith.get(category) ?? 0) + 1);
	}
	return [...teamsWith].filter(([, teams]) => teams >= 2).map(([category]) => category).sort();
}

function keysOf(counts: CategoryCounts): Category[] {
	return (Object.keys(counts) as Category[]).filter((c) => (counts[c] ?? 0) > 0);
}

/**
 * One escalation to leadership and how leadership answered it. The clock starts at a throw to
 * leadership; it stops for the catch at leadership's first catch (the back-brief) after it, and for the
 * decision at leadership's first decision after it. A throw to leadership that is thrown to leadership
 * again before any catch or decision (after a question back, say) is superseded by the later one, so
 * the same wait is never counted twice.
 */
export interface LeadershipResponse {
	thrownAt: string;
	caughtAt: string | null;
	decidedAt: string | null;
	/** A later throw to leadership replaced this one before leadership caught or decided it. */
	superseded: boolean;
}

/** The escalations of one card's catchball thread (entries oldest first). */
export function leadershipResponses(entries: readonly CatchballEntryView[]): LeadershipResponse[] {
	const responses: LeadershipResponse[] = [];
	let open: LeadershipResponse | null = null;
	for (const entry of entries) {
		if (entry.kind !== 'catch' && entry.to.isLeadership) {
			if (open && !open.caughtAt && !open.decidedAt) open.superseded = true;
			open = { thrownAt: entry.at, caughtAt: null, decidedAt: null, superseded: false };
			responses.push(open);
		} else if (open && entry.from.isLeadership) {
			if (entry.kind === 'catch' && !open.caughtAt) open.caughtAt = entry.at;
			if (entry.kind === 'decision' && !open.decidedAt) open.decidedAt = entry.at;
		}
	}
	return responses;
}

/** Hours between two instants (response times are reported in hours and days). */
export function hoursBetween(from: string, to: string): number {
	return (Date.parse(to) - Date.parse(from)) / (60 * 60 * 1000);
}
