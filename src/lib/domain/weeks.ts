/** ISO weeks (Monday first; week 1 holds the year's first Thursday), from calendar dates. */

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDate(iso: string): Date {
	return new Date(`${iso}T00:00:00Z`);
}

/** The ISO week of a calendar date (YYYY-MM-DD), as `2026-W47`. */
export function isoWeekOf(isoDate: string): string {
	const date = utcDate(isoDate);
	const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
	const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
	const year = thursday.getUTCFullYear();
	const firstThursday = utcDate(`${year}-01-04`);
	const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
	const week1Monday = firstThursday.getTime() - firstWeekday * DAY_MS;
	const week = Math.floor((thursday.getTime() - week1Monday) / (7 * DAY_MS)) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week holding `today` and the `count − 1` weeks before it, newest first. */
export function lastIsoWeeks(today: string, count: number): string[] {
	const weeks: string[] = [];
	const start = utcDate(today).getTime();
	for (let i = 0; i < count; i++) weeks.push(isoWeekOf(new Date(start - i * 7 * DAY_MS).toISOString().slice(0, 10)));
	return weeks;
}

export const ISO_WEEK_PATTERN = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
