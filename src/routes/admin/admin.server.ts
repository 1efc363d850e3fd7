import { error, fail, isActionFailure, redirect, type ActionFailure } from '@sveltejs/kit';
import { canManageOrganisation, type Actor } from '$lib/domain/access';
import { runAction, type FormFailure } from '$lib/server/http/forms';

/**
 * Who may open the admin pages and post their forms: signed out → sign in; no organisation → 404;
 * signed in to the organisation without the admin role → 403. Services check again themselves.
 */
export function adminOf(locals: App.Locals, url: URL): Actor {
	if (!locals.user) redirect(303, `/signin?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (!locals.actor) error(404, 'Not found');
	if (!canManageOrganisation(locals.actor)) {
		error(403, 'Only admins of your organisation can open this page.');
	}
	return locals.actor;
}

/**
 * Runs one of a page's several forms: the result (success or failure) names its `section`, so the page
 * shows messages and field errors beside the form that was sent.
 */
export async function sectionAction<T extends object = object>(
	section: string,
	values: Record<string, string>,
	call: () => Promise<T | void>
) {
	const result = await runAction(values, call);
	if (isActionFailure(result)) {
		const { status, data } = result as ActionFailure<FormFailure>;
		return fail(status, { ...data, section });
	}
	// Spreading `undefined` (a command with no result) gives just the section.
	return { ...(result as T), section, done: true as const };
}

/** Repeated form fields (checkboxes) as a list, ignoring files. */
export function formList(data: FormData, name: string): string[] {
	return data.getAll(name).filter((value): value is string => typeof value === 'string');
}
