import { appContext } from '$lib/server/context';
import { inboxOf } from '$lib/server/queries/catchball';
import type { LayoutServerLoad } from './$types';

/** Hands the browser only the fields it needs about the signed-in person (never the rows). */
export const load: LayoutServerLoad = async ({ locals, depends }) => {
	const actor = locals.actor;
	let inboxCount: number | null = null;
	if (actor) {
		// The navigation's "Inbox (n)" as the page loads; InboxLink keeps it live without reloading this.
		depends('app:inbox');
		const { db } = await appContext();
		inboxCount = (await inboxOf(db, actor)).length;
	}
	return {
		user: locals.user ? { id: locals.user.id, name: locals.user.name, email: locals.user.email } : null,
		role: actor?.role ?? null,
		inboxCount
	};
};
