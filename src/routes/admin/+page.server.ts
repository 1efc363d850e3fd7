import { appContext } from '$lib/server/context';
import { auditLogOf, invitesOf, peopleOf, teamsOf } from '$lib/server/queries/organisation';
import { adminOf } from './admin.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	const [people, teams, invites, recent] = await Promise.all([
		peopleOf(db, actor),
		teamsOf(db, actor),
		invitesOf(db, actor),
		auditLogOf(db, actor, { limit: 5 })
	]);
	return {
		people: people.length,
		admins: people.filter((p) => p.role === 'admin').length,
		teams: teams.filter((t) => !t.isLeadership).length,
		pendingInvites: invites.filter((i) => i.status === 'pending').length,
		recent
	};
};
