import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import { boardEvents, catchballEntries } from '../../src/lib/server/db/schema';
import { catchballItems, inboxOf } from '../../src/lib/server/queries/catchball';
import { eventsSince } from '../../src/lib/server/queries/board';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connectClient, connected, startRealtimeServer, type TestRealtimeServer } from '../helpers/realtime';

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
let other: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Claims', 'Platform'],
		people: [
			{ name: 'Cara', role: 'member', teams: ['Claims'] },
			{ name: 'Pete', role: 'member', teams: ['Platform'] },
			{ name: 'Lin', role: 'leader' },
			{ name: 'Vic', role: 'viewer' }
		]
	});
	other = await seedOrganisation(server.context, { teams: ['Elsewhere'], people: [{ name: 'Oz', role: 'leader' }] });
});

afterAll(async () => {
	await server?.close();
	await database?.close();
});

const ctx = () => server.context;
const person = (name: string) => org.people[name]!.actor;
const claims = () => org.teams.Claims!;

async function barrier(title = 'Change board adds six days to every release') {
	const card = await executeCardCommand(ctx(), person('Cara'), { type: 'card.create', boardId: claims().boardId, title, lane: 'system' });
	return card.cardId;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ServiceError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

const throwToLeadership = (cardId: string, who = 'Cara') =>
	executeCommand(ctx(), person(who), {
		type: 'catchball.throw',
		cardId,
		toTeamId: org.leadershipTeamId,
		message: 'Every release waits for the weekly change board.',
		ask: 'Let low-risk changes skip the board.'
	});

async function entries(cardId: string) {
	const [row] = await database.db.select({ n: count() }).from(catchballEntries).where(eq(catchballEntries.cardId, cardId));
	return Number(row!.n);
}

describe('throw, catch, throw back, decide', () => {
	it('puts a thrown item in the air in leadership’s court, on the card and in the leaders’ inbox', async () => {
		const cardId = await barrier();
		const result = await throwToLeadership(cardId);
		expect(result.card?.catchball).toMatchObject({ state: 'in_air', court: { id: org.leadershipTeamId, isLeadership: true } });
		const inbox = await inboxOf(database.db, person('Lin'));
		expect(inbox.map((i) => i.cardId)).toContain(cardId);
		expect(await inboxOf(database.db, person('Cara'))).not.toContainEqual(expect.objectContaining({ cardId }));
		// The leadership board's log notes it too, though the card does not show there.
		const noted = await eventsSince(database.db, org.leadershipBoardId, 0);
		expect(noted.find((e) => e.type === 'catchball.noted' && e.cardId === cardId)).toBeDefined();
	});

	it('lets only the receiving side catch, with every part of the back-brief', async () => {
		const cardId = await barrier('Catch me');
		await throwToLeadership(cardId);
		const before = await entries(cardId);
		const wrongSide = await refusal(
			executeCommand(ctx(), person('Pete'), { type: 'catchball.catch', cardId, will: 'x', how: 'y', need: 'z' })
		);
		expect(wrongSide.code).toBe('forbidden');
		const blank = await refusal(
			executeCommand(ctx(), person('Lin'), { type: 'catchball.catch', cardId, will: ' ', how: '', need: 'budget' })
		);
		expect(Object.keys(blank.fieldErrors).sort()).toEqual(['how', 'will']);
		expect(await entries(cardId)).toBe(before);
		const caught = await executeCommand(ctx(), person('Lin'), {
			type: 'catchball.catch',
			cardId,
			will: 'Pilot a fast lane for config changes',
			how: 'Risk team defines low-risk; we review in four weeks',
			need: 'Two examples from the team'
		});
		expect(caught.card?.catchball).toMatchObject({ state: 'owned', court: { isLeadership: true } });
		const again = await refusal(
			executeCommand(ctx(), person('Lin'), { type: 'catchball.catch', cardId, will: 'a', how: 'b', need: 'c' })
		);
		expect(again.code).toBe('conflict');
	});

	it('throws back to the thrower with a question', async () => {
		const cardId = await barrier('Unclear ask');
		await throwToLeadership(cardId);
		const back = await executeCommand(ctx(), person('Lin'), { type: 'catchball.throw_back', cardId, question: 'Which releases were delayed?' });
		expect(back.card?.catchball).toMatchObject({ state: 'in_air', court: { id: claims().teamId } });
		expect((await inboxOf(database.db, person('Cara'))).map((i) => i.cardId)).toContain(cardId);
	});

	it('records a leadership decision as a throw back to the team, not as the card’s adoption', async () => {
		const cardId = await barrier('Decide me');
		await throwToLeadership(cardId);
		await executeCommand(ctx(), person('Lin'), { type: 'catchball.catch', cardId, will: 'Decide', how: 'At the next review', need: 'Data' });
		const member = await refusal(
			executeCommand(ctx(), person('Cara'), { type: 'catchball.decide', cardId, decision: 'x', rationale: 'y' })
		);
		expect(member.code).toBe('forbidden');
		const decided = await executeCommand(ctx(), person('Lin'), {
			type: 'catchball.decide',
			cardId,
			decision: 'Config-only changes skip the change board from December.',
			rationale: 'No config change caused an incident in 18 months.'
		});
		expect(decided.card?.catchball).toMatchObject({ state: 'in_air', court: { id: claims().teamId }, last: { kind: 'decision' } });
		expect(decided.card?.decisionRationale).toBe('');
		expect(decided.card?.column).toBe('problem');
	});

	it('throws between teams and refuses throwing to oneself, to an unknown team, or while in the air', async () => {
		const cardId = await barrier('Shared staging queue');
		const self = await refusal(
			executeCommand(ctx(), person('Cara'), { type: 'catchball.throw', cardId, toTeamId: claims().teamId, message: 'm', ask: 'a' })
		);
		expect(self.fieldErrors.toTeamId).toBeDefined();
		const unknown = await refusal(
			executeCommand(ctx(), person('Cara'), { type: 'catchball.throw', cardId, toTeamId: other.teams.Elsewhere!.teamId, message: 'm', ask: 'a' })
		);
		expect(unknown.fieldErrors.toTeamId).toBeDefined();
		const empty = await refusal(executeCommand(ctx(), person('Cara'), { type: 'catchball.throw', cardId, toTeamId: org.teams.Platform!.teamId, message: '', ask: '' }));
		expect(Object.keys(empty.fieldErrors).sort()).toEqual(['ask', 'message']);
		await executeCommand(ctx(), person('Cara'), {
			type: 'catchball.throw',
			cardId,
			toTeamId: org.teams.Platform!.teamId,
			message: 'Your staging environment queues our tests.',
			ask: 'Give us a second environment or a slot.'
		});
		const twice = await refusal(
			executeCommand(ctx(), person('Cara'), { type: 'catchball.throw', cardId, toTeamId: org.leadershipTeamId, message: 'm', ask: 'a' })
		);
		expect(twice.code).toBe('conflict');
		const caught = await executeCommand(ctx(), person('Pete'), {
			type: 'catchball.catch',
			cardId,
			will: 'Add a nightly slot',
			how: 'Reserve 02:00–04:00',
			need: 'Your test list'
		});
		expect(caught.card?.catchball?.court.name).toBe('Platform');
		// Appended on the Platform board's log too (the card does not show there).
		const platformLog = await eventsSince(database.db, org.teams.Platform!.boardId, 0);
		expect(platformLog.filter((e) => e.type === 'catchball.noted' && e.cardId === cardId)).toHaveLength(2);
	});

	it('refuses viewers and other organisations, changing nothing', async () => {
		const cardId = await barrier('Guarded barrier');
		const viewer = await refusal(throwToLeadership(cardId, 'Vic'));
		expect(viewer.code).toBe('forbidden');
		const foreign = await refusal(
			executeCommand(ctx(), other.people.Oz!.actor, { type: 'catchball.throw', cardId, toTeamId: other.leadershipTeamId, message: 'm', ask: 'a' })
		);
		expect(foreign.code).toBe('not_found');
		const notInCourt = await refusal(
			executeCommand(ctx(), person('Cara'), { type: 'catchball.catch', cardId, will: 'a', how: 'b', need: 'c' })
		);
		expect(notInCourt.code).toBe('conflict');
		expect(await entries(cardId)).toBe(0);
		expect((await catchballItems(database.db, other.organisationId)).length).toBe(0);
	});
});

describe('live delivery', () => {
	it('tells every socket of the organisation (inbox, session view) and no other organisation', async () => {
		const cardId = await barrier('Live throw');
		const leader = connectClient(server.url, { token: org.people.Lin!.token });
		const outsider = connectClient(server.url, { token: other.people.Oz!.token });
		await Promise.all([connected(leader), connected(outsider)]);
		let outsiderHeard = 0;
		outsider.on('catchball', () => outsiderHeard++);
		const heard = new Promise<{ cardId: string; entry: { kind: string; to: { isLeadership: boolean } } }>((resolve) =>
			leader.once('catchball', resolve)
		);
		await throwToLeadership(cardId);
		expect(await heard).toMatchObject({ cardId, entry: { kind: 'throw', to: { isLeadership: true } } });
		// A later event for the outsider's own organisation arrives after, proving nothing came before it.
		const own = new Promise((resolve) => outsider.once('catchball', resolve));
		const foreignCard = await executeCardCommand(ctx(), other.people.Oz!.actor, {
			type: 'card.create',
			boardId: other.teams.Elsewhere!.boardId,
			title: 'Their barrier'
		});
		await executeCommand(ctx(), other.people.Oz!.actor, {
			type: 'catchball.throw',
			cardId: foreignCard.cardId,
			toTeamId: other.leadershipTeamId,
			message: 'Needs a policy change',
			ask: 'Decide on it'
		});
		await own;
		expect(outsiderHeard).toBe(1);
		leader.close();
		outsider.close();
	});

	it('appends card.catchball to the card’s board log for board watchers', async () => {
		const cardId = await barrier('Logged');
		const before = await database.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, claims().boardId));
		await throwToLeadership(cardId);
		const after = await database.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, claims().boardId));
		expect(Number(after[0]!.n)).toBe(Number(before[0]!.n) + 1);
	});
});
