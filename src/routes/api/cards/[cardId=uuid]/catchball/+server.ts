import { catchballPermissions, NO_PERMISSIONS } from '$lib/domain/access';
import { appContext } from '$lib/server/context';
import { apiError, apiJson } from '$lib/server/http/api';
import { cardThread } from '$lib/server/queries/catchball-pages';
import type { RequestHandler } from './$types';

/**
 * A card's catchball thread (oldest first), where it is now, and what the person may do with it:
 * GET /api/cards/:cardId/catchball. Anyone in the card's organisation reads it.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) {
		return apiError(401, 'unauthenticated', 'Sign in to see this card.');
	}
	const { db } = await appContext();
	const card = await cardThread(db, actor, params.cardId);
	if (!card) {
		return apiError(404, 'not_found', 'There is no such card in your organisation.');
	}
	const can = card.status === 'active' ? catchballPermissions(actor, card.state, card.homeTeam) : NO_PERMISSIONS;
	return apiJson(
		{ cardId: card.cardId, title: card.title, homeTeam: card.homeTeam, thread: card.thread, state: card.state, can });
};
