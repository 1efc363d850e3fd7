import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import {
	connectClient,
	connected,
	disconnected,
	refused,
	startRealtimeServer,
	type TestRealtimeServer
} from '../helpers/realtime';
import type { Actor } from '../../src/lib/domain/access';
import type { Role } from '../../src/lib/domain/roles';
import { loadActor } from '../../src/lib/server/auth/actor';
import { rooms } from '../../src/lib/server/realtime/hub';
import { createSession } from '../../src/lib/server/auth/sessions';
import { registerUser } from '../../src/lib/server/services/accounts';
import { createOrganisation } from '../../src/lib/server/services/organisations';
import { createTeam } from '../../src/lib/server/services/teams';
import { acceptInvite, createInvite } from '../../src/lib/server/services/invites';
import { changeRole, removePerson, setPersonTeams } from '../../src/lib/server/services/people';

const PASSWORD = 'correct horse battery';

let database: TestDatabase;
let server: TestRealtimeServer;
let admin: Actor;
let teamId: string;
const sockets: Socket[] = [];
let serial = 0;

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	const user = await registerUser(database.db, { name: 'Ada Admin', email: 'ada@example.test', password: PASSWORD });
	await createOrganisation(database.db, user, { organisationName: 'Sockets Ltd' });
	admin = (await loadActor(database.db, user.id))!;
	({ teamId } = await createTeam(server.context, admin, { name: 'Live' }));
});

afterEach(() => {
	while (sockets.length) sockets.pop()!.disconnect();
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

/** A person who joined through an invite, signed in: their session token is their cookie. */
async function signedInPerson(role: Role) {
	const invite = await createInvite(server.context, admin, { role, teamIds: [teamId] });
	const { userId } = await acceptInvite(server.context, {
		token: invite.token,
		name: `Person ${++serial}`,
		email: `person.${serial}@example.test`,
		password: PASSWORD
	});
	const { token } = await createSession(database.db, userId);
	return { userId, token };
}

function client(token: string): Socket {
	const socket = connectClient(server.url, { token });
	sockets.push(socket);
	return socket;
}

describe('people changes reach open sockets at once', () => {
	it('removing a person disconnects their open socket, and their old cookie is refused afterwards', async () => {
		const { userId, token } = await signedInPerson('member');
		const first = client(token);
		const second = client(token);
		await Promise.all([connected(first), connected(second)]);
		const dropped = Promise.all([disconnected(first), disconnected(second)]);

		await removePerson(server.context, admin, { userId });

		expect(await dropped).toEqual(['io server disconnect', 'io server disconnect']);
		expect(await refused(client(token))).toBe('unauthenticated');
	});

	it('a role change drops the socket so it re-authorises with the new role', async () => {
		const { userId, token } = await signedInPerson('member');
		const socket = client(token);
		await connected(socket);
		const dropped = disconnected(socket);

		await changeRole(server.context, admin, { userId, role: 'viewer' });

		expect(await dropped).toBe('io server disconnect');
		const again = client(token);
		await connected(again);
		const [serverSide] = await server.io.in(rooms.user(userId)).fetchSockets();
		expect(serverSide!.data.actor.role).toBe('viewer');
	});

	it('a team change drops the socket; other people’s sockets stay connected', async () => {
		const { userId, token } = await signedInPerson('member');
		const bystander = await signedInPerson('member');
		const socket = client(token);
		const other = client(bystander.token);
		await Promise.all([connected(socket), connected(other)]);
		const dropped = disconnected(socket);

		await setPersonTeams(server.context, admin, { userId, teamIds: [] });

		expect(await dropped).toBe('io server disconnect');
		expect(other.connected).toBe(true);
		// The server still holds the bystander's socket in their room.
		const [serverSide] = await server.io.in(rooms.user(bystander.userId)).fetchSockets();
		expect(serverSide).toBeDefined();
	});
});
