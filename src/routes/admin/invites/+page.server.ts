import { appContext } from '$lib/server/context';
import { formValues } from '$lib/server/http/forms';
import { invitesOf, teamsOf } from '$lib/server/queries/organisation';
import { createInvite, revokeInvite } from '$lib/server/services/invites';
import { adminOf, formList, sectionAction } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	const [invites, teams] = await Promise.all([invitesOf(db, actor), teamsOf(db, actor)]);
	return { invites, teams: teams.filter((t) => !t.isLeadership).map((t) => ({ id: t.id, name: t.name })) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = adminOf(locals, url);
		const data = await request.formData();
		const values = formValues(data);
		const teamIds = formList(data, 'teamIds');
		const ctx = await appContext();
		return sectionAction('create', { ...values, teamIds: teamIds.join(',') }, async () => {
			const invite = await createInvite(ctx, actor, { ...values, teamIds });
			// The link is shown this once: only a hash of its secret is kept.
			return { link: new URL(invite.path, url.origin).toString(), expiresAt: invite.expiresAt };
		});
	},
	revoke: async ({ request, locals, url }) => {
		const actor = adminOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		return sectionAction('revoke', values, () => revokeInvite(ctx, actor, values));
	}
};
