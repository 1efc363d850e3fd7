import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { COLUMNS, LANES } from '../../src/lib/domain/board';
import type { CardView } from '../../src/lib/domain/events';
import { gatesOnTheWay, isoDateIn } from '../../src/lib/domain/gates';
import { loadActor } from '../../src/lib/server/auth/actor';
import { RateLimits } from '../../src/lib/server/rate-limit/limits';
import type { AppContext } from '../../src/lib/server/context';
import { boardEvents, boards, organisations, teams, users } from '../../src/lib/server/db/schema';
import { DEMO_CARDS, DEMO_ORGANISATION_NAME, DEMO_PEOPLE, DEMO_TEAMS } from '../../src/lib/server/demo/content';
import { planDemo } from '../../src/lib/server/demo/plan';
import { DEMO_PASSWORD, demoAccounts, seedDemo, type SeededDemo } from '../../src/lib/server/demo/seed';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { signIn } from '../../src/lib/server/services/accounts';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { finalColumn } from '../helpers/demo';

const DAY_MS = 24 * 60 * 60 * 1000;

interface SeededBoard {
	boardId: string;
	teamId: string;
	name: string;
	isLeadership: boolean;
	timeZone: string;
	cards: CardView[];
}

let database: TestDatabase;
let ctx: AppContext;
let now: Date;
let seeded: SeededDemo;
let seededBoards: SeededBoard[];

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	now = new Date();
	seeded = await seedDemo(ctx, { now });
	const rows = await ctx.db
		.select({
			boardId: boards.id,
			teamId: teams.id,
			name: teams.name,
			isLeadership: teams.isLeadership,
			timeZone: teams.timeZone
		})
		.from(teams)
		.innerJoin(boards, eq(boards.teamId, teams.id))
		.where(eq(teams.organisationId, seeded.organisationId))
		.orderBy(asc(teams.name));
	seededBoards = [];
	for (const row of rows) {
		seededBoards.push({ ...row, cards: (await loadBoardSnapshot(ctx.db, row.boardId)).cards });
	}
}, 180_000);

afterAll(async () => {
	await database?.close();
});

const teamBoards = () => seededBoards.filter((b) => !b.isLeadership);
const leadershipBoard = () => seededBoards.find((b) => b.isLeadership)!;
/** Cards that belong to a board (not the ones linked onto it from another team). */
const homeCards = (board: SeededBoard) => board.cards.filter((c) => c.homeBoardId === board.boardId);
const active = (cards: CardView[]) => cards.filter((c) => c.status === 'active');

