import { redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { changePassword } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/signin?next=/account');
	return { account: { name: locals.user.name, email: locals.user.email } };
};

export const actions: Actions = {
	changePassword: async ({ request, locals }) => {
		if (!locals.user || !locals.session) redirect(303, '/signin?next=/account');
		const values = formValues(await request.formData());
		const session = { userId: locals.user.id, sessionId: locals.session.id };
		const ctx = await appContext();
		return runAction(values, async () => {
			const { endedSessions } = await changePassword(ctx, session, values);
			return { passwordChanged: true as const, endedSessions };
		});
	}
};
