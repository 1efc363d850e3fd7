import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

// 32 characters, so each random byte's top 5 bits pick one: no modulo bias (the Lucia guide's alphabet).
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random string of 24 characters from a 32-letter alphabet: 120 bits of entropy. */
export function generateSecureRandomString(length = 24): string {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	let id = '';
	for (const byte of bytes) id += ALPHABET[byte >> 3];
	return id;
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** An `id.secret` token: the id finds the row, the secret (only its hash is stored) proves possession. */
export interface SplitToken {
	id: string;
	secret: string;
}

export function newToken(): SplitToken & { token: string; secretHash: string } {
	const id = generateSecureRandomString();
	const secret = generateSecureRandomString();
	return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

// Tokens are made by newToken; anything else (a NUL byte, which PostgreSQL text cannot even hold, or
// a pasted fragment) is simply not a token, and no lookup is made.
const TOKEN_PART = /^[a-z0-9]{1,64}$/;

export function splitToken(token: string): SplitToken | null {
	const parts = token.split('.');
	if (parts.length !== 2 || !TOKEN_PART.test(parts[0]!) || !TOKEN_PART.test(parts[1]!)) return null;
	return { id: parts[0]!, secret: parts[1]! };
}
