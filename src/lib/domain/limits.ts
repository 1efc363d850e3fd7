import { COLUMNS, COLUMN_LABELS, LANES, LANE_LABELS, type Column, type Lane } from './board';
import { protectedHours, type Capacity } from './capacity';

/**
 * WIP limits and protected capacity (PRODUCT.md, Protected-capacity WIP limits): their shape, and the
 * arithmetic of what a card arriving in a cell breaks on one board. Plain data, no schemas (the board
 * page loads this). The decision that uses it is in rules.ts.
 */

/** A limit on a number of cards, or on hours. Hard: the move is refused. Soft: allowed, shown red, recorded. */
export interface Limit {
	limit: number;
	hard: boolean;
}

export const GATE_MODES = ['strict', 'advisory'] as const;
export type GateMode = (typeof GATE_MODES)[number];

/** A cell's key in `cellLimits`: `column:lane`, e.g. `experiment:team`. */
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

/** Columns whose cards take effort from protected capacity (work in progress). */
export const ACTIVE_COLUMNS: readonly Column[] = ['experiment', 'evidence'];

/** Hours a card in `column` takes from protected capacity. */
export const hoursCounted = (column: Column, effort: number) => (ACTIVE_COLUMNS.includes(column) ? effort : 0);

/** Effort in use: this board's share of every active card (person-hours per week). */
export function effortInUse(cards: readonly { column: Column; effort: number }[]): number {
	const total = cards.reduce((sum, c) => sum + hoursCounted(c.column, c.effort), 0);
	return Math.round(total * 100) / 100;
}

export function formatHours(hours: number): string {
	const rounded = Math.round(hours * 10) / 10;
	return `${rounded} ${rounded === 1 ? 'person-hour' : 'person-hours'}`;
}

/** Where a card is about to be on one board, and where it was there (null: new there, or back from a shelf). */
export interface Arrival {
	boardId: string;
	column: Column;
	lane: Lane;
	/** This board's share of the card's effort. */
	effort: number;
	from: { column: Column; lane: Lane; effort: number } | null;
}

/** The board's other active cards (the arriving one left out): in the target cell, in the target column, and their hours in use. */
export interface Occupancy {
	inCell: number;
	inColumn: number;
	hoursInUse: number;
}

export type BreachKind = 'cell' | 'column' | 'capacity';

/** A limit a change would break: which, whether hard, the limit, and the count or hours after the change. */
export interface Breach {
	kind: BreachKind;
	hard: boolean;
	limit: number;
	value: number;
	message: string;
}

const entersCell = (a: Arrival) => !a.from || a.from.column !== a.column || a.from.lane !== a.lane;
const entersColumn = (a: Arrival) => !a.from || a.from.column !== a.column;
const addsHours = (a: Arrival) => hoursCounted(a.column, a.effort) > (a.from ? hoursCounted(a.from.column, a.from.effort) : 0);

/** Whether an arrival could break any limit at all (most moves cannot: then nothing needs counting). */
export function limitsAtStake(settings: BoardSettings, arrival: Arrival): boolean {
	return (
		(entersCell(arrival) && !!settings.cellLimits[cellKey(arrival.column, arrival.lane)]) ||
		(entersColumn(arrival) && !!settings.columnLimits[arrival.column]) ||
		addsHours(arrival)
	);
}

const cards = (n: number) => `${n} ${n === 1 ? 'card' : 'cards'}`;

/**
 * The limits an arrival breaks on one board. Only limits the change makes worse count: a move within a
 * cell, or out of a full one, is never refused, and capacity counts only when hours in use go up.
 */
export function breachesOf(arrival: Arrival, others: Occupancy, settings: BoardSettings, capacity: Capacity): Breach[] {
	const breaches: Breach[] = [];
	const cellLimit = settings.cellLimits[cellKey(arrival.column, arrival.lane)];
	const inCell = others.inCell + 1;
	if (cellLimit && entersCell(arrival) && inCell > cellLimit.limit) {
		breaches.push({
			kind: 'cell',
			hard: cellLimit.hard,
			limit: cellLimit.limit,
			value: inCell,
			message: `${COLUMN_LABELS[arrival.column]} × ${LANE_LABELS[arrival.lane]} allows ${cards(cellLimit.limit)}; this would make ${inCell}.`
		});
	}
	const columnLimit = settings.columnLimits[arrival.column];
	const inColumn = others.inColumn + 1;
	if (columnLimit && entersColumn(arrival) && inColumn > columnLimit.limit) {
		breaches.push({
			kind: 'column',
			hard: columnLimit.hard,
			limit: columnLimit.limit,
			value: inColumn,
			message: `${COLUMN_LABELS[arrival.column]} allows ${cards(columnLimit.limit)}; this would make ${inColumn}.`
		});
	}
	const hoursAfter = Math.round((others.hoursInUse + hoursCounted(arrival.column, arrival.effort)) * 100) / 100;
	const protectedNow = protectedHours(capacity);
	if (addsHours(arrival) && hoursAfter > protectedNow) {
		breaches.push({
			kind: 'capacity',
			hard: settings.capacityHard,
			limit: protectedNow,
			value: hoursAfter,
			message: `Protected capacity is ${formatHours(protectedNow)} a week; this would put ${formatHours(hoursAfter)} in use.`
		});
	}
	return breaches;
}

/** A limit as the board shows it now: the limit, the count, and whether the board is over it. */
export interface LimitStatus extends Limit {
	count: number;
	over: boolean;
}

export function limitStatus(limit: Limit | undefined, count: number): LimitStatus | null {
	return limit ? { ...limit, count, over: count > limit.limit } : null;
}
