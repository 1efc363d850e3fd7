import { z } from 'zod';
import { COLUMNS } from './board';
import { CELL_KEYS, GATE_MODES, type BoardSettings, type CellKey, type Limit } from './limits';

export * from './limits';
export * from './capacity';

/** A limit as typed into the settings form. */
export const limitSchema: z.ZodType<Limit> = z.object({
	limit: z.int('Use a whole number.').min(0, 'A limit cannot be negative.').max(999, 'Use at most 999.'),
	hard: z.boolean()
});

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
// The schema's output is the hand-written type in limits.ts (kept free of zod for the board page).
const _sameShape: z.infer<typeof boardSettingsSchema> extends BoardSettings ? true : never = true;
void _sameShape;

export const DEFAULT_SETTINGS: BoardSettings = boardSettingsSchema.parse({});

/** Settings as stored (jsonb): anything unreadable falls back to the defaults. */
export function readSettings(stored: unknown): BoardSettings {
	const parsed = boardSettingsSchema.safeParse(stored ?? {});
	return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

