import { json } from '@sveltejs/kit';

// Every /api answer is one person's view of live data: no cache may keep it.
const NO_STORE = { 'cache-control': 'no-store' };

/** A JSON answer of the app's API. */
export function apiJson(body: unknown, status = 200): Response {
	return json(body, { status, headers: NO_STORE });
}

/** An API refusal, in the same `{ error: { code, message } }` shape as command acks. */
export function apiError(status: 401 | 403 | 404, code: string, message: string): Response {
	return apiJson({ error: { code, message } }, status);
}
