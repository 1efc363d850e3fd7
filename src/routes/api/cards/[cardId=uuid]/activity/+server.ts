import { appContext } from '$lib/server/context';
import { apiError, apiJson } from '$lib/server/http/api';
import { cardActivity } from '$lib/server/queries/activity';
import type { RequestHandler } from './$types';

/** A card's comments and history on one board: GET /api/cards/:cardId/activity?boardId=… */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) {
		return apiError(401, 'unauthenticated', 'Sign in to see this card.');
	}
	const { db } = await appContext();
	const activity = await cardActivity(db, actor, params.cardId, url.searchParams.get('boardId') ?? '');
	if (!activity) {
		return apiError(404, 'not_found', 'That card is not on a board you can see.');
	}
	return apiJson(activity);
};
