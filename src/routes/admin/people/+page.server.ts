import { appContext } from '$lib/server/context';
import { peopleOf } from '$lib/server/queries/organisation';
import { adminOf } from '../admin.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	return { people: await peopleOf(db, actor), me: actor.userId, removed: url.searchParams.get('removed') };
};
