// Rate limits: socket commands over a session's burst are refused and change nothing; with Redis
// (TEST_REDIS_URL) two app instances share one budget, and an outage falls back to memory.
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { createClient } from 'redis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/domain/socket-protocol';
import { cards } from '../../src/lib/server/db/schema';
import { RateLimits } from '../../src/lib/server/rate-limit/limits';
import { RATE_POLICIES } from '../../src/lib/server/rate-limit/policies';
import { limiterRedis, type LimiterRedis } from '../../src/lib/server/rate-limit/redis';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connectClient, connected, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

describe('socket commands', () => {
	let database: TestDatabase;
	let server: TestRealtimeServer;
	let org: SeededOrganisation;
	let socket: Socket;

	beforeAll(async () => {
		database = await createTestDatabase();
		server = await startRealtimeServer(database.db);
		org = await seedOrganisation(server.context, { teams: ['Payments'], people: [{ name: 'Mo', role: 'member', teams: ['Payments'] }] });
		socket = connectClient(server.url, { token: org.people.Mo!.token });
		await connected(socket);
	});

	afterAll(async () => {
		socket?.close();
		await server?.close();
		await database?.close();
	});

	it('refuses the commands of a flood past the burst with rate_limited, and writes none of them', async () => {
		const boardId = org.teams.Payments!.boardId;
		const burst = RATE_POLICIES['socket.session'].points;
		const acks = await Promise.all(
			Array.from(
				{ length: 100 },
				(_, i) =>
					new Promise<CommandAck>((resolve) =>
						socket.timeout(20_000).emit('command', { commandId: randomUUID(), type: 'card.create', boardId, title: `Flood ${i}` }, (err: Error | null, ack: CommandAck) =>
							resolve(err ? { ok: false, error: { code: 'timeout', message: err.message } } : ack)
						)
					)
			)
		);
		const accepted = acks.filter((a) => a.ok);
		const refused = acks.flatMap((a) => (a.ok ? [] : [a.error]));
		expect(accepted).toHaveLength(burst);
		expect(refused).toHaveLength(100 - burst);
		for (const error of refused) {
			expect(error).toEqual({
				code: 'rate_limited',
				message: expect.stringMatching(/^Too many changes at once\. Try again in \d+ seconds?\.$/),
				details: { retryAfterMs: expect.any(Number) }
			});
			const { retryAfterMs } = error.details as { retryAfterMs: number };
			expect(retryAfterMs).toBeGreaterThan(0);
			expect(retryAfterMs).toBeLessThanOrEqual(RATE_POLICIES['socket.session'].durationSeconds * 1000);
		}
		const [written] = await database.db.select({ n: count() }).from(cards).where(eq(cards.boardId, boardId));
		expect(written!.n).toBe(burst);
		const titles = await database.db.select({ title: cards.title }).from(cards).where(and(eq(cards.boardId, boardId)));
		const acceptedIds = new Set(accepted.map((a) => (a.ok ? a.cardId : null)));
		expect(acceptedIds.size).toBe(burst);
		expect(titles).toHaveLength(burst);
	});
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('on Redis', () => {
	const opened: LimiterRedis[] = [];
	const proxies: TcpProxy[] = [];
	const policy = { points: 5, durationSeconds: 60 };
	// A namespace of this run's own in the shared Redis.
	const keyPrefix = `catchball-test:${process.pid}:${Date.now()}`;

	function instance(url = redisUrl!): { limits: RateLimits; redis: LimiterRedis; errors: string[] } {
		const errors: string[] = [];
		const redis = limiterRedis(url, { error: (m: string) => errors.push(m), log: () => {} });
		opened.push(redis);
		return { limits: new RateLimits({ redis: redis.client, keyPrefix, policies: { 'api.token': policy } }), redis, errors };
	}

	async function ready(redis: LimiterRedis): Promise<void> {
		const client = redis.client as { isReady: boolean; once(event: 'ready', fn: () => void): void };
		if (!client.isReady) await new Promise<void>((resolve) => client.once('ready', resolve));
	}

	afterAll(async () => {
		await Promise.all(opened.map((r) => r.close()));
		await Promise.all(proxies.map((p) => p.close()));
		const admin = createClient({ url: redisUrl });
		await admin.connect();
		const keys = await admin.keys(`${keyPrefix}:*`);
		if (keys.length) await admin.del(keys);
		await admin.close();
	});

	it('shares one budget between two instances', async () => {
		const [a, b] = [instance(), instance()];
		await Promise.all([ready(a.redis), ready(b.redis)]);
		const verdicts = [];
		for (const limits of [a.limits, b.limits, a.limits, b.limits, a.limits]) verdicts.push((await limits.take('api.token', 'shared')).allowed);
		expect(verdicts).toEqual([true, true, true, true, true]);
		const [onA, onB] = [await a.limits.take('api.token', 'shared'), await b.limits.take('api.token', 'shared')];
		expect([onA.allowed, onB.allowed]).toEqual([false, false]);
		// Another key has its own budget.
		expect((await b.limits.take('api.token', 'another')).allowed).toBe(true);
	});

	it('counts in memory while Redis is away, rather than refusing everyone, and says so once', async () => {
		const proxy = await startTcpProxy(redisUrl!);
		proxies.push(proxy);
		const { limits, redis, errors } = instance(proxy.url);
		await ready(redis);
		expect((await limits.take('api.token', 'outage')).allowed).toBe(true);
		proxy.cut();
		// Down: every answer still comes, from this instance's memory, which keeps the budget too.
		const during = [];
		for (let i = 0; i < 6; i++) during.push((await limits.take('api.token', 'outage')).allowed);
		expect(during).toEqual([true, true, true, true, true, false]);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/counting in this instance's memory/);
	});

	it('counts in memory when Redis stops answering', async () => {
		const proxy = await startTcpProxy(redisUrl!);
		proxies.push(proxy);
		const { limits, redis } = instance(proxy.url);
		await ready(redis);
		proxy.stall();
		// Each answer waits at most the command timeout, then comes from memory.
		const verdicts = [];
		for (let i = 0; i < 6; i++) verdicts.push((await limits.take('api.token', 'stalled')).allowed);
		expect(verdicts).toEqual([true, true, true, true, true, false]);
	});
});
