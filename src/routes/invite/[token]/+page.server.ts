import { error, redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/sessions';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { invitePreview, organisationOf } from '$lib/server/queries/organisation';
import { acceptInvite } from '$lib/server/services/invites';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await appContext();
	const invite = await invitePreview(db, params.token);
	if (!invite) error(404, 'This invite link is not valid. Ask your admin for a new one.');
	return {
		invite,
		/** The organisation the signed-in person already belongs to, if any: they cannot accept. */
		currentOrganisation: locals.actor ? (await organisationOf(db, locals.actor)).name : null
	};
};

export const actions: Actions = {
	accept: async ({ params, request, locals, cookies, url }) => {
		const values = formValues(await request.formData());
		const ctx = await appContext();
		// A signed-in person accepts as themselves; otherwise the form's fields make a new account.
		const input = locals.user
			? { token: params.token, userId: locals.user.id }
			: { token: params.token, name: values.name ?? '', email: values.email ?? '', password: values.password ?? '' };
		const result = await runAction(values, () => acceptInvite(ctx, input));
		if (!('userId' in result)) return result;
		if (result.createdAccount) {
			const { token } = await createSession(ctx.db, result.userId);
			setSessionCookie(cookies, token, url);
		}
		redirect(303, '/');
	}
};
