import { error, redirect } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { boardSeqsOf } from '$lib/server/queries/board';
import { organisationView } from '$lib/server/queries/organisation-view';
import type { PageServerLoad } from './$types';

/** The organisation view inside the app: everyone in the organisation may read it. */
export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname)}`);
	const actor = locals.actor;
	if (!actor) error(404, 'Not found');
	const { db } = await appContext();
	const now = new Date();
	const [view, seqs] = await Promise.all([organisationView(db, actor.organisationId, now), boardSeqsOf(db, actor.organisationId)]);
	return { view, watch: seqs, now: now.toISOString() };
};
