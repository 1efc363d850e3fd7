import { appContext } from '$lib/server/context';
import { apiError, apiJson } from '$lib/server/http/api';
import { inboxOf } from '$lib/server/queries/catchball';
import type { RequestHandler } from './$types';

/** How many items are in the air in the person's court: GET /api/inbox → { count }. */
export const GET: RequestHandler = async ({ locals }) => {
	const actor = locals.actor;
	if (!actor) {
		return apiError(401, 'unauthenticated', 'Sign in to see your inbox.');
	}
	const { db } = await appContext();
	return apiJson({ count: (await inboxOf(db, actor)).length });
};
