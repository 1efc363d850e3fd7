// Diagnostics behind docs/performance.md (not a benchmark with a target; no npm script):
//   tsx bench/diagnose.ts move   the move command in-process: statements per move and the time between
//                                them, then the current executeCommand against a lean sketch of the same
//                                move in 5 round trips (raw SQL, one mover and five concurrent movers)
//   tsx bench/diagnose.ts load   the board page's reads for 500 cards: loadBoardSnapshot (card ids in
//                                IN lists) against the same reads filtered by a board subquery
// Each run makes its own PostgreSQL database (BENCH_DATABASE_URL or the local server) and drops it.
import { asc, count, eq, inArray } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { keyForIndex, type Placed } from '../src/lib/domain/ordering';
import { executeCommand } from '../src/lib/server/commands/service';
import type { Db } from '../src/lib/server/db/client';
import * as schema from '../src/lib/server/db/schema';
import { boards, cardOwners, cardPlacements, cards, comments, evidenceEntries, teams, users } from '../src/lib/server/db/schema';
import { loadBoardSnapshot } from '../src/lib/server/queries/board';
import { silentHub } from '../src/lib/server/realtime/hub';
import { seedOrganisation } from '../tests/helpers/fixtures';
import { createBenchDatabase, machine, percentile } from './lib';
import { seedBoard } from './seed-board';

type Card = { id: string; version: number };
const p = (values: number[], q: number) => percentile([...values].sort((a, b) => a - b), q).toFixed(1);

async function diagnoseMove(): Promise<void> {
	const bench = await createBenchDatabase('diag');
	try {
		const seedCtx = { db: bench.db, realtime: silentHub };
		const org = await seedOrganisation(seedCtx, { teams: ['Bench'], people: [{ name: 'Mover', role: 'member', teams: ['Bench'] }] });
		const boardId = org.teams.Bench!.boardId;
		const cardList: Card[] = [];
		for (let i = 0; i < 50; i++) {
			const r = await executeCommand(seedCtx, org.admin.actor, { type: 'card.create', boardId, title: `Card ${i}`, lane: i % 2 ? 'system' : 'team' });
			cardList.push({ id: r.cardId!, version: r.card!.version });
		}
		await bench.release();

		let log: { t: number; text: string }[] = [];
		const client = postgres(bench.url, { max: 10, onnotice: () => {}, debug: (_c, text) => void log.push({ t: performance.now(), text }) });
		const db = drizzle(client, { schema }) as unknown as Db;
		// Records the order in which executeCommand hands events to the realtime layer.
		let lastPublished = 0;
		let published = 0;
		let outOfOrder = 0;
		const realtime = {
			...silentHub,
			publishBoardEvents(events: readonly { seq: number }[]) {
				for (const event of events) {
					published++;
					if (lastPublished && event.seq !== lastPublished + 1) outOfOrder++;
					lastPublished = Math.max(lastPublished, event.seq);
				}
			}
		};
		const ctx = { db, realtime };
		const actor = org.people.Mover!.actor;

		const current = async (c: Card, lane: string, index: number) => {
			const r = await executeCommand(ctx, actor, { type: 'card.move', boardId, cardId: c.id, version: c.version, column: 'problem', lane, index });
			c.version = r.card?.version ?? c.version + 1;
		};
		// A sketch, not a drop-in: no authorisation, gates, re-keying or multi-board placements.
		const lean = async (c: Card, lane: string, index: number) => {
			const at = new Date().toISOString();
			await client.begin(async (sql) => {
				await sql`select id from boards where id in (select board_id from card_placements where card_id = ${c.id}) order by id for update`;
				const [[card], cell] = await Promise.all([
					sql`select version, "column", lane, title from cards where id = ${c.id}`,
					sql`select c.id, p.position from card_placements p join cards c on c.id = p.card_id
					    where p.board_id = ${boardId} and c.status = 'active' and c."column" = 'problem'
					      and (case when c.board_id = ${boardId} then c.lane::text else 'cross_team' end) = ${lane} and c.id <> ${c.id}
					    order by p.position, c.id`
				]);
				if (card!.version !== c.version) throw new Error('stale');
				const { position } = keyForIndex(cell as unknown as Placed[], index);
				const payload = { cardId: c.id, title: card!.title, from: { column: card!.column, lane: card!.lane }, to: { column: 'problem', lane, position }, version: c.version + 1, enteredAt: null, rekeyed: [] };
				await sql`
					with pl as (update card_placements set position = ${position} where card_id = ${c.id} and board_id = ${boardId}),
					     cu as (update cards set lane = ${lane}, version = version + 1, updated_at = ${at}::timestamptz where id = ${c.id}),
					     s as (update boards set last_seq = last_seq + 1 where id = ${boardId} returning last_seq)
					insert into board_events (board_id, seq, type, payload, actor_id, at)
					select ${boardId}, s.last_seq, 'card.moved', ${JSON.stringify(payload)}::jsonb, ${actor.userId}::uuid, ${at}::timestamptz from s
					returning seq`;
			});
			c.version++;
		};

		// 1. Statement by statement (median time from each statement's start to the next one's).
		const gaps = new Map<string, number[]>();
		let k = 0;
		for (let i = 0; i < 300; i++) {
			const c = cardList[i % 50]!;
			log = [];
			await current(c, i % 3 ? 'team' : 'system', (k++ * 7) % 11);
			const end = performance.now();
			if (i < 50) continue;
			const marks = [...log, { t: end, text: '' }];
			for (let j = 0; j < log.length; j++) {
				const key = `${String(j + 1).padStart(2)}. ${log[j]!.text.replace(/\s+/g, ' ').slice(0, 70)}`;
				(gaps.get(key) ?? gaps.set(key, []).get(key)!).push(marks[j + 1]!.t - marks[j]!.t);
			}
		}
		console.log(`one move through executeCommand: ${gaps.size} statements; median ms from each to the next (the last: to the result)`);
		for (const [key, values] of gaps) console.log(`  ${p(values, 50).padStart(5)}  ${key}`);

		// 2. Current against lean: one mover, then five movers on their own cards for 5 s.
		for (const [name, move] of [['executeCommand', current], ['lean sketch', lean], ['executeCommand', current], ['lean sketch', lean]] as const) {
			const one = (c: Card) => move(c, k % 3 ? 'team' : 'system', (k++ * 7) % 11);
			lastPublished = 0; // the lean sketch appends events without publishing them
			const sequential: number[] = [];
			const cpu = process.cpuUsage();
			for (let i = 0; i < 300; i++) {
				const t = performance.now();
				await one(cardList[i % 50]!);
				sequential.push(performance.now() - t);
			}
			const used = process.cpuUsage(cpu);
			const concurrent: number[] = [];
			const end = performance.now() + 5000;
			await Promise.all(
				[0, 1, 2, 3, 4].map(async (m) => {
					for (let i = 0; performance.now() < end; i++) {
						const t = performance.now();
						await one(cardList[m + 5 * (i % 10)]!);
						concurrent.push(performance.now() - t);
					}
				})
			);
			console.log(
				`${name.padEnd(15)} one mover: p50 ${p(sequential, 50)} ms, node cpu ${((used.user + used.system) / 1000 / 300).toFixed(2)} ms/move` +
					` | five movers: ${(concurrent.length / 5).toFixed(0)} moves/s, p50 ${p(concurrent, 50)} p99 ${p(concurrent, 99)} ms`
			);
		}
		console.log(`events published out of seq order by executeCommand: ${outOfOrder} of ${published}`);
		await client.end();
	} finally {
		await bench.drop();
	}
}

