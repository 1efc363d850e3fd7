import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { safeNextPath } from '$lib/server/auth/next-path';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { requestAddress } from '$lib/server/rate-limit/address';
import { signIn } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNextPath(url.searchParams.get('next'));
	if (locals.user) redirect(303, next);
	return {
		next,
		/** Set after a password reset, so the page can say what just happened. */
		passwordReset: url.searchParams.get('reset') === 'done'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const values = formValues(await request.formData());
		const { db } = await appContext();
		const result = await runAction(values, () => signIn(db, values, { address: requestAddress(event) }));
		if (!('token' in result)) return result;
		setSessionCookie(cookies, result.token, url);
		redirect(303, safeNextPath(values.next));
	}
};
