import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import type { BoardEvent } from '../../src/lib/domain/events';
import type { AppContext } from '../../src/lib/server/context';
import { boardEvents, cards } from '../../src/lib/server/db/schema';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { eventsSince, loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { NUL_MESSAGE } from '../../src/lib/domain/text';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;
let other: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Payments', 'Platform'],
		people: [
			{ name: 'Mia', role: 'member', teams: ['Payments'] },
			{ name: 'Pat', role: 'member', teams: ['Platform'] },
			{ name: 'Vic', role: 'viewer' },
			{ name: 'Lee', role: 'leader' }
		]
	});
	other = await seedOrganisation(ctx, { teams: ['Elsewhere'] });
});

afterAll(async () => {
	await database?.close();
});

const mia = () => org.people.Mia!.actor;
const payments = () => org.teams.Payments!.boardId;
const platform = () => org.teams.Platform!.boardId;

async function create(title: string, boardId = payments(), actor = mia()) {
	return executeCardCommand(ctx, actor, { type: 'card.create', boardId, title });
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ServiceError) return error;
		throw error;
	}
	throw new Error('expected the command to be refused');
}

async function cellTitles(boardId: string, column: string, lane: string) {
	const { cards: all } = await loadBoardSnapshot(ctx.db, boardId);
	return all
		.filter((c) => c.status === 'active' && c.column === column && c.lane === lane)
		.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1))
		.map((c) => c.title);
}

async function eventCount(boardId: string) {
	const [row] = await ctx.db.select({ n: count() }).from(boardEvents).where(eq(boardEvents.boardId, boardId));
	return Number(row!.n);
}

/** Fills in everything the gates up to Experiment need, through the command path. */
async function readyForExperiment(cardId: string) {
	const card = (await loadBoardSnapshot(ctx.db, payments())).cards.find((c) => c.id === cardId)!;
	const updated = await executeCardCommand(ctx, mia(), {
		type: 'card.update',
		cardId,
		version: card.version,
		changes: {
			problemObserved: 'Releases wait two days for a manual approval.',
			category: 'policy_delay',
			hypothesisBelieve: 'Pre-approving low-risk changes',
			hypothesisResult: 'will cut lead time by a day',
			hypothesisSignal: 'median lead time drops below 2 days',
			experimentPlan: 'Pre-approve config-only changes for four weeks.',
			timeboxStart: '2020-01-06',
			timeboxEnd: '2020-02-03'
		}
	});
	return executeCardCommand(ctx, mia(), { type: 'card.set_effort', boardId: payments(), cardId, effort: 4 }).then(
		() => updated
	);
}

describe('creating and ordering cards', () => {
	it('creates a card in Problem and appends one event with the next seq', async () => {
		const before = await eventCount(payments());
		const result = await create('Flaky deploys');
		expect(result.card).toMatchObject({ title: 'Flaky deploys', column: 'problem', lane: 'team', version: 1 });
		expect(result.events).toHaveLength(1);
		expect(result.events[0]).toMatchObject({ type: 'card.created', boardId: payments(), seq: before + 1 });
		expect(result.events[0]!.actor?.name).toBe('Mia');
	});

	it('keeps order exactly when moving within and between cells', async () => {
		const a = await create('Order A');
		const b = await create('Order B');
		const c = await create('Order C');
		const titles = () => cellTitles(payments(), 'problem', 'system');
		for (const card of [a, b, c]) {
			await executeCardCommand(ctx, mia(), {
				type: 'card.move',
				boardId: payments(),
				cardId: card.cardId,
				version: card.card.version,
				column: 'problem',
				lane: 'system',
				index: 99
			});
		}
		expect(await titles()).toEqual(['Order A', 'Order B', 'Order C']);
		const snapshot = await loadBoardSnapshot(ctx.db, payments());
		const cNow = snapshot.cards.find((x) => x.id === c.cardId)!;
		await executeCardCommand(ctx, mia(), {
			type: 'card.move',
			boardId: payments(),
			cardId: c.cardId,
			version: cNow.version,
			column: 'problem',
			lane: 'system',
			index: 0
		});
		expect(await titles()).toEqual(['Order C', 'Order A', 'Order B']);
	});

	it('refuses a blank title with a field error and writes nothing', async () => {
		const before = await eventCount(payments());
		const error = await refusal(create('   '));
		expect(error.code).toBe('invalid_input');
		expect(error.fieldErrors.title).toBeDefined();
		expect(await eventCount(payments())).toBe(before);
	});

	it('refuses text holding U+0000, which PostgreSQL cannot store, with a field error and writes nothing', async () => {
		const card = await create('Clean words');
		const before = await eventCount(payments());
		const created = await refusal(create('Flaky\u0000deploys'));
		expect(created.code).toBe('invalid_input');
		expect(created.fieldErrors).toEqual({ title: [NUL_MESSAGE] });
		const updated = await refusal(
			executeCardCommand(ctx, mia(), {
				type: 'card.update',
				cardId: card.cardId,
				version: card.card.version,
				changes: { problemObserved: 'Releases wait\u0000two days.' }
			})
		);
		expect(updated.code).toBe('invalid_input');
		expect(updated.fieldErrors).toEqual({ 'changes.problemObserved': [NUL_MESSAGE] });
		expect(await eventCount(payments())).toBe(before);
		const [row] = await ctx.db.select().from(cards).where(eq(cards.id, card.cardId));
		expect(row).toMatchObject({ title: 'Clean words', problemObserved: '', version: card.card.version });
	});
});

