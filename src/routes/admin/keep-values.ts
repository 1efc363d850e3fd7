import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

/**
 * `use:enhance` for forms that edit what is shown (or are used several times in a row): the controls
 * stay as they are after a submit, and a refusal moves focus to the first field it marked invalid.
 * ($lib/components/enhance.ts does the same for forms that should be cleared after success.)
 */
export const keepValues: SubmitFunction =
	({ formElement }) =>
	async ({ result, update }) => {
		await update({ reset: false });
		if (result.type !== 'failure') return;
		await tick();
		formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
	};
