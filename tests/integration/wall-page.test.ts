import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastIsoWeeks } from '../../src/lib/domain/weeks';
import { isoDateIn } from '../../src/lib/domain/gates';
import { executeCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { createWallLink, revokeWallLink } from '../../src/lib/server/services/walls';
import { wallPageData } from '../../src/lib/server/queries/walls';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

// What a wall display's page is given (src/lib/server/queries/walls.ts): nothing for an
// unknown or revoked token, the link's boards in its order, and no person's name when names are hidden.

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;
let other: SeededOrganisation;

const LEADER = 'Leonora Quillfeather';
const MEMBER = 'Moritz Vanderbeek';
const TITLE = 'Release approvals wait for the weekly change board';

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Payments', 'Search'],
		people: [
			{ name: LEADER, role: 'leader' },
			{ name: MEMBER, role: 'member', teams: ['Payments'] }
		]
	});
	other = await seedOrganisation(ctx, { teams: ['Theirs'] });
	// A System lane card with everything that names people: owners, evidence, catchball, a raid.
	const mo = org.people[MEMBER]!.actor;
	const boardId = org.teams.Payments!.boardId;
	const created = await executeCommand(ctx, mo, { type: 'card.create', boardId, title: TITLE, lane: 'system' });
	const cardId = created.cardId!;
	await executeCommand(ctx, mo, { type: 'card.set_owners', cardId, userIds: [mo.userId] });
	await executeCommand(ctx, mo, { type: 'card.add_evidence', cardId, kind: 'observation', summary: 'Six days median wait', verdict: 'supports' });
	await executeCommand(ctx, mo, {
		type: 'catchball.throw',
		cardId,
		toTeamId: org.leadershipTeamId,
		message: 'We cannot change this policy ourselves.',
		ask: 'Let teams approve low-risk changes.'
	});
	const week = lastIsoWeeks(isoDateIn('UTC'), 4)[1]!;
	await executeCommand(ctx, org.people[LEADER]!.actor, { type: 'board.record_raid', boardId, week, hours: 4, reason: 'Incident' });
}, 60_000);

afterAll(async () => {
	await database?.close();
});

const lee = () => org.people[LEADER]!.actor;
const names = () => [LEADER, MEMBER, org.admin.actor.name];

describe('the wall page data', () => {
	it('is nothing for an unknown, a wrong or a revoked token', async () => {
		const link = await createWallLink(ctx, lee(), { name: 'TV', scope: 'team', teamIds: [org.teams.Payments!.teamId] });
		expect(await wallPageData(database.db, 'nosuchwall.nosuchsecretnosuchsecret1')).toBeNull();
		expect(await wallPageData(database.db, `${link.wallId}.wrongsecretwrongsecret1234`)).toBeNull();
		expect(await wallPageData(database.db, link.token)).not.toBeNull();
		await revokeWallLink(ctx, lee(), { wallId: link.wallId });
		expect(await wallPageData(database.db, link.token)).toBeNull();
	});

	it('gives a team wall its board with names when the link shows them', async () => {
		const link = await createWallLink(ctx, lee(), { name: 'Named', scope: 'team', teamIds: [org.teams.Payments!.teamId] });
		const data = (await wallPageData(database.db, link.token))!;
		expect(data.wall).toMatchObject({ name: 'Named', scope: 'team', theme: 'dark', showNames: true });
		expect(data.boards.map((b) => b.team.name)).toEqual(['Payments']);
		const card = Object.values(data.boards[0]!.cards).find((c) => c.title === TITLE)!;
		expect(card.owners.map((o) => o.name)).toEqual([MEMBER]);
		expect(data.boards[0]!.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('names nobody on a team wall whose link hides names', async () => {
		const link = await createWallLink(ctx, lee(), { name: 'Anonymous', scope: 'team', teamIds: [org.teams.Payments!.teamId], showNames: false });
		const data = (await wallPageData(database.db, link.token))!;
		const text = JSON.stringify(data);
		expect(text).toContain(TITLE);
		for (const name of names()) expect(text).not.toContain(name);
		const card = Object.values(data.boards[0]!.cards).find((c) => c.title === TITLE)!;
		expect(card.owners).toEqual([]);
		expect(card.evidence[0]).toMatchObject({ summary: 'Six days median wait', createdBy: null });
		expect(card.catchball).toMatchObject({ state: 'in_air', last: { by: null } });
		expect(data.boards[0]!.settings.raids[0]).toMatchObject({ hours: 4, recordedBy: null });
	});

	it('keeps a rotation in the order of its link', async () => {
		const { Payments, Search } = org.teams;
		const link = await createWallLink(ctx, lee(), { name: 'Rotation', scope: 'rotation', teamIds: [Search!.teamId, Payments!.teamId], rotateSeconds: 30 });
		const data = (await wallPageData(database.db, link.token))!;
		expect(data.wall).toMatchObject({ scope: 'rotation', rotateSeconds: 30 });
		expect(data.boards.map((b) => b.team.name)).toEqual(['Search', 'Payments']);
		expect(data.organisation).toBeNull();
	});

	it('gives an organisation wall the organisation view and every board to listen to, names hidden', async () => {
		const link = await createWallLink(ctx, lee(), { name: 'Obeya', scope: 'organisation', showNames: false });
		const data = (await wallPageData(database.db, link.token))!;
		expect(data.boards).toEqual([]);
		expect(data.organisation!.barriers.map((b) => b.title)).toContain(TITLE);
		expect(data.organisation!.barriers.find((b) => b.title === TITLE)!.waitingOnLeadershipSince).not.toBeNull();
		expect(data.watch.map((w) => w.boardId).sort()).toEqual(
			[org.leadershipBoardId, org.teams.Payments!.boardId, org.teams.Search!.boardId].sort()
		);
		expect(data.watch.map((w) => w.boardId)).not.toContain(other.teams.Theirs!.boardId);
		const text = JSON.stringify(data);
		for (const name of names()) expect(text).not.toContain(name);
	});
});
