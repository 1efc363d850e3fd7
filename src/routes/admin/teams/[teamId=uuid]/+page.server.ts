import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { formValues } from '$lib/server/http/forms';
import { peopleOf, teamsOf } from '$lib/server/queries/organisation';
import { renameTeam, setTeamMembers } from '$lib/server/services/teams';
import { adminOf, formList, sectionAction } from '../../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	const [teams, people] = await Promise.all([teamsOf(db, actor), peopleOf(db, actor)]);
	const team = teams.find((t) => t.id === params.teamId);
	if (!team) error(404, 'There is no such team in your organisation.');
	return {
		team,
		people: people.map((p) => ({
			userId: p.userId,
			name: p.name,
			role: p.role,
			isMember: team.isLeadership ? p.role === 'leader' : p.teams.some((t) => t.id === team.id)
		}))
	};
};

export const actions: Actions = {
	rename: async ({ request, locals, url, params }) => {
		const actor = adminOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		return sectionAction('rename', values, () => renameTeam(ctx, actor, { teamId: params.teamId, name: values.name }));
	},
	members: async ({ request, locals, url, params }) => {
		const actor = adminOf(locals, url);
		const userIds = formList(await request.formData(), 'userIds');
		const ctx = await appContext();
		return sectionAction('members', { userIds: userIds.join(',') }, () =>
			setTeamMembers(ctx, actor, { teamId: params.teamId, userIds })
		);
	}
};
