// temporary diagnostic (removed after use)
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../src/lib/server/db/schema';
import { createBenchDatabase } from './lib';
import { seedOrganisation } from '../tests/helpers/fixtures';
import { silentHub } from '../src/lib/server/realtime/hub';
import { executeCommand } from '../src/lib/server/commands/service';
import type { Db } from '../src/lib/server/db/client';

async function main() {
	const bench = await createBenchDatabase('probe');
	try {
		const ctx0 = { db: bench.db, realtime: silentHub };
		const org = await seedOrganisation(ctx0, { teams: ['Bench'], people: [{ name: 'M', role: 'member', teams: ['Bench'] }] });
		const boardId = org.teams.Bench!.boardId;
		const cards: { id: string; version: number }[] = [];
		for (let i = 0; i < 50; i++) {
			const r = await executeCommand(ctx0, org.admin.actor, { type: 'card.create', boardId, title: `c${i}`, lane: i % 2 ? 'system' : 'team' });
			cards.push({ id: r.cardId, version: r.card.version });
		}
		await bench.release();
		for (const sc of ['on', 'off']) {
			let queries = 0;
			const client = postgres(bench.url, { max: 10, onnotice: () => {}, debug: () => { queries++; }, connection: { synchronous_commit: sc } });
			const db = drizzle(client, { schema }) as unknown as Db;
			const ctx = { db, realtime: silentHub };
			const actor = org.people.M!.actor;
			const times: number[] = [];
			const before = queries;
			for (let i = 0; i < 200; i++) {
				const c = cards[i % 50]!;
				const t = performance.now();
				const r = await executeCommand(ctx, actor, { type: 'card.move', boardId, cardId: c.id, version: c.version, column: 'problem', lane: i % 3 ? 'team' : 'system', index: i % 7 });
				times.push(performance.now() - t);
				c.version = r.card.version;
			}
			times.sort((a, b) => a - b);
			console.log(`sync_commit=${sc}: sequential move p50 ${times[100]!.toFixed(2)} ms p90 ${times[180]!.toFixed(2)} max ${times[199]!.toFixed(2)}; queries/move ${((queries - before) / 200).toFixed(1)}`);
			// 5 concurrent movers
			const t0 = performance.now();
			let n = 0;
			const lat: number[] = [];
			await Promise.all([0, 1, 2, 3, 4].map(async (m) => {
				for (let i = 0; i < 40; i++) {
					const c = cards[m + 5 * (i % 10)]!;
					const t = performance.now();
					const r = await executeCommand(ctx, actor, { type: 'card.move', boardId, cardId: c.id, version: c.version, column: 'problem', lane: i % 3 ? 'team' : 'system', index: i % 7 });
					lat.push(performance.now() - t);
					c.version = r.card.version; n++;
				}
			}));
			lat.sort((a, b) => a - b);
			const s = (performance.now() - t0) / 1000;
			console.log(`  5 concurrent: ${(n / s).toFixed(0)} moves/s, latency p50 ${lat[100]!.toFixed(1)} p99 ${lat[197]!.toFixed(1)}`);
			await client.end();
		}
	} finally {
		await bench.drop();
	}
}
main().catch((e) => { console.error(e); process.exit(1); });
