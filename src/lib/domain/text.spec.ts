import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { email, personName } from './accounts';
import { commandSchema } from './commands';
import { NUL_MESSAGE, withoutNul } from './text';

const BOARD = '6f1c2a52-5b7e-4c55-9d43-2a4f3b1e8c11';

function messagesOf(result: z.ZodSafeParseResult<unknown>): string[] {
	return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('withoutNul', () => {
	const note = withoutNul(z.string().trim().min(1, 'Write something.').max(20, 'Use at most 20 characters.'));

	it('refuses U+0000 anywhere, even alone, with one clear message', () => {
		for (const value of ['a\u0000b', '\u0000', 'end\u0000', ' \u0000 ']) {
			expect(messagesOf(note.safeParse(value))).toEqual([NUL_MESSAGE]);
		}
	});

	it('accepts ordinary text, other control characters included, and keeps the schema’s own rules', () => {
		expect(note.parse('  Line one\nline\ttwo\r\n ')).toBe('Line one\nline\ttwo');
		expect(note.parse('bell\u0007 and escape\u001b')).toBe('bell\u0007 and escape\u001b');
		expect(note.parse('Zürich ✓ 😀')).toBe('Zürich ✓ 😀');
		expect(messagesOf(note.safeParse('   '))).toEqual(['Write something.']);
		expect(messagesOf(note.safeParse('x'.repeat(21)))).toEqual(['Use at most 20 characters.']);
	});
});

describe('stored text refuses U+0000', () => {
	it('in card text, evidence links and names', () => {
		const created = commandSchema.safeParse({ type: 'card.create', boardId: BOARD, title: 'a\u0000b' });
		expect(messagesOf(created)).toEqual([NUL_MESSAGE]);
		const evidence = commandSchema.safeParse({
			type: 'card.add_evidence',
			cardId: BOARD,
			kind: 'measurement',
			summary: 'Lead time',
			link: 'https://example.test/a\u0000b',
			verdict: 'supports'
		});
		expect(evidence.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['link', NUL_MESSAGE]]);
		expect(messagesOf(personName.safeParse('Ada\u0000'))).toEqual([NUL_MESSAGE]);
		expect(email.safeParse('ada\u0000@example.test').success).toBe(false);
	});
});
