import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { cardActivity } from '$lib/server/queries/activity';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/** A card's comments and history on one board: GET /api/cards/:cardId/activity?boardId=… */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) {
		return json({ error: { code: 'unauthenticated', message: 'Sign in to see this card.' } }, { status: 401, headers: NO_STORE });
	}
	const { db } = await appContext();
	const activity = await cardActivity(db, actor, params.cardId, url.searchParams.get('boardId') ?? '');
	if (!activity) {
		return json(
			{ error: { code: 'not_found', message: 'That card is not on a board you can see.' } },
			{ status: 404, headers: NO_STORE }
		);
	}
	return json(activity, { headers: NO_STORE });
};
