import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoardStore } from '../../client/board-store.svelte';
import type { CardView } from '../../domain/events';
import { executeCardCommand } from '../../server/commands/service';
import { cardActivity } from '../../server/queries/activity';
import { loadCardViews } from '../../server/queries/cards';
import { openBoardStore, type OpenBoardStore } from '../../../../tests/helpers/board-store';
import { createTestDatabase, type TestDatabase } from '../../../../tests/helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../../../../tests/helpers/fixtures';
import { startRealtimeServer, type TestRealtimeServer } from '../../../../tests/helpers/realtime';
import { until } from '../../../../tests/helpers/runes.svelte';
import { RecordDraft, type RecordWriter } from './record-draft.svelte';

// Mia edits a card's record in her panel while Lee changes the same card elsewhere: against the real
// server, so versions, stale refusals and the card's history are the ones the app has.

let database: TestDatabase;
let server: TestRealtimeServer;
let org: SeededOrganisation;
let board: OpenBoardStore;

beforeAll(async () => {
	database = await createTestDatabase();
	server = await startRealtimeServer(database.db);
	org = await seedOrganisation(server.context, {
		teams: ['Claims'],
		people: [
			{ name: 'Mia Jones', role: 'member', teams: ['Claims'] },
			{ name: 'Lee Park', role: 'member', teams: ['Claims'] }
		]
	});
	board = await openBoardStore(database.db, server.url, org.people['Mia Jones']!.token, org.teams.Claims!.boardId);
}, 60_000);

afterEach(() => {
	board.store.openCardId = null;
});

afterAll(async () => {
	board?.close();
	await server?.close();
	await database?.close();
});

const boardId = () => org.teams.Claims!.boardId;
const mia = () => org.people['Mia Jones']!.actor;
const lee = () => org.people['Lee Park']!.actor;

function writerFor(store: BoardStore): RecordWriter {
	return {
		update: (cardId, changes, version) => store.update(cardId, changes, version),
		setEffort: (cardId, effort) => store.command({ type: 'card.set_effort', boardId: store.boardId, cardId, effort }),
		history: async (cardId) => (await cardActivity(database.db, mia(), cardId, boardId()))?.history ?? []
	};
}

/** A new card, and Mia's draft of it following the card as her board has it. */
async function editing(title: string) {
	const created = await executeCardCommand(server.context, mia(), { type: 'card.create', boardId: boardId(), title });
	const store = board.store;
	await until(() => store.cards[created.cardId], 'the card on Mia’s board');
	const live = () => ({ ...created.card, ...store.cards[created.cardId] }) as CardView;
	const draft = new RecordDraft(live, writerFor(store), mia().userId);
	return { cardId: created.cardId, live, draft, store };
}

/** Lee changes the card; resolves once Mia's board has his change. */
async function leeChanges(cardId: string, changes: Record<string, unknown>, store: BoardStore) {
	const version = store.cards[cardId]!.version;
	const done = await executeCardCommand(server.context, lee(), { type: 'card.update', cardId, version, changes });
	await until(() => store.cards[cardId]!.version === done.card.version, 'Lee’s change on Mia’s board');
	return done.card;
}

const saved = async (cardId: string) => (await loadCardViews(database.db, cardId)).get(boardId())!;