describe('the demo organisation', () => {
	it('has the leadership board and three teams', () => {
		expect(seededBoards).toHaveLength(4);
		expect(seededBoards.filter((b) => b.isLeadership)).toHaveLength(1);
		expect(teamBoards().map((b) => b.name).sort()).toEqual(DEMO_TEAMS.map((t) => t.name).sort());
		expect(active(homeCards(leadershipBoard())).length).toBeGreaterThanOrEqual(3);
	});

	it('fills every column and every lane of the team boards', () => {
		const cards = teamBoards().flatMap((b) => active(homeCards(b)));
		expect(cards.length).toBeGreaterThanOrEqual(36);
		expect(new Set(cards.map((c) => c.column))).toEqual(new Set(COLUMNS));
		expect(new Set(cards.map((c) => c.lane))).toEqual(new Set(LANES));
		for (const board of teamBoards()) {
			const own = active(homeCards(board));
			expect(own.length, board.name).toBeGreaterThanOrEqual(10);
			expect(new Set(own.map((c) => c.column)), board.name).toEqual(new Set(COLUMNS));
		}
		// System-level barriers on several teams, and a duplicate archived.
		expect(cards.filter((c) => c.lane === 'system').length).toBeGreaterThanOrEqual(6);
		const archived = teamBoards().flatMap((b) => homeCards(b)).filter((c) => c.status === 'archived');
		expect(archived.length).toBeGreaterThanOrEqual(1);
	});

	it('ends every card in the column its content says, with its record filled in', () => {
		const all = seededBoards.flatMap(homeCards);
		expect(all).toHaveLength(DEMO_CARDS.length);
		for (const spec of DEMO_CARDS) {
			const card = all.find((c) => c.title === spec.title);
			expect(card, spec.title).toBeDefined();
			expect(card!.column, spec.title).toBe(finalColumn(spec));
			expect(card!.status, spec.title).toBe(spec.archived ? 'archived' : 'active');
			expect(card!.owners.length, spec.title).toBe(spec.owners.length);
			expect(card!.evidence.length, spec.title).toBe(spec.evidence?.length ?? 0);
			expect(card!.commentCount, spec.title).toBe(spec.comments?.length ?? 0);
		}
	});

	it('satisfies every gate on the way to each card’s column', () => {
		const failures: string[] = [];
		for (const board of seededBoards) {
			const today = isoDateIn(board.timeZone, now);
			for (const card of active(board.cards)) {
				const missing = gatesOnTheWay('problem', card.column, card, today);
				if (missing.length) failures.push(`${board.name} / ${card.title}: ${missing.map((m) => m.message).join(' ')}`);
				if (card.column === 'adopted' && !card.decision.trim()) failures.push(`${card.title}: no decision`);
				for (const entry of card.evidence) {
					// Evidence is gathered once the time box has started, never before.
					if (!card.timeboxStart || entry.createdAt.slice(0, 10) < card.timeboxStart) {
						failures.push(`${card.title}: evidence before the time box started`);
					}
				}
			}
		}
		expect(failures).toEqual([]);
	});

	it('has weeks of history, recorded in time order', async () => {
		const boardIds = seededBoards.map((b) => b.boardId);
		const events = await ctx.db
			.select({ boardId: boardEvents.boardId, seq: boardEvents.seq, at: boardEvents.at, type: boardEvents.type })
			.from(boardEvents)
			.where(inArray(boardEvents.boardId, boardIds))
			.orderBy(asc(boardEvents.boardId), asc(boardEvents.seq));
		const times = events.map((e) => e.at.getTime());
		const first = Math.min(...times);
		const last = Math.max(...times);
		expect(last - first).toBeGreaterThanOrEqual(14 * DAY_MS);
		expect(last).toBeLessThan(now.getTime());
		expect([...new Set(events.map((e) => e.type))]).toEqual(
			expect.arrayContaining(['card.created', 'card.moved', 'card.evidence_added', 'card.commented', 'card.archived'])
		);
		for (let i = 1; i < events.length; i++) {
			const [a, b] = [events[i - 1]!, events[i]!];
			if (a.boardId === b.boardId) expect(b.at.getTime()).toBeGreaterThanOrEqual(a.at.getTime());
		}
		for (const card of seededBoards.flatMap(homeCards)) {
			const age = now.getTime() - Date.parse(card.createdAt);
			expect(age, card.title).toBeGreaterThanOrEqual(13 * DAY_MS);
			expect(age, card.title).toBeLessThanOrEqual(60 * DAY_MS);
			// It entered its current column after it was created, and that is what the board shows.
			expect(Date.parse(card.columnEnteredAt[card.column]!), card.title).toBeGreaterThanOrEqual(Date.parse(card.createdAt));
		}
	});

	it('shows cross-team cards on the boards of the teams they link', () => {
		const linked = teamBoards().flatMap((b) => active(homeCards(b))).filter((c) => c.linkedTeams.length > 0);
		expect(linked.length).toBeGreaterThanOrEqual(3);
		expect(linked.length).toBeLessThanOrEqual(5);
		for (const card of linked) {
			expect(card.lane, card.title).toBe('cross_team');
			for (const team of card.linkedTeams) {
				const board = seededBoards.find((b) => b.teamId === team.id)!;
				const there = board.cards.find((c) => c.id === card.id);
				expect(there, `${card.title} on ${board.name}`).toBeDefined();
				expect(there!.lane).toBe('cross_team');
				expect(there!.column).toBe(card.column);
			}
		}
		// Each team records its own share of a shared experiment's effort.
		const shared = linked.filter((c) => c.column !== 'problem' && c.column !== 'hypothesis');
		expect(shared.length).toBeGreaterThanOrEqual(1);
		for (const card of shared) expect(card.totalEffort, card.title).toBeGreaterThan(card.effort);
	});

	it('refuses to seed the demo twice', async () => {
		const error = await seedDemo(ctx, { now }).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ServiceError);
		expect((error as ServiceError).code).toBe('conflict');
		expect((error as ServiceError).message).toContain('ada@demo.catchball.dev');
		// Nothing of the refused seed is left behind: still one demo organisation.
		const [row] = await ctx.db
			.select({ n: count() })
			.from(organisations)
			.where(eq(organisations.name, DEMO_ORGANISATION_NAME));
		expect(Number(row!.n)).toBe(1);
	});

	it('lists accounts that sign in with the right roles and teams', async () => {
		expect(seeded.accounts).toEqual(demoAccounts());
		const roles = seeded.accounts.map((a) => a.role);
		expect(roles).toEqual(expect.arrayContaining(['admin', 'leader', 'member', 'viewer']));
		for (const team of DEMO_TEAMS) expect(seeded.accounts.some((a) => a.team === team.name), team.name).toBe(true);

		const everyone = demoAccounts({ everyone: true });
		expect(everyone).toHaveLength(DEMO_PEOPLE.length);
		const rows = await ctx.db
			.select({ id: users.id, email: users.email })
			.from(users)
			.where(inArray(users.email, everyone.map((a) => a.email)));
		for (const account of everyone) {
			const user = rows.find((r) => r.email === account.email);
			expect(user, account.email).toBeDefined();
			const actor = await loadActor(ctx.db, user!.id);
			expect(actor?.organisationId, account.email).toBe(seeded.organisationId);
			expect(actor?.role, account.email).toBe(account.role);
			const teamNames = seededBoards.filter((b) => actor!.teamIds.includes(b.teamId)).map((b) => b.name);
			expect(teamNames.join(', '), account.email).toBe(account.team ?? '');
		}
		const limits = new RateLimits();
		for (const account of seeded.accounts) {
			const session = await signIn(ctx.db, { email: account.email, password: DEMO_PASSWORD }, { limits });
			expect(session.userId).toBe(rows.find((r) => r.email === account.email)!.id);
		}
	});
});

