/**
 * Where to go after signing in: the `?next=` path when it stays on this site, else `/`. Only a plain
 * path is accepted (`/boards/x?tab=y`); `//evil.example`, `/\evil.example`, absolute URLs and anything
 * with control characters would let a link send people elsewhere (an open redirect).
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
	if (!next || next.length > 2000) return fallback;
	if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
	const base = 'http://same.invalid';
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return fallback;
	}
	if (url.origin !== base) return fallback;
	const path = `${url.pathname}${url.search}${url.hash}`;
	// Going "next" to the account pages themselves would loop or sign out again.
	if (/^\/(signin|signup|signout)(\/|$|\?|#)/.test(path)) return fallback;
	return path;
}
