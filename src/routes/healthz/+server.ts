import { json } from '@sveltejs/kit';
import { openAppDatabase } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const database = await openAppDatabase();
		if (await database.ping()) return json({ status: 'ok', database: database.kind });
		return json({ status: 'unavailable', database: database.kind }, { status: 503 });
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
