import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { checkPasswordReset, resetPassword } from '$lib/server/services/accounts';
import { ServiceError } from '$lib/server/services/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = await appContext();
	try {
		const person = await checkPasswordReset(db, params.token);
		return { link: { valid: true as const, email: person.email } };
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return { link: { valid: false as const, message: error.message } };
	}
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const values = formValues(await request.formData());
		const ctx = await appContext();
		const result = await runAction(values, () =>
			resetPassword(ctx, { token: params.token, password: values.password, confirmPassword: values.confirmPassword })
		);
		if (!('userId' in result)) return result;
		// Every session of the person ended, this browser's too if it was theirs: they sign in afresh.
		redirect(303, '/signin?reset=done');
	}
};
