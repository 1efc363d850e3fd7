import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { signOut } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST (the header's button); a GET (a link, a prefetch) does nothing.
export const load: PageServerLoad = () => {
	redirect(303, '/');
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) await signOut(await appContext(), locals.session.id);
		clearSessionCookie(cookies, url);
		redirect(303, '/signin');
	}
};
