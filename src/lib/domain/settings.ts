import { z } from 'zod';
import { COLUMNS, LANES, type Column, type Lane } from './board';

/** A limit on a number of cards, or on hours. Hard: the move is refused. Soft: allowed, shown red, recorded. */
export const limitSchema = z.object({
	limit: z.int('Use a whole number.').min(0, 'A limit cannot be negative.').max(999, 'Use at most 999.'),
	hard: z.boolean()
});
export type Limit = z.infer<typeof limitSchema>;

export const GATE_MODES = ['strict', 'advisory'] as const;
export type GateMode = (typeof GATE_MODES)[number];

export const cellKey = (column: Column, lane: Lane) => `${column}:${lane}` as const;
export type CellKey = ReturnType<typeof cellKey>;
export const CELL_KEYS = COLUMNS.flatMap((c) => LANES.map((l) => cellKey(c, l)));

/** What a team sets for its board (PRODUCT.md, Evidence gates and Protected-capacity WIP limits). */
export const boardSettingsSchema = z.object({
	gateMode: z.enum(GATE_MODES).default('strict'),
	/** WIP limits per column (all lanes together). */
	columnLimits: z.partialRecord(z.enum(COLUMNS), limitSchema).default({}),
	/** WIP limits per cell (column × lane). */
	cellLimits: z.partialRecord(z.enum(CELL_KEYS as [CellKey, ...CellKey[]]), limitSchema).default({}),
	/** Going over protected capacity: refused (hard) or shown red and recorded (soft). */
	capacityHard: z.boolean().default(false)
});
export type BoardSettings = z.infer<typeof boardSettingsSchema>;

export const DEFAULT_SETTINGS: BoardSettings = boardSettingsSchema.parse({});

/** Settings as stored (jsonb): anything unreadable falls back to the defaults. */
export function readSettings(stored: unknown): BoardSettings {
	const parsed = boardSettingsSchema.safeParse(stored ?? {});
	return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

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
