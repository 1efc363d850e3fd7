import { appContext } from '$lib/server/context';
import { formValues } from '$lib/server/http/forms';
import { teamsOf } from '$lib/server/queries/organisation';
import { createTeam } from '$lib/server/services/teams';
import { adminOf, sectionAction } from '../admin.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	return {
		teams: await teamsOf(db, actor),
		timeZones: ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')]
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = adminOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		return sectionAction('create', values, async () => {
			const created = await createTeam(ctx, actor, values);
			return { ...created, name: values.name?.trim() ?? '' };
		});
	}
};
