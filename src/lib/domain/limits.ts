import { COLUMNS, LANES, type Column, type Lane } from './board';

/** The shape of a team's limits and gates, without their schemas (the board page loads this). */

/** A limit on a number of cards, or on hours. Hard: the move is refused. Soft: allowed, shown red, recorded. */
export interface Limit {
	limit: number;
	hard: boolean;
}

export const GATE_MODES = ['strict', 'advisory'] as const;
export type GateMode = (typeof GATE_MODES)[number];

export const cellKey = (column: Column, lane: Lane) => `${column}:${lane}` as const;
export type CellKey = ReturnType<typeof cellKey>;
export const CELL_KEYS = COLUMNS.flatMap((c) => LANES.map((l) => cellKey(c, l)));

/** What a team sets for its board (PRODUCT.md, Evidence gates and Protected-capacity WIP limits). */
export interface BoardSettings {
	gateMode: GateMode;
	/** WIP limits per column (all lanes together). */
	columnLimits: Partial<Record<Column, Limit>>;
	/** WIP limits per cell (column × lane). */
	cellLimits: Partial<Record<CellKey, Limit>>;
	/** Going over protected capacity: refused (hard) or shown red and recorded (soft). */
	capacityHard: boolean;
}
