import type { z } from 'zod';
import type { BoardCommandInput } from '../../domain/commands';
import type { CommandAck } from '../../domain/socket-protocol';

export type SubmitCommand = (command: BoardCommandInput) => Promise<CommandAck>;

/**
 * The state of one answer form: checks the command with its schema first (the server checks again),
 * sends it, and keeps the field errors and the message of a refusal. Nothing changes on a refusal.
 */
export class CommandForm {
	errors = $state<Record<string, string[]>>({});
	message = $state<{ kind: 'success' | 'error'; text: string } | null>(null);
	sending = $state(false);

	err(name: string): string[] {
		return this.errors[name] ?? [];
	}

	async send(schema: z.ZodType, command: BoardCommandInput, onsubmit: SubmitCommand, success: string): Promise<boolean> {
		if (this.sending) return false;
		this.message = null;
		const parsed = schema.safeParse(command);
		if (!parsed.success) {
			const next: Record<string, string[]> = {};
			for (const issue of parsed.error.issues) (next[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
			this.errors = next;
			this.message = { kind: 'error', text: 'Some fields need attention.' };
			return false;
		}
		this.errors = {};
		this.sending = true;
		const reply = await onsubmit(parsed.data as BoardCommandInput);
		this.sending = false;
		if (!reply.ok) {
			this.errors = reply.error.fields ?? {};
			this.message = { kind: 'error', text: reply.error.message };
			return false;
		}
		this.message = { kind: 'success', text: success };
		return true;
	}
}

/** Moves focus to the first field a refusal marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement | undefined): void {
	queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
