import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin';

describe('isAllowedOrigin without a configured ORIGIN', () => {
	it('allows a request without an Origin header (not from another site’s page)', () => {
		expect(isAllowedOrigin(undefined, 'localhost:3000', undefined)).toBe(true);
		expect(isAllowedOrigin('', 'localhost:3000', undefined)).toBe(true);
	});

	it('allows the origin the app was opened at, localhost or 127.0.0.1', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', undefined)).toBe(true);
		expect(isAllowedOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', undefined)).toBe(true);
		expect(isAllowedOrigin('http://[::1]:3000', '[::1]:3000', undefined)).toBe(true);
		expect(isAllowedOrigin('https://board.example.com', 'board.example.com', undefined)).toBe(true);
	});

	it('compares hosts case-insensitively and without the default port', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'LOCALHOST:3000', undefined)).toBe(true);
		expect(isAllowedOrigin('http://localhost', 'localhost:80', undefined)).toBe(true);
		expect(isAllowedOrigin('https://example.com', 'example.com:443', undefined)).toBe(true);
		expect(isAllowedOrigin('http://example.com', 'example.com:443', undefined)).toBe(false);
	});

	it('refuses an origin whose host differs from the Host header', () => {
		expect(isAllowedOrigin('http://evil.example', 'localhost:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('http://localhost:3000', '127.0.0.1:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('http://localhost.evil.example:3000', 'localhost:3000', undefined)).toBe(false);
	});

	it('refuses when the Host header is missing or malformed', () => {
		expect(isAllowedOrigin('http://localhost:3000', undefined, undefined)).toBe(false);
		expect(isAllowedOrigin('http://localhost:3000', '', undefined)).toBe(false);
		expect(isAllowedOrigin('http://evil.example', 'evil.example/path', undefined)).toBe(false);
		expect(isAllowedOrigin('http://evil.example', 'user@evil.example', undefined)).toBe(false);
	});

	it('refuses opaque, malformed and non-web origins', () => {
		expect(isAllowedOrigin('null', 'localhost:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('not a url', 'localhost:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('file:///etc/passwd', 'localhost:3000', undefined)).toBe(false);
		expect(isAllowedOrigin('chrome-extension://abcdef', 'abcdef', undefined)).toBe(false);
	});
});

describe('isAllowedOrigin with a configured ORIGIN', () => {
	const configured = 'https://board.example.com';

	it('allows exactly the configured origin', () => {
		expect(isAllowedOrigin('https://board.example.com', 'board.example.com', configured)).toBe(true);
		// Behind a proxy the Host header may be the upstream's: the configured origin decides alone.
		expect(isAllowedOrigin('https://board.example.com', '10.0.0.5:3000', configured)).toBe(true);
	});

	it('refuses another scheme, port or host, even the one in the Host header', () => {
		expect(isAllowedOrigin('http://board.example.com', 'board.example.com', configured)).toBe(false);
		expect(isAllowedOrigin('https://board.example.com:8443', 'board.example.com:8443', configured)).toBe(false);
		expect(isAllowedOrigin('https://evil.example', 'evil.example', configured)).toBe(false);
		expect(isAllowedOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', 'http://localhost:3000')).toBe(false);
	});

	it('accepts the configured origin written with a trailing slash or in capitals', () => {
		expect(isAllowedOrigin('https://board.example.com', 'x', 'https://board.example.com/')).toBe(true);
		expect(isAllowedOrigin('https://board.example.com', 'x', 'HTTPS://Board.Example.com')).toBe(true);
	});

	it('still allows requests without an Origin header and refuses `null`', () => {
		expect(isAllowedOrigin(undefined, 'board.example.com', configured)).toBe(true);
		expect(isAllowedOrigin('null', 'board.example.com', configured)).toBe(false);
	});

	it('refuses everything when the configured origin itself is malformed', () => {
		expect(isAllowedOrigin('https://board.example.com', 'board.example.com', 'not a url')).toBe(false);
	});
});
