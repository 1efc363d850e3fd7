import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardSettingsSchema } from '../../src/lib/domain/settings';
import { isoWeekOf } from '../../src/lib/domain/weeks';
import { describeEvent } from '../../src/lib/domain/history';
import { ackOf, executeCardCommand, executeCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { eventsSince, loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

let database: TestDatabase;
let ctx: AppContext;
let org: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	org = await seedOrganisation(ctx, {
		teams: ['Ops'],
		people: [
			{ name: 'Max', role: 'member', teams: ['Ops'] },
			{ name: 'Nia', role: 'member', teams: ['Ops'] },
			{ name: 'Lou', role: 'leader' },
			{ name: 'Vee', role: 'viewer' }
		]
	});
});

afterAll(async () => {
	await database?.close();
});

const board = () => org.teams.Ops!.boardId;
const max = () => org.people.Max!.actor;

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ServiceError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

async function configure(settings: object, capacity = { protectedPercent: 15, hoursPerWeek: 40 }, who = org.people.Lou!.actor) {
	return executeCommand(ctx, who, {
		type: 'board.configure',
		boardId: board(),
		settings: boardSettingsSchema.parse(settings),
		...capacity,
		timeZone: 'Europe/London'
	});
}

describe('team settings', () => {
	it('only leaders and admins configure; members are refused and nothing changes', async () => {
		const error = await refusal(configure({ gateMode: 'advisory' }, undefined, max()));
		expect(error.code).toBe('forbidden');
		expect((await loadBoardSnapshot(ctx.db, board())).settings.gateMode).toBe('strict');
	});

	it('derives protected capacity in person-hours per week and records the change in the log', async () => {
		const result = await configure({ gateMode: 'strict' }, { protectedPercent: 20, hoursPerWeek: 40 });
		const event = result.events[0]!;
		expect(event.type).toBe('board.configured');
		const snapshot = await loadBoardSnapshot(ctx.db, board());
		// Max and Nia are the team: 2 × 40 h × 20% = 16 person-hours a week.
		expect(snapshot.settings.capacity).toMatchObject({ people: 2, protectedPercent: 20, protectedHours: 16, timeZone: 'Europe/London' });
	});

	it('refuses malformed limits with field errors', async () => {
		const error = await refusal(
			executeCommand(ctx, org.people.Lou!.actor, {
				type: 'board.configure',
				boardId: board(),
				settings: { gateMode: 'strict', cellLimits: { 'experiment:team': { limit: -1, hard: true } } },
				protectedPercent: 150,
				hoursPerWeek: 40,
				timeZone: 'Mars/Olympus'
			})
		);
		expect(error.code).toBe('invalid_input');
		expect(Object.keys(error.fieldErrors)).toEqual(
			expect.arrayContaining(['settings.cellLimits.experiment:team.limit', 'protectedPercent', 'timeZone'])
		);
	});
});

describe('advisory gates and soft limits', () => {
	it('lets a move through advisory gates and records what was missing', async () => {
		await configure({ gateMode: 'advisory' });
		const card = await executeCardCommand(ctx, max(), { type: 'card.create', boardId: board(), title: 'Skip ahead' });
		const moved = await executeCardCommand(ctx, max(), {
			type: 'card.move',
			boardId: board(),
			cardId: card.cardId,
			version: card.card.version,
			column: 'experiment',
			lane: 'team',
			index: 0
		});
		const event = moved.events[0]!;
		expect(event.type === 'card.moved' && event.warnings?.gates.map((g) => g.field)).toEqual(
			expect.arrayContaining(['problemObserved', 'hypothesisBelieve', 'experimentPlan'])
		);
	});

	it('allows a move over a soft limit and records the breach', async () => {
		await configure({ gateMode: 'advisory', columnLimits: { hypothesis: { limit: 0, hard: false } } });
		const card = await executeCardCommand(ctx, max(), { type: 'card.create', boardId: board(), title: 'Over the soft limit' });
		const moved = await executeCardCommand(ctx, max(), {
			type: 'card.move',
			boardId: board(),
			cardId: card.cardId,
			version: card.card.version,
			column: 'hypothesis',
			lane: 'team',
			index: 0
		});
		const event = moved.events[0]!;
		expect(event.type === 'card.moved' && event.warnings?.limits).toEqual([
			expect.objectContaining({ kind: 'column', hard: false, limit: 0, value: 1 })
		]);
		// The person who moved it is told (the ack), and so is whoever reads the history.
		expect(ackOf(moved).warnings?.[board()]?.limits.map((b) => b.message)).toEqual(['Hypothesis allows 0 cards; this would make 1.']);
		expect(describeEvent(event)).toMatch(/moved "Over the soft limit" from Problem to Hypothesis\. Advisory gates let it through without: Describe the problem.+ Over a soft limit: Hypothesis allows 0 cards/);
	});

	it('records soft breaches of new cards, raised effort and restored cards too', async () => {
		await configure({ gateMode: 'strict', cellLimits: { 'problem:team': { limit: 0, hard: false } } });
		const created = await executeCardCommand(ctx, max(), { type: 'card.create', boardId: board(), title: 'Into a full cell' });
		const [createdEvent] = created.events;
		expect(createdEvent?.type === 'card.created' && createdEvent.warnings?.limits.map((b) => b.kind)).toEqual(['cell']);
		await executeCardCommand(ctx, max(), { type: 'card.archive', cardId: created.cardId });
		const restored = await executeCardCommand(ctx, max(), { type: 'card.restore', cardId: created.cardId });
		expect(describeEvent(restored.events[0]!)).toMatch(/restored "Into a full cell" to Problem\. Over a soft limit: Problem × Team allows 0 cards; this would make 1\./);
	});

	it('lets quick add create in a later column only when gates are advisory', async () => {
		await configure({ gateMode: 'strict' });
		const strict = await refusal(
			executeCommand(ctx, max(), { type: 'card.create', boardId: board(), title: 'Straight to evidence', column: 'evidence' })
		);
		expect(strict.code).toBe('gate_blocked');
		await configure({ gateMode: 'advisory' });
		const advisory = await executeCardCommand(ctx, max(), {
			type: 'card.create',
			boardId: board(),
			title: 'Straight to evidence',
			column: 'evidence'
		});
		expect(advisory.card.column).toBe('evidence');
	});
});

