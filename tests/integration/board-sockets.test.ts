import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { cardsInCell } from '../../src/lib/domain/board-state';
import { COLUMNS, LANES } from '../../src/lib/domain/board';
import type { BoardEvent, CardSummary } from '../../src/lib/domain/events';
import type { CommandAck } from '../../src/lib/domain/socket-protocol';
import { cardFields } from '../../src/lib/domain/commands';
import { MAX_MESSAGE_BYTES } from '../../socket-options.js';
import { boardEvents } from '../../src/lib/server/db/schema';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connectClient, connected, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { openBoardClient, type BoardClient } from '../helpers/board-client';
import { configureBoard } from '../helpers/board-setup';
import { boardFingerprint } from '../helpers/cards';

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
let other: SeededOrganisation;
const open: BoardClient[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Checkout', 'Search'],
		people: [
			{ name: 'Ana', role: 'member', teams: ['Checkout'] },
			{ name: 'Ben', role: 'member', teams: ['Checkout'] },
			{ name: 'Cy', role: 'member', teams: ['Checkout'] },
			{ name: 'Dee', role: 'member', teams: ['Checkout'] },
			{ name: 'Eli', role: 'member', teams: ['Checkout'] },
			{ name: 'Sam', role: 'member', teams: ['Search'] },
			{ name: 'Val', role: 'viewer' }
		]
	});
	other = await seedOrganisation(server.context, { teams: ['Foreign'] });
});

afterAll(async () => {
	open.forEach((c) => c.close());
	await server?.close();
	await database?.close();
});

const board = () => org.teams.Checkout!.boardId;
const person = (name: string) => org.people[name]!;

async function client(name: string, boardId = board(), options: { reconnection?: boolean } = {}) {
	const c = await openBoardClient(server.url, person(name).token, boardId, options);
	open.push(c);
	return c;
}

async function newCard(title: string) {
	const result = await executeCardCommand(server.context, person('Ana').actor, { type: 'card.create', boardId: board(), title });
	return result.card;
}

async function eventTotal() {
	const [row] = await database.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, board()));
	return Number(row!.n);
}

