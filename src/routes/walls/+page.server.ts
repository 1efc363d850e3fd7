import { error, fail, isActionFailure, redirect, type ActionFailure } from '@sveltejs/kit';
import { canManageWalls, type Actor } from '$lib/domain/access';
import { appContext } from '$lib/server/context';
import { formValues, runAction, type FormFailure } from '$lib/server/http/forms';
import { teamsOf } from '$lib/server/queries/organisation';
import { createWallLink, revokeWallLink, wallLinksOf } from '$lib/server/services/walls';
import type { Actions, PageServerLoad } from './$types';

/** Leaders and admins manage wall displays; signed out → sign in; others → 403. */
function leaderOf(locals: App.Locals, url: URL): Actor {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	if (!locals.actor) error(404, 'Not found');
	if (!canManageWalls(locals.actor)) {
		error(403, 'Only leaders and admins manage wall displays.');
	}
	return locals.actor;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = leaderOf(locals, url);
	const { db } = await appContext();
	const [links, teams] = await Promise.all([wallLinksOf(db, actor), teamsOf(db, actor)]);
	const names = new Map(teams.map((t) => [t.id, t.name]));
	return {
		teams: teams.map((t) => ({ id: t.id, name: t.name, isLeadership: t.isLeadership })),
		// Newest first; the teams by name (a team deleted since shows as such).
		links: links
			.map((link) => ({
				id: link.id,
				name: link.name,
				scope: link.scope,
				teams: link.teamIds.map((id) => names.get(id) ?? 'a deleted team'),
				rotateSeconds: link.rotateSeconds,
				theme: link.theme,
				showNames: link.showNames,
				createdAt: link.createdAt,
				revokedAt: link.revokedAt
			}))
			.reverse()
	};
};

async function section<T extends object>(name: 'create' | 'revoke', values: Record<string, string>, call: () => Promise<T>) {
	const result = await runAction(values, call);
	if (isActionFailure(result)) {
		const { status, data } = result as ActionFailure<FormFailure>;
		return fail(status, { ...data, section: name });
	}
	return { ...(result as T), section: name };
}

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const actor = leaderOf(locals, url);
		const data = await request.formData();
		const values = formValues(data);
		const scope = values.scope ?? '';
		// One team is a select, a rotation is checkboxes (in the order listed); the organisation has none.
		const teamIds =
			scope === 'team'
				? [values.teamId ?? ''].filter(Boolean)
				: scope === 'rotation'
					? data.getAll('teamIds').filter((v): v is string => typeof v === 'string')
					: [];
		const ctx = await appContext();
		return section('create', { ...values, teamIds: teamIds.join(',') }, async () => {
			const link = await createWallLink(ctx, actor, {
				name: values.name ?? '',
				scope,
				teamIds,
				rotateSeconds: scope === 'rotation' ? (values.rotateSeconds ?? '60') : 60,
				theme: values.theme ?? 'dark',
				showNames: values.showNames === 'on'
			});
			// The link is shown this once: only a hash of its secret is kept.
			return { link: new URL(link.path, url.origin).toString(), name: values.name?.trim() ?? '' };
		});
	},
	revoke: async ({ request, locals, url }) => {
		const actor = leaderOf(locals, url);
		const values = formValues(await request.formData());
		const ctx = await appContext();
		return section('revoke', values, async () => {
			const revoked = await revokeWallLink(ctx, actor, { wallId: values.wallId ?? '' });
			return { revokedName: revoked.name };
		});
	}
};
