import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { requestAddress } from '$lib/server/rate-limit/address';
import { signUp } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const values = formValues(await request.formData());
		const { db } = await appContext();
		const result = await runAction(values, () => signUp(db, values, { address: requestAddress(event) }));
		if (!('token' in result)) return result;
		setSessionCookie(cookies, result.token, url);
		// The home page takes people without an organisation on from here.
		redirect(303, '/');
	}
};
