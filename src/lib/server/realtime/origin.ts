/**
 * Whether a browser request's Origin may talk to us. With ORIGIN configured only that origin is allowed;
 * without it the app serves whatever host it was opened at (localhost or 127.0.0.1), so the Origin's host
 * must equal the Host header. A request without an Origin header did not come from another site's page
 * (browsers always send Origin on cross-origin and WebSocket requests), so it is allowed.
 */
export function isAllowedOrigin(
	originHeader: string | undefined,
	hostHeader: string | undefined,
	configuredOrigin: string | undefined
): boolean {
	if (!originHeader) return true;
	let origin: URL;
	try {
		origin = new URL(originHeader);
	} catch {
		return false;
	}
	if (configuredOrigin) return origin.origin === configuredOrigin;
	return !!hostHeader && origin.host === hostHeader;
}
