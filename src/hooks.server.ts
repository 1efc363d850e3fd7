import type { Handle, ServerInit } from '@sveltejs/kit';
import { loadActor } from '$lib/server/auth/actor';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { apiError } from '$lib/server/http/api';
import { validateSessionToken } from '$lib/server/auth/sessions';
import { openAppDatabase } from '$lib/server/db';
import { sharedIo } from '$lib/server/context';
import { startJobs } from '$lib/server/jobs/app';
import { startRealtime } from '$lib/server/realtime/bootstrap';
import { registerShutdown } from '$lib/server/shutdown';

export const init: ServerInit = async () => {
	await openAppDatabase();
	registerShutdown();
	const io = sharedIo();
	if (io) await startRealtime(io);
	await startJobs();
};

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	// No API route matched (an unknown path, or a malformed id that `[cardId=uuid]` refused): answer in the
	// API's own error shape rather than SvelteKit's page 404.
	if (!event.route.id && event.url.pathname.startsWith('/api/')) {
		return withSecurityHeaders(apiError(404, 'not_found', 'There is no such thing here.'));
	}
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db } = await openAppDatabase();
		const result = await validateSessionToken(db, token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.actor = await loadActor(db, result.user.id);
			// Sliding expiry: the cookie lives as long as the session does.
			setSessionCookie(event.cookies, token, event.url);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}

	return withSecurityHeaders(await resolve(event));
};

function withSecurityHeaders(response: Response): Response {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
}
