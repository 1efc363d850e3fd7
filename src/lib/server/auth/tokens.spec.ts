import { describe, expect, it } from 'vitest';
import { constantTimeEqual, generateSecureRandomString, hashSecret, newToken, splitToken } from './tokens';

describe('tokens', () => {
	it('generates 24 characters from the 32-letter alphabet, different every time', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200; i++) {
			const value = generateSecureRandomString();
			expect(value).toMatch(/^[abcdefghijkmnpqrstuvwxyz23456789]{24}$/);
			seen.add(value);
		}
		expect(seen.size).toBe(200);
	});

	it('makes id.secret tokens whose stored hash matches only the secret', () => {
		const { id, secret, token, secretHash } = newToken();
		expect(token).toBe(`${id}.${secret}`);
		expect(secretHash).toBe(hashSecret(secret));
		expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
		expect(secretHash).not.toContain(secret);
		expect(splitToken(token)).toEqual({ id, secret });
	});

	it('refuses malformed tokens', () => {
		for (const bad of ['', 'abc', '.abc', 'abc.', 'a.b.c', 'ab\u0000c.def', 'abc.d%00ef', 'ABC.def']) expect(splitToken(bad)).toBeNull();
	});

	it('compares strings exactly', () => {
		expect(constantTimeEqual('abc', 'abc')).toBe(true);
		expect(constantTimeEqual('abc', 'abd')).toBe(false);
		expect(constantTimeEqual('abc', 'abcd')).toBe(false);
	});
});
