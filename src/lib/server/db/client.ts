import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { preparingStatements } from './prepared';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services accept `Db | Tx` where they can run inside a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Sends a drizzle query now, once. (A drizzle query is lazy and runs again each time it is awaited;
 * this lets a caller put a statement on the wire and read its outcome later, pipelining what follows.)
 */
export function sendNow<T>(query: PromiseLike<T>): Promise<T> {
	const sent = new Promise<T>((resolve, reject) => void query.then(resolve, reject));
	sent.catch(() => {}); // the caller awaits it later; an early failure must not count as unhandled meanwhile
	return sent;
}

export interface Database {
	db: Db;
	kind: DatabaseKind;
	/** True when the database answers a trivial query. */
	ping(): Promise<boolean>;
	/**
	 * LISTEN on a channel (NOTIFY is delivered at commit); resolves with a function that stops listening.
	 * On PostgreSQL this holds one connection of its own, which reconnects by itself.
	 */
	listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

export interface OpenDatabaseOptions {
	/** PostgreSQL connection string; when absent, embedded PGlite is used. */
	url?: string;
	/** PGlite data folder; `memory://` keeps it in memory (tests). */
	dataDir?: string;
	/** Folder of drizzle-kit migrations; applied on open. */
	migrationsFolder?: string;
	/** Skip applying migrations (the caller already did). */
	skipMigrations?: boolean;
	/** Largest number of pooled PostgreSQL connections. */
	maxConnections?: number;
}

export function defaultMigrationsFolder(): string {
	return process.env.MIGRATIONS_DIR ?? path.resolve('drizzle');
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
	const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
	const database = options.url
		? await openPostgres(options.url, options.maxConnections ?? 10)
		: await openPglite(options.dataDir ?? './data');
	if (!options.skipMigrations) await migrateDatabase(database, migrationsFolder);
	return database;
}

export async function migrateDatabase(database: Database, migrationsFolder = defaultMigrationsFolder()) {
	if (database.kind === 'postgres') {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		// The driver-specific type differs only in its result HKT; the migrator uses the session alone.
		await migrate(database.db as never, { migrationsFolder });
	} else {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(database.db as never, { migrationsFolder });
	}
}

async function openPostgres(url: string, max: number): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, { max, onnotice: () => {} });
	const db = drizzle(preparingStatements(client), { schema }) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		ping: () => ping(db),
		listen: async (channel, onNotify) => {
			const { unlisten } = await client.listen(channel, () => onNotify());
			return unlisten;
		},
		close: () => client.end({ timeout: 5 })
	};
}

async function openPglite(dataDir: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const inMemory = dataDir.startsWith('memory://');
	const location = inMemory ? dataDir : path.resolve(dataDir, 'pglite');
	// PGlite does not create parent folders itself.
	if (!inMemory) mkdirSync(location, { recursive: true });
	const client = await PGlite.create(location);
	const db = drizzle(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		ping: () => ping(db),
		listen: async (channel, onNotify) => {
			const unlisten = await client.listen(channel, () => onNotify());
			return async () => {
				if (!client.closed) await unlisten();
			};
		},
		close: async () => {
			if (!client.closed) await client.close();
		}
	};
}

async function ping(db: Db): Promise<boolean> {
	try {
		await db.execute(sql`select 1`);
		return true;
	} catch {
		return false;
	}
}

/** Rows of a raw `execute()`: PGlite answers `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}
