import { CARD_SUMMARY_KEYS, type CardSummary, type CardView } from '../../src/lib/domain/events';

// Cards for tests: a whole card with every field set (overrides change what a test is about), its
// summary, and a fingerprint to compare boards by.

export const BOARD = '5c0d2f4e-1b9a-4c3d-8e7f-6a5b4c3d2e1f';
export const PAYMENTS = { id: 'a1b2c3d4-e5f6-4789-8abc-def012345678', name: 'Payments' };

export function cardView(id: string, overrides: Partial<CardView> = {}): CardView {
	return {
		id,
		homeBoardId: BOARD,
		homeTeam: PAYMENTS,
		version: 3,
		status: 'active',
		column: 'experiment',
		lane: 'team',
		position: 'a0',
		title: `Card ${id}`,
		category: 'deployment_safety',
		problemObserved: 'One deploy in five fails.',
		problemAffected: 'Every team',
		problemFrequency: 'Weekly',
		hypothesisBelieve: 'We believe smaller deploys',
		hypothesisResult: 'will result in fewer failures.',
		hypothesisSignal: 'We will know when one in twenty fails.',
		experimentPlan: 'Ship in slices.',
		experimentBoundary: 'Only the payments service.',
		timeboxStart: '2026-03-01',
		timeboxEnd: '2026-03-14',
		effort: 4,
		totalEffort: 6,
		decision: '',
		decisionRationale: '',
		learned: '',
		columnEnteredAt: { problem: '2026-02-20T08:00:00.000Z', experiment: '2026-03-01T09:00:00.000Z' },
		owners: [{ id: '9f8e7d6c-5b4a-4321-8fed-cba987654321', name: 'Mia Jones' }],
		linkedTeams: [],
		evidence: [
			{
				id: 'e1',
				kind: 'observation',
				summary: 'Two of ten failed',
				before: '',
				after: '',
				link: '',
				verdict: 'supports',
				createdBy: null,
				createdAt: '2026-03-05T09:00:00.000Z'
			}
		],
		evidenceCount: 1,
		hypothesisWritten: true,
		commentCount: 2,
		catchball: null,
		createdAt: '2026-02-20T08:00:00.000Z',
		updatedAt: '2026-03-05T09:00:00.000Z',
		...overrides
	};
}

/**
 * A card's summary as the board page carries it (the fields of CARD_SUMMARY_KEYS, in that order, with
 * only the time the card entered its column): what queries/board-page.ts must read for each card.
 */
export function summarise(card: CardView): CardSummary {
	const summary: Partial<Record<keyof CardSummary, unknown>> = {};
	for (const key of CARD_SUMMARY_KEYS) summary[key] = card[key];
	summary.columnEnteredAt = { [card.column]: card.columnEnteredAt[card.column] ?? card.createdAt };
	return summary as CardSummary;
}

/** A comparable summary of a board (tests compare clients with each other and with the database). */
export function boardFingerprint(cards: Readonly<Record<string, CardSummary>>): string[] {
	return Object.values(cards)
		.sort((a, b) => (a.id < b.id ? -1 : 1))
		.map((c) => `${c.id}|${c.status}|${c.column}|${c.lane}|${c.position}|v${c.version}`);
}