describe('live board over real sockets', () => {
	it('delivers a move by A to B as the same event', async () => {
		const card = await newCard('Slow builds');
		const a = await client('Ana');
		const b = await client('Ben');
		const received = new Promise<BoardEvent>((resolve) => b.socket.once('board:events', (events) => resolve(events[0]!)));
		const reply = await a.sync.move(card.id, 'problem', 'system', 0);
		expect(reply.ok).toBe(true);
		const event = await received;
		expect(event).toMatchObject({ type: 'card.moved', boardId: board(), cardId: card.id, to: { lane: 'system' } });
		expect(event.actor?.name).toBe('Ana');
		await b.until((s) => s.cards[card.id]?.lane === 'system', 'the move on B');
		expect(boardFingerprint(b.sync.state!.cards)).toEqual(boardFingerprint(a.sync.state!.cards));
	});

	it('converges five concurrent movers and every watcher on the database state', async () => {
		const cards: Awaited<ReturnType<typeof newCard>>[] = [];
		for (let i = 0; i < 10; i++) cards.push(await newCard(`Concurrent ${i}`));
		const movers = await Promise.all(['Ana', 'Ben', 'Cy', 'Dee', 'Eli'].map((n) => client(n)));
		const watcher = await client('Val');
		const lanes = LANES;
		await Promise.all(
			movers.map(async (mover, m) => {
				for (let round = 0; round < 8; round++) {
					const card = cards[(m * 3 + round) % cards.length]!;
					const lane = lanes[(m + round) % lanes.length]!;
					// Some moves are refused as stale (another mover got there first); that is the point.
					const reply = await mover.sync.move(card.id, 'problem', lane, round % 3);
					if (!reply.ok) expect(reply.error.code).toBe('stale');
				}
			})
		);
		const truth = await loadBoardSnapshot(database.db, board());
		const expected = boardFingerprint(Object.fromEntries(truth.cards.map((c) => [c.id, c])));
		for (const c of [...movers, watcher]) {
			const state = await c.until((s) => s.seq === truth.seq, 'the last seq');
			expect(boardFingerprint(state.cards)).toEqual(expected);
		}
		// Order inside every cell is the same for everyone.
		for (const lane of LANES) {
			const ids = (s: readonly CardSummary[]) => cardsInCell(Object.fromEntries(s.map((c) => [c.id, c])), 'problem', lane).map((c) => c.id);
			expect(ids(Object.values(watcher.sync.state!.cards))).toEqual(ids(truth.cards));
		}
	});

	it('refuses bad commands with a clear code and changes nothing', async () => {
		const card = await newCard('Guarded card');
		const val = await client('Val');
		const sam = await client('Sam');
		const before = await eventTotal();
		const send = (c: BoardClient, command: object) =>
			new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) =>
				c.socket.emit('command', { commandId: randomUUID(), ...command }, resolve)
			);
		const viewer = await send(val, { type: 'card.create', boardId: board(), title: 'Viewer card' });
		expect(viewer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const malformed = await send(sam, { type: 'card.move', cardId: 'nope' });
		expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		const unknownType = await send(sam, { type: 'card.explode' });
		expect(unknownType).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		const withoutId = await send(sam, { commandId: undefined, type: 'card.create', boardId: board(), title: 'No id' });
		expect(withoutId).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { commandId: [expect.stringMatching(/commandId/)] } } });
		const unknown = await send(sam, {
			type: 'card.update',
			cardId: '00000000-0000-4000-8000-000000000000',
			version: 1,
			changes: { title: 'x' }
		});
		expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const readOnly = await send(sam, {
			type: 'card.update',
			cardId: card.id,
			version: card.version,
			changes: { title: 'Not my board' }
		});
		expect(readOnly).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const foreignCard = await executeCardCommand(server.context, other.admin.actor, {
			type: 'card.create',
			boardId: other.teams.Foreign!.boardId,
			title: 'Foreign'
		});
		const foreign = await send(sam, {
			type: 'card.update',
			cardId: foreignCard.cardId,
			version: 1,
			changes: { title: 'Across organisations' }
		});
		expect(foreign).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(readOnly.error!.message).toMatch(/read/i);
		expect(await eventTotal()).toBe(before);
	});

	it('refuses joining another organisation’s board, and joining with a malformed id', async () => {
		const socket = connectClient(server.url, { token: person('Ana').token });
		await connected(socket);
		const join = (boardId: string) =>
			new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => socket.emit('board:join', { boardId }, resolve));
		expect(await join(other.teams.Foreign!.boardId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await join('not-an-id')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
		// And it hears nothing of that board.
		let heard = 0;
		socket.on('board:events', (events) => (heard += events.length));
		await executeCardCommand(server.context, other.admin.actor, {
			type: 'card.create',
			boardId: other.teams.Foreign!.boardId,
			title: 'Secret'
		});
		const ownBoard = await join(board());
		expect(ownBoard.ok).toBe(true);
		expect(heard).toBe(0);
		socket.close();
	});

	it('applies a command sent twice with one id once, and answers the repeat with the first outcome', async () => {
		const card = await newCard('Sent twice');
		const ana = await client('Ana');
		const before = await eventTotal();
		const commandId = randomUUID();
		const move = { commandId, type: 'card.move', boardId: board(), cardId: card.id, version: card.version, column: 'problem', lane: 'system', index: 0 };
		const send = () => new Promise<CommandAck>((resolve) => ana.socket.emit('command', move, resolve));
		// Once one after the other (a retry after a lost answer), then twice at the same moment.
		const first = await send();
		const again = await send();
		expect(first).toMatchObject({ ok: true, cardId: card.id });
		expect(again).toEqual({ ...first, repeated: true });
		const together = await Promise.all([send(), send()]);
		expect(together).toEqual([{ ...first, repeated: true }, { ...first, repeated: true }]);
		expect(await eventTotal()).toBe(before + 1);
		// A new id for the same (now stale) move is decided afresh.
		const fresh = await new Promise<CommandAck>((resolve) => ana.socket.emit('command', { ...move, commandId: randomUUID() }, resolve));
		expect(fresh).toMatchObject({ ok: false, error: { code: 'stale' } });
	});

	it('accepts the largest valid card edit, and closes the connection on a message over the size limit', async () => {
		const card = await newCard('Long record');
		const ana = await client('Ana');
		// Every text field at its limit, in characters that take three bytes each in UTF-8.
		const full = (n: number) => '€'.repeat(n);
		const changes = Object.fromEntries(
			Object.entries(cardFields.shape).flatMap(([field]) =>
				['title', 'category', 'timeboxStart', 'timeboxEnd'].includes(field) ? [] : [[field, full(field === 'problemFrequency' ? 1000 : 5000)]]
			)
		);
		const command = { commandId: randomUUID(), type: 'card.update', cardId: card.id, version: card.version, changes };
		expect(Buffer.byteLength(JSON.stringify(command))).toBeLessThan(MAX_MESSAGE_BYTES / 4);
		const accepted = await new Promise<CommandAck>((resolve) => ana.socket.emit('command', command, resolve));
		expect(accepted).toMatchObject({ ok: true });
		const closed = new Promise<string>((resolve) => ana.socket.once('disconnect', resolve));
		ana.socket.emit('command', { ...command, commandId: randomUUID(), changes: { problemObserved: 'x'.repeat(MAX_MESSAGE_BYTES) } });
		expect(await closed).toBe('transport close');
	});

	it('replays missed moves from its last seq after a disconnect, without a snapshot', async () => {
		const card = await newCard('Lid closed');
		const a = await client('Ana');
		const b = await client('Ben', board(), { reconnection: true });
		expect(b.sync.snapshots).toBe(1);
		const dropped = new Promise((resolve) => b.socket.once('disconnect', resolve));
		b.socket.io.engine.close(); // the network drops; socket.io reconnects by itself
		await dropped;
		let seq = 0;
		for (const lane of ['system', 'cross_team', 'team'] as const) {
			const reply = await a.sync.move(card.id, 'problem', lane, 0);
			if (!reply.ok) throw new Error(`move refused: ${reply.error.message}`);
			seq = reply.seqs[board()]!;
		}
		await b.until((s) => s.seq === seq, 'replay after reconnect');
		expect(b.sync.snapshots).toBe(1);
		expect(boardFingerprint(b.sync.state!.cards)).toEqual(boardFingerprint(a.sync.state!.cards));
	});

	it('catches up across a server restart without reloading', async () => {
		const card = await newCard('Restart me');
		const b = await client('Ben', board(), { reconnection: true });
		const port = server.port;
		const down = new Promise((resolve) => b.socket.once('disconnect', resolve));
		await server.close();
		await down;
		// While the server is down, a change is committed (e.g. by another instance).
		const moved = await executeCardCommand(server.context, person('Ana').actor, {
			type: 'card.move',
			boardId: board(),
			cardId: card.id,
			version: card.version,
			column: 'problem',
			lane: 'system',
			index: 0
		});
		server = await startRealtimeServer(database.db, { port });
		const seq = moved.events.find((e) => e.boardId === board())!.seq;
		const state = await b.until((s) => s.seq >= seq, 'catch-up after restart');
		expect(state.cards[card.id]!.lane).toBe('system');
		expect(b.sync.snapshots).toBe(1);
	});

	it('rolls back an optimistic move the server refuses', async () => {
		const card = await newCard('Not ready');
		const a = await client('Ana');
		const pendingSeen = new Promise<string>((resolve) => {
			const probe = () => {
				const shown = a.sync.view?.cards[card.id]?.column;
				if (shown === 'experiment') resolve(shown);
			};
			a.socket.once('board:events', probe);
			queueMicrotask(probe);
		});
		const reply = a.sync.move(card.id, 'experiment', 'team', 0);
		expect(a.sync.view!.cards[card.id]!.column).toBe('experiment');
		await pendingSeen;
		const result = await reply;
		expect(result).toMatchObject({ ok: false, error: { code: 'gate_blocked' } });
		expect(a.sync.view!.cards[card.id]!.column).toBe('problem');
		expect(a.refusals.at(-1)?.code).toBe('gate_blocked');
	});
});

