import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

const CLIENTS = Symbol.for('catchball.redis.clients');
type Holder = { [CLIENTS]?: { quit(): Promise<unknown> }[] };

export async function useRedisAdapter(io: Server, url: string): Promise<void> {
	const pub = createClient({ url });
	const sub = pub.duplicate();
	pub.on('error', (error) => console.error('redis (publish)', error));
	sub.on('error', (error) => console.error('redis (subscribe)', error));
	await Promise.all([pub.connect(), sub.connect()]);
	io.adapter(createAdapter(pub, sub));
	(globalThis as Holder)[CLIENTS] = [pub, sub];
}

export async function closeRedis(): Promise<void> {
	const clients = (globalThis as Holder)[CLIENTS] ?? [];
	delete (globalThis as Holder)[CLIENTS];
	await Promise.allSettled(clients.map((c) => c.quit()));
}
