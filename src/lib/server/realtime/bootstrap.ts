import type { Server } from 'socket.io';
import { readConfig } from '../config';
import { appContext } from '../context';
import { attachRealtime } from './server';
import { features } from './features';

const STARTED = Symbol.for('catchball.realtime.started');
type Marked = Server & { [STARTED]?: Promise<void> };

/**
 * Wires the app's Socket.IO server once: the Redis adapter when REDIS_URL is set (so every instance's
 * clients hear every broadcast), handshake authentication, and the socket features.
 */
export function startRealtime(io: Server): Promise<void> {
	const marked = io as Marked;
	marked[STARTED] ??= (async () => {
		const config = readConfig();
		if (config.redisUrl) {
			const { useRedisAdapter } = await import('./redis');
			await useRedisAdapter(io, config.redisUrl);
		}
		attachRealtime(io, appContext, { origin: config.origin }, features);
	})();
	return marked[STARTED];
}
