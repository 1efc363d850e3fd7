import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { boardStateFrom, type BoardState } from '../../src/lib/domain/board-state';
import type { BoardEvent, CardSummary } from '../../src/lib/domain/events';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import { boards } from '../../src/lib/server/db/schema';
import { eventsSince, loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { renameTeam } from '../../src/lib/server/services/teams';
import { openBoardClient, type BoardClient } from '../helpers/board-client';
import { rowsOf } from '../../src/lib/server/db/client';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
const open: BoardClient[] = [];

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Payments', 'Platform', 'Search', 'Quiet', 'Ledger', 'Mobile'],
		people: [
			{ name: 'Pia', role: 'member', teams: ['Payments'] },
			{ name: 'Pat', role: 'member', teams: ['Platform'] },
			{ name: 'Sol', role: 'member', teams: ['Search'] },
			{ name: 'Qin', role: 'member', teams: ['Quiet'] },
			{ name: 'Mo', role: 'member', teams: ['Mobile'] }
		]
	});
});

afterAll(async () => {
	open.forEach((c) => c.close());
	await server?.close();
	await database?.close();
});

const team = (name: string) => org.teams[name]!;
const person = (name: string) => org.people[name]!;

/** A live board client that starts from the board as the page gives it (header included). */
async function boardPage(name: string, teamName: string) {
	const snapshot = await loadBoardSnapshot(database.db, team(teamName).boardId);
	const initial: BoardState = boardStateFrom(team(teamName).boardId, snapshot.seq, snapshot.cards, snapshot.settings, snapshot.team);
	const client = await openBoardClient(server.url, person(name).token, team(teamName).boardId, { initial });
	open.push(client);
	const heard: BoardEvent[] = [];
	client.socket.on('board:events', (events: BoardEvent[]) => heard.push(...events));
	return { client, heard };
}

/** Every team name a board's cards show: home team, linked teams, court. */
function namesOn(cards: readonly CardSummary[]): Record<string, string[]> {
	return Object.fromEntries(
		[...cards]
			.sort((a, b) => (a.id < b.id ? -1 : 1))
			.map((c) => [c.title, [c.homeTeam.name, ...c.linkedTeams.map((t) => t.name), c.catchball?.court.name ?? '-']])
	);
}

async function lastSeq(boardId: string) {
	const [row] = await database.db.select({ lastSeq: boards.lastSeq }).from(boards).where(eq(boards.id, boardId));
	return row!.lastSeq;
}

describe('renaming a team', () => {
	it('shows the new name live on its board and on every board showing its cards, and nowhere else', async () => {
		// Payments' card, linked to Platform (so it shows in Platform's Cross-team lane).
		const shared = await executeCardCommand(server.context, person('Pia').actor, {
			type: 'card.create',
			boardId: team('Payments').boardId,
			title: 'Refunds wait on Platform'
		});
		await executeCardCommand(server.context, person('Pia').actor, {
			type: 'card.set_linked_teams',
			cardId: shared.cardId,
			teamIds: [team('Platform').teamId]
		});
		// Search's card, thrown into Payments' court (Search's board shows whose court it is in).
		const asked = await executeCardCommand(server.context, person('Sol').actor, {
			type: 'card.create',
			boardId: team('Search').boardId,
			title: 'Search needs payment states'
		});
		await executeCommand(server.context, person('Sol').actor, {
			type: 'catchball.throw',
			cardId: asked.cardId,
			toTeamId: team('Payments').teamId,
			message: 'Which payment states can we show?',
			ask: 'A list by Friday'
		});
		await executeCardCommand(server.context, person('Qin').actor, {
			type: 'card.create',
			boardId: team('Quiet').boardId,
			title: 'Quiet card'
		});

		const payments = await boardPage('Pia', 'Payments');
		const platform = await boardPage('Pat', 'Platform');
		const search = await boardPage('Sol', 'Search');
		const quietSeq = await lastSeq(team('Quiet').boardId);
		expect(payments.client.sync.state!.team?.name).toBe('Payments');

		await renameTeam(server.context, org.admin.actor, { teamId: team('Payments').teamId, name: 'Checkout' });

		const header = await payments.client.until((s) => s.team?.name === 'Checkout', 'the new name in the header');
		expect(header.cards[shared.cardId]!.homeTeam.name).toBe('Checkout');
		const onPlatform = await platform.client.until(
			(s) => s.cards[shared.cardId]?.homeTeam.name === 'Checkout',
			'the new name on the linked card'
		);
		expect(onPlatform.team?.name).toBe('Platform');
		await search.client.until((s) => s.cards[asked.cardId]?.catchball?.court.name === 'Checkout', 'the new name of the court');

		for (const [page, teamName] of [
			[payments, 'Payments'],
			[platform, 'Platform'],
			[search, 'Search']
		] as const) {
			// One event, live (no reload, no catch-up), and the client shows what the database holds.
			expect(page.heard.map((e) => e.type)).toEqual(['team.renamed']);
			expect(page.heard[0]).toMatchObject({ teamId: team('Payments').teamId, name: 'Checkout', previousName: 'Payments' });
			const truth = await loadBoardSnapshot(database.db, team(teamName).boardId);
			expect(page.client.sync.state!.seq).toBe(truth.seq);
			expect(namesOn(Object.values(page.client.sync.state!.cards))).toEqual(namesOn(truth.cards));
			expect(page.client.sync.state!.team).toEqual(truth.team);
		}
		// A board that shows nothing of the team's is left alone.
		expect(await lastSeq(team('Quiet').boardId)).toBe(quietSeq);
	});

	it('changes nothing when the name is the same, and refuses a name another team has', async () => {
		const boardId = team('Platform').boardId;
		const before = await lastSeq(boardId);
		await renameTeam(server.context, org.admin.actor, { teamId: team('Platform').teamId, name: 'Platform' });
		expect(await lastSeq(boardId)).toBe(before);
		await expect(
			renameTeam(server.context, org.admin.actor, { teamId: team('Platform').teamId, name: 'search' })
		).rejects.toMatchObject({ code: 'conflict' });
		expect(await eventsSince(database.db, boardId, before)).toEqual([]);
	});
});

