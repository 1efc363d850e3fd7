import type { Cookies } from '@sveltejs/kit';
import { INACTIVITY_TIMEOUT_MS } from './sessions';

export const SESSION_COOKIE = 'catchball_session';

/** `secure` follows the request's protocol, so the cookie works on http://localhost and is Secure on https. */
export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: Math.floor(INACTIVITY_TIMEOUT_MS / 1000)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/** Reads the session token out of a raw Cookie header (used by the socket handshake). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const [name, ...rest] = part.trim().split('=');
		if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
	}
	return null;
}
