import { openDatabase, type Database } from '../../src/lib/server/db/client';
import { generateSecureRandomString } from '../../src/lib/server/auth/tokens';

export interface TestDatabase extends Database {
	/** Where it lives: 'pglite' (in memory) or the name of the throwaway PostgreSQL database. */
	label: string;
	/** The connection string of a PostgreSQL test database (undefined on PGlite). */
	url: string | undefined;
}

/**
 * A fresh, migrated database for one test file: a throwaway database on the PostgreSQL server named by
 * TEST_DATABASE_URL (dropped again on close), or an in-memory PGlite when it is unset.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const database = await openDatabase({ dataDir: 'memory://' });
		return { ...database, label: 'pglite', url: undefined };
	}
	const { default: postgres } = await import('postgres');
	const name = `catchball_test_${generateSecureRandomString(12)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.toString(), maxConnections: 30 });
	return {
		...database,
		label: name,
		url: url.toString(),
		close: async () => {
			await database.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

export function usingPostgres(): boolean {
	return !!process.env.TEST_DATABASE_URL;
}
