import { describe, expect, it } from 'vitest';
import { applyBoardEvent, boardStateFrom, cardsByCell } from './board-state';
import { isFullCard, packSummaries, unpackSummaries } from './card-summary';
import { CARD_SUMMARY_KEYS, type BoardEvent, type CardSummary } from './events';
import { hypothesisWritten } from './gates';
import { BOARD, cardView as view, summarise } from '../../../tests/helpers/cards';

function event(seq: number, body: Record<string, unknown>): BoardEvent {
	return { ...body, boardId: BOARD, seq, actor: null, at: '2026-03-06T10:00:00.000Z' } as BoardEvent;
}

// `summarise` (tests/helpers/cards.ts) is what the board page's statement must give for each card.
describe('a summary', () => {
	it('keeps exactly the summary fields, and no part of the record the face does not show', () => {
		const summary = summarise(view('c1'));
		expect(Object.keys(summary).sort()).toEqual([...CARD_SUMMARY_KEYS].sort());
		for (const hidden of ['problemAffected', 'hypothesisResult', 'experimentBoundary', 'decisionRationale', 'evidence', 'commentCount', 'updatedAt']) {
			expect(summary).not.toHaveProperty(hidden);
		}
		expect(summary).toMatchObject({ title: 'Card c1', evidenceCount: 1, hypothesisWritten: true, effort: 4, timeboxEnd: '2026-03-14' });
	});

	it('says only when the card entered the column it is in, or its creation when that was never recorded', () => {
		expect(summarise(view('c1')).columnEnteredAt).toEqual({ experiment: '2026-03-01T09:00:00.000Z' });
		expect(summarise(view('c2', { columnEnteredAt: {} })).columnEnteredAt).toEqual({ experiment: '2026-02-20T08:00:00.000Z' });
	});

	it('tells a summary from a whole card', () => {
		expect(isFullCard(view('c1'))).toBe(true);
		expect(isFullCard(summarise(view('c1')))).toBe(false);
	});
});

describe('hypothesisWritten', () => {
	const parts = { hypothesisBelieve: 'We believe', hypothesisResult: 'will result in', hypothesisSignal: 'we will know' };

	it('needs all three parts', () => {
		expect(hypothesisWritten(parts)).toBe(true);
		expect(hypothesisWritten({ ...parts, hypothesisSignal: '' })).toBe(false);
	});

	it('does not count white space of any kind as written', () => {
		for (const blank of [' ', '\t\n', '\u00a0', '\u3000\u2028', '\ufeff ']) {
			expect(hypothesisWritten({ ...parts, hypothesisResult: blank })).toBe(false);
		}
		expect(hypothesisWritten({ ...parts, hypothesisResult: '\u00a0x\u00a0' })).toBe(true);
	});
});

describe('a board of summaries', () => {
	const a = summarise(view('a', { column: 'problem', position: 'a1', title: 'Flaky deploys' }));
	const b = summarise(view('b', { column: 'problem', position: 'a0', title: 'Slow reviews' }));
	const c = summarise(view('c', { column: 'experiment', lane: 'system' }));

	it('applies a move to a summary without giving it fields it did not have', () => {
		const state = boardStateFrom(BOARD, 10, [a, b, c]);
		const next = applyBoardEvent(
			state,
			event(11, {
				type: 'card.moved',
				cardId: 'a',
				title: 'Card a',
				from: { column: 'problem', lane: 'team' },
				to: { column: 'hypothesis', lane: 'team', position: 'a5' },
				version: 4,
				enteredAt: '2026-03-06T10:00:00.000Z',
				rekeyed: []
			})
		);
		expect(next.cards.a).toMatchObject({ column: 'hypothesis', position: 'a5', version: 4 });
		expect(next.cards.a!.columnEnteredAt).toEqual({ problem: '2026-02-20T08:00:00.000Z', hypothesis: '2026-03-06T10:00:00.000Z' });
		expect(next.cards.a).not.toHaveProperty('updatedAt');
		expect(Object.keys(next.cards.a!).sort()).toEqual([...CARD_SUMMARY_KEYS].sort());
	});

	it('keeps a whole card whole when it moves (its record stays current)', () => {
		const whole = view('w', { column: 'problem' });
		const state = boardStateFrom(BOARD, 10, [whole]);
		const next = applyBoardEvent(
			state,
			event(11, {
				type: 'card.moved',
				cardId: 'w',
				title: 'Card w',
				from: { column: 'problem', lane: 'team' },
				to: { column: 'problem', lane: 'system', position: 'a0' },
				version: 4,
				enteredAt: null,
				rekeyed: []
			})
		);
		expect(isFullCard(next.cards.w!)).toBe(true);
		expect(next.cards.w).toMatchObject({ lane: 'system', updatedAt: '2026-03-06T10:00:00.000Z', evidence: whole.evidence });
	});

	it('takes the whole card an event carries in place of the summary', () => {
		const state = boardStateFrom(BOARD, 10, [a]);
		const edited = view('a', { column: 'problem', position: 'a1', version: 4, problemAffected: 'Everyone' });
		const next = applyBoardEvent(state, event(11, { type: 'card.updated', card: edited, changed: ['problemAffected'] }));
		expect(next.cards.a).toBe(edited);
		expect(isFullCard(next.cards.a!)).toBe(true);
	});

	it('sorts every cell once, leaving out cards that are not active', () => {
		const cells = cardsByCell<CardSummary>({ a, b, c, gone: summarise(view('gone', { status: 'archived' })) });
		expect(cells.get('problem:team')!.map((x) => x.id)).toEqual(['b', 'a']);
		expect(cells.get('experiment:system')!.map((x) => x.id)).toEqual(['c']);
		expect([...cells.values()].flat().map((x) => x.id)).not.toContain('gone');
	});
});

describe('packed summaries (the board page data)', () => {
	it('unpack to the summaries they were packed from', () => {
		const cards = [
			summarise(view('a')),
			summarise(view('b', { owners: [], linkedTeams: [{ id: 't2', name: 'Platform' }], catchball: null, category: null })),
			summarise(view('c', { columnEnteredAt: {}, timeboxEnd: null }))
		];
		const packed = packSummaries(cards);
		expect(packed[0]).toHaveLength(CARD_SUMMARY_KEYS.length);
		// As the page data travels: serialised and parsed again.
		expect(JSON.parse(JSON.stringify(unpackSummaries(packed)))).toStrictEqual(cards);
	});

	it('keep objects shared between cards shared', () => {
		const cards = [summarise(view('a')), summarise(view('b'))];
		expect(cards[0]!.homeTeam).toBe(cards[1]!.homeTeam);
		const [a, b] = unpackSummaries(packSummaries(cards));
		expect(a!.homeTeam).toBe(b!.homeTeam);
		// Every card has a list of its own to change.
		const [c, d] = unpackSummaries(packSummaries([summarise(view('c', { owners: [] })), summarise(view('d', { owners: [] }))]));
		expect(c!.owners).toEqual([]);
		expect(c!.owners).not.toBe(d!.owners);
	});
});
