import { describe, expect, it } from 'vitest';
import { compareByPosition, keyForIndex, type Placed } from './ordering';

function cellOf(keys: string[]): Placed[] {
	return keys.map((position, i) => ({ id: `card-${i}`, position }));
}

function insertAt(cell: Placed[], index: number): Placed[] {
	const { position, rekeyed } = keyForIndex(cell, index);
	const next = cell.map((c) => ({ ...c, position: rekeyed.find((r) => r.id === c.id)?.position ?? c.position }));
	next.push({ id: 'moved', position });
	return next.sort(compareByPosition);
}

describe('keyForIndex', () => {
	it('places a card first, between, and last', () => {
		const cell = cellOf(['a0', 'a1', 'a2']);
		expect(insertAt(cell, 0).map((c) => c.id)).toEqual(['moved', 'card-0', 'card-1', 'card-2']);
		expect(insertAt(cell, 2).map((c) => c.id)).toEqual(['card-0', 'card-1', 'moved', 'card-2']);
		expect(insertAt(cell, 3).map((c) => c.id)).toEqual(['card-0', 'card-1', 'card-2', 'moved']);
	});

	it('clamps an index past the end to the end', () => {
		const cell = cellOf(['a0']);
		expect(insertAt(cell, 99).map((c) => c.id)).toEqual(['card-0', 'moved']);
	});

	it('gives an empty cell a key', () => {
		expect(keyForIndex([], 0)).toEqual({ position: 'a0', rekeyed: [] });
	});

	it('re-keys the cell when the neighbours share a key', () => {
		const cell = cellOf(['a0', 'a1', 'a1', 'a2']);
		const { rekeyed } = keyForIndex(cell, 2);
		expect(rekeyed.length).toBeGreaterThan(0);
		const result = insertAt(cell, 2);
		expect(result.map((c) => c.id)).toEqual(['card-0', 'card-1', 'moved', 'card-2', 'card-3']);
		expect(new Set(result.map((c) => c.position)).size).toBe(result.length);
	});

	it('keeps order exact over many inserts at the same spot', () => {
		let cell: Placed[] = [];
		for (let i = 0; i < 200; i++) {
			const { position } = keyForIndex(cell, 1);
			cell = [...cell, { id: `n${i}`, position }].sort(compareByPosition);
		}
		expect(cell[0]!.id).toBe('n0');
		expect(cell[1]!.id).toBe('n199');
		expect(cell.at(-1)!.id).toBe('n1');
	});
});

describe('compareByPosition', () => {
	it('compares byte-wise, like COLLATE "C" (upper case before lower case)', () => {
		const sorted = [
			{ id: '1', position: 'a' },
			{ id: '2', position: 'Z' }
		].sort(compareByPosition);
		expect(sorted.map((c) => c.position)).toEqual(['Z', 'a']);
	});

	it('breaks ties by id', () => {
		const sorted = [
			{ id: 'b', position: 'a0' },
			{ id: 'a', position: 'a0' }
		].sort(compareByPosition);
		expect(sorted.map((c) => c.id)).toEqual(['a', 'b']);
	});
});
