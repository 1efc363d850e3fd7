import { describe, expect, it } from 'vitest';
import { cardsByCell } from '../domain/board-state';
import type { CardSummary } from '../domain/events';
import { cardView as view, summarise } from '../../../tests/helpers/cards';
import { filterCells, isFiltering, matchesFilter } from './filter';

const NO_FILTER = { text: '', ownerId: '', category: '' };

describe('the board filter', () => {
	const a = summarise(view('a', { column: 'problem', position: 'a1', title: 'Flaky deploys' }));
	const b = summarise(view('b', { column: 'problem', position: 'a0', title: 'Slow reviews' }));
	const c = summarise(view('c', { column: 'experiment', lane: 'system' }));
	const cells = cardsByCell<CardSummary>({ a, b, c });

	it('hides cards without reordering, and gives the same cells back when not filtering', () => {
		expect(filterCells(cells, NO_FILTER)).toBe(cells);
		const found = filterCells(cells, { ...NO_FILTER, text: 'FLAKY' });
		expect(found.get('problem:team')!.map((x) => x.id)).toEqual(['a']);
		expect(found.get('experiment:system')).toEqual([]);
	});

	it('searches the record fields a summary keeps, every word anywhere', () => {
		// "slices" is in the experiment plan; "Mia" names an owner.
		expect(filterCells(cells, { ...NO_FILTER, text: 'slices' }).get('problem:team')).toHaveLength(2);
		expect(matchesFilter(a, { ...NO_FILTER, text: 'mia flaky' })).toBe(true);
		expect(matchesFilter(a, { ...NO_FILTER, text: 'mia reviews' })).toBe(false);
	});

	it('filters by owner and by category', () => {
		const owner = a.owners[0]!.id;
		expect(matchesFilter(a, { ...NO_FILTER, ownerId: owner })).toBe(true);
		expect(matchesFilter(summarise(view('d', { owners: [] })), { ...NO_FILTER, ownerId: owner })).toBe(false);
		expect(matchesFilter(a, { ...NO_FILTER, category: 'deployment_safety' })).toBe(true);
		expect(matchesFilter(a, { ...NO_FILTER, category: 'policy_delay' })).toBe(false);
	});

	it('counts only words as filtering, not spaces', () => {
		expect(isFiltering({ ...NO_FILTER, text: '   ' })).toBe(false);
		expect(isFiltering({ ...NO_FILTER, text: ' x ' })).toBe(true);
	});
});
