import { describe, expect, it } from 'vitest';
import type { Column, Lane } from '../../domain/board';
import { moveTarget, nextSelection } from './navigation';

const sizes: Record<string, number> = { 'problem:team': 2, 'hypothesis:team': 1, 'problem:system': 3, 'adopted:team': 1 };
const size = (c: Column, l: Lane) => sizes[`${c}:${l}`] ?? 0;
const allOpen = () => true;

describe('nextSelection', () => {
	it('walks down a cell, then into the next lane with cards', () => {
		expect(nextSelection({ column: 'problem', lane: 'team', index: 0 }, 'down', size, allOpen)).toEqual({
			column: 'problem',
			lane: 'team',
			index: 1
		});
		expect(nextSelection({ column: 'problem', lane: 'team', index: 1 }, 'down', size, allOpen)).toEqual({
			column: 'problem',
			lane: 'system',
			index: 0
		});
	});

	it('skips collapsed lanes', () => {
		const onlyTeam = (lane: Lane) => lane === 'team';
		expect(nextSelection({ column: 'problem', lane: 'team', index: 1 }, 'down', size, onlyTeam)).toBeNull();
	});

	it('jumps columns to the nearest index, skipping empty cells', () => {
		expect(nextSelection({ column: 'problem', lane: 'team', index: 1 }, 'right', size, allOpen)).toEqual({
			column: 'hypothesis',
			lane: 'team',
			index: 0
		});
		expect(nextSelection({ column: 'hypothesis', lane: 'team', index: 0 }, 'right', size, allOpen)).toEqual({
			column: 'adopted',
			lane: 'team',
			index: 0
		});
		expect(nextSelection({ column: 'problem', lane: 'team', index: 0 }, 'left', size, allOpen)).toBeNull();
	});
});

describe('moveTarget', () => {
	it('moves a column or a lane, and stops at the edges', () => {
		expect(moveTarget({ column: 'problem', lane: 'team', index: 0 }, 'right')).toEqual({ column: 'hypothesis', lane: 'team' });
		expect(moveTarget({ column: 'problem', lane: 'team', index: 0 }, 'down')).toEqual({ column: 'problem', lane: 'cross_team' });
		expect(moveTarget({ column: 'problem', lane: 'team', index: 0 }, 'left')).toBeNull();
		expect(moveTarget({ column: 'adopted', lane: 'system', index: 0 }, 'down')).toBeNull();
	});
});
