import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '../../src/lib/domain/history';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { cardActivity } from '../../src/lib/server/queries/activity';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;
let other: SeededOrganisation;
let cardId: string;
let otherCardId: string;

const mia = () => org.people.Mia!.actor;
const pat = () => org.people.Pat!.actor;
const payments = () => org.teams.Payments!.boardId;
const platform = () => org.teams.Platform!.boardId;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Payments', 'Platform'],
		people: [
			{ name: 'Mia', role: 'member', teams: ['Payments'] },
			{ name: 'Pat', role: 'member', teams: ['Platform'] },
			{ name: 'Vic', role: 'viewer' }
		]
	});
	other = await seedOrganisation(ctx, { teams: ['Elsewhere'], people: [{ name: 'Oz', role: 'leader' }] });

	const created = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId: payments(), title: 'Flaky deploys' });
	cardId = created.cardId;
	const bystander = await executeCardCommand(ctx, mia(), { type: 'card.create', boardId: payments(), title: 'Slow reviews' });
	otherCardId = bystander.cardId;

	await executeCardCommand(ctx, mia(), {
		type: 'card.update',
		cardId,
		version: created.card.version,
		changes: { problemObserved: 'One deploy in five fails.', category: 'deployment_safety' }
	});
	await executeCardCommand(ctx, mia(), { type: 'card.comment', cardId, body: 'First: I saw this on Monday.' });
	await executeCardCommand(ctx, mia(), { type: 'card.comment', cardId: otherCardId, body: 'Not about deploys.' });
	await executeCardCommand(ctx, mia(), { type: 'card.set_linked_teams', cardId, teamIds: [org.teams.Platform!.teamId] });
	await executeCardCommand(ctx, pat(), { type: 'card.comment', cardId, body: 'Second: Platform sees it too.' });
});

afterAll(async () => {
	await database?.close();
});

describe('cardActivity', () => {
	it('returns the comments oldest first and only this card’s history, newest first', async () => {
		const activity = await cardActivity(ctx.db, mia(), cardId, payments());
		expect(activity).not.toBeNull();
		expect(activity!.comments.map((c) => [c.author?.name, c.body])).toEqual([
			['Mia', 'First: I saw this on Monday.'],
			['Pat', 'Second: Platform sees it too.']
		]);
		expect(activity!.history.map((e) => e.type)).toEqual([
			'card.commented',
			'card.linked_teams_set',
			'card.commented',
			'card.updated',
			'card.created'
		]);
		const seqs = activity!.history.map((e) => e.seq);
		expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
		expect(activity!.history.every((e) => e.boardId === payments())).toBe(true);
		expect(activity!.history[0]!.actor?.name).toBe('Pat');
		expect(activity!.history.map((e) => describeEvent(e)).at(-1)).toBe('Mia created "Flaky deploys" in Problem');
	});

	it('reads the same card from a linked board, from that board’s own log', async () => {
		const activity = await cardActivity(ctx.db, pat(), cardId, platform());
		expect(activity!.history.map((e) => e.type)).toEqual(['card.commented', 'card.linked_teams_set']);
		expect(activity!.history.every((e) => e.boardId === platform())).toBe(true);
		expect(activity!.comments).toHaveLength(2);
	});

	it('finds events that name the card by id only (an unlink, before a link again)', async () => {
		await executeCardCommand(ctx, mia(), { type: 'card.set_linked_teams', cardId, teamIds: [] });
		await executeCardCommand(ctx, mia(), { type: 'card.set_linked_teams', cardId, teamIds: [org.teams.Platform!.teamId] });
		const activity = await cardActivity(ctx.db, pat(), cardId, platform());
		expect(activity!.history.map((e) => e.type)).toEqual([
			'card.linked_teams_set',
			'card.unlinked',
			'card.commented',
			'card.linked_teams_set'
		]);
		expect(describeEvent(activity!.history[1]!, { boardTeamName: 'Platform' })).toBe(
			'Mia unlinked "Flaky deploys" from the Platform board'
		);
	});

	it('lets everyone of the organisation read it, viewers too', async () => {
		const activity = await cardActivity(ctx.db, org.people.Vic!.actor, cardId, payments());
		expect(activity?.comments).toHaveLength(2);
	});

	it('gives another organisation’s person nothing', async () => {
		const outsider = other.people.Oz!.actor;
		expect(await cardActivity(ctx.db, outsider, cardId, payments())).toBeNull();
		// Not even through a board of their own.
		expect(await cardActivity(ctx.db, outsider, cardId, other.teams.Elsewhere!.boardId)).toBeNull();
	});

	it('gives nothing for a card that is not on the given board', async () => {
		expect(await cardActivity(ctx.db, mia(), otherCardId, platform())).toBeNull();
		expect(await cardActivity(ctx.db, mia(), cardId, other.teams.Elsewhere!.boardId)).toBeNull();
	});

	it('gives nothing for ids that are not ids', async () => {
		expect(await cardActivity(ctx.db, mia(), 'not-a-card', payments())).toBeNull();
		expect(await cardActivity(ctx.db, mia(), cardId, '')).toBeNull();
	});
});
