import type { Column, Lane } from './board';
import type { BoardEvent, CardSummary, TeamRefView } from './events';
import type { BoardSettingsView } from './capacity';
import { cellKey } from './limits';
import { compareByPosition } from './ordering';

/**
 * A board as a client holds it: every card that shows on it, and the seq of the last event applied.
 * A card is a summary (the board page's data) or a whole `CardView` (snapshots, and every event that
 * carries the card): each event writes what it carries.
 */
export interface BoardState {
	boardId: string;
	seq: number;
	cards: Readonly<Record<string, CardSummary>>;
	/** Gates, limits, capacity and raids (absent in states built without them, as in some tests). */
	settings: BoardSettingsView | null;
	/** The board's team, as its header shows it (null when the state was built without it). */
	team: TeamRefView | null;
}

export function boardStateFrom(
	boardId: string,
	seq: number,
	cards: readonly CardSummary[],
	settings: BoardSettingsView | null = null,
	team: TeamRefView | null = null
): BoardState {
	return { boardId, seq, cards: Object.fromEntries(cards.map((c) => [c.id, c])), settings, team };
}

/**
 * Applies one event of the board's log. The one place that maps events onto board state, used by the
 * browser and by the tests that compare clients with the database. Events must come in seq order.
 */
export function applyBoardEvent(state: BoardState, event: BoardEvent): BoardState {
	if (event.type === 'board.configured' || event.type === 'board.raid_recorded') {
		return { ...state, seq: event.seq, settings: event.settings };
	}
	// Catchball about a card that does not show here changes nothing on this board.
	if (event.type === 'catchball.noted') return { ...state, seq: event.seq };
	if (event.type === 'team.renamed') return renameTeam(state, event);
	const cards = { ...state.cards };
	switch (event.type) {
		case 'card.unlinked':
			delete cards[event.cardId];
			break;
		case 'card.moved': {
			const card = cards[event.cardId];
			if (card) {
				const moved: CardSummary = {
					...card,
					column: event.to.column,
					lane: event.to.lane,
					position: event.to.position,
					version: event.version,
					columnEnteredAt: event.enteredAt
						? { ...card.columnEnteredAt, [event.to.column]: event.enteredAt }
						: card.columnEnteredAt
				};
				// A whole card keeps its record current (a summary has no `updatedAt`).
				if ('updatedAt' in card) (moved as CardSummary & { updatedAt: string }).updatedAt = event.at;
				cards[event.cardId] = moved;
			}
			for (const { cardId, position } of event.rekeyed) {
				const other = cards[cardId];
				if (other) cards[cardId] = { ...other, position };
			}
			break;
		}
		default:
			cards[event.card.id] = event.card;
	}
	return { ...state, seq: event.seq, cards };
}

/** The new name wherever the board shows the team: its header, and each card's home team, linked teams and court. */
function renameTeam(state: BoardState, event: Extract<BoardEvent, { type: 'team.renamed' }>): BoardState {
	const { teamId, name } = event;
	const renamed = <T extends { id: string; name: string }>(team: T): T => (team.id === teamId ? { ...team, name } : team);
	const cards: Record<string, CardSummary> = {};
	for (const [id, card] of Object.entries(state.cards)) {
		const names =
			card.homeTeam.id === teamId || card.linkedTeams.some((t) => t.id === teamId) || card.catchball?.court.id === teamId;
		cards[id] = names
			? {
					...card,
					homeTeam: renamed(card.homeTeam),
					linkedTeams: card.linkedTeams.map(renamed),
					catchball: card.catchball && { ...card.catchball, court: renamed(card.catchball.court) }
				}
			: card;
	}
	return { ...state, seq: event.seq, cards, team: state.team && renamed(state.team) };
}

/** The active cards of one cell, in the board's order. */
export function cardsInCell<C extends CardSummary>(cards: Readonly<Record<string, C>>, column: Column, lane: Lane): C[] {
	return Object.values(cards)
		.filter((c) => c.status === 'active' && c.column === column && c.lane === lane)
		.sort(compareByPosition);
}

/**
 * The active cards of every cell, in the board's order, keyed by `column:lane` (cellKey in limits.ts):
 * one pass over the board instead of one per cell.
 */
export function cardsByCell<C extends CardSummary>(cards: Readonly<Record<string, C>>): Map<string, C[]> {
	const cells = new Map<string, C[]>();
	for (const card of Object.values(cards)) {
		if (card.status !== 'active') continue;
		const key = cellKey(card.column, card.lane);
		const cell = cells.get(key);
		if (cell) cell.push(card);
		else cells.set(key, [card]);
	}
	for (const cell of cells.values()) cell.sort(compareByPosition);
	return cells;
}
