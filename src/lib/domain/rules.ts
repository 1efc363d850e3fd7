import { COLUMN_LABELS, LANE_LABELS, type Column, type Lane } from './board';
import { gatesOnTheWay, type GateSubject, type MissingItem } from './gates';
import { cellKey, protectedHours, type BoardSettings, type Capacity, type Limit } from './settings';

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

/**
 * The limits a card breaks by arriving in a cell (or by its effort changing). `cards` is the board's
 * active cards BEFORE the change; `card` is the card AFTER it. Only limits the change makes worse count:
 * a move within a cell, or out of a full one, is never refused.
 */
export function limitBreaches(
	cards: readonly PlacedCard[],
	card: PlacedCard,
	settings: BoardSettings,
	capacity: Capacity
): Breach[] {
	const others = cards.filter((c) => c.id !== card.id);
	const before = cards.find((c) => c.id === card.id);
	const breaches: Breach[] = [];

	const enteringCell = !before || before.column !== card.column || before.lane !== card.lane;
	const cellCount = others.filter((c) => c.column === card.column && c.lane === card.lane).length + 1;
	const cellLimit = settings.cellLimits[cellKey(card.column, card.lane)];
	if (enteringCell && over(cellLimit, cellCount)) {
		breaches.push({
			kind: 'cell',
			hard: cellLimit.hard,
			limit: cellLimit.limit,
			value: cellCount,
			message: `${COLUMN_LABELS[card.column]} × ${LANE_LABELS[card.lane]} allows ${cellLimit.limit} ${cellLimit.limit === 1 ? 'card' : 'cards'}; this would make ${cellCount}.`
		});
	}

	const enteringColumn = !before || before.column !== card.column;
	const columnCount = others.filter((c) => c.column === card.column).length + 1;
	const columnLimit = settings.columnLimits[card.column];
	if (enteringColumn && over(columnLimit, columnCount)) {
		breaches.push({
			kind: 'column',
			hard: columnLimit.hard,
			limit: columnLimit.limit,
			value: columnCount,
			message: `${COLUMN_LABELS[card.column]} allows ${columnLimit.limit} ${columnLimit.limit === 1 ? 'card' : 'cards'}; this would make ${columnCount}.`
		});
	}

	const protectedNow = protectedHours(capacity);
	const beforeUse = effortInUse(cards);
	const afterUse = effortInUse([...others, card]);
	if (afterUse > beforeUse && afterUse > protectedNow) {
		breaches.push({
			kind: 'capacity',
			hard: settings.capacityHard,
			limit: protectedNow,
			value: afterUse,
			message: `Protected capacity is ${formatHours(protectedNow)} a week; this would put ${formatHours(afterUse)} in use.`
		});
	}
	return breaches;
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
