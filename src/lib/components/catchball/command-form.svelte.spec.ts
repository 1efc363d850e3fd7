import { describe, expect, it } from 'vitest';
import { throwCommand, type BoardCommandInput } from '../../domain/commands';
import type { CommandAck } from '../../domain/socket-protocol';
import { CommandForm } from './command-form.svelte';

const CARD = '5c0d2f4e-1b9a-4c3d-8e7f-6a5b4c3d2e1f';
const TEAM = 'a1b2c3d4-e5f6-4789-8abc-def012345678';
const throwTo = (message: string): BoardCommandInput => ({ type: 'catchball.throw', cardId: CARD, toTeamId: TEAM, message, ask: 'Decide by Friday' });
const accepted: CommandAck = { ok: true, cardId: CARD, card: null, seqs: {} };

describe('CommandForm', () => {
	it('checks the command with its schema first: field errors, a message, and nothing sent', async () => {
		const form = new CommandForm();
		const sent: BoardCommandInput[] = [];
		const ok = await form.send(throwCommand, throwTo(''), async (c) => (sent.push(c), accepted), 'Thrown.');
		expect(ok).toBe(false);
		expect(sent).toEqual([]);
		expect(form.err('message').length).toBeGreaterThan(0);
		expect(form.message).toEqual({ kind: 'error', text: 'Some fields need attention.' });
	});

	it('shows the server’s refusal, field by field, and says so when it is accepted', async () => {
		const form = new CommandForm();
		const refused: CommandAck = {
			ok: false,
			error: { code: 'invalid_input', message: 'An item cannot be thrown to the side that holds it.', fields: { toTeamId: ['Choose another team, or leadership.'] } }
		};
		expect(await form.send(throwCommand, throwTo('Please help'), async () => refused, 'Thrown.')).toBe(false);
		expect(form.err('toTeamId')).toEqual(['Choose another team, or leadership.']);
		expect(form.message).toEqual({ kind: 'error', text: 'An item cannot be thrown to the side that holds it.' });
		expect(form.sending).toBe(false);

		expect(await form.send(throwCommand, throwTo('Please help'), async () => accepted, 'Thrown.')).toBe(true);
		expect(form.errors).toEqual({});
		expect(form.message).toEqual({ kind: 'success', text: 'Thrown.' });
	});

	it('sends one command at a time: a second submit while the first is on its way does nothing', async () => {
		const form = new CommandForm();
		let release!: (ack: CommandAck) => void;
		const sent: BoardCommandInput[] = [];
		const submit = (c: BoardCommandInput) => (sent.push(c), new Promise<CommandAck>((resolve) => (release = resolve)));
		const first = form.send(throwCommand, throwTo('Please help'), submit, 'Thrown.');
		expect(form.sending).toBe(true);
		expect(await form.send(throwCommand, throwTo('Again'), submit, 'Thrown.')).toBe(false);
		release(accepted);
		expect(await first).toBe(true);
		expect(sent).toHaveLength(1);
	});
});
