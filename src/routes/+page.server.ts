import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { hasAnyOrganisation, organisationOf, teamsOf } from '$lib/server/queries/organisation';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = await appContext();
	const actor = locals.actor;
	if (!actor) {
		if (!(await hasAnyOrganisation(db))) redirect(303, '/setup');
		if (!locals.user) redirect(303, '/signin');
		return { organisation: null, myTeams: [], otherTeams: [], isAdmin: false };
	}
	const [organisation, teams] = await Promise.all([organisationOf(db, actor), teamsOf(db, actor)]);
	return {
		organisation,
		myTeams: teams.filter((team) => team.isMine),
		otherTeams: teams.filter((team) => !team.isMine),
		isAdmin: actor.role === 'admin'
	};
};