describe.skipIf(!usingPostgres())('renaming a team while a card is being linked to it (needs TEST_DATABASE_URL: PGlite runs one transaction at a time)', () => {
	/** Transactions of this database waiting for a lock. */
	async function waitingForLocks(): Promise<number> {
		const [row] = rowsOf<{ n: number }>(
			await database.db.execute(
				sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`
			)
		);
		return row!.n;
	}

	/** Resolves once `n` transactions wait for a lock (there is no event to await for that). */
	async function untilWaiting(n: number) {
		while ((await waitingForLocks()) < n) await new Promise((resolve) => setImmediate(resolve));
	}

	it('renames the card on the board of a link made while the rename waited for the lock', async () => {
		const card = await executeCardCommand(server.context, person('Mo').actor, {
			type: 'card.create',
			boardId: team('Mobile').boardId,
			title: 'App releases wait on the ledger'
		});
		const mobile = await boardPage('Mo', 'Mobile');
		const mobileSeq = await lastSeq(team('Mobile').boardId);

		// Hold Ledger's board, so the link and then the rename queue behind it in that order: the rename
		// chose its boards before the link committed, and Mobile's board was not yet among them.
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let holding!: () => void;
		const locked = new Promise<void>((resolve) => (holding = resolve));
		const holder = database.db.transaction(async (tx) => {
			await tx.execute(sql`select id from boards where id = ${team('Ledger').boardId} for update`);
			holding();
			await held;
		});
		await locked;
		const link = executeCommand(server.context, person('Mo').actor, {
			type: 'card.set_linked_teams',
			cardId: card.cardId,
			teamIds: [team('Ledger').teamId]
		});
		await untilWaiting(1);
		const rename = renameTeam(server.context, org.admin.actor, { teamId: team('Ledger').teamId, name: 'Billing' });
		await untilWaiting(2);
		release();
		await Promise.all([holder, link, rename]);

		const logged = await eventsSince(database.db, team('Mobile').boardId, mobileSeq);
		expect(logged.map((e) => e.type)).toEqual(['card.linked_teams_set', 'team.renamed']);

		const shown = await mobile.client.until(
			(s) => s.cards[card.cardId]?.linkedTeams.some((t) => t.name === 'Billing') ?? false,
			'the new name on the card linked meanwhile'
		);
		expect(shown.cards[card.cardId]!.linkedTeams.map((t) => t.name)).toEqual(['Billing']);
		expect(mobile.heard.map((e) => e.type)).toEqual(['card.linked_teams_set', 'team.renamed']);
	});
});
