import { sideName } from '../../domain/catchball';
import type { CardSummary } from '../../domain/events';
import { waitedFor, waitedShort } from '../catchball/time';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days the card has been in its current column (by the team's calendar date). A summary always
 * says when it entered its column; a whole card falls back on its creation.
 */
export function daysInColumn(card: Pick<CardSummary, 'column' | 'columnEnteredAt'> & { createdAt?: string }, today: string): number {
	const entered = card.columnEnteredAt[card.column] ?? card.createdAt ?? today;
	const start = Date.parse(entered.slice(0, 10));
	const end = Date.parse(today);
	return Math.max(0, Math.floor((end - start) / DAY_MS));
}

/** An experiment still running after its time box ended. */
export function isOverdue(card: Pick<CardSummary, 'column' | 'timeboxEnd'>, today: string): boolean {
	return card.column === 'experiment' && !!card.timeboxEnd && card.timeboxEnd < today;
}

export interface FaceMarker {
	text: string;
	kind: '' | 'late' | 'link';
}

/** What a card's face shows besides its title, category and owners (one pass, for 500 faces at once). */
export interface Face {
	days: number;
	overdue: boolean;
	/** The markers before the catchball court, in order. */
	markers: FaceMarker[];
	/** Where its catchball is: "↗ Leadership · 3d" in the air, "✓ Platform" owned. */
	court: { inAir: boolean; text: string; words: string } | null;
}

export function cardFace(card: CardSummary, boardId: string, today: string): Face {
	const overdue = isOverdue(card, today);
	const isForeign = card.homeBoardId !== boardId;
	const markers: FaceMarker[] = [];
	if (card.hypothesisWritten) markers.push({ text: 'Hypothesis', kind: '' });
	if (card.evidenceCount) markers.push({ text: `${card.evidenceCount} evidence`, kind: '' });
	if (overdue) markers.push({ text: 'Overdue', kind: 'late' });
	if (card.linkedTeams.length && !isForeign) markers.push({ text: `with ${card.linkedTeams.map((t) => t.name).join(', ')}`, kind: 'link' });
	if (isForeign) markers.push({ text: `from ${card.homeTeam.name}`, kind: 'link' });
	const c = card.catchball;
	const side = c ? sideName(c.court) : '';
	const court = !c
		? null
		: c.state === 'in_air'
			? { inAir: true, text: `↗ ${side} · ${waitedShort(c.since)}`, words: `In the air, in ${side}’s court for ${waitedFor(c.since)}` }
			: { inAir: false, text: `✓ ${side}`, words: `Owned by ${side}` };
	return { days: daysInColumn(card, today), overdue, markers, court };
}
