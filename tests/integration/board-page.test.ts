import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/lib/domain/access';
import { packSummaries, unpackSummaries } from '../../src/lib/domain/card-summary';
import type { CardView } from '../../src/lib/domain/events';
import { lastIsoWeeks } from '../../src/lib/domain/weeks';
import { isoDateIn } from '../../src/lib/domain/gates';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { cardOnBoard, loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { loadBoardPage } from '../../src/lib/server/queries/board-page';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { summarise } from '../helpers/cards';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

// The board page's one-statement read (queries/board-page.ts) against the full views every other
// reader uses (queries/cards.ts), and GET /api/cards/:cardId, which the card panel loads on open.

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;
let other: SeededOrganisation;

// The route handler reads the app's context; here it is the test database.
vi.mock('$lib/server/context', () => ({ appContext: async () => ctx }));
const { GET } = await import('../../src/routes/api/cards/[cardId=uuid]/+server');

const mia = () => org.people.Mia!.actor;
const payments = () => org.teams.Payments!;
const platform = () => org.teams.Platform!;
let full: string;
let plain: string;
let learned: string;
let archived: string;
let elsewhere: string;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Payments', 'Platform'],
		people: [
			{ name: 'Mia', role: 'member', teams: ['Payments'] },
			{ name: 'Pat', role: 'member', teams: ['Platform'] },
			{ name: 'Vic', role: 'viewer' },
			{ name: 'Lea', role: 'leader' }
		]
	});
	other = await seedOrganisation(ctx, { teams: ['Elsewhere'], people: [{ name: 'Oz', role: 'leader' }] });
	const boardId = payments().boardId;

	// A card with everything a face shows: owners (two, named out of order), evidence, a hypothesis, a
	// time box, effort, a link to Platform, catchball in the air; moved to Hypothesis.
	const created = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId, title: 'Flaky deploys', lane: 'system' });
	full = created.cardId;
	await executeCardCommand(ctx, mia(), {
		type: 'card.update',
		cardId: full,
		version: created.card.version,
		changes: {
			category: 'deployment_safety',
			problemObserved: 'One deploy in five fails.',
			hypothesisBelieve: 'We believe smaller deploys',
			hypothesisResult: 'will result in fewer failures.',
			hypothesisSignal: 'We will know when one in twenty fails.',
			experimentPlan: 'Ship in slices for two weeks.',
			timeboxStart: '2026-01-05',
			timeboxEnd: '2026-01-19'
		}
	});
	await executeCardCommand(ctx, mia(), { type: 'card.set_owners', cardId: full, userIds: [org.people.Pat!.actor.userId, mia().userId] });
	await executeCardCommand(ctx, mia(), { type: 'card.set_effort', boardId, cardId: full, effort: 3.5 });
	await executeCardCommand(ctx, mia(), { type: 'card.add_evidence', cardId: full, kind: 'observation', summary: 'Two of ten failed', verdict: 'supports' });
	await executeCardCommand(ctx, mia(), { type: 'card.add_evidence', cardId: full, kind: 'measurement', summary: 'Lead time', verdict: 'inconclusive' });
	await executeCardCommand(ctx, mia(), { type: 'card.set_linked_teams', cardId: full, teamIds: [platform().teamId] });
	await executeCardCommand(ctx, mia(), {
		type: 'catchball.throw',
		cardId: full,
		toTeamId: org.leadershipTeamId,
		message: 'The release policy is not ours to change.',
		ask: 'Let teams release small changes themselves.'
	});
	const current = (await cardOnBoard(ctx.db, mia(), full, boardId))!;
	await executeCardCommand(ctx, mia(), { type: 'card.move', boardId, cardId: full, version: current.version, column: 'hypothesis', lane: 'system', index: 0 });

	// A hypothesis of white space only (no-break and ideographic spaces): not written.
	const blank = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId, title: 'Slow reviews' });
	plain = blank.cardId;
	await executeCardCommand(ctx, mia(), {
		type: 'card.update',
		cardId: plain,
		version: blank.card.version,
		changes: { hypothesisBelieve: 'We believe pairing', hypothesisResult: '\u00a0\u3000 ', hypothesisSignal: 'We will know' }
	});

	// A card of Platform, caught there after a throw: it shows on Payments through a link.
	const theirs = await executeCardCommand(ctx, org.people.Pat!.actor, { type: 'card.create', boardId: platform().boardId, title: 'Shared CI queue' });
	elsewhere = theirs.cardId;
	await executeCardCommand(ctx, org.people.Pat!.actor, { type: 'card.set_linked_teams', cardId: elsewhere, teamIds: [payments().teamId] });
	await executeCardCommand(ctx, org.people.Pat!.actor, {
		type: 'catchball.throw',
		cardId: elsewhere,
		toTeamId: payments().teamId,
		message: 'Your builds fill our queue.',
		ask: 'Cache your dependencies.'
	});
	await executeCardCommand(ctx, mia(), { type: 'catchball.catch', cardId: elsewhere, will: 'Cache them', how: 'In CI', need: 'Nothing' });

	// Off the columns: not on the board page.
	const toLearn = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId, title: 'Learned one' });
	learned = toLearn.cardId;
	const toArchive = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId, title: 'Archived one' });
	archived = toArchive.cardId;
	await executeCardCommand(ctx, mia(), { type: 'card.archive', cardId: archived });
	await executeCommand(ctx, org.people.Lea!.actor, { type: 'board.record_raid', boardId, week: lastIsoWeeks(isoDateIn('UTC'), 4)[1]!, hours: 2, reason: 'Incident' });
	// Learned needs a card in Experiment or Evidence: only its status matters here.
	await ctx.db.execute(sql`update cards set status = 'learned', learned = 'Nothing changed' where id = ${learned}`);
});

