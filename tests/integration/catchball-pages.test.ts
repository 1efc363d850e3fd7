import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchballPermissions } from '../../src/lib/domain/access';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { systemBarriers } from '../../src/lib/server/queries/barriers';
import { cardThread } from '../../src/lib/server/queries/catchball-pages';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

// The read models of the catchball pages: a card's thread (Catchball tab, session view) and the
// organisation view's system barriers.

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;
let other: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Claims', 'Platform', 'Quiet'],
		people: [
			{ name: 'Cara', role: 'member', teams: ['Claims'] },
			{ name: 'Pete', role: 'member', teams: ['Platform'] },
			{ name: 'Lin', role: 'leader' },
			{ name: 'Vic', role: 'viewer' }
		]
	});
	other = await seedOrganisation(ctx, { teams: ['Elsewhere'], people: [{ name: 'Oz', role: 'leader' }] });
});

afterAll(async () => {
	await database?.close();
});

const person = (name: string) => org.people[name]!.actor;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function card(team: 'Claims' | 'Platform', title: string, lane: 'system' | 'team' = 'system', at?: Date) {
	const who = team === 'Claims' ? 'Cara' : 'Pete';
	const created = await executeCardCommand(ctx, person(who), { type: 'card.create', boardId: org.teams[team]!.boardId, title, lane }, { at });
	return created.cardId;
}

const throwUp = (cardId: string, who = 'Cara', at?: Date) =>
	executeCommand(
		ctx,
		person(who),
		{ type: 'catchball.throw', cardId, toTeamId: org.leadershipTeamId, message: 'It blocks every release.', ask: 'Change the rule.' },
		{ at }
	);

describe('cardThread', () => {
	it('gives the thread oldest first with the state, the home team, and what each person may do', async () => {
		const cardId = await card('Claims', 'Change board adds six days');
		const before = await cardThread(database.db, person('Cara'), cardId);
		expect(before).toMatchObject({ title: 'Change board adds six days', status: 'active', thread: [], state: null });
		expect(before?.homeTeam).toEqual({ id: org.teams.Claims!.teamId, name: 'Claims', isLeadership: false });
		expect(catchballPermissions(person('Cara'), before!.state, before!.homeTeam)).toEqual({ throw: true, catch: false, throwBack: false, decide: false });
		expect(catchballPermissions(person('Pete'), before!.state, before!.homeTeam).throw).toBe(false);

		await throwUp(cardId, 'Cara', ago(2));
		await executeCommand(ctx, person('Lin'), { type: 'catchball.catch', cardId, will: 'Pilot a fast lane', how: 'Four weeks', need: 'Examples' });
		const after = await cardThread(database.db, person('Vic'), cardId);
		expect(after?.thread.map((e) => e.kind)).toEqual(['throw', 'catch']);
		expect(after?.thread[1]?.brief).toEqual({ will: 'Pilot a fast lane', how: 'Four weeks', need: 'Examples' });
		expect(after?.state).toMatchObject({ state: 'owned', court: { id: org.leadershipTeamId, isLeadership: true } });
		// Viewers read; the leader who owns it may throw it on or decide; the team may do nothing now.
		expect(catchballPermissions(person('Vic'), after!.state, after!.homeTeam)).toEqual({ throw: false, catch: false, throwBack: false, decide: false });
		expect(catchballPermissions(person('Lin'), after!.state, after!.homeTeam)).toEqual({ throw: true, catch: false, throwBack: false, decide: true });
		expect(catchballPermissions(person('Cara'), after!.state, after!.homeTeam)).toEqual({ throw: false, catch: false, throwBack: false, decide: false });
	});

	it('lets the receiving side answer an item in the air, and nobody else', async () => {
		const cardId = await card('Claims', 'Shared staging queue', 'team');
		await executeCommand(ctx, person('Cara'), {
			type: 'catchball.throw',
			cardId,
			toTeamId: org.teams.Platform!.teamId,
			message: 'Staging queues our tests.',
			ask: 'A second slot.'
		});
		const item = (await cardThread(database.db, person('Pete'), cardId))!;
		expect(catchballPermissions(person('Pete'), item.state, item.homeTeam)).toEqual({ throw: false, catch: true, throwBack: true, decide: false });
		expect(catchballPermissions(person('Cara'), item.state, item.homeTeam)).toEqual({ throw: false, catch: false, throwBack: false, decide: false });
		// Leaders may act for any side.
		expect(catchballPermissions(person('Lin'), item.state, item.homeTeam)).toMatchObject({ catch: true, throwBack: true, decide: false });
	});

	it('is null for another organisation’s card, an unknown card and a malformed id', async () => {
		const cardId = await card('Claims', 'Private to this organisation');
		expect(await cardThread(database.db, other.people.Oz!.actor, cardId)).toBeNull();
		expect(await cardThread(database.db, person('Cara'), '00000000-0000-4000-8000-000000000000')).toBeNull();
		expect(await cardThread(database.db, person('Cara'), 'not-a-card')).toBeNull();
	});
});

