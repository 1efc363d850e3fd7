import { describe, expect, it } from 'vitest';
import { BOARD, cardView as view, summarise } from '../../../../tests/helpers/cards';
import { cardFace, daysInColumn, isOverdue } from './card-markers';

describe('days in column and overdue', () => {
	it('gives the face the same days in column and overdue mark for a summary as for the whole card', () => {
		const card = view('c1');
		expect(daysInColumn(summarise(card), '2026-03-16')).toBe(daysInColumn(card, '2026-03-16'));
		expect(daysInColumn(summarise(card), '2026-03-16')).toBe(15);
		expect(isOverdue(summarise(card), '2026-03-16')).toBe(true);
		expect(isOverdue(summarise(card), '2026-03-10')).toBe(false);
	});
});

describe('cardFace', () => {
	it('lists the markers of a summary in the order the face shows them', () => {
		const card = summarise(view('a', { linkedTeams: [{ id: 't2', name: 'Platform' }] }));
		const face = cardFace(card, BOARD, '2026-03-16');
		expect(face).toMatchObject({ days: 15, overdue: true, court: null });
		expect(face.markers.map((m) => m.text)).toEqual(['Hypothesis', '1 evidence', 'Overdue', 'with Platform']);
	});

	it('names the home team of a card from another board, and where its catchball is', () => {
		const since = new Date(Date.now() - 3 * 86_400_000).toISOString();
		const card = summarise(
			view('b', {
				homeBoardId: 'other-board',
				hypothesisWritten: false,
				evidenceCount: 0,
				column: 'problem',
				catchball: {
					state: 'in_air',
					court: { id: 'l', name: 'Leadership', isLeadership: true },
					since,
					last: { kind: 'throw', message: 'Please decide', by: 'Mia Jones' }
				}
			})
		);
		const face = cardFace(card, BOARD, '2026-03-16');
		expect(face.markers).toEqual([{ text: 'from Payments', kind: 'link' }]);
		expect(face.court).toEqual({ inAir: true, text: '↗ Leadership · 3d', words: 'In the air, in Leadership’s court for 3 days' });
	});
});
