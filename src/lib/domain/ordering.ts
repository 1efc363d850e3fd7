import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Placed {
	id: string;
	position: string;
}

/**
 * Order of cards in a cell: by key, byte-wise (as PostgreSQL's COLLATE "C"), then by id so that
 * equal keys still sort the same everywhere.
 */
export function compareByPosition(a: Placed, b: Placed): number {
	if (a.position !== b.position) return a.position < b.position ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface KeyChoice {
	position: string;
	/** Cards of the cell given new keys to make room (only when neighbours had equal keys). */
	rekeyed: Placed[];
}

/**
 * The key that puts a card at `index` among `cell` (the cell's other cards, in order). When the two
 * neighbours share a key there is no key between them, so the whole cell is re-keyed evenly.
 */
export function keyForIndex(cell: readonly Placed[], index: number): KeyChoice {
	const at = Math.max(0, Math.min(index, cell.length));
	const before = cell[at - 1]?.position ?? null;
	const after = cell[at]?.position ?? null;
	if (before === null || after === null || before < after) {
		return { position: generateKeyBetween(before, after), rekeyed: [] };
	}
	const keys = generateNKeysBetween(null, null, cell.length + 1);
	const rekeyed: Placed[] = [];
	let k = 0;
	let position = '';
	for (let i = 0; i <= cell.length; i++) {
		if (i === at) {
			position = keys[k++]!;
		}
		if (i < cell.length) {
			const card = cell[i]!;
			const key = keys[k++]!;
			if (key !== card.position) rekeyed.push({ id: card.id, position: key });
		}
	}
	return { position, rekeyed };
}
