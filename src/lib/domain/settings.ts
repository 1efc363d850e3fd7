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
