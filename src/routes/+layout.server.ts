import type { LayoutServerLoad } from './$types';

/** Hands the browser only the fields it needs about the signed-in person (never the rows). */
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { id: locals.user.id, name: locals.user.name, email: locals.user.email } : null,
	role: locals.actor?.role ?? null
});
