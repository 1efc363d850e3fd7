import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_POLICIES, type PolicyName, type RatePolicies, type RatePolicy } from './policies';

const TIMED_OUT = Symbol('timed out');
const REDIS_PAUSE_MS = 5_000;

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** What rate-limiter-flexible needs of a node-redis (v4+) client. */
export type RedisStore = object;

export interface RateLimitsOptions {
	/** A connected node-redis client: the counters are shared by every instance using it. */
	redis?: RedisStore;
	/** Longest wait for Redis before counting in memory (node-redis's own timeout ends once a command is sent). */
	redisTimeoutMs?: number;
	/** Namespace of the keys in Redis (tests use their own). */
	keyPrefix?: string;
	/** Overrides of the app's policies. */
	policies?: Partial<RatePolicies>;
}

/**
 * The app's rate limits by policy name, over rate-limiter-flexible: counters in this process's memory,
 * or in Redis when given a client (so several instances share one budget). When Redis fails at run
 * time (down, or not answering), each instance falls back to counting in its own memory rather than
 * refusing everyone, and goes back to Redis once it answers.
 */
export class RateLimits {
	private readonly limiters = new Map<PolicyName, { store: RateLimiterAbstract; memory: RateLimiterMemory }>();
	private readonly policies: RatePolicies;
	/** After Redis did not answer in time, memory alone is used until then (no wait on every request). */
	private redisSkippedUntil = 0;

	constructor(private readonly options: RateLimitsOptions = {}) {
		this.policies = { ...RATE_POLICIES, ...options.policies };
	}

	policy(name: PolicyName): RatePolicy {
		return this.policies[name];
	}

	/** Takes `points` from `key`'s budget; refused (and still counted) when the budget is spent. */
	async take(name: PolicyName, key: string, points = 1): Promise<Verdict> {
		try {
			await this.run(name, (limiter) => limiter.consume(key, points));
			return { allowed: true };
		} catch (refusal) {
			// Over the limit rejects with a RateLimiterRes; anything else is a real error.
			if (!(refusal instanceof RateLimiterRes)) throw refusal;
			return { allowed: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
		}
	}

	/** Gives points back (an attempt that turned out fine). */
	async give(name: PolicyName, key: string, points = 1): Promise<void> {
		await this.run(name, (limiter) => limiter.reward(key, points));
	}

	/** Forgets `key`'s count. */
	async forget(name: PolicyName, key: string): Promise<void> {
		await this.run(name, (limiter) => limiter.delete(key));
	}

	/**
	 * Runs an operation on the policy's store. A Redis that is down makes rate-limiter-flexible use the
	 * memory limiter (its insurance); a Redis that does not answer is given `redisTimeoutMs`, then the
	 * operation runs in memory and Redis is skipped for a few seconds.
	 */
	private async run<T>(name: PolicyName, op: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
		const { store, memory } = this.limiter(name);
		if (store === memory || Date.now() < this.redisSkippedUntil) return op(memory);
		const pending = op(store);
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
			timer = setTimeout(() => resolve(TIMED_OUT), this.options.redisTimeoutMs ?? 500);
		});
		try {
			const first = await Promise.race([pending, timedOut]);
			if (first !== TIMED_OUT) return first;
		} finally {
			clearTimeout(timer);
		}
		pending.catch(() => {}); // it may still settle; its outcome no longer matters
		this.redisSkippedUntil = Date.now() + REDIS_PAUSE_MS;
		return op(memory);
	}

	private limiter(name: PolicyName): { store: RateLimiterAbstract; memory: RateLimiterMemory } {
		let limiter = this.limiters.get(name);
		if (!limiter) {
			const { points, durationSeconds: duration } = this.policies[name];
			const keyPrefix = `${this.options.keyPrefix ?? 'catchball:rate'}:${name}`;
			const memory = new RateLimiterMemory({ keyPrefix, points, duration });
			const store = this.options.redis
				? new RateLimiterRedis({
						storeClient: this.options.redis,
						useRedisPackage: true,
						// While the client is reconnecting, count in memory at once instead of queueing.
						rejectIfRedisNotReady: true,
						insuranceLimiter: memory,
						keyPrefix,
						points,
						duration
					})
				: memory;
			limiter = { store, memory };
			this.limiters.set(name, limiter);
		}
		return limiter;
	}
}
