// Two app instances on one PostgreSQL database, each with its own connection pool, Socket.IO server and
// command queue (the queue serialises one board's commands within an instance; between instances only
// the database's board lock does). Ten people on each race for the last free places of a hard limit.
//
// Without the lock the limit would still hold in the end: two racers that decide at the same moment both
// append the board's next seq, the log's unique (board_id, seq) key undoes the later transaction, and its
// commands run again one by one (a command running alone would answer server_error instead). So the test
// also counts the event writes attempted: with the lock, racers wait and decide on the winners' moves, and
// only the accepted moves write.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFingerprint } from '../helpers/cards';
import type { CardView } from '../../src/lib/domain/events';
import type { CommandAck } from '../../src/lib/domain/socket-protocol';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import { openDatabase, rowsOf, type Database } from '../../src/lib/server/db/client';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { openBoardClient, type BoardClient } from '../helpers/board-client';
import { configureBoard, readyCard } from '../helpers/board-setup';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connected, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';

const PER_INSTANCE = 10;
const names = Array.from({ length: 2 * PER_INSTANCE }, (_, i) => `Racer ${String(i + 1).padStart(2, '0')}`);

describe.skipIf(!usingPostgres())('two app instances on one PostgreSQL database (needs TEST_DATABASE_URL: PGlite has one connection, so nothing races)', () => {
	let database: TestDatabase;
	let second: Database;
	let a: TestRealtimeServer;
	let b: TestRealtimeServer;
	let org: SeededOrganisation;
	/** Racers 1–10 on instance A, 11–20 on instance B. */
	const clients: BoardClient[] = [];

	beforeAll(async () => {
		database = await createTestDatabase();
		second = await openDatabase({ url: database.url, skipMigrations: true, maxConnections: 10 });
		await countEventWrites(database);
		a = await startRealtimeServer(database.db);
		b = await startRealtimeServer(second.db);
		org = await seedOrganisation(a.context, {
			teams: ['Alpha'],
			people: [...names.map((name) => ({ name, role: 'member' as const, teams: ['Alpha'] })), { name: 'Lead', role: 'leader' as const }]
		});
		for (const [i, name] of names.entries()) {
			const server = i < PER_INSTANCE ? a : b;
			clients.push(await openBoardClient(server.url, org.people[name]!.token, boardId()));
		}
	}, 120_000);

	afterAll(async () => {
		clients.forEach((c) => c.close());
		await a?.close();
		await b?.close();
		await second?.close();
		await database?.close();
	});

	/**
	 * Every event the instances try to write, kept or rolled back: a sequence is not transactional, so
	 * a trigger that takes a number for each insert into the event log counts the ones undone as well.
	 * (A test instrument on this file's throwaway database; the app never reads it.)
	 */
	async function countEventWrites(db: TestDatabase) {
		await db.db.execute(sql`create sequence test_event_writes`);
		await db.db.execute(sql`
			create function test_count_event_write() returns trigger language plpgsql as $$
			begin perform nextval('test_event_writes'); return new; end $$`);
		await db.db.execute(sql`
			create trigger test_count_event_write before insert on board_events
			for each row execute function test_count_event_write()`);
	}

	/** How many event writes were attempted so far (taking the reading costs one number). */
	let readings = 0;
	async function eventWritesSoFar(): Promise<number> {
		const [row] = rowsOf<{ n: string }>(await database.db.execute(sql`select nextval('test_event_writes') as n`));
		return Number(row!.n) - ++readings;
	}

	const boardId = () => org.teams.Alpha!.boardId;
	const racer = () => org.people[names[0]!]!.actor;
	const lead = () => org.people.Lead!.actor;

	/** One ready card per racer, each in Hypothesis. */
	async function cardsForEveryone(title: string, effort: number): Promise<CardView[]> {
		const cards: CardView[] = [];
		for (let i = 0; i < names.length; i++) cards.push(await readyCard(a.context, racer(), boardId(), `${title} ${i + 1}`, effort));
		return cards;
	}

	/** Every racer moves their own card into Experiment at the same instant (a start barrier). */
	async function raceIntoExperiment(cards: CardView[]): Promise<{ replies: CommandAck[]; eventWrites: number }> {
		// Everyone's board first shows every card (set up through instance A).
		await expectEveryClientConverged();
		const writesBefore = await eventWritesSoFar();
		let release!: () => void;
		const barrier = new Promise<void>((resolve) => (release = resolve));
		const sent = clients.map(async (client, i) => {
			await barrier;
			return client.sync.move(cards[i]!.id, 'experiment', 'team', 0);
		});
		release();
		const replies = await Promise.all(sent);
		return { replies, eventWrites: (await eventWritesSoFar()) - writesBefore };
	}

	/**
	 * Each instance broadcasts only what it committed, so a client hears the other instance's moves
	 * when it next catches up: here, by reconnecting. Then every client shows the database's board.
	 */
	async function expectEveryClientConverged() {
		const truth = await loadBoardSnapshot(database.db, boardId());
		const expected = boardFingerprint(Object.fromEntries(truth.cards.map((c) => [c.id, c])));
		for (const client of clients) {
			client.socket.disconnect();
			client.socket.connect();
			await connected(client.socket);
			const state = await client.until((s) => s.seq === truth.seq, `seq ${truth.seq}`);
			expect(boardFingerprint(state.cards)).toEqual(expected);
		}
		return truth;
	}

	function outcomes(replies: CommandAck[]): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const reply of replies) {
			const outcome = reply.ok ? 'accepted' : reply.error.code;
			counts[outcome] = (counts[outcome] ?? 0) + 1;
		}
		return counts;
	}

	it('lets exactly 2 of 20 racers on two instances into the last 2 places of a hard WIP limit', async () => {
		const cards = await cardsForEveryone('WIP race', 1);
		await configureBoard(a.context, lead(), boardId(), { cellLimits: { 'experiment:team': { limit: 2, hard: true } } });

		const { replies, eventWrites } = await raceIntoExperiment(cards);

		expect(outcomes(replies)).toEqual({ accepted: 2, wip_limit: 18 });
		// The board lock made every racer wait for the one before it and decide on its outcome: only the
		// two accepted moves wrote an event. Without the lock, racers that decided at the same time both
		// write and one is undone by the log's unique (board_id, seq) key (then retried, or server_error).
		expect(eventWrites).toBe(2);
		const truth = await expectEveryClientConverged();
		expect(truth.cards.filter((c) => c.status === 'active' && c.column === 'experiment')).toHaveLength(2);
	});

	it('lets exactly 2 of 20 racers on two instances in when protected capacity fits two (hard capacity limit)', async () => {
		const before = await loadBoardSnapshot(database.db, boardId());
		for (const card of before.cards.filter((c) => c.status === 'active' && c.column === 'experiment')) {
			await executeCardCommand(a.context, racer(), { type: 'card.archive', cardId: card.id });
		}
		const cards = await cardsForEveryone('Capacity race', 4);
		// 20 members × 40 h × 1% = 8 protected person-hours: two cards of 4 fit.
		await configureBoard(a.context, lead(), boardId(), { capacityHard: true }, { protectedPercent: 1, hoursPerWeek: 40 });

		const { replies, eventWrites } = await raceIntoExperiment(cards);

		expect(outcomes(replies)).toEqual({ accepted: 2, capacity_limit: 18 });
		expect(eventWrites).toBe(2);
		const truth = await expectEveryClientConverged();
		expect(truth.settings.capacity.protectedHours).toBe(8);
		const inUse = truth.cards
			.filter((c) => c.status === 'active' && ['experiment', 'evidence'].includes(c.column))
			.reduce((sum, c) => sum + c.effort, 0);
		expect(inUse).toBe(8);
	});
});