describe('gates and versions', () => {
	it('refuses a forward move that skips a gate, naming every missing field', async () => {
		const card = await create('Gate me');
		const error = await refusal(
			executeCardCommand(ctx, mia(), {
				type: 'card.move',
				boardId: payments(),
				cardId: card.cardId,
				version: 1,
				column: 'experiment',
				lane: 'team',
				index: 0
			})
		);
		expect(error.code).toBe('gate_blocked');
		expect(Object.keys(error.fieldErrors)).toEqual(
			expect.arrayContaining(['problemObserved', 'category', 'hypothesisBelieve', 'experimentPlan', 'effort'])
		);
		const [row] = await ctx.db.select().from(cards).where(eq(cards.id, card.cardId));
		expect(row!.column).toBe('problem');
	});

	it('lets a ready card move forward and back, recording when it entered each column', async () => {
		const card = await create('Ready card');
		const updated = await readyForExperiment(card.cardId);
		const snapshot = await loadBoardSnapshot(ctx.db, payments());
		const current = snapshot.cards.find((c) => c.id === card.cardId)!;
		expect(current.version).toBeGreaterThan(updated.card.version - 1);
		const moved = await executeCardCommand(ctx, mia(), {
			type: 'card.move',
			boardId: payments(),
			cardId: card.cardId,
			version: current.version,
			column: 'experiment',
			lane: 'team',
			index: 0
		});
		expect(moved.card.column).toBe('experiment');
		expect(moved.card.columnEnteredAt.experiment).toBeDefined();
		const back = await executeCardCommand(ctx, mia(), {
			type: 'card.move',
			boardId: payments(),
			cardId: card.cardId,
			version: moved.card.version,
			column: 'problem',
			lane: 'team',
			index: 0
		});
		expect(back.card.column).toBe('problem');
	});

	it('undoes a move: the card is back with the days it had in that column, and only the mover may undo it', async () => {
		const card = await create('Undo me');
		const enteredProblem = card.card.columnEnteredAt.problem!;
		const move = (version: number, column: 'problem' | 'hypothesis', extra: object = {}, actor = mia()) =>
			executeCardCommand(ctx, actor, { type: 'card.move', boardId: payments(), cardId: card.cardId, version, column, lane: 'system', index: 0, ...extra });
		const moved = await move(card.card.version, 'problem');
		// Someone else may not undo Mia's move, and an undo must go back where the move came from.
		expect((await refusal(move(moved.card.version, 'problem', { undoes: moved.events[0]!.seq }, org.people.Lee!.actor))).code).toBe('conflict');
		expect((await refusal(move(moved.card.version, 'hypothesis', { undoes: moved.events[0]!.seq }))).code).toBe('conflict');

		const toHypothesis = await executeCardCommand(ctx, mia(), {
			type: 'card.update',
			cardId: card.cardId,
			version: moved.card.version,
			changes: { problemObserved: 'Seen', category: 'other' }
		});
		const forward = await move(toHypothesis.card.version, 'hypothesis');
		expect(forward.card.columnEnteredAt.hypothesis).not.toBe(enteredProblem);
		const undo = await move(forward.card.version, 'problem', { undoes: forward.events[0]!.seq });
		const event = undo.events[0]!;
		expect(event).toMatchObject({ type: 'card.moved', undoes: forward.events[0]!.seq, enteredAt: enteredProblem });
		expect(undo.card.column).toBe('problem');
		expect(undo.card.columnEnteredAt.problem).toBe(enteredProblem);
		// Undoing it twice is refused: the card has changed since that move.
		expect((await refusal(move(undo.card.version, 'problem', { undoes: forward.events[0]!.seq }))).code).toBe('conflict');
	});

	it('refuses a stale edit and returns the current card', async () => {
		const card = await create('Shared words');
		await executeCardCommand(ctx, mia(), {
			type: 'card.update',
			cardId: card.cardId,
			version: 1,
			changes: { problemObserved: 'First words' }
		});
		const error = await refusal(
			executeCardCommand(ctx, org.people.Lee!.actor, {
				type: 'card.update',
				cardId: card.cardId,
				version: 1,
				changes: { problemObserved: 'Overwriting words' }
			})
		);
		expect(error.code).toBe('stale');
		expect((error.details as { card: { problemObserved: string } }).card.problemObserved).toBe('First words');
		const [row] = await ctx.db.select().from(cards).where(eq(cards.id, card.cardId));
		expect(row!.problemObserved).toBe('First words');
	});
});

