import type { Sql, TransactionSql } from 'postgres';

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
