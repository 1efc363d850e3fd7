import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { cardOnBoard } from '$lib/server/queries/board';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * A card's whole record as one board shows it (its lane, order and effort share there):
 * GET /api/cards/:cardId?boardId=…. The board page carries only card summaries; the card panel loads
 * this when it opens. Anyone in the board's organisation reads it.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) {
		return json({ error: { code: 'unauthenticated', message: 'Sign in to see this card.' } }, { status: 401, headers: NO_STORE });
	}
	const { db } = await appContext();
	const card = await cardOnBoard(db, actor, params.cardId, url.searchParams.get('boardId') ?? '');
	if (!card) {
		return json(
			{ error: { code: 'not_found', message: 'That card is not on a board you can see.' } },
			{ status: 404, headers: NO_STORE }
		);
	}
	return json(card, { headers: NO_STORE });
};
