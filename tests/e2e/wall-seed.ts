// Seeds a PGlite data folder for a wall display test, while no server has it open (PGlite is
// single-process): `tsx tests/e2e/wall-seed.ts <dataDir> [--demo]`. Prints one line of JSON.
//
// Default: an organisation with a team "Wall Team", a leader and a member (session tokens for cookies),
// five cards in Problem and a team wall link. With --demo: the demo organisation, a few limits and a
// raid so breaches show, and a team, a rotation and an organisation wall link (names shown and hidden).
import { and, eq } from 'drizzle-orm';
import { loadActor } from '../../src/lib/server/auth/actor';
import { createSession } from '../../src/lib/server/auth/sessions';
import { executeCommand } from '../../src/lib/server/commands/service';
import type { AppContext } from '../../src/lib/server/context';
import { openDatabase } from '../../src/lib/server/db/client';
import { cards, members, teams, users } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { loadBoardSettings } from '../../src/lib/server/queries/board-settings';
import { boards } from '../../src/lib/server/db/schema';
import { createWallLink } from '../../src/lib/server/services/walls';
import { lastIsoWeeks } from '../../src/lib/domain/weeks';
import { isoDateIn } from '../../src/lib/domain/gates';
import { seedOrganisation } from '../helpers/fixtures';

const [dataDir, ...rest] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: tsx tests/e2e/wall-seed.ts <dataDir> [--demo]');

const database = await openDatabase({ dataDir });
const ctx: AppContext = { db: database.db, realtime: silentHub };

async function plain() {
	const org = await seedOrganisation(ctx, {
		name: 'Wall Restart Org',
		teams: ['Wall Team'],
		people: [
			{ name: 'Lee Leader', role: 'leader' },
			{ name: 'Mo Member', role: 'member', teams: ['Wall Team'] }
		]
	});
	const team = org.teams['Wall Team']!;
	const mo = org.people['Mo Member']!;
	const cards: { id: string; version: number }[] = [];
	for (let i = 1; i <= 5; i++) {
		const created = await executeCommand(ctx, mo.actor, { type: 'card.create', boardId: team.boardId, title: `Restart card ${i}` });
		cards.push({ id: created.cardId!, version: created.card!.version });
	}
	const link = await createWallLink(ctx, org.people['Lee Leader']!.actor, { name: 'Restart TV', scope: 'team', teamIds: [team.teamId] });
	return { token: link.token, path: link.path, teamId: team.teamId, boardId: team.boardId, memberToken: mo.token, cards };
}

async function demo() {
	await seedDemo(ctx);
	const [leader] = await ctx.db
		.select({ id: users.id })
		.from(members)
		.innerJoin(users, eq(users.id, members.userId))
		.where(eq(members.role, 'leader'))
		.limit(1);
	const actor = (await loadActor(ctx.db, leader!.id))!;
	const rows = await ctx.db
		.select({ id: teams.id, name: teams.name, isLeadership: teams.isLeadership, boardId: boards.id, timeZone: teams.timeZone })
		.from(teams)
		.innerJoin(boards, eq(boards.teamId, teams.id))
		.where(eq(teams.organisationId, actor.organisationId));
	const work = rows.filter((t) => !t.isLeadership).sort((a, b) => a.name.localeCompare(b.name));
	// Limits tight enough to be broken (soft) and a raid, so a wall shows breaches.
	for (const team of work.slice(0, 2)) {
		const settings = await loadBoardSettings(ctx.db, team.boardId);
		await executeCommand(ctx, actor, {
			type: 'board.configure',
			boardId: team.boardId,
			settings: {
				gateMode: settings.gateMode,
				columnLimits: { experiment: { limit: 1, hard: false } },
				cellLimits: { 'problem:team': { limit: 2, hard: false }, 'hypothesis:team': { limit: 4, hard: false } },
				capacityHard: false
			},
			protectedPercent: 5,
			hoursPerWeek: settings.capacity.hoursPerWeek,
			timeZone: settings.capacity.timeZone
		});
		const week = lastIsoWeeks(isoDateIn(team.timeZone), 4)[1]!;
		await executeCommand(ctx, actor, { type: 'board.record_raid', boardId: team.boardId, week, hours: 12, reason: 'Release crunch' });
	}
	// A crowded cell (over its limit, more cards than fit) and a barrier waiting on leadership.
	const claims = work[0]!;
	for (let i = 1; i <= 5; i++) {
		await executeCommand(ctx, actor, { type: 'card.create', boardId: claims.boardId, title: `Extra problem ${i}: the nightly export times out under load` });
	}
	const leadership = rows.find((t) => t.isLeadership)!;
	const [barrier] = await ctx.db
		.select({ id: cards.id })
		.from(cards)
		.where(and(eq(cards.boardId, claims.boardId), eq(cards.lane, 'system'), eq(cards.status, 'active')))
		.limit(1);
	if (barrier) {
		await executeCommand(ctx, actor, {
			type: 'catchball.throw',
			cardId: barrier.id,
			toTeamId: leadership.id,
			message: 'We cannot change this policy ourselves.',
			ask: 'Decide whether teams may approve their own low-risk changes.'
		});
	}
	const make = async (name: string, scope: 'team' | 'rotation' | 'organisation', teamIds: string[], more: object = {}) =>
		(await createWallLink(ctx, actor, { name, scope, teamIds, ...more })).path;
	return {
		team: await make('Claims corridor TV', 'team', [work[0]!.id]),
		teamLight: await make('Claims obeya (light)', 'team', [work[0]!.id], { theme: 'light' }),
		teamNoNames: await make('Claims lobby (no names)', 'team', [work[0]!.id], { showNames: false }),
		rotation: await make('Floor 3 rotation', 'rotation', work.map((t) => t.id), { rotateSeconds: 20 }),
		organisation: await make('Leadership obeya', 'organisation', []),
		organisationLight: await make('Leadership obeya (light)', 'organisation', [], { theme: 'light', showNames: false }),
		leader: (await createSession(ctx.db, leader!.id)).token
	};
}

try {
	const result = rest.includes('--demo') ? await demo() : await plain();
	process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
	await database.close();
}
