import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * `use:enhance` for the account forms: SvelteKit's default update, a busy flag while the request runs,
 * and, when the server refused, focus on the first field it marked invalid so keyboard and
 * screen-reader users land on it.
 */
export function enhanceForm(setBusy?: (busy: boolean) => void): SubmitFunction {
	return ({ formElement }) => {
		setBusy?.(true);
		return async ({ result, update }) => {
			try {
				await update();
			} finally {
				setBusy?.(false);
			}
			if (result.type !== 'failure') return;
			await tick();
			formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
		};
	};
}
