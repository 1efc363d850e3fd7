/** Times as a wall display and the organisation view show them. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "under a minute", "12 minutes", "3 hours", "1 day", "9 days". */
export function durationSince(since: string, now: Date): string {
	const ms = Math.max(0, now.getTime() - Date.parse(since));
	if (ms < MINUTE) return 'under a minute';
	if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
	if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
	return plural(Math.floor(ms / DAY), 'day');
}

export function plural(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "14:02" in the display's own time zone. */
export function clock(at: Date | number): string {
	return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** "4 Nov" */
export function shortDate(iso: string): string {
	return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(iso.slice(0, 10)));
}
