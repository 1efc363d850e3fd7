import { openAppDatabase } from './db';
import type { DatabaseKind } from './db/client';

/** A database that has not answered by then counts as down (postgres.js waits 30 s to connect). */
const PING_TIMEOUT_MS = 3_000;

export type Health =
	| { status: 'ok'; database: DatabaseKind }
	| { status: 'starting' }
	| { status: 'unavailable'; database?: DatabaseKind };

/** Whether the app's database is open and answers (what `GET /healthz` reports). */
export async function databaseHealth(): Promise<Health> {
	try {
		// Opening applies migrations at start; a start still under way is not healthy yet.
		const database = await withTimeout(openAppDatabase(), PING_TIMEOUT_MS);
		if (!database) return { status: 'starting' };
		if (await withTimeout(database.ping(), PING_TIMEOUT_MS)) return { status: 'ok', database: database.kind };
		return { status: 'unavailable', database: database.kind };
	} catch {
		return { status: 'unavailable' };
	}
}

/** Settles as `promise` does, or resolves with false once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | false> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
