/**
 * Whether a browser request's Origin may talk to us. With ORIGIN configured only that origin is allowed;
 * without it the app serves whatever host it was opened at (localhost or 127.0.0.1), so the Origin's host
 * must equal the Host header. A request without an Origin header did not come from another site's page
 * (browsers always send Origin on cross-origin and WebSocket requests), so it is allowed.
 *
 * Hosts compare as URLs do: case-insensitively, and with the scheme's default port left out
 * (`Host: localhost:80` matches `Origin: http://localhost`). The opaque origin `null` (sandboxed frames,
 * file:// pages) is never allowed.
 */
export function isAllowedOrigin(
	originHeader: string | undefined,
	hostHeader: string | undefined,
	configuredOrigin: string | undefined
): boolean {
	if (originHeader === undefined || originHeader === '') return true;
	const origin = parseOrigin(originHeader);
	if (!origin) return false;
	if (configuredOrigin) {
		const configured = parseOrigin(configuredOrigin);
		return !!configured && origin.origin === configured.origin;
	}
	if (!hostHeader) return false;
	const host = parseOrigin(`${origin.protocol}//${hostHeader.trim()}`);
	return !!host && host.pathname === '/' && origin.host === host.host;
}

function parseOrigin(value: string): URL | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		if (url.username || url.password) return null;
		return url;
	} catch {
		return null;
	}
}
