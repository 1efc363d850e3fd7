import { CARD_SUMMARY_KEYS, type CardSummary, type CardView } from './events';

/** Whether a board's entry for a card is the whole record (an event brought it), not only a summary. */
export function isFullCard(card: CardSummary): card is CardView {
	return Array.isArray((card as Partial<CardView>).evidence);
}

/**
 * A summary as the board page's data carries it: its values in CARD_SUMMARY_KEYS order, with
 * `columnEnteredAt` as the one time it holds and an empty list as 0. The page data of a 500-card board
 * is then 500 short arrays instead of 500 objects of 21 keys: the serialiser that writes it into the
 * HTML (and the browser that reads it) do a third of the work, and the HTML is ~15% smaller.
 */
export type PackedSummary = readonly unknown[];

// Three fields travel shorter than their value (the one time `columnEnteredAt` holds, an empty list as 0);
// every other field travels as it is.
export function packSummaries(cards: readonly CardSummary[]): PackedSummary[] {
	return cards.map((card) =>
		CARD_SUMMARY_KEYS.map((key) => {
			if (key === 'columnEnteredAt') return card.columnEnteredAt[card.column] ?? null;
			if (key === 'owners' || key === 'linkedTeams') return card[key].length ? card[key] : 0;
			return card[key];
		})
	);
}

const COLUMN_INDEX = CARD_SUMMARY_KEYS.indexOf('column');

/** The inverse of packSummaries (keys set in CARD_SUMMARY_KEYS order: one object shape for all cards). */
export function unpackSummaries(rows: readonly PackedSummary[]): CardSummary[] {
	return rows.map((row) => {
		const summary: Record<string, unknown> = {};
		CARD_SUMMARY_KEYS.forEach((key, i) => {
			const value = row[i];
			if (key === 'columnEnteredAt') summary[key] = value ? { [row[COLUMN_INDEX] as string]: value } : {};
			else if (key === 'owners' || key === 'linkedTeams') summary[key] = value || [];
			else summary[key] = value;
		});
		return summary as unknown as CardSummary;
	});
}
