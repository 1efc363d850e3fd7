import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { executeCardCommand, executeCommand } from '../server/commands/service';
import { loadBoardSnapshot } from '../server/queries/board';
import { openBoardStore, type OpenBoardStore } from '../../../tests/helpers/board-store';
import { createTestDatabase, type TestDatabase } from '../../../tests/helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../../../tests/helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../../../tests/helpers/realtime';
import { until } from '../../../tests/helpers/runes.svelte';
import { BoardStore } from './board-store.svelte';

// The board page's state against the real server (its sockets, commands and event log): what the page
// shows follows the server's events, refusals roll back and say what to do, and undo undoes.

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
const open: OpenBoardStore[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Payments'],
		people: [
			{ name: 'Mia', role: 'member', teams: ['Payments'] },
			{ name: 'Lee', role: 'leader' }
		]
	});
}, 60_000);

afterEach(() => {
	for (const board of open.splice(0)) board.close();
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

const boardId = () => org.teams.Payments!.boardId;
const mia = () => org.people.Mia!.actor;

/** Mia's board page, live. */
async function openBoard(): Promise<BoardStore> {
	const board = await openBoardStore(database.db, server.url, org.people.Mia!.token, boardId());
	open.push(board);
	return board.store;
}

async function card(title: string, changes: Record<string, unknown> = {}) {
	const created = await executeCardCommand(server.context, mia(), { type: 'card.create', boardId: boardId(), title });
	if (!Object.keys(changes).length) return created.card;
	return (await executeCardCommand(server.context, mia(), { type: 'card.update', cardId: created.cardId, version: created.card.version, changes })).card;
}

const ids = (cards: readonly { id: string }[]) => cards.map((c) => c.id);

describe('BoardStore', { timeout: 30_000 }, () => {
	it('shows what others do as their events arrive: cells, counts and limits follow', async () => {
		const store = await openBoard();
		const before = store.fullCell('problem', 'team').length;
		const added = [await card('Deploys wait for a free staging slot'), await card('Hotfixes skip the review')];
		await until(() => added.every((c) => store.cards[c.id]), 'the new cards');
		expect(ids(store.cell('problem', 'team'))).toEqual(expect.arrayContaining(ids(added)));
		expect(store.fullCell('problem', 'team')).toHaveLength(before + 2);

		// A leader sets a soft limit of one card on the cell: the board turns it red without a reload.
		await executeCommand(server.context, org.people.Lee!.actor, {
			type: 'board.configure',
			boardId: boardId(),
			settings: { gateMode: 'strict', columnLimits: { problem: { limit: 1, hard: false } }, cellLimits: { 'problem:team': { limit: 1, hard: false } }, capacityHard: false },
			protectedPercent: 15,
			hoursPerWeek: 40,
			timeZone: 'UTC'
		});
		const limit = await until(() => store.cellLimit('problem', 'team'), 'the cell limit');
		expect(limit).toEqual({ limit: 1, hard: false, count: before + 2, over: true });
		expect(store.columnLimit('problem')).toMatchObject({ limit: 1, over: true });
		expect(store.cellLimit('hypothesis', 'team')).toBeNull();
	});

	it('hides cards the filter does not match without changing where moves count from', async () => {
		const store = await openBoard();
		const flaky = await card('Flaky deploys on Fridays');
		await until(() => store.cards[flaky.id], 'the card');
		store.filter = { text: 'flaky', ownerId: '', category: '' };
		expect(ids(store.cell('problem', 'team'))).toEqual([flaky.id]);
		expect(store.fullCell('problem', 'team').length).toBeGreaterThan(1);
		expect(store.indexOf(store.cards[flaky.id]!)).toBe(ids(store.fullCell('problem', 'team')).indexOf(flaky.id));
	});

	it('rolls back a move a gate refuses, and opens the card’s checklist for the column it aimed at', async () => {
		const store = await openBoard();
		const bare = await card('Nobody knows who approves a release');
		await until(() => store.cards[bare.id], 'the card');

		const reply = await store.move(bare.id, 'hypothesis', 'team', 0);
		expect(reply.ok).toBe(false);
		expect(!reply.ok && reply.error.code).toBe('gate_blocked');
		expect(store.cards[bare.id]).toMatchObject({ column: 'problem', lane: 'team' });
		expect(store.openCardId).toBe(bare.id);
		expect(store.openTarget).toBe('hypothesis');
		expect(store.openCard?.id).toBe(bare.id);
		expect(store.notices.at(-1)).toMatchObject({ kind: 'error', cardId: bare.id });
	});

	it('undoes the person’s own last move, for everyone, and says when there is nothing left to undo', async () => {
		const store = await openBoard();
		const ready = await card('Releases need three sign-offs', { problemObserved: 'Each release waits two days', category: 'decision_boundaries' });
		await until(() => store.cards[ready.id]?.version === ready.version, 'the card as updated');
		const from = store.indexOf(store.cards[ready.id]!);

		const moved = await store.move(ready.id, 'hypothesis', 'system', 0);
		expect(moved.ok ? null : moved.error).toBeNull();
		expect(store.cards[ready.id]).toMatchObject({ column: 'hypothesis', lane: 'system' });

		await store.undo();
		expect(store.cards[ready.id]).toMatchObject({ column: 'problem', lane: 'team' });
		expect(store.indexOf(store.cards[ready.id]!)).toBe(from);
		expect(store.notices.at(-1)?.message).toBe('Move undone.');
		const saved = (await loadBoardSnapshot(database.db, boardId())).cards.find((c) => c.id === ready.id);
		expect(saved).toMatchObject({ column: 'problem', lane: 'team' });

		await store.undo();
		expect(store.notices.at(-1)?.message).toBe('Nothing to undo.');
	});

	it('answers commands with "offline" before it is connected, and changes nothing', async () => {
		const snapshot = await loadBoardSnapshot(database.db, boardId());
		const store = new BoardStore(boardId(), true, snapshot);
		const some = snapshot.cards[0]!;
		const reply = await store.move(some.id, 'hypothesis', 'team', 0);
		expect(!reply.ok && reply.error.code).toBe('offline');
		expect(store.cards[some.id]).toMatchObject({ column: some.column, lane: some.lane });
	});
});