async function diagnoseLoad(): Promise<void> {
	const bench = await createBenchDatabase('diag');
	try {
		const { bench: team } = await seedBoard({ db: bench.db, realtime: silentHub }, 500, 50);
		const db = bench.db;
		const [board] = await db.select({ id: boards.id }).from(boards).where(eq(boards.teamId, team.teamId));
		const boardId = board!.id;
		const onBoard = db.select({ id: cardPlacements.cardId }).from(cardPlacements).where(eq(cardPlacements.boardId, boardId));
		// The same five reads as loadShared, filtered by the board instead of 500 bound ids, pipelined.
		const bySubquery = () =>
			db.transaction(async (tx) => {
				await tx.select({ lastSeq: boards.lastSeq }).from(boards).where(eq(boards.id, boardId));
				await Promise.all([
					tx.select({ card: cards, teamId: teams.id, teamName: teams.name }).from(cards).innerJoin(boards, eq(boards.id, cards.boardId)).innerJoin(teams, eq(teams.id, boards.teamId)).where(inArray(cards.id, onBoard)),
					tx.select({ cardId: cardPlacements.cardId, boardId: cardPlacements.boardId, position: cardPlacements.position, effortShare: cardPlacements.effortShare, teamId: teams.id, teamName: teams.name }).from(cardPlacements).innerJoin(boards, eq(boards.id, cardPlacements.boardId)).innerJoin(teams, eq(teams.id, boards.teamId)).where(inArray(cardPlacements.cardId, onBoard)).orderBy(asc(teams.name)),
					tx.select({ cardId: cardOwners.cardId, id: users.id, name: users.name }).from(cardOwners).innerJoin(users, eq(users.id, cardOwners.userId)).where(inArray(cardOwners.cardId, onBoard)).orderBy(asc(users.name)),
					tx.select({ evidence: evidenceEntries, authorName: users.name }).from(evidenceEntries).leftJoin(users, eq(users.id, evidenceEntries.createdBy)).where(inArray(evidenceEntries.cardId, onBoard)).orderBy(asc(evidenceEntries.createdAt)),
					tx.select({ cardId: comments.cardId, n: count() }).from(comments).where(inArray(comments.cardId, onBoard)).groupBy(comments.cardId)
				]);
			});
		const time = async (label: string, fn: () => Promise<unknown>) => {
			for (let i = 0; i < 5; i++) await fn();
			const times: number[] = [];
			const cpu = process.cpuUsage();
			for (let i = 0; i < 40; i++) {
				const t = performance.now();
				await fn();
				times.push(performance.now() - t);
			}
			const used = process.cpuUsage(cpu);
			console.log(`${label.padEnd(52)} p50 ${p(times, 50)} ms, node cpu ${((used.user + used.system) / 1000 / 40).toFixed(1)} ms`);
		};
		const snapshot = await loadBoardSnapshot(db, boardId);
		console.log(`board of ${snapshot.cards.length} cards; their JSON is ${(JSON.stringify(snapshot.cards).length / 1024).toFixed(0)} KiB`);
		for (let i = 0; i < 2; i++) {
			await time('loadBoardSnapshot (ids in IN lists, 5 queries)', () => loadBoardSnapshot(db, boardId));
			await time('same reads by board subquery, pipelined (no mapping)', bySubquery);
		}
	} finally {
		await bench.drop();
	}
}

const what = process.argv[2];
console.log(`machine: ${machine()}`);
(what === 'load' ? diagnoseLoad() : what === 'move' ? diagnoseMove() : Promise.reject(new Error('usage: tsx bench/diagnose.ts move|load'))).then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