describe('the demo plan', () => {
	it('fits whatever day of the week it is seeded on', () => {
		for (let day = 0; day < 7; day++) {
			const at = new Date(now.getTime() + day * DAY_MS);
			const plan = planDemo(at);
			expect(plan.steps.every((s) => s.at < at)).toBe(true);
			expect(plan.invitedAt.getTime()).toBeLessThan(plan.steps[0]!.at.getTime());
			const today = at.toISOString().slice(0, 10);
			for (const card of DEMO_CARDS) {
				const box = plan.timeboxes.get(card.key);
				if (!box) continue;
				expect(box.end > box.start, card.title).toBe(true);
				// Cards that reached Evidence had a time box that had started by then.
				if (card.evidenceAt !== undefined) expect(box.start <= today, card.title).toBe(true);
			}
		}
	});

	it('lets only people who may write a board act on its cards', () => {
		const writers = (card: (typeof DEMO_CARDS)[number]) => {
			const boardsOfCard = [card.board, ...(card.linked?.teams ?? [])];
			return DEMO_PEOPLE.filter(
				(p) =>
					p.role === 'admin' ||
					p.role === 'leader' ||
					(p.role === 'member' && boardsOfCard.some((b) => b !== 'leadership' && p.teams.includes(b)))
			).map((p) => p.key);
		};
		for (const card of DEMO_CARDS) {
			const allowed = writers(card);
			const actors = [
				card.by,
				...card.owners.slice(0, 1),
				...(card.evidence ?? []).map((e) => e.by),
				...(card.comments ?? []).map((c) => c.by),
				...Object.values(card.experiment?.shares ?? {}).map((share) => share.by),
				...(card.adopted ? [card.adopted.by] : []),
				...(card.revisited ? [card.revisited.by] : []),
				...(card.archived ? [card.archived.by] : [])
			];
			for (const actor of actors) expect(allowed, `${actor} on ${card.title}`).toContain(actor);
		}
	});
});
