import { appContext } from '$lib/server/context';
import { apiError, apiJson } from '$lib/server/http/api';
import { cardOnBoard } from '$lib/server/queries/board';
import type { RequestHandler } from './$types';

/**
 * A card's whole record as one board shows it (its lane, order and effort share there):
 * GET /api/cards/:cardId?boardId=…. The board page carries only card summaries; the card panel loads
 * this when it opens. Anyone in the board's organisation reads it.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) {
		return apiError(401, 'unauthenticated', 'Sign in to see this card.');
	}
	const { db } = await appContext();
	const card = await cardOnBoard(db, actor, params.cardId, url.searchParams.get('boardId') ?? '');
	if (!card) {
		return apiError(404, 'not_found', 'That card is not on a board you can see.');
	}
	return apiJson(card);
};
