import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { boardSettingsSchema } from '../../src/lib/domain/settings';
import type { CommandAck } from '../../src/lib/domain/socket-protocol';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { openBoardClient, type BoardClient } from '../helpers/board-client';
import { boardFingerprint } from '../helpers/cards';

const PEOPLE = 20;
let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
const clients: BoardClient[] = [];
const names = Array.from({ length: PEOPLE }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Alpha', 'Beta'],
		people: [
			...names.map((name) => ({ name, role: 'member' as const, teams: ['Alpha', 'Beta'] })),
			{ name: 'Lead', role: 'leader' as const }
		]
	});
	for (const name of names) clients.push(await openBoardClient(server.url, org.people[name]!.token, board('Alpha')));
}, 120_000);

afterAll(async () => {
	clients.forEach((c) => c.close());
	await server?.close();
	await database?.close();
});

function board(team: 'Alpha' | 'Beta') {
	return org.teams[team]!.boardId;
}

const actor = (name = names[0]!) => org.people[name]!.actor;

/** A card with everything Experiment needs, waiting in Hypothesis. */
async function readyCard(title: string, boardId = board('Alpha'), effort = 4) {
	const created = await executeCardCommand(server.context, actor(), { type: 'card.create', boardId, title });
	const updated = await executeCardCommand(server.context, actor(), {
		type: 'card.update',
		cardId: created.cardId,
		version: created.card.version,
		changes: {
			problemObserved: 'Reviews wait a day',
			category: 'learning_loops',
			hypothesisBelieve: 'Pairing on reviews',
			hypothesisResult: 'will halve review wait',
			hypothesisSignal: 'median wait under 4 hours',
			experimentPlan: 'Pair on every review for two weeks',
			timeboxStart: '2026-01-05',
			timeboxEnd: '2026-01-19'
		}
	});
	await executeCardCommand(server.context, actor(), { type: 'card.set_effort', boardId, cardId: created.cardId, effort });
	const moved = await executeCardCommand(server.context, actor(), {
		type: 'card.move',
		boardId,
		cardId: created.cardId,
		version: updated.card.version + 1,
		column: 'hypothesis',
		lane: 'team',
		index: 0
	});
	return moved.card;
}

async function configure(boardId: string, settings: object, capacity = { protectedPercent: 15, hoursPerWeek: 40 }) {
	await executeCommand(server.context, org.people.Lead!.actor, {
		type: 'board.configure',
		boardId,
		settings: boardSettingsSchema.parse(settings),
		...capacity,
		timeZone: 'UTC'
	});
}

/** Every client sends its move at the same instant (a start barrier), and all acks are collected. */
async function raceIntoExperiment(cards: { id: string; version: number }[]): Promise<CommandAck[]> {
	let release!: () => void;
	const barrier = new Promise<void>((resolve) => (release = resolve));
	const sends = cards.map(async (card, i) => {
		const socket = clients[i]!.socket as Socket;
		await barrier;
		return new Promise<CommandAck>((resolve) =>
			socket.emit(
				'command',
				{ commandId: randomUUID(), type: 'card.move', boardId: board('Alpha'), cardId: card.id, version: card.version, column: 'experiment', lane: 'team', index: 0 },
				resolve
			)
		);
	});
	release();
	return Promise.all(sends);
}

async function expectConvergence() {
	const truth = await loadBoardSnapshot(database.db, board('Alpha'));
	const expected = boardFingerprint(Object.fromEntries(truth.cards.map((c) => [c.id, c])));
	for (const client of clients) {
		const state = await client.until((s) => s.seq === truth.seq, 'the final seq');
		expect(boardFingerprint(state.cards)).toEqual(expected);
	}
	return truth;
}

