// Socket events that take ids answer a malformed id with `invalid_input` (or ignore it, where the event
// has no reply), never `server_error`, on the signed-in namespace and on the wall namespace alike.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createWallLink } from '../../src/lib/server/services/walls';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connectClient, connected, refused, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { connectWall } from '../helpers/wall-client';

const MALFORMED = ['not-a-uuid', '', '123', '00000000-0000-0000-0000-00000000000g', "x';--", '\u0000', 42, null];

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
const sockets: Socket[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, { teams: ['Payments'], people: [{ name: 'Mo', role: 'member', teams: ['Payments'] }] });
});

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.close();
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

type Reply = { ok: boolean; error?: { code: string } };

function ask(socket: Socket, event: string, payload: unknown): Promise<Reply> {
	return new Promise((resolve) => socket.timeout(5_000).emit(event, payload, (err: Error | null, reply: Reply) => resolve(err ? { ok: false, error: { code: 'timeout' } } : reply)));
}

async function signedIn(): Promise<Socket> {
	const socket = connectClient(server.url, { token: org.people.Mo!.token });
	sockets.push(socket);
	await connected(socket);
	return socket;
}

const boardId = () => org.teams.Payments!.boardId;

describe('the signed-in namespace', () => {
	it('answers board:join and board:since with a malformed board id as invalid_input', async () => {
		const socket = await signedIn();
		const codes = new Set<string>();
		for (const bad of MALFORMED) {
			codes.add((await ask(socket, 'board:join', { boardId: bad })).error!.code);
			codes.add((await ask(socket, 'board:since', { boardId: bad, seq: 0 })).error!.code);
		}
		codes.add((await ask(socket, 'board:join', 'not an object')).error!.code);
		expect([...codes]).toEqual(['invalid_input']);
		// A well-formed id of no board is not_found; the board itself still joins.
		expect((await ask(socket, 'board:join', { boardId: '7d0f1c2a-9b8e-4c3d-8a1f-2e3d4c5b6a79' })).error!.code).toBe('not_found');
		expect((await ask(socket, 'board:join', { boardId: boardId() })).ok).toBe(true);
	});

	it('answers commands whose ids are malformed as invalid_input and writes nothing', async () => {
		const socket = await signedIn();
		const commands = MALFORMED.flatMap((bad) => [
			{ type: 'card.create', boardId: bad, title: 'Never' },
			{ type: 'card.move', boardId: boardId(), cardId: bad, version: 1, column: 'problem', lane: 'team', index: 0 },
			{ type: 'card.comment', cardId: bad, body: 'Never' },
			{ type: 'card.set_owners', cardId: '7d0f1c2a-9b8e-4c3d-8a1f-2e3d4c5b6a79', userIds: [bad] }
		]);
		const codes = new Set<string>();
		for (const command of commands) codes.add((await ask(socket, 'command', command)).error!.code);
		expect([...codes]).toEqual(['invalid_input']);
		const joined = (await ask(socket, 'board:join', { boardId: boardId() })) as Reply & { snapshot?: { cards: unknown[] } };
		expect(joined.snapshot?.cards).toEqual([]);
	});

	it('ignores presence:activity with malformed ids and stays connected', async () => {
		const mover = await signedIn();
		await ask(mover, 'board:join', { boardId: boardId() });
		for (const bad of MALFORMED) {
			mover.emit('presence:activity', { boardId: bad, activity: null });
			mover.emit('presence:activity', { boardId: boardId(), activity: { cardId: bad, kind: 'editing' } });
		}
		// A round trip after the bad messages: they were handled (dropped) before it, and the socket lives.
		expect((await ask(mover, 'board:since', { boardId: boardId(), seq: 0 })).ok).toBe(true);
		// Someone joining now hears the board's presence: the mover's activity is still none.
		const watcher = await signedIn();
		const presence = new Promise<{ people: { activity: unknown }[] }>((resolve) => watcher.once('presence', resolve));
		await ask(watcher, 'board:join', { boardId: boardId() });
		expect((await presence).people.map((p) => p.activity)).toEqual([null]);
		expect(mover.connected).toBe(true);
	});
});

describe('the wall namespace', () => {
	it('answers a malformed token at connect as wall_revoked, and malformed board ids as invalid_input', async () => {
		for (const token of ['not-a-token', 'a.b.c', '\u0000.x', 'x'.repeat(500)]) {
			const socket = connectWall(server.url, token);
			sockets.push(socket);
			expect(await refused(socket)).toBe('wall_revoked');
		}
		const link = await createWallLink(server.context, org.admin.actor, { name: 'TV', scope: 'team', teamIds: [org.teams.Payments!.teamId] });
		const wall = connectWall(server.url, link.token);
		sockets.push(wall);
		await connected(wall);
		const codes = new Set<string>();
		for (const bad of MALFORMED) {
			codes.add((await ask(wall, 'board:join', { boardId: bad })).error!.code);
			codes.add((await ask(wall, 'board:since', { boardId: bad, seq: 0 })).error!.code);
		}
		expect([...codes]).toEqual(['invalid_input']);
		expect((await ask(wall, 'board:join', { boardId: boardId() })).ok).toBe(true);
	});
});
