import { createClient } from 'redis';

export interface LimiterRedis {
	client: object;
	close(): Promise<void>;
}

/**
 * A Redis client for the rate limits. Unlike the Socket.IO adapter's, it never holds up the start: the
 * limiter counts in memory until Redis answers, and again whenever it is away (commands fail at once
 * while it reconnects; `RateLimits` gives up on one that gets no answer).
 */
export function limiterRedis(url: string, log: Pick<Console, 'error' | 'log'> = console): LimiterRedis {
	const client = createClient({ url, disableOfflineQueue: true });
	let down = false;
	client.on('error', (error: Error) => {
		if (down) return;
		down = true;
		log.error(`redis (rate limits): ${error.message || String(error)}; counting in this instance's memory meanwhile`);
	});
	client.on('ready', () => {
		if (!down) return;
		down = false;
		log.log('redis (rate limits): connected again');
	});
	client.connect().catch(() => {});
	return {
		client,
		close: async () => {
			// close() waits for pending commands, which never finish while Redis is away or stalled.
			if (client.isReady) {
				let timer: ReturnType<typeof setTimeout> | undefined;
				await Promise.race([client.close().catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]);
				clearTimeout(timer);
			}
			if (client.isOpen) client.destroy();
		}
	};
}
