import { readConfig } from '../config';
import { RateLimits } from './limits';
import { policiesFromEnv } from './policies';
import { limiterRedis, type LimiterRedis } from './redis';

// One set of limits per process (the dev server loads this module in more than one module graph).
const KEY = Symbol.for('catchball.rate-limits');
type Holder = { [KEY]?: { limits: RateLimits; redis: LimiterRedis | null } };

/** The app's rate limits: on Redis when REDIS_URL is set (shared by every instance), else in memory. */
export function appRateLimits(): RateLimits {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const config = readConfig();
		const redis = config.redisUrl ? limiterRedis(config.redisUrl) : null;
		holder[KEY] = { limits: new RateLimits({ redis: redis?.client, policies: policiesFromEnv() }), redis };
	}
	return holder[KEY].limits;
}

export async function closeRateLimits(): Promise<void> {
	const holder = globalThis as Holder;
	const held = holder[KEY];
	delete holder[KEY];
	await held?.redis?.close();
}
