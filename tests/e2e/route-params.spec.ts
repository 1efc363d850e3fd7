// Every route whose parameter is an id answers a malformed id with 404 (never 500), signed in or not; link
// tokens (invite, reset, wall) answer with their page's own "not valid" or a 404. The id routes are read
// from src/routes, so a new `[somethingId]` folder without the `=uuid` matcher fails here.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { founder, uniqueTag } from './support/flows';

const routesDir = path.resolve('src/routes');
/** Parameters that are not ids: link tokens, checked separately below. */
const TOKEN_PARAMS = new Set(['token']);
const MALFORMED = ['not-a-uuid', '123', '00000000-0000-0000-0000-00000000000g', '%00', 'x%27%3B--'];
const UNKNOWN_UUID = '7d0f1c2a-9b8e-4c3d-8a1f-2e3d4c5b6a79';

/** Route folders (relative to src/routes) that hold a page or an endpoint. */
function routeFolders(dir = routesDir): string[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.isFile() && /^\+(page|server)(\.server)?\.(ts|svelte)$/.test(e.name));
	const below = entries.filter((e) => e.isDirectory()).flatMap((e) => routeFolders(path.join(dir, e.name)));
	return here ? [path.relative(routesDir, dir), ...below] : below;
}

const folders = routeFolders();
const idRoutes = folders.filter((f) => /\[[^\]]+=uuid\]/.test(f));

/** The route's path with every id parameter set to `value` (route groups dropped). */
function pathFor(folder: string, value: string): string {
	const segments = folder
		.split(path.sep)
		.filter((s) => s && !/^\(.*\)$/.test(s))
		.map((s) => (/^\[[^\]]+=uuid\]$/.test(s) ? value : s));
	return `/${segments.join('/')}`;
}

async function getStatus(request: APIRequestContext, url: string): Promise<number> {
	return (await request.get(url, { maxRedirects: 0 })).status();
}

/** A same-origin form post, as the page's own form would send it. */
async function postStatus(request: APIRequestContext, url: string, origin: string): Promise<number> {
	return (await request.post(url, { maxRedirects: 0, form: { x: '1' }, headers: { origin } })).status();
}

test('every parameter that is not a link token is an id with the uuid matcher', () => {
	const params = folders.flatMap((f) => [...f.matchAll(/\[([^\]=]+)(=[^\]]+)?\]/g)].map((m) => ({ name: m[1]!, matcher: m[2] })));
	const unmatched = params.filter((p) => !TOKEN_PARAMS.has(p.name) && p.matcher !== '=uuid');
	expect(unmatched).toEqual([]);
	// The id routes this app has today: pages and endpoints alike are covered below.
	expect(idRoutes.length).toBeGreaterThanOrEqual(8);
});

test('a malformed id answers 404 on every id route, signed in or not; never 500', async ({ browser, playwright, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const admin = await founder(browser, `Route params ${uniqueTag()}`);
	const signedIn = admin.page.request;
	const signedOut = await playwright.request.newContext({ baseURL });
	const answers: string[] = [];
	for (const folder of idRoutes) {
		for (const value of MALFORMED) {
			const url = pathFor(folder, value);
			for (const [who, request] of [['in', signedIn], ['out', signedOut]] as const) {
				answers.push(`GET ${url} (${who}) ${await getStatus(request, url)}`);
			}
			// Form actions and endpoints that take a POST: the same 404 before any action runs.
			answers.push(`POST ${url} (in) ${await postStatus(signedIn, url, origin)}`);
		}
	}
	expect(answers.filter((a) => !a.endsWith(' 404'))).toEqual([]);

	// A well-formed id of nothing in the organisation is the page's own 404 (or the API's), not a 500.
	for (const folder of idRoutes) {
		const url = pathFor(folder, UNKNOWN_UUID);
		expect(`${url} ${await getStatus(signedIn, url)}`).toBe(`${url} 404`);
	}

	// An unknown API path answers in the API's error shape.
	const api = await signedIn.get('/api/cards/not-a-uuid');
	expect(api.status()).toBe(404);
	expect(await api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
	await signedOut.dispose();
	await admin.page.context().close();
});

test('a malformed link token is not valid, never a server error', async ({ page, request }) => {
	for (const token of ['not-a-token', 'a.b.c', '%00', 'x'.repeat(300), 'abc.def']) {
		for (const base of ['/invite', '/wall']) {
			expect(`${base}/${token} ${(await request.get(`${base}/${token}`)).status()}`).toBe(`${base}/${token} 404`);
		}
		const reset = await page.goto(`/reset/${token}`);
		expect(reset?.status()).toBe(200);
		await expect(page.getByText('This reset link is not valid.')).toBeVisible();
	}
});
