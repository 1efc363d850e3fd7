import { COLUMNS, LANES, type Column, type Lane } from '../../domain/board';
import type { CardSummary } from '../../domain/events';
import { ARROWS, moveTarget, nextSelection, type Spot } from './navigation';

/** What the board's shortcuts read of the board (the BoardStore is one). */
export interface KeyboardBoard {
	readonly canWrite: boolean;
	readonly selectedId: string | null;
	readonly cards: Readonly<Record<string, CardSummary>>;
	/** The visible cards of a cell, in order. */
	cell(column: Column, lane: Lane): readonly CardSummary[];
	/** Every active card of a cell, filtered or not (a move's index counts them all). */
	fullCell(column: Column, lane: Lane): readonly CardSummary[];
}

export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** What a key asks the board to do. */
export type KeyAction =
	| { kind: 'undo' }
	| { kind: 'toggle-help' }
	| { kind: 'close-help' }
	| { kind: 'focus-filter' }
	/** Open the quick add in the lane's Problem cell (expanding the lane). */
	| { kind: 'add'; lane: Lane }
	| { kind: 'open'; cardId: string }
	/** Select the card and focus it. */
	| { kind: 'select'; cardId: string }
	/** Move the card there (expanding the lane), then focus it. */
	| { kind: 'move'; cardId: string; column: Column; lane: Lane; index: number };

export interface KeyResult {
	action: KeyAction | null;
	/** The key was the board's: the browser should not act on it too. */
	preventDefault: boolean;
}

const NOTHING: KeyResult = { action: null, preventDefault: false };
const take = (action: KeyAction | null): KeyResult => ({ action, preventDefault: true });

/**
 * The standup shortcuts (the board's `?` lists them): Ctrl+Z undoes one's own last move, `?` the help,
 * `/` the filter, `n` a new card, `e` opens the selected card, arrows select, Shift+arrows move.
 * `collapsed` says which lanes are folded away (their cards cannot be selected).
 */
export function boardKey(press: KeyPress, board: KeyboardBoard, collapsed: Readonly<Record<Lane, boolean>>): KeyResult {
	const { key } = press;
	if ((press.ctrlKey || press.metaKey) && key.toLowerCase() === 'z') return take(board.canWrite ? { kind: 'undo' } : null);
	if (press.ctrlKey || press.metaKey || press.altKey) return NOTHING;
	if (key === '?') return take({ kind: 'toggle-help' });
	if (key === 'Escape') return { action: { kind: 'close-help' }, preventDefault: false };
	if (key === '/') return take({ kind: 'focus-filter' });
	const spot = selectedSpot(board);
	if (key === 'n' && board.canWrite) return take({ kind: 'add', lane: spot?.lane ?? 'team' });
	if (key === 'e' && spot) return take({ kind: 'open', cardId: spot.card.id });
	const direction = ARROWS[key];
	if (!direction) return NOTHING;
	if (!spot) {
		const first = firstCard(board, collapsed);
		return take(first ? { kind: 'select', cardId: first.id } : null);
	}
	if (press.shiftKey) {
		if (!board.canWrite) return take(null);
		const target = moveTarget(spot, direction);
		if (!target) return take(null);
		const size = board.fullCell(target.column, target.lane).length;
		const index = board.fullCell(spot.column, spot.lane).findIndex((c) => c.id === spot.card.id);
		return take({ kind: 'move', cardId: spot.card.id, ...target, index: Math.min(index, size) });
	}
	const next = nextSelection(
		spot,
		direction,
		(c, l) => board.cell(c, l).length,
		(l) => !collapsed[l]
	);
	const card = next ? board.cell(next.column, next.lane)[next.index] : undefined;
	return take(card ? { kind: 'select', cardId: card.id } : null);
}

/** The selected card and where it shows, if it is an active card in view. */
function selectedSpot(board: KeyboardBoard): (Spot & { card: CardSummary }) | null {
	const card = board.selectedId ? board.cards[board.selectedId] : undefined;
	if (!card || card.status !== 'active') return null;
	const index = board.cell(card.column, card.lane).findIndex((c) => c.id === card.id);
	return index < 0 ? null : { column: card.column, lane: card.lane, index, card };
}

/** The first card in reading order (lane by lane, column by column) of the lanes not collapsed. */
function firstCard(board: KeyboardBoard, collapsed: Readonly<Record<Lane, boolean>>): CardSummary | null {
	for (const lane of LANES) {
		if (collapsed[lane]) continue;
		for (const column of COLUMNS) {
			const first = board.cell(column, lane)[0];
			if (first) return first;
		}
	}
	return null;
}
