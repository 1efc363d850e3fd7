import { json } from '@sveltejs/kit';
import { catchballPermissions, NO_PERMISSIONS } from '$lib/components/catchball/permissions';
import { appContext } from '$lib/server/context';
import { cardThread } from '$lib/server/queries/catchball-pages';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * A card's catchball thread (oldest first), where it is now, and what the person may do with it:
 * GET /api/cards/:cardId/catchball. Anyone in the card's organisation reads it.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const actor = locals.actor;
	if (!actor) {
		return json({ error: { code: 'unauthenticated', message: 'Sign in to see this card.' } }, { status: 401, headers: NO_STORE });
	}
	const { db } = await appContext();
	const card = await cardThread(db, actor, params.cardId);
	if (!card) {
		return json({ error: { code: 'not_found', message: 'There is no such card in your organisation.' } }, { status: 404, headers: NO_STORE });
	}
	const can = card.status === 'active' ? catchballPermissions(actor, card.state, card.homeTeam) : NO_PERMISSIONS;
	return json(
		{ cardId: card.cardId, title: card.title, homeTeam: card.homeTeam, thread: card.thread, state: card.state, can },
		{ headers: NO_STORE }
	);
};
