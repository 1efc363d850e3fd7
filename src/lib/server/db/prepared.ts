import type { SQL } from 'drizzle-orm';
import { PgDialect, QueryBuilder, type SelectedFields, type SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import { orderSelectedFields } from 'drizzle-orm/utils';
import type { Sql, TransactionSql } from 'postgres';
import type { DbOrTx } from './client';

/**
 * The two places the app reaches past drizzle's public API, kept here together, each for a measured
 * cost on a move's locked path (docs/performance.md). tests/integration/prepared-statements.test.ts
 * fails loudly when a drizzle or postgres.js upgrade changes what they rely on:
 *
 * - `preparingStatements` relies on drizzle sending every postgres.js statement through
 *   `client.unsafe(text, params, options)` (public in postgres.js; that drizzle calls it is drizzle's
 *   internal behaviour) and on transactions and savepoints opening through `begin`/`savepoint`.
 * - `selectOnce` relies on `db._.session.prepareQuery` and `orderSelectedFields` (drizzle internals,
 *   the same calls its own selects make).
 *
 * drizzle's public `.prepare(name)` is bound to the database or transaction it was built on, so a
 * statement prepared once cannot run inside each command's transaction; building it per transaction
 * pays the text building these avoid.
 */

type Unsafe = Sql['unsafe'];
type AnySql = Sql | TransactionSql;

/**
 * Runs every statement drizzle sends through postgres.js as a prepared statement.
 *
 * Why: drizzle asks postgres.js for unprepared statements unless a query is `.prepare()`d by name, and
 * postgres.js cannot send an unprepared statement with parameters until the server has described it:
 * two round trips per statement, and nothing behind it in the same transaction is pipelined. Prepared,
 * a statement is described once per connection (postgres.js keys its cache by text and parameter types;
 * connections are recycled after `max_lifetime`, which bounds it) and then costs one round trip, and
 * statements sent together share one. A move holds its board's lock for a few of them.
 */
export function preparingStatements<T extends AnySql>(client: T): T {
	return new Proxy(client, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver);
			if (property === 'unsafe') {
				const unsafe = value as Unsafe;
				return ((query: string, parameters?: unknown, options?: object) => {
					if (parameters !== undefined && !Array.isArray(parameters)) [parameters, options] = [[], parameters as object];
					return unsafe.call(target, query, (parameters ?? []) as never[], { ...options, prepare: true });
				}) as Unsafe;
			}
			// Transactions and savepoints hand the callback a new client: prepare its statements too.
			if (property === 'begin' || property === 'savepoint') {
				const open = value as (...args: unknown[]) => Promise<unknown>;
				return (...args: unknown[]) => {
					const callback = args.pop() as (sql: AnySql) => unknown;
					return open.call(target, ...args, (sql: AnySql) => callback(preparingStatements(sql)));
				};
			}
			return value;
		}
	});
}

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
	const run = (db: DbOrTx, values: Record<string, unknown>): Promise<Row[]> =>
		db._.session.prepareQuery(query, fields, undefined, true).execute(values) as Promise<Row[]>;
	return Object.assign(run, { text: query.sql });
}
