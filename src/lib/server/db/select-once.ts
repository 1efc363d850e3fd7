import type { SQL } from 'drizzle-orm';
import { PgDialect, QueryBuilder, type SelectedFields, type SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import { orderSelectedFields } from 'drizzle-orm/utils';
import type { DbOrTx } from './client';

// drizzle exports this at run time (its selects use it to map rows) but leaves it out of its types.
declare module 'drizzle-orm/utils' {
	export function orderSelectedFields(fields: Record<string, unknown>, pathPrefix?: string[]): SelectedFieldsOrdered;
}

const dialect = new PgDialect();

/**
 * A select whose SQL drizzle builds once, with `sql.placeholder(name)` where its values go, then runs
 * in any database or transaction with those values; rows come back mapped as the builder's would
 * (`Row`: the type the same select would give).
 *
 * Why: drizzle builds a statement's text on every call (≈ 0.1 ms for each of a move's two selects on
 * the bench machine), and a move pays that while it holds its board's lock.
 */
export function selectOnce<Row, Selection extends SelectedFields = SelectedFields>(
	selection: Selection,
	build: (qb: QueryBuilder, selection: Selection) => { getSQL(): SQL }
) {
	const query = dialect.sqlToQuery(build(new QueryBuilder(), selection).getSQL());
	// The same fields, in the same order, as the select list the builder wrote.
	const fields = orderSelectedFields(selection as Record<string, unknown>);
	return (db: DbOrTx, values: Record<string, unknown>): Promise<Row[]> =>
		db._.session.prepareQuery(query, fields, undefined, true).execute(values) as Promise<Row[]>;
}