describe('raids and protected time honoured', () => {
	it('records a raid, shows it in the log and lowers the honoured share', async () => {
		await configure({ gateMode: 'strict' }, { protectedPercent: 25, hoursPerWeek: 40 }); // 2 × 40 × 25% = 20 h a week
		const week = isoWeekOf(new Date().toISOString().slice(0, 10));
		const result = await executeCommand(ctx, org.people.Nia!.actor, {
			type: 'board.record_raid',
			boardId: board(),
			week,
			hours: 8,
			reason: 'Release freeze fire-fighting'
		});
		const event = result.events[0]!;
		expect(event.type).toBe('board.raid_recorded');
		const { settings } = await loadBoardSnapshot(ctx.db, board());
		expect(settings.honoured).toMatchObject({ protectedHours: 80, raidedHours: 8 });
		expect(settings.honoured.ratio).toBeCloseTo(0.9);
		expect(settings.raids[0]).toMatchObject({ hours: 8, reason: 'Release freeze fire-fighting', recordedBy: { name: 'Nia' } });
		const log = await eventsSince(ctx.db, board(), event.seq - 1);
		expect(log[0]!.type).toBe('board.raid_recorded');
	});

	it('refuses raids from viewers and with bad input, changing nothing', async () => {
		const before = (await loadBoardSnapshot(ctx.db, board())).settings.raids.length;
		const viewer = await refusal(
			executeCommand(ctx, org.people.Vee!.actor, { type: 'board.record_raid', boardId: board(), week: '2026-W47', hours: 2, reason: 'x' })
		);
		expect(viewer.code).toBe('forbidden');
		const bad = await refusal(
			executeCommand(ctx, max(), { type: 'board.record_raid', boardId: board(), week: '2026-47', hours: 0, reason: '  ' })
		);
		expect(Object.keys(bad.fieldErrors).sort()).toEqual(['hours', 'reason', 'week']);
		expect((await loadBoardSnapshot(ctx.db, board())).settings.raids.length).toBe(before);
	});
});

describe('closing as learned', () => {
	it('needs evidence and what was learned, then moves the card to the Learned shelf; restore brings it back', async () => {
		await configure({ gateMode: 'advisory' });
		const card = await executeCardCommand(ctx, max(), { type: 'card.create', boardId: board(), title: 'Refuted idea' });
		const moved = await executeCardCommand(ctx, max(), {
			type: 'card.move',
			boardId: board(),
			cardId: card.cardId,
			version: card.card.version,
			column: 'evidence',
			lane: 'team',
			index: 0
		});
		const noEvidence = await refusal(
			executeCommand(ctx, max(), { type: 'card.close_learned', cardId: card.cardId, learned: 'It did not help' })
		);
		expect(noEvidence.code).toBe('gate_blocked');
		expect(noEvidence.fieldErrors.evidence).toBeDefined();
		await executeCardCommand(ctx, max(), {
			type: 'card.add_evidence',
			cardId: card.cardId,
			kind: 'measurement',
			summary: 'Lead time unchanged',
			verdict: 'refutes'
		});
		const blank = await refusal(executeCommand(ctx, max(), { type: 'card.close_learned', cardId: card.cardId, learned: '   ' }));
		expect(blank.fieldErrors.learned).toBeDefined();
		const closed = await executeCardCommand(ctx, max(), {
			type: 'card.close_learned',
			cardId: card.cardId,
			learned: 'Batch size was not the constraint; approvals were.'
		});
		expect(closed.card).toMatchObject({ status: 'learned', learned: 'Batch size was not the constraint; approvals were.' });
		expect(closed.events[0]!.type).toBe('card.learned');
		const restored = await executeCardCommand(ctx, max(), { type: 'card.restore', cardId: card.cardId });
		expect(restored.card).toMatchObject({ status: 'active', column: moved.card.column });
	});
});
