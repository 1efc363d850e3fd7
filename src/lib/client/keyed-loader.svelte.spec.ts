import { afterEach, describe, expect, it } from 'vitest';
import { startJsonServer, type JsonReply, type JsonServer } from '../../../tests/helpers/json-server';
import { KeyedLoader } from './keyed-loader.svelte';

// KeyedLoader against a real HTTP server whose answers the test holds back and releases.

let server: JsonServer | null = null;

afterEach(async () => {
	await server?.close();
	server = null;
});

/** Answers each request when the test releases it, in whatever order the test chooses. */
async function heldServer() {
	const held = new Map<string, (reply: JsonReply) => void>();
	const arrived = new Map<string, () => void>();
	server = await startJsonServer(
		(path) =>
			new Promise<JsonReply>((resolve) => {
				held.set(path, resolve);
				arrived.get(path)?.();
			})
	);
	return {
		server,
		/** Resolves once the request for `path` reached the server. */
		requested: (path: string) => new Promise<void>((resolve) => (held.has(path) ? resolve() : arrived.set(path, resolve))),
		answer: (path: string, reply: JsonReply) => held.get(path)!(reply)
	};
}

describe('KeyedLoader', () => {
	it('fetches once per key, again for a new key, and again when forced', async () => {
		server = await startJsonServer((path) => ({ body: { path } }));
		const loader = new KeyedLoader<{ path: string }>(() => '/api/thing', 'the thing', server.fetch);
		await loader.load('v1');
		expect(loader.data).toEqual({ path: '/api/thing' });
		await loader.load('v1');
		expect(server.requests).toHaveLength(1);
		await loader.load('v2');
		await loader.load('v2', true);
		expect(server.requests).toHaveLength(3);
		expect(loader.loading).toBe(false);
		expect(loader.error).toBeNull();
	});

	it('drops the answer to a previous key when it arrives after the newer one', async () => {
		const held = await heldServer();
		let subject = 'a';
		const loader = new KeyedLoader<{ subject: string }>(() => `/api/${subject}`, 'the thing', held.server.fetch);
		const first = loader.load('a:1');
		await held.requested('/api/a');
		subject = 'b';
		const second = loader.load('b:1');
		await held.requested('/api/b');
		held.answer('/api/b', { body: { subject: 'b' } });
		await second;
		expect(loader.data).toEqual({ subject: 'b' });
		// The stale answer comes last; it must not replace the newer one.
		held.answer('/api/a', { body: { subject: 'a' } });
		await first;
		expect(loader.data).toEqual({ subject: 'b' });
		expect(loader.loading).toBe(false);
	});

	it('forgets the previous subject’s data while another subject loads', async () => {
		const held = await heldServer();
		let subject = 'a';
		const loader = new KeyedLoader<{ subject: string }>(() => `/api/${subject}`, 'the thing', held.server.fetch);
		const first = loader.load('a');
		await held.requested('/api/a');
		held.answer('/api/a', { body: { subject: 'a' } });
		await first;
		subject = 'b';
		const second = loader.load('b');
		expect(loader.data).toBeNull();
		expect(loader.loading).toBe(true);
		await held.requested('/api/b');
		held.answer('/api/b', { body: { subject: 'b' } });
		await second;
		expect(loader.data).toEqual({ subject: 'b' });
	});

	it('says why a load failed, in the server’s words or its own, and tries the same key again next time', async () => {
		let fail = true;
		server = await startJsonServer(() =>
			fail ? { status: 404, body: { error: { code: 'not_found', message: 'There is no such card in your organisation.' } } } : { body: { ok: 1 } }
		);
		const loader = new KeyedLoader<{ ok: number }>(() => '/api/card', 'this card', server.fetch);
		await loader.load('k');
		expect(loader.error).toBe('There is no such card in your organisation.');
		expect(loader.data).toBeNull();
		fail = false;
		await loader.load('k');
		expect(server.requests).toHaveLength(2);
		expect(loader.error).toBeNull();
		expect(loader.data).toEqual({ ok: 1 });
	});

	it('falls back on “Could not load …” when the server gives no reason', async () => {
		server = await startJsonServer(() => ({ status: 500, body: 'oops' }));
		const loader = new KeyedLoader(() => '/api/card', 'this card', server.fetch);
		await loader.load('k');
		expect(loader.error).toBe('Could not load this card.');
	});
});
