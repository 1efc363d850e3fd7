import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { wallPageData } from '$lib/server/queries/walls';
import type { PageServerLoad } from './$types';

/**
 * A wall display: no sign-in, the link's token is the only key. An unknown or revoked token is the same
 * plain 404 (nothing says a link existed).
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = await appContext();
	const data = await wallPageData(db, params.token);
	if (!data) error(404, 'Not found');
	// The token is in the URL: never cached by anyone, never sent on as a referrer.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });
	return data;
};
