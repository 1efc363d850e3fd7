import { appContext } from '$lib/server/context';
import { organisationOf } from '$lib/server/queries/organisation';
import { adminOf } from './admin.server';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = adminOf(locals, url);
	const { db } = await appContext();
	return { organisation: await organisationOf(db, actor) };
};
