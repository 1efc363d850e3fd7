import { appContext } from '$lib/server/context';
import { auditLogOf } from '$lib/server/queries/organisation';
import { adminOf } from '../admin.server';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	const page = Math.max(1, Math.floor(Number(url.searchParams.get('page'))) || 1);
	// One more than a page tells whether older entries exist.
	const entries = await auditLogOf(db, actor, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
	return {
		entries: entries.slice(0, PAGE_SIZE),
		page,
		hasOlder: entries.length > PAGE_SIZE
	};
};
