import { error, redirect } from '@sveltejs/kit';
import { canConfigureTeam } from '$lib/domain/access';
import { packSummaries } from '$lib/domain/card-summary';
import { appContext } from '$lib/server/context';
import { canWriteBoard } from '$lib/server/queries/board';
import { loadBoardPage } from '$lib/server/queries/board-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { db } = await appContext();
	// One statement: the board, its active cards as summaries (a card's whole record loads when its
	// panel opens, GET /api/cards/:cardId), settings, people and teams.
	const page = await loadBoardPage(db, actor, params.teamId);
	if (!page) error(404, { message: 'There is no such board in your organisation.' });
	const { board } = page;
	return {
		board: { id: board.id, team: board.team },
		seq: page.seq,
		// Unpacked by the page (unpackSummaries): short arrays serialise far cheaper than objects.
		cards: packSummaries(page.cards),
		settings: page.settings,
		people: page.people,
		teams: Promise.resolve(page.teams),
		canWrite: canWriteBoard(actor, board),
		canConfigure: canConfigureTeam(actor, { id: board.team.id, organisationId: board.organisationId, isLeadership: board.team.isLeadership }),
		today: page.today,
		selfId: actor.userId
	};
};