describe('RecordDraft', { timeout: 30_000 }, () => {
	it('follows the card while the person has changed nothing', async () => {
		const { cardId, live, draft, store } = await editing('Deploys wait for staging');
		await leeChanges(cardId, { problemObserved: 'Staging is free one hour a day' }, store);
		draft.follow(live());
		expect(draft.draft.problemObserved).toBe('Staging is free one hour a day');
		expect(draft.changed).toEqual([]);
		expect(draft.baseVersion).toBe(live().version);
	});

	it('keeps the person’s text and takes others’ changes to the fields they did not touch', async () => {
		const { cardId, live, draft, store } = await editing('Release notes are written by hand');
		draft.draft.problemAffected = 'Support, who answer the questions';
		await leeChanges(cardId, { title: 'Release notes are written by hand, late' }, store);
		draft.follow(live());
		expect(draft.draft.title).toBe('Release notes are written by hand, late');
		expect(draft.draft.problemAffected).toBe('Support, who answer the questions');
		expect(draft.changed).toEqual(['problemAffected']);
		expect(draft.behind).toBe(false);

		await draft.save();
		expect(draft.message).toEqual({ kind: 'success', text: 'Saved.' });
		expect(await saved(cardId)).toMatchObject({ title: 'Release notes are written by hand, late', problemAffected: 'Support, who answer the questions' });
	});

	it('saves nothing over a field someone else changed meanwhile: it shows both texts and names who changed it', async () => {
		const { cardId, live, draft, store } = await editing('Reviews wait a day');
		draft.draft.problemObserved = 'Mia: reviews wait 26 hours on average';
		draft.draft.problemFrequency = 'Every pull request';
		await leeChanges(cardId, { problemObserved: 'Lee: reviews wait a day' }, store);
		draft.follow(live());
		expect(draft.behind).toBe(true);

		await draft.save();
		expect(draft.conflict).toMatchObject({ keys: ['problemObserved'], theirs: { problemObserved: 'Lee: reviews wait a day' } });
		expect(draft.message).toEqual({ kind: 'error', text: 'Not saved yet: compare the texts above.' });
		expect(draft.draft.problemObserved).toBe('Mia: reviews wait 26 hours on average');
		expect(await until(() => draft.conflict?.names !== 'Someone' && draft.conflict?.names, 'who changed it')).toBe('Lee Park');
		expect(await saved(cardId)).toMatchObject({ problemObserved: 'Lee: reviews wait a day', problemFrequency: '' });

		// Re-applying sends Mia's text over Lee's; her other change goes with it.
		await draft.save();
		expect(draft.conflict).toBeNull();
		expect(draft.message?.kind).toBe('success');
		expect(await saved(cardId)).toMatchObject({ problemObserved: 'Mia: reviews wait 26 hours on average', problemFrequency: 'Every pull request' });
	});

	it('keeps their text for the fields in conflict only, when the person chooses theirs', async () => {
		const { cardId, live, draft, store } = await editing('Hotfixes skip review');
		draft.draft.problemObserved = 'Mia’s text';
		draft.draft.problemAffected = 'Customers on the old app';
		await leeChanges(cardId, { problemObserved: 'Lee’s text' }, store);
		draft.follow(live());
		await draft.save();
		expect(draft.conflict?.keys).toEqual(['problemObserved']);

		draft.keepTheirs();
		expect(draft.conflict).toBeNull();
		expect(draft.draft.problemObserved).toBe('Lee’s text');
		expect(draft.changed).toEqual(['problemAffected']);
	});

	it('merges and sends again when the server says it is stale but nobody touched the same fields', async () => {
		const { cardId, live, store } = await editing('Nobody owns the flaky tests');
		// Mia's panel has not heard of Lee's change yet: the draft still holds the card as it was.
		const before = live();
		const stale = new RecordDraft(() => before, writerFor(store), mia().userId);
		await leeChanges(cardId, { title: 'Nobody owns the flaky tests in CI' }, store);
		stale.draft.problemAffected = 'Every developer, twice a day';
		await stale.save();
		expect(stale.message).toEqual({ kind: 'success', text: 'Saved, alongside changes someone else made meanwhile.' });
		expect(await saved(cardId)).toMatchObject({ title: 'Nobody owns the flaky tests in CI', problemAffected: 'Every developer, twice a day' });
	});

	it('refuses text the record cannot take before sending anything, and saves the effort on its own', async () => {
		const { cardId, draft } = await editing('Effort is guessed');
		const version = (await saved(cardId)).version;
		draft.draft.effort = 'a lot';
		await draft.save();
		expect(draft.errors.effort).toEqual(['Give the effort as person-hours per week, from 0 to 1000.']);
		expect(draft.message).toEqual({ kind: 'error', text: 'Some fields need attention.' });
		expect((await saved(cardId)).version).toBe(version);

		draft.draft.effort = '6';
		await draft.save();
		expect(draft.errors).toEqual({});
		expect((await saved(cardId)).effort).toBe(6);
		expect(draft.changed).toEqual([]);
	});

	it('discards the person’s changes back to the card as saved', async () => {
		const { draft } = await editing('Standups run long');
		draft.draft.title = 'Standups run 25 minutes';
		draft.discard();
		expect(draft.draft.title).toBe('Standups run long');
		expect(draft.changed).toEqual([]);
	});
});
