import { error, fail, redirect } from '@sveltejs/kit';
import { canConfigureTeam } from '$lib/domain/access';
import { COLUMNS, LANES } from '$lib/domain/board';
import { cellKey, GATE_MODES, type BoardSettings } from '$lib/domain/settings';
import { executeCommand } from '$lib/server/commands/service';
import { appContext } from '$lib/server/context';
import { findTeamBoard } from '$lib/server/queries/board';
import { loadBoardSettings, teamPeople } from '$lib/server/queries/board-settings';
import { ServiceError, statusOf } from '$lib/server/services/errors';
import type { Actions, PageServerLoad } from './$types';

async function boardFor(locals: App.Locals, teamId: string, path: string) {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(path)}`);
	const { db } = await appContext();
	const board = await findTeamBoard(db, actor, teamId);
	if (!board) error(404, { message: 'There is no such board in your organisation.' });
	const team = { id: board.team.id, organisationId: board.organisationId, isLeadership: board.team.isLeadership };
	if (!canConfigureTeam(actor, team)) error(403, { message: 'Only leaders and admins set a team’s capacity, limits and gates.' });
	return { actor, board };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { board } = await boardFor(locals, params.teamId, url.pathname);
	const { db } = await appContext();
	return {
		board: { id: board.id, team: board.team },
		settings: await loadBoardSettings(db, board.id),
		people: await teamPeople(db, board.id)
	};
};

/** A limit from the form: empty means none; a number with the hard/soft choice beside it. */
function limitFrom(data: FormData, name: string) {
	const raw = String(data.get(`${name}.limit`) ?? '').trim();
	if (raw === '') return undefined;
	return { limit: Number(raw), hard: data.get(`${name}.hard`) === 'hard' };
}

function settingsFrom(data: FormData): BoardSettings {
	const columnLimits: BoardSettings['columnLimits'] = {};
	const cellLimits: BoardSettings['cellLimits'] = {};
	for (const column of COLUMNS) {
		const limit = limitFrom(data, `column.${column}`);
		if (limit) columnLimits[column] = limit;
		for (const lane of LANES) {
			const cell = limitFrom(data, `cell.${cellKey(column, lane)}`);
			if (cell) cellLimits[cellKey(column, lane)] = cell;
		}
	}
	const gateMode = String(data.get('gateMode'));
	return {
		gateMode: (GATE_MODES as readonly string[]).includes(gateMode) ? (gateMode as BoardSettings['gateMode']) : 'strict',
		columnLimits,
		cellLimits,
		capacityHard: data.get('capacityHard') === 'hard'
	};
}

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const { actor, board } = await boardFor(locals, params.teamId, url.pathname);
		const data = await request.formData();
		const values = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
		try {
			await executeCommand(await appContext(), actor, {
				type: 'board.configure',
				boardId: board.id,
				settings: settingsFrom(data),
				protectedPercent: Number(data.get('protectedPercent')),
				hoursPerWeek: Number(data.get('hoursPerWeek')),
				timeZone: String(data.get('timeZone') ?? '')
			});
		} catch (e) {
			if (e instanceof ServiceError) {
				if (e.code === 'conflict') return { saved: true, unchanged: true };
				return fail(statusOf(e), { message: e.message, errors: e.fieldErrors, values });
			}
			throw e;
		}
		return { saved: true, unchanged: false };
	}
};
