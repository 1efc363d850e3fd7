import type { CardSummary } from '../domain/events';

export interface CardFilter {
	text: string;
	ownerId: string;
	category: string;
}

export function isFiltering(filter: CardFilter): boolean {
	return !!(filter.text.trim() || filter.ownerId || filter.category);
}

/** Whether a card passes the board filter: owner, category and words in its title or record. */
export function matchesFilter(card: CardSummary, filter: CardFilter): boolean {
	if (filter.ownerId && !card.owners.some((o) => o.id === filter.ownerId)) return false;
	if (filter.category && card.category !== filter.category) return false;
	const text = filter.text.trim().toLowerCase();
	if (!text) return true;
	const haystack = [card.title, card.problemObserved, card.hypothesisBelieve, card.experimentPlan, ...card.owners.map((o) => o.name)]
		.join(' ')
		.toLowerCase();
	return text.split(/\s+/).every((word) => haystack.includes(word));
}

/** Cells (see cardsByCell) with only the cards that pass the filter; the same cells when not filtering. */
export function filterCells<C extends CardSummary>(cells: Map<string, C[]>, filter: CardFilter): Map<string, C[]> {
	if (!isFiltering(filter)) return cells;
	const visible = new Map<string, C[]>();
	for (const [key, cards] of cells) visible.set(key, cards.filter((c) => matchesFilter(c, filter)));
	return visible;
}
