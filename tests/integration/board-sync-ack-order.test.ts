import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BoardEvent } from '../../src/lib/domain/events';
import type { RealtimeHub } from '../../src/lib/server/realtime/hub';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { openBoardClient, type BoardClient } from '../helpers/board-client';

// The ack of a command and the broadcast of its event travel separately (with several instances, the
// broadcast goes through Redis), so the ack can arrive first. The client must neither drop its
// pending change before the event arrives nor let the next command carry the old version.

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
let realHub: RealtimeHub;
let holding = false;
let held: BoardEvent[] = [];
let onHeld: (() => void) | null = null;
const open: BoardClient[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db, {
		hub: (hub) => {
			realHub = hub;
			return {
				...hub,
				publishBoardEvents(events) {
					if (!holding) return hub.publishBoardEvents(events);
					held.push(...events);
					onHeld?.();
				}
			};
		}
	});
	org = await seedOrganisation(server.context, {
		teams: ['Checkout'],
		people: [{ name: 'Ana', role: 'member', teams: ['Checkout'] }]
	});
});

afterEach(() => {
	vi.useRealTimers();
});

afterAll(async () => {
	open.forEach((c) => c.close());
	await server?.close();
	await database?.close();
});

const board = () => org.teams.Checkout!.boardId;

/** A new card on the board, and Ana's live board client. */
async function anaWithNewCard(title: string) {
	const { card } = await executeCardCommand(server.context, org.people.Ana!.actor, { type: 'card.create', boardId: board(), title });
	const ana = await openBoardClient(server.url, org.people.Ana!.token, board());
	open.push(ana);
	return { card, ana };
}

/**
 * Sends a command with its broadcast held back, and returns (its reply still pending) once the
 * client has handled the ack: a request sent after the commit is answered after the command's ack
 * on the same connection.
 */
async function ackedWithEventHeld<T>(client: BoardClient, send: () => Promise<T>): Promise<{ reply: Promise<T> }> {
	holding = true;
	const committed = new Promise<void>((resolve) => (onHeld = resolve));
	const reply = send();
	await committed;
	await client.socket.emitWithAck('board:since', { boardId: board(), seq: 0 });
	return { reply }; // wrapped: an async function returning the promise itself would wait for it
}

describe('a person’s own commands on the live board', () => {
	it('stays pending until the event, then settles with the new version', async () => {
		const { card, ana } = await anaWithNewCard('Flaky checkout test');

		let settled = false;
		const { reply: move } = await ackedWithEventHeld(ana, () =>
			ana.sync.move(card.id, 'problem', 'system', 0).then((reply) => ((settled = true), reply))
		);

		expect(settled).toBe(false);
		expect(ana.sync.hasPending).toBe(true);
		expect(ana.sync.view!.cards[card.id]!.lane).toBe('system');
		expect(ana.sync.state!.cards[card.id]!.lane).toBe('team');

		holding = false;
		realHub.publishBoardEvents(held.splice(0));
		const reply = await move;
		expect(reply.ok).toBe(true);
		expect(ana.sync.hasPending).toBe(false);
		expect(ana.sync.state!.cards[card.id]).toMatchObject({ lane: 'system', version: card.version + 1 });

		// The next command carries the version the event brought: accepted, not refused as stale.
		const next = await ana.sync.move(card.id, 'problem', 'team', 0);
		expect(next.ok).toBe(true);
	});

	it('settles at once when the connection drops, leaving the rest to the catch-up', async () => {
		const { card, ana } = await anaWithNewCard('Slow deploys');

		const { reply: move } = await ackedWithEventHeld(ana, () => ana.sync.move(card.id, 'problem', 'system', 0));
		ana.socket.disconnect();
		const reply = await move;
		expect(reply.ok).toBe(true);
		expect(ana.sync.hasPending).toBe(false);
		holding = false;
		held = [];
	});

	it('sends two quick moves of one card one after the other, the second with the version the first made', async () => {
		const { card, ana } = await anaWithNewCard('Long standups');
		// Shift+down twice, faster than a round trip: both show at once, both are accepted.
		const first = ana.sync.move(card.id, 'problem', 'cross_team', 0);
		const second = ana.sync.move(card.id, 'problem', 'system', 0);
		expect(ana.sync.view!.cards[card.id]).toMatchObject({ column: 'problem', lane: 'system' });
		const replies = await Promise.all([first, second]);
		expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok']);
		expect(ana.sync.state!.cards[card.id]).toMatchObject({ column: 'problem', lane: 'system', version: card.version + 2 });
	});

	it('asks for the events it lacks when its own event never comes', async () => {
		const { card, ana } = await anaWithNewCard('Lost broadcast');
		// The client's wait for its event runs on a fake clock. Sockets keep real timers: theirs were made
		// when they connected (socket.io binds setTimeout then), and the server's batching is setImmediate.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const { reply } = await ackedWithEventHeld(ana, () => ana.sync.move(card.id, 'problem', 'system', 0));
		holding = false;
		held = []; // the broadcast is lost; the event is in the board's log
		let askedForEvents = false;
		ana.socket.onAnyOutgoing((event) => {
			if (event === 'board:since') askedForEvents = true;
		});
		expect(ana.sync.hasPending).toBe(true);
		// However long the client waits before asking, it asks once that wait is over: run its timers.
		for (let step = 0; !askedForEvents && step < 10; step++) {
			vi.advanceTimersToNextTimer();
			await new Promise((resolve) => setImmediate(resolve));
		}
		expect(askedForEvents).toBe(true);
		expect((await reply).ok).toBe(true);
		expect(ana.sync.hasPending).toBe(false);
		expect(ana.sync.state!.cards[card.id]).toMatchObject({ lane: 'system', version: card.version + 1 });
	});
});
