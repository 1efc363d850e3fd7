import type { CardView } from '../../domain/events';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days the card has been in its current column (by the team's calendar date). */
export function daysInColumn(card: CardView, today: string): number {
	const entered = card.columnEnteredAt[card.column] ?? card.createdAt;
	const start = Date.parse(entered.slice(0, 10));
	const end = Date.parse(today);
	return Math.max(0, Math.floor((end - start) / DAY_MS));
}

export function hasHypothesis(card: CardView): boolean {
	return [card.hypothesisBelieve, card.hypothesisResult, card.hypothesisSignal].every((p) => p.trim() !== '');
}

/** An experiment still running after its time box ended. */
export function isOverdue(card: CardView, today: string): boolean {
	return card.column === 'experiment' && !!card.timeboxEnd && card.timeboxEnd < today;
}
