import { error, redirect } from '@sveltejs/kit';
import { isoDateIn } from '$lib/domain/gates';
import { appContext } from '$lib/server/context';
import { canWriteBoard, directoryOf, findTeamBoard, loadBoardSnapshot } from '$lib/server/queries/board';
import { teamsOf } from '$lib/server/queries/organisation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const { db } = await appContext();
	const board = await findTeamBoard(db, actor, params.teamId).catch(() => null);
	if (!board) error(404, { message: 'There is no such board in your organisation.' });
	const [snapshot, people, teams] = await Promise.all([
		loadBoardSnapshot(db, board.id),
		directoryOf(db, actor),
		teamsOf(db, actor)
	]);
	return {
		board: { id: board.id, team: board.team },
		seq: snapshot.seq,
		cards: snapshot.cards,
		settings: snapshot.settings,
		people,
		teams: teams.map((t) => ({ id: t.id, name: t.name, isLeadership: t.isLeadership })),
		canWrite: canWriteBoard(actor, board),
		canConfigure: actor.role === 'leader' || actor.role === 'admin',
		today: isoDateIn(board.team.timeZone),
		selfId: actor.userId
	};
};