describe('limits hold under concurrent moves', () => {
	it('lets exactly 2 of 20 simultaneous moves into a cell with 2 free slots (hard WIP limit)', async () => {
		const cards = [];
		for (let i = 0; i < PEOPLE; i++) cards.push(await readyCard(`WIP race ${i}`));
		await configure(board('Alpha'), { cellLimits: { 'experiment:team': { limit: 2, hard: true } } });
		const replies = await raceIntoExperiment(cards);
		const accepted = replies.filter((r) => r.ok);
		const refused = replies.filter((r) => !r.ok);
		expect(accepted).toHaveLength(2);
		expect(refused).toHaveLength(18);
		for (const r of refused) expect(r.ok === false && r.error.code).toBe('wip_limit');
		const truth = await expectConvergence();
		expect(truth.cards.filter((c) => c.status === 'active' && c.column === 'experiment')).toHaveLength(2);
	});

	it('lets exactly 2 of 20 in when protected capacity fits two (hard capacity limit)', async () => {
		// Clear the earlier race's cards out of Experiment so only capacity limits the next one.
		const before = await loadBoardSnapshot(database.db, board('Alpha'));
		for (const card of before.cards.filter((c) => c.column === 'experiment')) {
			await executeCardCommand(server.context, actor(), { type: 'card.archive', cardId: card.id });
		}
		const cards = [];
		for (let i = 0; i < PEOPLE; i++) cards.push(await readyCard(`Capacity race ${i}`, board('Alpha'), 4));
		// 20 members (plus none else) × 40 h × 1% = 8 person-hours: two cards of 4 fit.
		await configure(board('Alpha'), { capacityHard: true }, { protectedPercent: 1, hoursPerWeek: 40 });
		const replies = await raceIntoExperiment(cards);
		expect(replies.filter((r) => r.ok)).toHaveLength(2);
		const refused = replies.filter((r) => !r.ok);
		expect(refused).toHaveLength(18);
		for (const r of refused) expect(r.ok === false && r.error.code).toBe('capacity_limit');
		const truth = await expectConvergence();
		expect(truth.settings.capacity.protectedHours).toBe(8);
		const inUse = truth.cards
			.filter((c) => c.status === 'active' && ['experiment', 'evidence'].includes(c.column))
			.reduce((sum, c) => sum + c.effort, 0);
		expect(inUse).toBe(8);
	});

	it('moves two cross-team cards in opposite directions at once without deadlock, limits holding', async () => {
		await configure(board('Alpha'), { columnLimits: { hypothesis: { limit: 50, hard: true } } });
		await configure(board('Beta'), { columnLimits: { hypothesis: { limit: 50, hard: true } } });
		const a = await readyCard('Alpha shares with Beta', board('Alpha'), 0);
		const b = await readyCard('Beta shares with Alpha', board('Beta'), 0);
		await executeCardCommand(server.context, actor(), { type: 'card.set_linked_teams', cardId: a.id, teamIds: [org.teams.Beta!.teamId] });
		await executeCardCommand(server.context, actor(), { type: 'card.set_linked_teams', cardId: b.id, teamIds: [org.teams.Alpha!.teamId] });
		const snapshotA = await loadBoardSnapshot(database.db, board('Alpha'));
		const aNow = snapshotA.cards.find((c) => c.id === a.id)!;
		const bOnAlpha = snapshotA.cards.find((c) => c.id === b.id)!;
		// Forward on its home board and backward from the other board, at the same instant, many times.
		for (let round = 0; round < 10; round++) {
			const [ra, rb] = await Promise.all([
				executeCommand(server.context, actor(names[1]), {
					type: 'card.move',
					boardId: board('Alpha'),
					cardId: a.id,
					version: aNow.version + round,
					column: round % 2 ? 'hypothesis' : 'problem',
					lane: 'team',
					index: 0
				}),
				executeCommand(server.context, actor(names[2]), {
					type: 'card.move',
					boardId: board('Alpha'),
					cardId: b.id,
					version: bOnAlpha.version + round,
					column: round % 2 ? 'hypothesis' : 'problem',
					lane: 'cross_team',
					index: 0
				})
			]);
			expect(ra.events.map((e) => e.boardId).sort()).toEqual([board('Alpha'), board('Beta')].sort());
			expect(rb.events).toHaveLength(2);
		}
		const alpha = await loadBoardSnapshot(database.db, board('Alpha'));
		const beta = await loadBoardSnapshot(database.db, board('Beta'));
		expect(alpha.cards.find((c) => c.id === b.id)!.column).toBe(beta.cards.find((c) => c.id === b.id)!.column);
		expect(alpha.cards.find((c) => c.id === a.id)!.column).toBe(beta.cards.find((c) => c.id === a.id)!.column);
	});

	it('refuses a hard column limit on a linked board when the shared card would break it there', async () => {
		const shared = await readyCard('Blocked on Beta', board('Alpha'), 1);
		await executeCardCommand(server.context, actor(), { type: 'card.set_linked_teams', cardId: shared.id, teamIds: [org.teams.Beta!.teamId] });
		const betaNow = await loadBoardSnapshot(database.db, board('Beta'));
		const inExperiment = betaNow.cards.filter((c) => c.status === 'active' && c.column === 'experiment').length;
		await configure(board('Beta'), { columnLimits: { experiment: { limit: inExperiment, hard: true } } });
		const current = (await loadBoardSnapshot(database.db, board('Alpha'))).cards.find((c) => c.id === shared.id)!;
		const refusal = await executeCommand(server.context, actor(), {
			type: 'card.move',
			boardId: board('Alpha'),
			cardId: shared.id,
			version: current.version,
			column: 'experiment',
			lane: 'team',
			index: 0
		}).catch((error: { code: string; message: string }) => error);
		expect(refusal).toMatchObject({ code: 'wip_limit' });
		expect((refusal as { message: string }).message).toMatch(/^Beta: Experiment allows/);
	});
});
