import { json } from '@sveltejs/kit';
import { databaseHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async () => {
	const health = await databaseHealth();
	return json(health, { status: health.status === 'ok' ? 200 : 503, headers: NO_STORE });
};
