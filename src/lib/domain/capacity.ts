import type { BoardSettings } from './limits';

/** Capacity, honoured time and raids: plain data and arithmetic, no schemas (the board page loads this). */

/** The team's protected improvement capacity. */
export interface Capacity {
	people: number;
	hoursPerWeek: number;
	protectedPercent: number;
}

/** Person-hours per week protected for improvement: people × hours × share. */
export function protectedHours(capacity: Capacity): number {
	return Math.round(capacity.people * capacity.hoursPerWeek * capacity.protectedPercent) / 100;
}

/** Protected time honoured = (protected − raided) ÷ protected, over the last four ISO weeks. */
export interface Honoured {
	weeks: string[];
	protectedHours: number;
	raidedHours: number;
	/** Between 0 and 1; null when no time is protected at all. */
	ratio: number | null;
}

export function honouredOver(
	weeks: readonly string[],
	protectedPerWeek: number,
	raids: readonly { week: string; hours: number }[]
): Honoured {
	const protectedTotal = Math.round(protectedPerWeek * weeks.length * 100) / 100;
	const raided = Math.round(raids.filter((r) => weeks.includes(r.week)).reduce((s, r) => s + r.hours, 0) * 100) / 100;
	const ratio = protectedTotal > 0 ? Math.max(0, (protectedTotal - raided) / protectedTotal) : null;
	return { weeks: [...weeks], protectedHours: protectedTotal, raidedHours: raided, ratio };
}

export interface RaidView {
	id: string;
	week: string;
	hours: number;
	reason: string;
	recordedBy: { id: string; name: string } | null;
	recordedAt: string;
}

/** Everything a board shows about its limits and capacity. */
export interface BoardSettingsView extends BoardSettings {
	capacity: Capacity & { protectedHours: number; timeZone: string };
	honoured: Honoured;
	/** Raids of the last four weeks, newest first. */
	raids: RaidView[];
}
