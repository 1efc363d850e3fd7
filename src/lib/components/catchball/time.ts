/** How long an item has waited, in words and in a short form for card faces and dense lists. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "under a minute", "12 minutes", "3 hours", "1 day", "9 days". */
export function waitedFor(since: string, now: Date = new Date()): string {
	const ms = Math.max(0, now.getTime() - Date.parse(since));
	if (ms < MINUTE) return 'under a minute';
	if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
	if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
	return plural(Math.floor(ms / DAY), 'day');
}

/** "now", "12m", "3h", "9d". */
export function waitedShort(since: string, now: Date = new Date()): string {
	const ms = Math.max(0, now.getTime() - Date.parse(since));
	if (ms < MINUTE) return 'now';
	if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
	if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
	return `${Math.floor(ms / DAY)}d`;
}

/** Whole days waited, for "waiting long" emphasis. */
export function daysWaited(since: string, now: Date = new Date()): number {
	return Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY));
}

function plural(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
