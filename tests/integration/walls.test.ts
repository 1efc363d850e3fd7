import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { BoardEvent } from '../../src/lib/domain/events';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import { boardEvents } from '../../src/lib/server/db/schema';
import { organisationView } from '../../src/lib/server/queries/organisation-view';
import { findWallByToken } from '../../src/lib/server/queries/walls';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createWallLink, revokeWallLink } from '../../src/lib/server/services/walls';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connected, disconnected, refused, startRealtimeServer, within, type TestRealtimeServer } from '../helpers/realtime';
import { connectWall } from '../helpers/wall-client';

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
let other: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Payments', 'Search'],
		people: [
			{ name: 'Lee', role: 'leader' },
			{ name: 'Mo', role: 'member', teams: ['Payments'] }
		]
	});
	other = await seedOrganisation(server.context, { teams: ['Theirs'] });
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

const ctx = () => server.context;
const lee = () => org.people.Lee!.actor;

async function teamWall(team = 'Payments') {
	return createWallLink(ctx(), lee(), { name: `${team} TV`, scope: 'team', teamIds: [org.teams[team]!.teamId] });
}

const join = (socket: ReturnType<typeof connectWall>, boardId: string) =>
	new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => socket.emit('board:join', { boardId }, resolve));

describe('wall links', () => {
	it('are created by leaders and admins only, stored hashed, with a clear error for bad input', async () => {
		const member = await createWallLink(ctx(), org.people.Mo!.actor, { name: 'x', scope: 'organisation' }).catch((e: ServiceError) => e);
		expect(member).toMatchObject({ code: 'forbidden' });
		const bad = await createWallLink(ctx(), lee(), { name: '', scope: 'rotation', teamIds: [org.teams.Payments!.teamId] }).catch(
			(e: ServiceError) => e
		);
		expect(bad).toMatchObject({ code: 'invalid_input' });
		expect(Object.keys((bad as ServiceError).fieldErrors).sort()).toEqual(['name', 'teamIds']);
		const foreignTeam = await createWallLink(ctx(), lee(), { name: 'x', scope: 'team', teamIds: [other.teams.Theirs!.teamId] }).catch(
			(e: ServiceError) => e
		);
		expect(foreignTeam).toMatchObject({ code: 'invalid_input' });
		const link = await teamWall();
		expect(link.path).toMatch(/^\/wall\/[a-z0-9]+\.[a-z0-9]+$/);
		expect(await findWallByToken(database.db, link.token)).toMatchObject({ scope: 'team', name: 'Payments TV' });
		expect(await findWallByToken(database.db, `${link.wallId}.wrongsecretwrongsecret12`)).toBeNull();
	});
});

describe('a wall socket', () => {
	it('joins only the boards its link covers and hears their events live', async () => {
		const link = await teamWall();
		const wall = connectWall(server.url, link.token);
		await connected(wall);
		expect(await join(wall, org.teams.Payments!.boardId)).toMatchObject({ ok: true });
		expect(await join(wall, org.teams.Search!.boardId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(await join(wall, other.teams.Theirs!.boardId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const heard = new Promise<BoardEvent>((resolve) => wall.once('board:events', (events: BoardEvent[]) => resolve(events[0]!)));
		await executeCardCommand(ctx(), org.people.Mo!.actor, { type: 'card.create', boardId: org.teams.Payments!.boardId, title: 'On the wall' });
		expect(await heard).toMatchObject({ type: 'card.created', card: { title: 'On the wall' } });
		wall.close();
	});

	it('cannot send commands: they are answered as forbidden and change nothing', async () => {
		const link = await teamWall();
		const wall = connectWall(server.url, link.token);
		await connected(wall);
		const [before] = await database.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, org.teams.Payments!.boardId));
		const reply = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
			wall.emit('command', { type: 'card.create', boardId: org.teams.Payments!.boardId, title: 'From the TV' }, resolve)
		);
		expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const [after] = await database.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, org.teams.Payments!.boardId));
		expect(after!.n).toBe(before!.n);
		wall.close();
	});

	it('is refused without a token, with a garbage token, and from a foreign origin', async () => {
		const link = await teamWall();
		expect(await refused(connectWall(server.url, 'nonsense'))).toBe('wall_revoked');
		expect(await refused(connectWall(server.url, link.token, { origin: 'https://evil.example' }))).toBe('origin_not_allowed');
	});

	it('is disconnected when its link is revoked, and cannot come back', async () => {
		const link = await teamWall();
		const walls = [connectWall(server.url, link.token), connectWall(server.url, link.token)];
		await Promise.all(walls.map(connected));
		const gone = walls.map(disconnected);
		await revokeWallLink(ctx(), lee(), { wallId: link.wallId });
		const reasons = await within(Promise.all(gone), 10_000, 'the revoked walls’ disconnection');
		expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
		expect(await refused(connectWall(server.url, link.token))).toBe('wall_revoked');
		expect(await findWallByToken(database.db, link.token)).toBeNull();
		const again = await revokeWallLink(ctx(), lee(), { wallId: link.wallId }).catch((e: ServiceError) => e);
		expect(again).toMatchObject({ code: 'not_found' });
	});

	it('for the organisation view joins any board of its organisation and hears catchball', async () => {
		const link = await createWallLink(ctx(), lee(), { name: 'Obeya', scope: 'organisation' });
		const wall = connectWall(server.url, link.token);
		await connected(wall);
		expect(await join(wall, org.teams.Search!.boardId)).toMatchObject({ ok: true });
		expect(await join(wall, other.teams.Theirs!.boardId)).toMatchObject({ ok: false });
		wall.close();
	});
});

