import { redirect } from '@sveltejs/kit';
import { catchballPermissions } from '$lib/domain/access';
import { appContext } from '$lib/server/context';
import { inboxOf, loadThreads } from '$lib/server/queries/catchball';
import { teamsOf } from '$lib/server/queries/organisation';
import type { PageServerLoad } from './$types';

/** Items in the air in the person's court (their teams', and leadership's for leaders), oldest first. */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const actor = locals.actor;
	if (!actor) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	depends('app:inbox');
	const { db } = await appContext();
	const [items, teams] = await Promise.all([inboxOf(db, actor), teamsOf(db, actor)]);
	const threads = await loadThreads(db, items.map((i) => i.cardId));
	const sides = teams.filter((t) => t.isMine || (t.isLeadership && actor.role === 'leader'));
	return {
		items: items.map((item) => ({
			...item,
			thread: threads.get(item.cardId) ?? [],
			can: catchballPermissions(actor, item.state, item.homeTeam)
		})),
		teams: teams.map((t) => ({ id: t.id, name: t.name, isLeadership: t.isLeadership })),
		/** Whose court this inbox shows ("Claims Experience and Leadership"). */
		sides: sides.map((t) => (t.isLeadership ? 'Leadership' : t.name)),
		role: actor.role
	};
};
