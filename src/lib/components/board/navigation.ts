import { COLUMNS, LANES, type Column, type Lane } from '../../domain/board';

/** Where a card sits on screen: its cell and its place in the (visible) cell. */
export interface Spot {
	column: Column;
	lane: Lane;
	index: number;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROWS: Record<string, Direction> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	ArrowUp: 'up',
	ArrowDown: 'down'
};

/**
 * The card to select after an arrow key: up/down walk the cell and then the lanes above/below;
 * left/right jump to the neighbouring column, same lane, nearest index (skipping empty cells).
 * `cellSize` tells how many visible cards a cell holds; `open` says which lanes are expanded.
 */
export function nextSelection(
	from: Spot,
	direction: Direction,
	cellSize: (column: Column, lane: Lane) => number,
	open: (lane: Lane) => boolean
): Spot | null {
	const c = COLUMNS.indexOf(from.column);
	const lanes = LANES.filter(open);
	const l = lanes.indexOf(from.lane);
	if (direction === 'up' || direction === 'down') {
		const step = direction === 'up' ? -1 : 1;
		const index = from.index + step;
		if (index >= 0 && index < cellSize(from.column, from.lane)) return { ...from, index };
		for (let i = l + step; i >= 0 && i < lanes.length; i += step) {
			const size = cellSize(from.column, lanes[i]!);
			if (size > 0) return { column: from.column, lane: lanes[i]!, index: step > 0 ? 0 : size - 1 };
		}
		return null;
	}
	const step = direction === 'left' ? -1 : 1;
	for (let i = c + step; i >= 0 && i < COLUMNS.length; i += step) {
		const size = cellSize(COLUMNS[i]!, from.lane);
		if (size > 0) return { column: COLUMNS[i]!, lane: from.lane, index: Math.min(from.index, size - 1) };
	}
	return null;
}

/** The cell a shift+arrow move sends a card to: the next column, or the next lane. */
export function moveTarget(from: Spot, direction: Direction): { column: Column; lane: Lane } | null {
	if (direction === 'left' || direction === 'right') {
		const column = COLUMNS[COLUMNS.indexOf(from.column) + (direction === 'left' ? -1 : 1)];
		return column ? { column, lane: from.lane } : null;
	}
	const lane = LANES[LANES.indexOf(from.lane) + (direction === 'up' ? -1 : 1)];
	return lane ? { column: from.column, lane } : null;
}

/** Keys typed into a field belong to the field, not to the board. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