describe('organisation view', () => {
	it('lists system barriers with time waiting on leadership, team health and recent adoptions', async () => {
		const card = await executeCardCommand(ctx(), org.people.Mo!.actor, {
			type: 'card.create',
			boardId: org.teams.Payments!.boardId,
			title: 'Funding is approved once a year',
			lane: 'system'
		});
		const { executeCommand } = await import('../../src/lib/server/commands/service');
		await executeCommand(ctx(), org.people.Mo!.actor, {
			type: 'catchball.throw',
			cardId: card.cardId,
			toTeamId: org.leadershipTeamId,
			message: 'We cannot start experiments that need budget.',
			ask: 'Allow a small quarterly improvement budget.'
		});
		const view = await organisationView(database.db, org.organisationId);
		const barrier = view.barriers.find((b) => b.cardId === card.cardId)!;
		expect(barrier).toMatchObject({ team: 'Payments', title: 'Funding is approved once a year' });
		expect(barrier.waitingOnLeadershipSince).not.toBeNull();
		expect(view.barriers[0]!.cardId).toBe(card.cardId);
		expect(view.teams.map((t) => t.name)).toEqual(['Payments', 'Search', 'Leadership']);
		expect(view.teams[0]).toMatchObject({ experiments: { count: 0, limit: null }, capacity: { inUse: 0 } });
		expect(view.boardIds).toHaveLength(3);
	});
});

describe('a wall that hides names', () => {
	it('receives snapshots and live events with no person’s name in them', async () => {
		const link = await createWallLink(ctx(), lee(), {
			name: 'Anonymous TV',
			scope: 'team',
			teamIds: [org.teams.Payments!.teamId],
			showNames: false
		});
		const wall = connectWall(server.url, link.token);
		await connected(wall);
		const joined = await new Promise<{ ok: boolean; mode?: string; snapshot?: unknown }>((resolve) =>
			wall.emit('board:join', { boardId: org.teams.Payments!.boardId }, resolve)
		);
		expect(joined.ok).toBe(true);
		const heard = new Promise<unknown>((resolve) => wall.once('board:events', (events: unknown[]) => resolve(events[0])));
		const created = await executeCardCommand(ctx(), org.people.Mo!.actor, {
			type: 'card.create',
			boardId: org.teams.Payments!.boardId,
			title: 'Nameless on the wall'
		});
		await executeCardCommand(ctx(), org.people.Mo!.actor, {
			type: 'card.set_owners',
			cardId: created.cardId,
			userIds: [org.people.Mo!.actor.userId]
		});
		const event = await heard;
		const seen = JSON.stringify([joined, event]);
		expect(seen).toContain('Nameless on the wall');
		// Names are the people's: Mo created and owns the card; the admin made the organisation's other cards.
		expect(seen).not.toContain('"name":"Mo"');
		expect(seen).not.toContain(org.admin.actor.name);
		expect(seen).toContain('"owners":[]');
		wall.close();
	});
});