describe('authorisation', () => {
	it('refuses viewers, members of other teams and other organisations, changing nothing', async () => {
		const card = await create('Guarded');
		const before = await eventCount(payments());
		const viewer = await refusal(create('Nope', payments(), org.people.Vic!.actor));
		expect(viewer.code).toBe('forbidden');
		const otherTeam = await refusal(
			executeCardCommand(ctx, org.people.Pat!.actor, {
				type: 'card.update',
				cardId: card.cardId,
				version: 1,
				changes: { title: 'Hijacked' }
			})
		);
		expect(otherTeam.code).toBe('forbidden');
		const foreign = await refusal(
			executeCardCommand(ctx, other.admin.actor, {
				type: 'card.update',
				cardId: card.cardId,
				version: 1,
				changes: { title: 'Hijacked' }
			})
		);
		expect(foreign.code).toBe('not_found');
		const foreignBoard = await refusal(create('Into their board', payments(), other.admin.actor));
		expect(foreignBoard.code).toBe('not_found');
		expect(await eventCount(payments())).toBe(before);
	});

	it('lets a leader write any team board', async () => {
		const result = await create('Leader note', platform(), org.people.Lee!.actor);
		expect(result.card.homeTeam.name).toBe('Platform');
	});
});

describe('cross-team cards', () => {
	it('shows a linked card on both boards, appends to both logs, and lets the linked team move it', async () => {
		const card = await create('Shared dependency');
		const platformBefore = await eventCount(platform());
		const linked = await executeCardCommand(ctx, mia(), {
			type: 'card.set_linked_teams',
			cardId: card.cardId,
			teamIds: [org.teams.Platform!.teamId]
		});
		expect(linked.events.map((e) => e.boardId).sort()).toEqual([payments(), platform()].sort());
		expect(await eventCount(platform())).toBe(platformBefore + 1);
		const onPlatform = (await loadBoardSnapshot(ctx.db, platform())).cards.find((c) => c.id === card.cardId)!;
		expect(onPlatform.lane).toBe('cross_team');
		expect(onPlatform.linkedTeams.map((t) => t.name)).toEqual(['Platform']);

		// A Platform member may now move it on their board, within the Cross-team lane only.
		const pat = org.people.Pat!.actor;
		const laneError = await refusal(
			executeCardCommand(ctx, pat, {
				type: 'card.move',
				boardId: platform(),
				cardId: card.cardId,
				version: onPlatform.version,
				column: 'problem',
				lane: 'team',
				index: 0
			})
		);
		expect(laneError.code).toBe('invalid_input');
		const moved = await executeCardCommand(ctx, pat, {
			type: 'card.move',
			boardId: platform(),
			cardId: card.cardId,
			version: onPlatform.version,
			column: 'problem',
			lane: 'cross_team',
			index: 0
		});
		expect(moved.events).toHaveLength(2);

		const unlinked = await executeCardCommand(ctx, mia(), {
			type: 'card.set_linked_teams',
			cardId: card.cardId,
			teamIds: []
		});
		expect(unlinked.events.find((e) => e.boardId === platform())?.type).toBe('card.unlinked');
		const gone = (await loadBoardSnapshot(ctx.db, platform())).cards.find((c) => c.id === card.cardId);
		expect(gone).toBeUndefined();
	});
});

