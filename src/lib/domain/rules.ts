import { COLUMN_LABELS, LANE_LABELS, type Column, type Lane } from './board';
import { gatesOnTheWay, type GateSubject, type MissingItem } from './gates';
import { protectedHours, type Capacity } from './capacity';
import { cellKey, type BoardSettings, type Limit } from './limits';

/**
 * Where moves are checked: evidence gates (gates.ts), WIP limits per cell and per column, and
 * protected capacity. Pure functions over a board's cards; the command service runs them inside the
 * board-locked transaction, so concurrent moves cannot both take the last free slot.
 */

export { gatesOnTheWay, gateFor, isoDateIn, type MissingItem } from './gates';

/** Columns whose cards take effort from protected capacity (work in progress). */
export const ACTIVE_COLUMNS: readonly Column[] = ['experiment', 'evidence'];

export interface PlacedCard {
	id: string;
	column: Column;
	lane: Lane;
	/** This board's share of the card's effort. */
	effort: number;
}

export type BreachKind = 'cell' | 'column' | 'capacity';

export interface Breach {
	kind: BreachKind;
	hard: boolean;
	limit: number;
	/** The count (cards) or hours after the move. */
	value: number;
	message: string;
}

/** Effort in use: this board's share of every active card (person-hours per week). */
export function effortInUse(cards: readonly PlacedCard[]): number {
	const total = cards.filter((c) => ACTIVE_COLUMNS.includes(c.column)).reduce((sum, c) => sum + c.effort, 0);
	return Math.round(total * 100) / 100;
}

function over(limit: Limit | undefined, value: number): limit is Limit {
	return !!limit && value > limit.limit;
}

/** What limits are judged on: the board's other active cards in the target cell and column, and hours in use. */
export interface LimitCounts {
	/** Other active cards already in the target cell / column. */
	othersInCell: number;
	othersInColumn: number;
	inUseBefore: number;
	inUseAfter: number;
}

/** Whether a change could break any limit at all (most moves cannot: then nothing needs counting). */
export function limitsAtStake(
	settings: BoardSettings,
	to: PlacedCard,
	from: { column: Column; lane: Lane; effort: number } | null
): boolean {
	const enteringCell = !from || from.column !== to.column || from.lane !== to.lane;
	const enteringColumn = !from || from.column !== to.column;
	if (enteringCell && settings.cellLimits[cellKey(to.column, to.lane)]) return true;
	if (enteringColumn && settings.columnLimits[to.column]) return true;
	const activeNow = ACTIVE_COLUMNS.includes(to.column);
	const activeBefore = !!from && ACTIVE_COLUMNS.includes(from.column);
	return activeNow && to.effort > (activeBefore ? from!.effort : 0);
}

/**
 * The limits a card breaks by arriving in a cell (or by its effort changing). Only limits the change
 * makes worse count: a move within a cell, or out of a full one, is never refused.
 */
export function breachesFrom(
	counts: LimitCounts,
	card: PlacedCard,
	from: { column: Column; lane: Lane } | null,
	settings: BoardSettings,
	capacity: Capacity
): Breach[] {
	const breaches: Breach[] = [];
	const cellCount = counts.othersInCell + 1;
	const cellLimit = settings.cellLimits[cellKey(card.column, card.lane)];
	if ((!from || from.column !== card.column || from.lane !== card.lane) && over(cellLimit, cellCount)) {
		breaches.push({
			kind: 'cell',
			hard: cellLimit.hard,
			limit: cellLimit.limit,
			value: cellCount,
			message: `${COLUMN_LABELS[card.column]} × ${LANE_LABELS[card.lane]} allows ${cellLimit.limit} ${cellLimit.limit === 1 ? 'card' : 'cards'}; this would make ${cellCount}.`
		});
	}
	const columnCount = counts.othersInColumn + 1;
	const columnLimit = settings.columnLimits[card.column];
	if ((!from || from.column !== card.column) && over(columnLimit, columnCount)) {
		breaches.push({
			kind: 'column',
			hard: columnLimit.hard,
			limit: columnLimit.limit,
			value: columnCount,
			message: `${COLUMN_LABELS[card.column]} allows ${columnLimit.limit} ${columnLimit.limit === 1 ? 'card' : 'cards'}; this would make ${columnCount}.`
		});
	}
	const protectedNow = protectedHours(capacity);
	if (counts.inUseAfter > counts.inUseBefore && counts.inUseAfter > protectedNow) {
		breaches.push({
			kind: 'capacity',
			hard: settings.capacityHard,
			limit: protectedNow,
			value: counts.inUseAfter,
			message: `Protected capacity is ${formatHours(protectedNow)} a week; this would put ${formatHours(counts.inUseAfter)} in use.`
		});
	}
	return breaches;
}

/** The same judgement over a board's whole list of active cards (BEFORE the change; `card` AFTER it). */
export function limitBreaches(
	cards: readonly PlacedCard[],
	card: PlacedCard,
	settings: BoardSettings,
	capacity: Capacity
): Breach[] {
	const others = cards.filter((c) => c.id !== card.id);
	const before = cards.find((c) => c.id === card.id) ?? null;
	return breachesFrom(
		{
			othersInCell: others.filter((c) => c.column === card.column && c.lane === card.lane).length,
			othersInColumn: others.filter((c) => c.column === card.column).length,
			inUseBefore: effortInUse(cards),
			inUseAfter: effortInUse([...others, card])
		},
		card,
		before,
		settings,
		capacity
	);
}

export function formatHours(hours: number): string {
	const rounded = Math.round(hours * 10) / 10;
	return `${rounded} ${rounded === 1 ? 'person-hour' : 'person-hours'}`;
}

export interface MoveVerdict {
	/** Refusals: missing gate items (strict gates) and hard limits. */
	refusedBy: { gates: MissingItem[]; limits: Breach[] };
	/** Allowed but recorded: missing gate items (advisory gates) and soft limits. */
	warnings: { gates: MissingItem[]; limits: Breach[] };
}

/** Everything a move must satisfy, split into what refuses it and what only warns. */
export function judgeMove(input: {
	subject: GateSubject;
	from: Column;
	to: PlacedCard;
	today: string;
	cards: readonly PlacedCard[];
	settings: BoardSettings;
	capacity: Capacity;
}): MoveVerdict {
	const missing = gatesOnTheWay(input.from, input.to.column, input.subject, input.today);
	const breaches = limitBreaches(input.cards, input.to, input.settings, input.capacity);
	const strict = input.settings.gateMode === 'strict';
	return {
		refusedBy: { gates: strict ? missing : [], limits: breaches.filter((b) => b.hard) },
		warnings: { gates: strict ? [] : missing, limits: breaches.filter((b) => !b.hard) }
	};
}