describe('presence', () => {
	it('lists each person once however many tabs, and drops them when they leave', async () => {
		const watcher = await client('Val');
		const updates: string[][] = [];
		const next = (predicate: (names: string[]) => boolean) =>
			new Promise<string[]>((resolve) => {
				const handler = (u: { boardId: string; people: { name: string }[] }) => {
					const names = u.people.map((p) => p.name);
					updates.push(names);
					if (u.boardId === board() && predicate(names)) {
						watcher.socket.off('presence', handler);
						resolve(names);
					}
				};
				watcher.socket.on('presence', handler);
			});
		const withDee = next((names) => names.includes('Dee'));
		const tab1 = await client('Dee');
		const tab2 = await client('Dee');
		const names = await withDee;
		expect(names.filter((n) => n === 'Dee')).toHaveLength(1);
		const withoutDee = next((n) => !n.includes('Dee'));
		tab1.close();
		tab2.close();
		expect(await withoutDee).not.toContain('Dee');
	});

	it('shows who is dragging a card', async () => {
		const card = await newCard('Being dragged');
		const watcher = await client('Val');
		const eli = await client('Eli');
		const seen = new Promise<{ name: string; activity: unknown }>((resolve) => {
			watcher.socket.on('presence', (u: { people: { name: string; activity: unknown }[] }) => {
				const entry = u.people.find((p) => p.name === 'Eli' && p.activity);
				if (entry) resolve(entry);
			});
		});
		eli.socket.emit('presence:activity', { boardId: board(), activity: { cardId: card.id, kind: 'dragging' } });
		expect(await seen).toMatchObject({ name: 'Eli', activity: { cardId: card.id, kind: 'dragging' } });
	});
});

describe('the board’s vocabulary', () => {
	it('lets a card stand in every column and lane, and every client shows it there', async () => {
		// Advisory gates: this is about where a card can be, not what each column needs.
		await configureBoard(server.context, org.admin.actor, board(), { gateMode: 'advisory' });
		try {
			const card = await newCard('Goes everywhere');
			const mover = await client('Ana');
			const watcher = await client('Ben');
			for (const column of COLUMNS) {
				for (const lane of LANES) {
					const reply = await mover.sync.move(card.id, column, lane, 0);
					expect(reply.ok, `${column}, ${lane}`).toBe(true);
					await watcher.until((s) => s.cards[card.id]?.column === column && s.cards[card.id]?.lane === lane, `${column}, ${lane} on the watcher`);
				}
			}
		} finally {
			await configureBoard(server.context, org.admin.actor, board(), {});
		}
	});
});
