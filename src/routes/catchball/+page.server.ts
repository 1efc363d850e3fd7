import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { catchballItems } from '$lib/server/queries/catchball';
import { teamsOf } from '$lib/server/queries/organisation';
import type { PageServerLoad } from './$types';

/**
 * The catchball session view: every item in the air in the organisation, oldest first. The team
 * filter (?teams=…) is applied in the browser, so ticking a team does not reload anything.
 */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	depends('app:catchball');
	const { db } = await appContext();
	const [items, teams] = await Promise.all([catchballItems(db, actor.organisationId), teamsOf(db, actor)]);
	return {
		items: items.filter((item) => item.state.state === 'in_air'),
		teams: teams.map((t) => ({ id: t.id, name: t.name, isLeadership: t.isLeadership }))
	};
};