describe('event log', () => {
	it('keeps each board log gap-free and replayable from any seq', async () => {
		const all = await eventsSince(ctx.db, payments(), 0, 10_000);
		expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
		const tail = await eventsSince(ctx.db, payments(), all.length - 2);
		expect(tail.map((e) => e.seq)).toEqual([all.length - 1, all.length]);
		expect(tail[0]!.actor?.name).toBeTruthy();
	});

	it('archives and restores a card, keeping it out of the columns while archived', async () => {
		const card = await create('Duplicate');
		await executeCardCommand(ctx, mia(), { type: 'card.archive', cardId: card.cardId });
		expect(await cellTitles(payments(), 'problem', 'team')).not.toContain('Duplicate');
		const restored = await executeCardCommand(ctx, mia(), { type: 'card.restore', cardId: card.cardId });
		expect(restored.card.status).toBe('active');
		expect(await cellTitles(payments(), 'problem', 'team')).toContain('Duplicate');
	});
});

describe('commands that arrive together', () => {
	it('commit as one group: each is checked on its own, a refused one changes nothing, all are broadcast in seq order', async () => {
		const a = await create('Group A');
		const b = await create('Group B');
		const c = await create('Group C');
		const published: BoardEvent[][] = [];
		const recording = { db: ctx.db, realtime: { ...silentHub, publishBoardEvents: (events: readonly BoardEvent[]) => void published.push([...events]) } };
		const before = await eventCount(payments());
		const move = (card: typeof a, index: number, version = card.card.version, actor = mia()) =>
			executeCommand(recording, actor, {
				type: 'card.move',
				boardId: payments(),
				cardId: card.cardId,
				version,
				column: 'problem',
				lane: 'system',
				index
			});

		// Sent in one turn, as five people's moves reach the server together.
		const outcomes = await Promise.allSettled([
			move(a, 0),
			move(b, 0, b.card.version + 1), // made on a version that does not exist: stale
			move(c, 0),
			move(b, 0, b.card.version, org.people.Vic!.actor), // a viewer
			move(b, 1)
		]);

		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
		const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as ServiceError).code : 'ok'));
		expect(codes).toEqual(['ok', 'stale', 'ok', 'forbidden', 'ok']);
		// Each accepted move saw the ones before it: C went in front of A, then B between them.
		const cell = await cellTitles(payments(), 'problem', 'system');
		expect(cell.slice(0, 3)).toEqual(['Group C', 'Group B', 'Group A']);
		// Three events with consecutive seqs, no hole where the refused ones were, each broadcast once, in
		// order: a client applies them as they come, with no gap to catch up on.
		expect(await eventCount(payments())).toBe(before + 3);
		const seqs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value.events.map((e) => e.seq) : []));
		expect(seqs).toEqual([before + 1, before + 2, before + 3]);
		expect(published.flat().map((e) => e.seq)).toEqual(seqs);
		const log = await eventsSince(ctx.db, payments(), 0, 10_000);
		expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
	});

	it('runs each command of a group alone when the group fails for another reason than a refusal', async () => {
		// A real failure inside the database, for one title only: the group's transaction is lost.
		await ctx.db.execute(sql`
			create or replace function fail_on_explode() returns trigger language plpgsql as $$
			begin
				if new.title = 'Explode' then raise exception 'injected failure'; end if;
				return new;
			end $$`);
		await ctx.db.execute(sql`create trigger fail_on_explode before insert on cards for each row execute function fail_on_explode()`);
		try {
			const published: BoardEvent[][] = [];
			const recording = { db: ctx.db, realtime: { ...silentHub, publishBoardEvents: (events: readonly BoardEvent[]) => void published.push([...events]) } };
			const before = await eventCount(payments());
			const outcomes = await Promise.allSettled(
				['Fallback A', 'Explode', 'Fallback B'].map((title) => executeCommand(recording, mia(), { type: 'card.create', boardId: payments(), title }))
			);
			expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
			const failure = (outcomes[1] as PromiseRejectedResult).reason as Error;
			expect(failure).not.toBeInstanceOf(ServiceError);
			expect(String(failure.cause)).toContain('injected failure');
			expect(await eventCount(payments())).toBe(before + 2);
			// Run one by one: each broadcast once, in seq order, and nothing of the failed one.
			expect(published.flat().map((e) => e.seq)).toEqual([before + 1, before + 2]);
			const titles = (await loadBoardSnapshot(ctx.db, payments())).cards.map((c) => c.title);
			expect(titles).toEqual(expect.arrayContaining(['Fallback A', 'Fallback B']));
			expect(titles).not.toContain('Explode');
		} finally {
			await ctx.db.execute(sql`drop trigger fail_on_explode on cards`);
			await ctx.db.execute(sql`drop function fail_on_explode()`);
		}
	});
});