afterAll(async () => {
	await database?.close();
});

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('loadBoardPage', () => {
	it('gives every active card as the summary of its full view on this board', async () => {
		for (const team of [payments(), platform()]) {
			const page = (await loadBoardPage(ctx.db, mia(), team.teamId))!;
			const snapshot = await loadBoardSnapshot(ctx.db, team.boardId);
			const expected = snapshot.cards.filter((c) => c.status === 'active').map(summarise);
			// Same fields and values, none missing and none extra (not even an undefined one).
			expect(byId(page.cards)).toStrictEqual(byId(expected));
			expect(page.seq).toBe(snapshot.seq);
			expect(page.settings).toEqual(snapshot.settings);
			// As the page data carries them.
			expect(unpackSummaries(packSummaries(page.cards))).toStrictEqual(page.cards);
		}
	});

	it('carries what the face, the filter and the limits need, and only active cards', async () => {
		const page = (await loadBoardPage(ctx.db, mia(), payments().teamId))!;
		const ids = page.cards.map((c) => c.id);
		expect(ids).toEqual(expect.arrayContaining([full, plain, elsewhere]));
		expect(ids).not.toContain(learned);
		expect(ids).not.toContain(archived);

		const card = page.cards.find((c) => c.id === full)!;
		expect(card).toMatchObject({
			column: 'hypothesis',
			lane: 'system',
			category: 'deployment_safety',
			hypothesisWritten: true,
			evidenceCount: 2,
			timeboxEnd: '2026-01-19',
			effort: 3.5,
			problemObserved: 'One deploy in five fails.',
			experimentPlan: 'Ship in slices for two weeks.',
			owners: [{ name: 'Mia' }, { name: 'Pat' }],
			linkedTeams: [{ id: platform().teamId, name: 'Platform' }],
			catchball: { state: 'in_air', court: { id: org.leadershipTeamId, isLeadership: true } }
		});
		expect(Object.keys(card.columnEnteredAt)).toEqual(['hypothesis']);
		expect('evidence' in card).toBe(false);
		expect('hypothesisResult' in card).toBe(false);

		expect(page.cards.find((c) => c.id === plain)!.hypothesisWritten).toBe(false);
		const linked = page.cards.find((c) => c.id === elsewhere)!;
		expect(linked).toMatchObject({ lane: 'cross_team', homeBoardId: platform().boardId, homeTeam: { name: 'Platform' } });
		expect(linked.catchball).toMatchObject({ state: 'owned', court: { id: payments().teamId }, last: { message: 'Cache them' } });
		expect(page.settings.raids).toHaveLength(1);
	});

	it('shares one object per team and person across the cards (written once in the page data)', async () => {
		const page = (await loadBoardPage(ctx.db, mia(), payments().teamId))!;
		const own = page.cards.filter((c) => c.homeBoardId === payments().boardId);
		expect(own.length).toBeGreaterThan(1);
		expect(new Set(own.map((c) => c.homeTeam)).size).toBe(1);
	});

	it('gives the organisation’s people and teams, and the board header', async () => {
		const page = (await loadBoardPage(ctx.db, org.people.Vic!.actor, payments().teamId))!;
		expect(page.board).toMatchObject({ id: payments().boardId, organisationId: org.organisationId, team: { name: 'Payments' } });
		expect(page.people.map((p) => p.name)).toEqual(expect.arrayContaining(['Mia', 'Pat', 'Vic', 'Lea']));
		expect(page.teams.map((t) => t.name)).toEqual(['Leadership', 'Payments', 'Platform']);
		expect(page.today).toBe(isoDateIn('UTC'));
	});

	it('gives nothing for another organisation’s board, an unknown team or a malformed id', async () => {
		expect(await loadBoardPage(ctx.db, other.people.Oz!.actor, payments().teamId)).toBeNull();
		expect(await loadBoardPage(ctx.db, mia(), other.teams.Elsewhere!.teamId)).toBeNull();
		expect(await loadBoardPage(ctx.db, mia(), '8f0ab238-e66e-4918-8b58-9b4ff02ffa40')).toBeNull();
		expect(await loadBoardPage(ctx.db, mia(), 'not-a-team')).toBeNull();
	});
});

