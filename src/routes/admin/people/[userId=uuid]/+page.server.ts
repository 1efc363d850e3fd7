import { error, redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { appContext } from '$lib/server/context';
import { formValues } from '$lib/server/http/forms';
import { peopleOf, teamsOf } from '$lib/server/queries/organisation';
import { issuePasswordReset } from '$lib/server/services/accounts';
import { ServiceError } from '$lib/server/services/errors';
import { changeRole, removePerson, setPersonTeams } from '$lib/server/services/people';
import { adminOf, formList, sectionAction } from '../../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	const [people, teams] = await Promise.all([peopleOf(db, actor), teamsOf(db, actor)]);
	const person = people.find((p) => p.userId === params.userId);
	if (!person) error(404, 'There is no such person in your organisation.');
	return {
		person,
		isMe: person.userId === actor.userId,
		teams: teams.filter((t) => !t.isLeadership).map((t) => ({ id: t.id, name: t.name }))
	};
};

export const actions: Actions = {
	role: async ({ request, locals, url, params }) => {
		const actor = adminOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		return sectionAction('role', values, () => changeRole(ctx, actor, { userId: params.userId, role: values.role }));
	},
	teams: async ({ request, locals, url, params }) => {
		const actor = adminOf(locals, url);
		const data = await request.formData();
		const teamIds = formList(data, 'teamIds');
		const ctx = await appContext();
		return sectionAction('teams', { teamIds: teamIds.join(',') }, () =>
			setPersonTeams(ctx, actor, { userId: params.userId, teamIds })
		);
	},
	reset: async ({ locals, url, params }) => {
		const actor = adminOf(locals, url);
		const ctx = await appContext();
		return sectionAction('reset', {}, async () => {
			const issued = await issuePasswordReset(ctx, actor, { userId: params.userId });
			return { link: new URL(issued.url, url.origin).toString(), expiresAt: issued.expiresAt };
		});
	},
	remove: async ({ request, locals, url, params, cookies }) => {
		const actor = adminOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		const result = await sectionAction('remove', values, async () => {
			if (values.confirm !== 'yes') {
				const message = 'Tick the box to confirm the removal.';
				throw new ServiceError('invalid_input', message, { confirm: [message] });
			}
			return removePerson(ctx, actor, { userId: params.userId });
		});
		if (!('done' in result)) return result;
		if (params.userId === actor.userId) {
			// Removing yourself ended your own sessions too.
			clearSessionCookie(cookies, url);
			redirect(303, '/signin');
		}
		redirect(303, `/admin/people?removed=${encodeURIComponent(result.name)}`);
	}
};
