// Dates of the demo's history: back-dated from now onto working days, at stable times of day.

export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

/** The UTC calendar day `daysAgo` before `now`, as a Date at 00:00 UTC. */
export function calendarDay(now: Date, daysAgo: number): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

/**
 * The working day on which something `daysAgo` happened: a weekend falls back to the Friday. The
 * mapping never reverses the order of two days, so a card's life stays in order (and evidence never
 * lands before its time box starts).
 */
export function workingDay(now: Date, daysAgo: number): Date {
	const day = calendarDay(now, daysAgo);
	const weekday = day.getUTCDay();
	if (weekday === 6) return new Date(day.getTime() - DAY_MS);
	if (weekday === 0) return new Date(day.getTime() - 2 * DAY_MS);
	return day;
}

/** A time-box date: in the past like any other day; in the future, a weekend moves on to the Monday. */
export function timeboxDay(now: Date, daysAgo: number): Date {
	if (daysAgo >= 0) return workingDay(now, daysAgo);
	const day = calendarDay(now, daysAgo);
	const weekday = day.getUTCDay();
	if (weekday === 6) return new Date(day.getTime() + 2 * DAY_MS);
	if (weekday === 0) return new Date(day.getTime() + DAY_MS);
	return day;
}

export const isoDate = (day: Date) => day.toISOString().slice(0, 10);

/** A small stable hash, so the same demo gets the same times of day. */
export function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}
