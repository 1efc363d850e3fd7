import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createSession, INACTIVITY_TIMEOUT_MS } from '../../src/lib/server/auth/sessions';
import { generateSecureRandomString } from '../../src/lib/server/auth/tokens';
import type { Db } from '../../src/lib/server/db';
import { members, organisations, users } from '../../src/lib/server/db/schema';
import type { Role } from '../../src/lib/domain/roles';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
	connectClient,
	connected,
	disconnected,
	refused,
	startRealtimeServer,
	type ClientOptions,
	type TestRealtimeServer
} from '../helpers/realtime';

// Fixture rows written directly (the organisation services are not what is under test here).
async function insertPerson(db: Db, options: { role?: Role; organisation?: boolean } = {}) {
	const suffix = generateSecureRandomString(8);
	const [user] = await db
		.insert(users)
		.values({ email: `person-${suffix}@example.test`, name: `Person ${suffix}`, passwordHash: 'not-a-hash' })
		.returning({ id: users.id });
	if (!user) throw new Error('user insert returned nothing');
	let organisationId: string | null = null;
	if (options.organisation !== false) {
		const [org] = await db
			.insert(organisations)
			.values({ name: `Org ${suffix}` })
			.returning({ id: organisations.id });
		if (!org) throw new Error('organisation insert returned nothing');
		organisationId = org.id;
		await db.insert(members).values({ organisationId, userId: user.id, role: options.role ?? 'member' });
	}
	return { userId: user.id, organisationId };
}

let database: TestDatabase;
let server: TestRealtimeServer;
/** Sockets opened by a test; closed after it whatever happened. */
const opened: Socket[] = [];

function client(url: string, options: ClientOptions = {}): Socket {
	const socket = connectClient(url, options);
	opened.push(socket);
	return socket;
}

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
});

afterEach(() => {
	for (const socket of opened.splice(0)) socket.close();
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

describe('socket handshake authentication', () => {
	it('refuses a connection without a session cookie', async () => {
		expect(await refused(client(server.url))).toBe('unauthenticated');
	});

	it('refuses a malformed token', async () => {
		expect(await refused(client(server.url, { token: 'garbage' }))).toBe('unauthenticated');
		expect(await refused(client(server.url, { token: 'a.b.c' }))).toBe('unauthenticated');
	});

	it('refuses a well-formed token of no session', async () => {
		const token = `${generateSecureRandomString()}.${generateSecureRandomString()}`;
		expect(await refused(client(server.url, { token }))).toBe('unauthenticated');
	});

	it('refuses a known session id with the wrong secret', async () => {
		const { userId } = await insertPerson(database.db);
		const { token } = await createSession(database.db, userId);
		const [id] = token.split('.');
		const forged = `${id}.${generateSecureRandomString()}`;
		expect(await refused(client(server.url, { token: forged }))).toBe('unauthenticated');
	});

	it('refuses an expired session', async () => {
		const { userId } = await insertPerson(database.db);
		const longAgo = new Date(Date.now() - INACTIVITY_TIMEOUT_MS - 60_000);
		const { token } = await createSession(database.db, userId, longAgo);
		expect(await refused(client(server.url, { token }))).toBe('unauthenticated');
	});

	it('refuses a valid session of a person in no organisation', async () => {
		const { userId } = await insertPerson(database.db, { organisation: false });
		const { token } = await createSession(database.db, userId);
		expect(await refused(client(server.url, { token }))).toBe('no_organisation');
	});

	it('accepts a valid session of a person in an organisation', async () => {
		const { userId } = await insertPerson(database.db);
		const { token } = await createSession(database.db, userId);
		const socket = client(server.url, { token });
		await connected(socket);
		expect(socket.connected).toBe(true);
	});

	it('accepts the Origin of the host the client connected to', async () => {
		const { userId } = await insertPerson(database.db);
		const { token } = await createSession(database.db, userId);
		const socket = client(server.url, { token, origin: server.url });
		await connected(socket);
		expect(socket.connected).toBe(true);
	});

	it('refuses a valid session from a foreign Origin', async () => {
		const { userId } = await insertPerson(database.db);
		const { token } = await createSession(database.db, userId);
		expect(await refused(client(server.url, { token, origin: 'http://evil.example' }))).toBe(
			'origin_not_allowed'
		);
		// Same host name, another port: another origin.
		expect(
			await refused(client(server.url, { token, origin: `http://127.0.0.1:${server.port + 1}` }))
		).toBe('origin_not_allowed');
	});

	it('refuses a foreign Origin before looking at the session', async () => {
		expect(await refused(client(server.url, { origin: 'http://evil.example' }))).toBe('origin_not_allowed');
	});
});

describe('sockets follow their session and access', () => {
	it('drops the sockets of a session that ended, and only those', async () => {
		const { userId } = await insertPerson(database.db);
		const first = await createSession(database.db, userId);
		const second = await createSession(database.db, userId);
		const ending = client(server.url, { token: first.token });
		const staying = client(server.url, { token: second.token });
		await Promise.all([connected(ending), connected(staying)]);

		const gone = disconnected(ending);
		server.context.realtime.sessionsEnded([first.sessionId]);
		expect(await gone).toBe('io server disconnect');
		expect(staying.connected).toBe(true);
	});

	it('drops every socket of a person whose access changed', async () => {
		const { userId } = await insertPerson(database.db);
		const other = await insertPerson(database.db);
		const sockets = [
			client(server.url, { token: (await createSession(database.db, userId)).token }),
			client(server.url, { token: (await createSession(database.db, userId)).token })
		];
		const bystander = client(server.url, { token: (await createSession(database.db, other.userId)).token });
		await Promise.all([...sockets, bystander].map(connected));

		const gone = Promise.all(sockets.map(disconnected));
		server.context.realtime.accessChanged(userId);
		expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
		expect(bystander.connected).toBe(true);
	});
});

describe('with a configured origin', () => {
	const configured = 'http://board.example.test:8080';
	let strict: TestRealtimeServer;
	let token: string;

	beforeAll(async () => {
		strict = await startRealtimeServer(database.db, { origin: configured });
		const { userId } = await insertPerson(database.db);
		token = (await createSession(database.db, userId)).token;
	});

	afterAll(async () => {
		await strict?.close();
	});

	it('accepts that origin', async () => {
		const socket = client(strict.url, { token, origin: configured });
		await connected(socket);
		expect(socket.connected).toBe(true);
	});

	it('refuses another origin on the same host', async () => {
		for (const origin of ['http://board.example.test:9090', 'https://board.example.test:8080']) {
			expect(await refused(client(strict.url, { token, origin }))).toBe('origin_not_allowed');
		}
	});

	it('refuses the origin of the address it was reached at, when that is not the configured one', async () => {
		expect(await refused(client(strict.url, { token, origin: strict.url }))).toBe('origin_not_allowed');
	});

	it('still accepts a client that sends no Origin (not a browser page)', async () => {
		const socket = client(strict.url, { token });
		await connected(socket);
		expect(socket.connected).toBe(true);
	});
});
