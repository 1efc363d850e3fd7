import { describe, expect, it } from 'vitest';
import type { Column, Lane } from '../../domain/board';
import type { CardSummary } from '../../domain/events';
import { boardKey, type KeyboardBoard, type KeyPress } from './keyboard';

// A board of three lanes: in Team, Problem has a and b, Hypothesis has c; in System, Problem has d;
// h is in Problem/Team but hidden by the filter; x is archived.
function card(id: string, column: Column, lane: Lane, status: CardSummary['status'] = 'active'): CardSummary {
	return { id, column, lane, status } as CardSummary;
}
const cards = {
	a: card('a', 'problem', 'team'),
	h: card('h', 'problem', 'team'),
	b: card('b', 'problem', 'team'),
	c: card('c', 'hypothesis', 'team'),
	d: card('d', 'problem', 'system'),
	x: card('x', 'experiment', 'team', 'archived')
};
const full: Record<string, CardSummary[]> = { 'problem:team': [cards.a, cards.h, cards.b], 'hypothesis:team': [cards.c], 'problem:system': [cards.d] };

function board(selectedId: string | null, canWrite = true): KeyboardBoard {
	return {
		canWrite,
		selectedId,
		cards,
		fullCell: (column, lane) => full[`${column}:${lane}`] ?? [],
		cell: (column, lane) => (full[`${column}:${lane}`] ?? []).filter((c) => c.id !== 'h')
	};
}
const open = { team: false, cross_team: false, system: false };
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('the board’s shortcuts', () => {
	it('undo with Ctrl+Z or ⌘Z when the person may write; the key is the board’s either way', () => {
		expect(boardKey(press('z', { ctrlKey: true }), board('a'), open)).toEqual({ action: { kind: 'undo' }, preventDefault: true });
		expect(boardKey(press('Z', { metaKey: true }), board('a'), open).action).toEqual({ kind: 'undo' });
		expect(boardKey(press('z', { ctrlKey: true }), board('a', false), open)).toEqual({ action: null, preventDefault: true });
	});

	it('leave other shortcuts of the browser alone', () => {
		for (const mods of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }]) {
			expect(boardKey(press('ArrowDown', mods), board('a'), open)).toEqual({ action: null, preventDefault: false });
		}
		expect(boardKey(press('x'), board('a'), open)).toEqual({ action: null, preventDefault: false });
	});

	it('open the help with ?, close it with Escape (which the page may still use), and go to the filter with /', () => {
		expect(boardKey(press('?'), board(null), open)).toEqual({ action: { kind: 'toggle-help' }, preventDefault: true });
		expect(boardKey(press('Escape'), board(null), open)).toEqual({ action: { kind: 'close-help' }, preventDefault: false });
		expect(boardKey(press('/'), board(null), open)).toEqual({ action: { kind: 'focus-filter' }, preventDefault: true });
	});

	it('add a card with n in the selected card’s lane (Team when none), only for people who may write', () => {
		expect(boardKey(press('n'), board('d'), open).action).toEqual({ kind: 'add', lane: 'system' });
		expect(boardKey(press('n'), board(null), open).action).toEqual({ kind: 'add', lane: 'team' });
		expect(boardKey(press('n'), board('d', false), open)).toEqual({ action: null, preventDefault: false });
	});

	it('open the selected card with e; with nothing selected, e does nothing', () => {
		expect(boardKey(press('e'), board('c'), open)).toEqual({ action: { kind: 'open', cardId: 'c' }, preventDefault: true });
		expect(boardKey(press('e'), board(null), open)).toEqual({ action: null, preventDefault: false });
		expect(boardKey(press('e'), board('x'), open).action).toBeNull();
	});

	it('select the first card in view with an arrow when nothing (or a hidden card) is selected', () => {
		expect(boardKey(press('ArrowRight'), board(null), open).action).toEqual({ kind: 'select', cardId: 'a' });
		expect(boardKey(press('ArrowDown'), board('h'), open).action).toEqual({ kind: 'select', cardId: 'a' });
		expect(boardKey(press('ArrowDown'), board(null), { ...open, team: true }).action).toEqual({ kind: 'select', cardId: 'd' });
	});

	it('walk the cards in view with the arrows, past hidden cards and into the next lane', () => {
		expect(boardKey(press('ArrowDown'), board('a'), open).action).toEqual({ kind: 'select', cardId: 'b' });
		expect(boardKey(press('ArrowDown'), board('b'), open).action).toEqual({ kind: 'select', cardId: 'd' });
		expect(boardKey(press('ArrowRight'), board('b'), open).action).toEqual({ kind: 'select', cardId: 'c' });
		expect(boardKey(press('ArrowUp'), board('a'), open)).toEqual({ action: null, preventDefault: true });
	});

	it('move the selected card with Shift+arrow to the next column or lane, keeping its place among all its cell’s cards', () => {
		expect(boardKey(press('ArrowRight', { shiftKey: true }), board('b'), open).action).toEqual({
			kind: 'move',
			cardId: 'b',
			column: 'hypothesis',
			lane: 'team',
			// b is third in its cell counting the hidden card; Hypothesis has one card, so it goes last.
			index: 1
		});
		expect(boardKey(press('ArrowDown', { shiftKey: true }), board('a'), open).action).toEqual({
			kind: 'move',
			cardId: 'a',
			column: 'problem',
			lane: 'cross_team',
			index: 0
		});
		expect(boardKey(press('ArrowLeft', { shiftKey: true }), board('a'), open)).toEqual({ action: null, preventDefault: true });
		expect(boardKey(press('ArrowRight', { shiftKey: true }), board('b', false), open)).toEqual({ action: null, preventDefault: true });
	});
});
