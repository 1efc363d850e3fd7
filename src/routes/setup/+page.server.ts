import { redirect } from '@sveltejs/kit';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/sessions';
import { appContext } from '$lib/server/context';
import { formValues, runAction } from '$lib/server/http/forms';
import { hasAnyOrganisation } from '$lib/server/queries/organisation';
import { createFirstOrganisation, createOrganisation } from '$lib/server/services/organisations';
import { demoAccounts, DEMO_PASSWORD, seedDemo } from '$lib/server/demo/seed';
import { signIn } from '$lib/server/services/accounts';
import { requestAddress } from '$lib/server/rate-limit/address';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/**
 * `first-run`: an empty installation; the form creates the first admin's account too.
 * `organisation`: a signed-in person without an organisation names theirs.
 * `sign-in`: organisations exist and nobody is signed in: sign in or sign up first.
 */
type SetupMode = 'first-run' | 'organisation' | 'sign-in';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.actor) redirect(303, '/');
	const { db } = await appContext();
	let mode: SetupMode = 'organisation';
	if (!locals.user) mode = (await hasAnyOrganisation(db)) ? 'sign-in' : 'first-run';
	return { mode, demo: mode === 'first-run' ? { accounts: demoAccounts(), password: DEMO_PASSWORD } : null };
};

export const actions: Actions = {
	/** First run only: fills the empty installation with the demo organisation and signs in as its admin. */
	demo: async (event) => {
		const { cookies, url } = event;
		const ctx = await appContext();
		if (await hasAnyOrganisation(ctx.db)) {
			return fail(409, { message: 'This Catchball already has an organisation; the demo is for an empty one.' });
		}
		const result = await runAction({}, () => seedDemo(ctx));
		if (!('organisationId' in result)) return result;
		const admin = result.accounts.find((a) => a.role === 'admin')!;
		const session = await signIn(ctx.db, { email: admin.email, password: admin.password }, { address: requestAddress(event) });
		setSessionCookie(cookies, session.token, url);
		redirect(303, '/');
	},
	create: async ({ request, locals, cookies, url }) => {
		if (locals.actor) redirect(303, '/');
		const values = formValues(await request.formData());
		const { db } = await appContext();
		const user = locals.user;
		if (user) {
			const result = await runAction(values, () => createOrganisation(db, user, values));
			if (!('organisationId' in result)) return result;
			redirect(303, '/');
		}
		const result = await runAction(values, () => createFirstOrganisation(db, values));
		if (!('user' in result)) return result;
		const { token } = await createSession(db, result.user.id);
		setSessionCookie(cookies, token, url);
		redirect(303, '/');
	}
};
