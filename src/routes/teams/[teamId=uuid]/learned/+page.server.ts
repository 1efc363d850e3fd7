import { error, fail, redirect } from '@sveltejs/kit';
import { executeCommand } from '$lib/server/commands/service';
import { appContext } from '$lib/server/context';
import { canWriteBoard, findTeamBoard } from '$lib/server/queries/board';
import { loadBoardCards } from '$lib/server/queries/cards';
import { ServiceError, statusOf } from '$lib/server/services/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { db } = await appContext();
	const board = await findTeamBoard(db, actor, params.teamId);
	if (!board) error(404, { message: 'There is no such board in your organisation.' });
	const shelved = (await loadBoardCards(db, board.id))
		.filter((c) => c.status !== 'active')
		.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
	return {
		board: { id: board.id, team: board.team },
		learned: shelved.filter((c) => c.status === 'learned'),
		archived: shelved.filter((c) => c.status === 'archived'),
		canWrite: canWriteBoard(actor, board)
	};
};

export const actions: Actions = {
	restore: async ({ locals, request }) => {
		if (!locals.actor) redirect(303, '/signin');
		const cardId = String((await request.formData()).get('cardId') ?? '');
		try {
			const result = await executeCommand(await appContext(), locals.actor, { type: 'card.restore', cardId });
			return { restored: result.card?.title ?? 'The card' };
		} catch (e) {
			if (e instanceof ServiceError) return fail(statusOf(e), { message: e.message });
			throw e;
		}
	}
};
