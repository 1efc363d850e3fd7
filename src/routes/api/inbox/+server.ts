import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { inboxOf } from '$lib/server/queries/catchball';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/** How many items are in the air in the person's court: GET /api/inbox → { count }. */
export const GET: RequestHandler = async ({ locals }) => {
	const actor = locals.actor;
	if (!actor) {
		return json({ error: { code: 'unauthenticated', message: 'Sign in to see your inbox.' } }, { status: 401, headers: NO_STORE });
	}
	const { db } = await appContext();
	return json({ count: (await inboxOf(db, actor)).length }, { headers: NO_STORE });
};
