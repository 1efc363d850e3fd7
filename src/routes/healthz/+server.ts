import { json } from '@sveltejs/kit';
import { openAppDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** A database that has not answered by then counts as down (postgres.js waits 30 s to connect). */
const PING_TIMEOUT_MS = 3_000;

const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async () => {
	try {
		// Opening applies migrations at start; a start still under way is not healthy yet.
		const database = await withTimeout(openAppDatabase(), PING_TIMEOUT_MS);
		if (!database) return json({ status: 'starting' }, { status: 503, headers: NO_STORE });
		if (await withTimeout(database.ping(), PING_TIMEOUT_MS)) {
			return json({ status: 'ok', database: database.kind }, { headers: NO_STORE });
		}
		return json({ status: 'unavailable', database: database.kind }, { status: 503, headers: NO_STORE });
	} catch {
		return json({ status: 'unavailable' }, { status: 503, headers: NO_STORE });
	}
};

/** Settles as `promise` does, or resolves with false once `ms` have passed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | false> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