describe('systemBarriers', () => {
	it('lists every team’s active System-lane cards with their catchball, longest waiting first', async () => {
		const fresh = await seedOrganisation(ctx, {
			teams: ['Alpha', 'Beta'],
			people: [
				{ name: 'Ann', role: 'member', teams: ['Alpha'] },
				{ name: 'Lee', role: 'leader' }
			]
		});
		const ann = fresh.people.Ann!.actor;
		const lee = fresh.people.Lee!.actor;
		const make = async (title: string, lane: 'system' | 'team' = 'system', at?: Date) =>
			(await executeCardCommand(ctx, ann, { type: 'card.create', boardId: fresh.teams.Alpha!.boardId, title, lane }, { at })).cardId;
		const throwIt = (cardId: string, at: Date) =>
			executeCommand(ctx, ann, { type: 'catchball.throw', cardId, toTeamId: fresh.leadershipTeamId, message: 'm', ask: 'a' }, { at });

		const notRaised = await make('Not raised yet', 'system', ago(20));
		const recent = await make('Thrown yesterday', 'system', ago(10));
		await throwIt(recent, ago(1));
		const old = await make('Thrown a week ago', 'system', ago(10));
		const raisedAt = ago(8);
		await throwIt(old, raisedAt);
		const owned = await make('Caught', 'system', ago(10));
		await throwIt(owned, ago(9));
		await executeCommand(ctx, lee, { type: 'catchball.catch', cardId: owned, will: 'w', how: 'h', need: 'n' });
		await make('A team-lane card', 'team');
		const archived = await make('Archived barrier');
		await executeCommand(ctx, ann, { type: 'card.archive', cardId: archived });
		await executeCardCommand(ctx, lee, { type: 'card.create', boardId: fresh.leadershipBoardId, title: 'Leadership’s own', lane: 'system' });

		const groups = await systemBarriers(database.db, lee);
		// Teams by name, leadership left out (its board is leadership's own work); empty teams listed.
		expect(groups.map((g) => g.team.name)).toEqual(['Alpha', 'Beta']);
		expect(groups[1]!.barriers).toEqual([]);
		const alpha = groups[0]!.barriers;
		expect(alpha.map((b) => b.title)).toEqual(['Thrown a week ago', 'Thrown yesterday', 'Caught', 'Not raised yet']);
		expect(alpha[0]).toMatchObject({ state: { state: 'in_air', court: { isLeadership: true } }, last: { kind: 'throw' } });
		expect(alpha[0]!.raisedAt).toBe(raisedAt.toISOString());
		expect(alpha[2]).toMatchObject({ state: { state: 'owned' }, last: { kind: 'catch' } });
		expect(alpha[3]).toMatchObject({ state: null, raisedAt: null, last: null });
		expect(alpha.some((b) => b.cardId === notRaised)).toBe(true);

		// Nothing of another organisation.
		const theirs = await systemBarriers(database.db, other.people.Oz!.actor);
		expect(theirs.flatMap((g) => g.barriers.map((b) => b.title))).not.toContain('Thrown yesterday');
	});
});
