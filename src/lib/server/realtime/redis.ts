import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

const CLIENTS = Symbol.for('catchball.redis.clients');
/** What is kept of a client to close it (node-redis's own generic types do not assign to each other). */
interface Closable {
	readonly isOpen: boolean;
	readonly isReady: boolean;
	close(): Promise<void>;
	destroy(): void;
}
interface Observable {
	on(event: 'error', listener: (error: Error) => void): unknown;
	on(event: 'ready', listener: () => void): unknown;
}
type Holder = { [CLIENTS]?: Closable[] };

/** How long the first connection may take before the start fails (node-redis would retry forever). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Fans broadcasts out through Redis, so every instance's clients hear every event. Fails (after closing
 * its clients) when Redis does not answer at start: an instance that cannot reach the others must not
 * look healthy. Once connected, the clients reconnect by themselves after an outage.
 */
export async function useRedisAdapter(io: Server, url: string, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<void> {
	const pub = createClient({ url });
	const sub = pub.duplicate();
	logOutages(pub, 'publish');
	logOutages(sub, 'subscribe');
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		await Promise.race([
			Promise.all([pub.connect(), sub.connect()]),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`Redis at ${redact(url)} did not answer within ${connectTimeoutMs / 1000} s`)),
					connectTimeoutMs
				);
			})
		]);
	} catch (error) {
		pub.destroy();
		sub.destroy();
		throw error;
	} finally {
		clearTimeout(timer);
	}
	io.adapter(createAdapter(pub, sub));
	(globalThis as Holder)[CLIENTS] = [pub, sub];
}

export async function closeRedis(): Promise<void> {
	const clients = (globalThis as Holder)[CLIENTS] ?? [];
	delete (globalThis as Holder)[CLIENTS];
	// close() waits for pending commands, which never finish while Redis is away: destroy those clients.
	await Promise.allSettled(
		clients.map(async (client) => {
			if (client.isReady) await client.close();
			else if (client.isOpen) client.destroy();
		})
	);
}

/** One line when a connection drops and one when it is back, not one per reconnection attempt. */
function logOutages(client: Observable, name: string): void {
	let down = false;
	client.on('error', (error: Error) => {
		if (down) return;
		down = true;
		console.error(`redis (${name}): ${error.message || (error as { code?: string }).code || String(error)}`);
	});
	client.on('ready', () => {
		if (!down) return;
		down = false;
		console.log(`redis (${name}): connected again`);
	});
}

function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'REDIS_URL';
	}
}
