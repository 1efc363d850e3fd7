import { inArray, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Which cards to load: a list of ids, or a sub-select (a whole board's cards are picked by board id in
 * the database rather than sent back as hundreds of bound parameters).
 */
export type CardSet = readonly string[] | SQLWrapper;

export function inCardSet(column: Column, set: CardSet): SQL {
	return inArray(column, set as string[]);
}

export function isEmptySet(set: CardSet): boolean {
	return Array.isArray(set) && set.length === 0;
}
