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
	if (!marked[STARTED]) {
		const started = (async () => {
			const config = readConfig();
			if (config.redisUrl) {
				const { useRedisAdapter } = await import('./redis');
				await useRedisAdapter(io, config.redisUrl);
			}
			const hostHeader = process.env.HOST_HEADER || undefined;
			attachRealtime(io, appContext, { origin: config.origin, hostHeader }, features);
		})();
		marked[STARTED] = started;
		// A failed start (Redis unreachable, say) may be retried by the next caller.
		started.catch(() => {
			if (marked[STARTED] === started) delete marked[STARTED];
		});
	}
	return marked[STARTED];
}