describe('GET /api/cards/:cardId', () => {
	async function get(actor: Actor | null, cardId: string, boardId: string) {
		const url = new URL(`http://localhost/api/cards/${cardId}?boardId=${boardId}`);
		const response = await GET({ locals: { actor }, params: { cardId }, url } as unknown as Parameters<typeof GET>[0]);
		return { status: response.status, body: (await response.json()) as CardView & { error?: { code: string } }, headers: response.headers };
	}

	it('gives the whole card as that board shows it, to anyone of the organisation', async () => {
		const viewer = await get(org.people.Vic!.actor, full, payments().boardId);
		expect(viewer.status).toBe(200);
		expect(viewer.headers.get('cache-control')).toBe('no-store');
		expect(viewer.body).toMatchObject({ id: full, lane: 'system', hypothesisResult: 'will result in fewer failures.', commentCount: 0 });
		expect(viewer.body.evidence.map((e) => e.summary)).toEqual(['Two of ten failed', 'Lead time']);

		// The same card from the linked board: its Cross-team lane there.
		const there = await get(org.people.Pat!.actor, full, platform().boardId);
		expect(there.body).toMatchObject({ id: full, lane: 'cross_team', homeBoardId: payments().boardId });

		// Learned and archived cards open too (the Learned page's panel, a card archived while open).
		expect((await get(mia(), archived, payments().boardId)).body.status).toBe('archived');
	});

	it('is 404 for another organisation, a card not on that board, and ids that are not ids', async () => {
		const outsider = other.people.Oz!.actor;
		expect((await get(outsider, full, payments().boardId)).status).toBe(404);
		expect((await get(outsider, full, other.teams.Elsewhere!.boardId)).status).toBe(404);
		expect((await get(mia(), plain, platform().boardId)).status).toBe(404);
		const missing = await get(mia(), 'not-a-card', payments().boardId);
		expect(missing.status).toBe(404);
		expect(missing.body.error?.code).toBe('not_found');
		expect((await get(mia(), full, '')).status).toBe(404);
	});

	it('is 401 without a session', async () => {
		expect((await get(null, full, payments().boardId)).status).toBe(401);
	});
});
