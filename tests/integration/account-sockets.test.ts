import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { connectClient, connected, disconnected, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';
import { loadActor } from '../../src/lib/server/auth/actor';
import { RateLimits } from '../../src/lib/server/rate-limit/limits';
import { members, organisations } from '../../src/lib/server/db/schema';
import type { Role } from '../../src/lib/domain/roles';
import {
	changePassword,
	issuePasswordReset,
	resetPassword,
	signIn,
	signOut,
	signUp,
	type SignedIn
} from '../../src/lib/server/services/accounts';

const PASSWORD = 'correct horse battery';

let database: TestDatabase;
let server: TestRealtimeServer;
let orgId: string;
const open: Socket[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	const [org] = await database.db.insert(organisations).values({ name: 'Socket Org' }).returning();
	orgId = org!.id;
});

afterEach(() => {
	for (const socket of open.splice(0)) socket.disconnect();
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

let serial = 0;

/**
 * Fixture: a person who signed up through the service and is added to the organisation directly (the
 * socket handshake needs an organisation), with `extra` more sessions from signing in again.
 */
async function person(role: Role = 'member', extra = 1) {
	serial += 1;
	const email = `socket.${serial}.${Date.now()}@example.test`;
	const first = await signUp(database.db, { email, name: `Person ${serial}`, password: PASSWORD });
	await database.db.insert(members).values({ organisationId: orgId, userId: first.userId, role });
	const sessions: SignedIn[] = [first];
	for (let i = 0; i < extra; i++) {
		sessions.push(await signIn(database.db, { email, password: PASSWORD }, { limits: new RateLimits() }));
	}
	return { email, userId: first.userId, sessions };
}

/** A real socket.io client for a session, connected. */
async function socketFor(session: SignedIn): Promise<Socket> {
	const socket = connectClient(server.url, { token: session.token });
	open.push(socket);
	await connected(socket);
	return socket;
}

/**
 * Proves a socket is still connected *now*: the server's view of its session room is non-empty. Called
 * after the disconnects we expect have been observed, so there is nothing left in flight to wait for.
 */
async function stillConnected(socket: Socket, session: SignedIn): Promise<void> {
	expect(socket.connected).toBe(true);
	const inRoom = await server.io.in(`session:${session.sessionId}`).fetchSockets();
	expect(inRoom.map((s) => s.id)).toContain(socket.id);
}

describe('ending sessions drops their sockets', () => {
	it('signing out disconnects that session’s socket and not another session’s', async () => {
		const me = await person('member', 1);
		const [a, b] = me.sessions as [SignedIn, SignedIn];
		const socketA = await socketFor(a);
		const socketB = await socketFor(b);

		const gone = disconnected(socketA);
		await signOut(server.context, a.sessionId);
		expect(await gone).toBe('io server disconnect');
		await stillConnected(socketB, b);

		// The ended session cannot open a new socket.
		const retry = connectClient(server.url, { token: a.token });
		open.push(retry);
		await expect(connected(retry)).rejects.toThrow('unauthenticated');
	});

	it('a password change disconnects the other sessions’ sockets but not the current one', async () => {
		const me = await person('member', 2);
		const [current, other1, other2] = me.sessions as [SignedIn, SignedIn, SignedIn];
		const bystander = await person('member', 0);
		const sockets = await Promise.all([current, other1, other2, bystander.sessions[0]!].map(socketFor));
		const [socketCurrent, socket1, socket2, socketBystander] = sockets as [Socket, Socket, Socket, Socket];

		const gone = Promise.all([disconnected(socket1), disconnected(socket2)]);
		await changePassword(
			server.context,
			{ userId: me.userId, sessionId: current.sessionId },
			{ currentPassword: PASSWORD, newPassword: 'a new passphrase', confirmPassword: 'a new passphrase' },
			{ limits: new RateLimits() }
		);
		expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
		await stillConnected(socketCurrent, current);
		await stillConnected(socketBystander, bystander.sessions[0]!);
	});

	it('a password reset disconnects every socket of the person, and only theirs', async () => {
		const admin = await person('admin', 0);
		const target = await person('member', 2);
		const targetSockets = await Promise.all(target.sessions.map(socketFor));
		// Two tabs on one session: both go.
		targetSockets.push(await socketFor(target.sessions[0]!));
		const adminSocket = await socketFor(admin.sessions[0]!);

		const actor = await loadActor(database.db, admin.userId);
		const { url } = await issuePasswordReset(server.context, actor!, { userId: target.userId });
		const gone = Promise.all(targetSockets.map(disconnected));
		await resetPassword(server.context, { token: url.slice('/reset/'.length), password: 'reset passphrase' });

		expect(await gone).toEqual(targetSockets.map(() => 'io server disconnect'));
		await stillConnected(adminSocket, admin.sessions[0]!);
	});
});
