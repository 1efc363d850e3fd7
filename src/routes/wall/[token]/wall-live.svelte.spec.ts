import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeCardCommand } from '../../../lib/server/commands/service';
import type { AppContext } from '../../../lib/server/context';
import { wallPageData } from '../../../lib/server/queries/walls';
import { silentHub } from '../../../lib/server/realtime/hub';
import { createWallLink, revokeWallLink } from '../../../lib/server/services/walls';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../../../../tests/helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../../../../tests/helpers/realtime';
import { until } from '../../../../tests/helpers/runes.svelte';
import { WallLive } from './wall-live.svelte';

// A wall display's live side against the real server's wall namespace: it shows moves as they happen,
// says when the link was revoked, and comes back by itself after the server went away.

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
const walls: WallLive[] = [];

beforeAll(async () => {
	// Node has no frames to wait for; a display draws at most once a frame.
	vi.stubGlobal('requestAnimationFrame', (draw: FrameRequestCallback) => setTimeout(() => draw(performance.now()), 16));
	vi.stubGlobal('cancelAnimationFrame', (frame: ReturnType<typeof setTimeout>) => clearTimeout(frame));
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Payments'],
		people: [
			{ name: 'Mo', role: 'member', teams: ['Payments'] },
			{ name: 'Lee', role: 'leader' }
		]
	});
}, 60_000);

afterEach(() => {
	for (const wall of walls.splice(0)) wall.stop();
});

afterAll(async () => {
	vi.unstubAllGlobals();
	await server?.close();
	await database?.close();
});

const ctx = (): AppContext => server.context;
const boardId = () => org.teams.Payments!.boardId;
const mo = () => org.people.Mo!.actor;

/** A wall link of `scope` and its display, started. */
async function display(scope: 'team' | 'organisation', onChange?: () => void) {
	const link = await createWallLink(ctx(), org.people.Lee!.actor, {
		name: `${scope} TV`,
		scope,
		teamIds: scope === 'team' ? [org.teams.Payments!.teamId] : []
	});
	const data = (await wallPageData(database.db, link.token))!;
	const wall = new WallLive({
		token: link.token,
		boards: data.boards,
		watch: scope === 'organisation' ? data.watch : undefined,
		onChange,
		origin: server.url
	});
	walls.push(wall);
	wall.start();
	await until(() => wall.status === 'live', 'the wall to be live');
	return { link, wall };
}

async function newCard(title: string) {
	return executeCardCommand(ctx(), mo(), { type: 'card.create', boardId: boardId(), title, lane: 'system' });
}

// Real servers and reconnects: generous bounds, never timings.
describe('WallLive', { timeout: 30_000 }, () => {
	it('shows a team board’s changes as they happen', async () => {
		const { wall } = await display('team');
		const seq = wall.boards[boardId()]!.seq;
		const created = await newCard('Funding is approved once a year');
		const shown = await until(() => wall.boards[boardId()]!.cards[created.cardId], 'the new card on the wall');
		expect(shown).toMatchObject({ title: 'Funding is approved once a year', lane: 'system', column: 'problem' });
		expect(wall.boards[boardId()]!.seq).toBeGreaterThan(seq);
		expect(wall.since).toBeNull();
	});

	it('tells an organisation wall to fetch its view again when a watched board changes', async () => {
		let changed!: () => void;
		const change = new Promise<void>((resolve) => (changed = resolve));
		const { wall } = await display('organisation', () => changed());
		expect(wall.boards).toEqual({});
		await newCard('Procurement takes six weeks');
		await expect(change).resolves.toBeUndefined();
	});

	it('says the link was revoked, and stops', async () => {
		const { link, wall } = await display('team');
		await revokeWallLink(ctx(), org.people.Lee!.actor, { wallId: link.wallId });
		await until(() => wall.status === 'revoked', 'the wall to hear it was revoked');
		expect(wall.since).toBeNull();
		// Stopped: later changes do not reach it.
		const created = await executeCardCommand({ db: database.db, realtime: silentHub }, mo(), { type: 'card.create', boardId: boardId(), title: 'Not shown' });
		expect(wall.boards[boardId()]!.cards[created.cardId]).toBeUndefined();
	});

	it('says since when it has been cut off, and comes back with what it missed when the server returns', async () => {
		const { wall } = await display('team');
		const port = server.port;
		await server.close();
		await until(() => wall.status === 'reconnecting', 'the wall to notice');
		expect(wall.since).toEqual(expect.any(Number));

		// A change made while the display was cut off.
		const missed = await executeCardCommand({ db: database.db, realtime: silentHub }, mo(), { type: 'card.create', boardId: boardId(), title: 'Made while the TV was offline' });
		server = await startRealtimeServer(database.db, { port });
		await until(() => wall.status === 'live', 'the wall to reconnect', 15_000);
		expect(wall.since).toBeNull();
		await until(() => wall.boards[boardId()]!.cards[missed.cardId], 'the missed card');
	});
});
