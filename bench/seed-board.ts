// The board of bench:board: an organisation with a team whose board holds `cards` cards, full records
// spread over every cell, seeded through the real services (seedOrganisation, executeCommand).
import { CATEGORIES, COLUMNS, type Column, type Lane } from '../src/lib/domain/board';
import type { Actor } from '../src/lib/domain/access';
import { executeCommand } from '../src/lib/server/commands/service';
import type { AppContext } from '../src/lib/server/context';
import { seedOrganisation, type SeededOrganisation } from '../tests/helpers/fixtures';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * One card through the real command service, filled in as far as its column's gates need and moved
 * there: created in Problem, its record written, effort and evidence added, then moved.
 */
async function seedCard(
	ctx: AppContext,
	actor: Actor,
	i: number,
	where: { boardId: string; column: Column; lane: Lane; linkTo?: string; ownerId: string }
): Promise<void> {
	const { boardId, column, lane } = where;
	const stage = COLUMNS.indexOf(column);
	const created = await executeCommand(ctx, actor, {
		type: 'card.create',
		boardId,
		title: `Bench card ${i + 1}: release approvals wait on a weekly meeting`,
		lane
	});
	const cardId = created.cardId;
	let version = created.card!.version;
	const changes: Record<string, unknown> = {
		category: CATEGORIES[i % CATEGORIES.length],
		problemObserved: `Changes wait a median of ${3 + (i % 5)} days for approval before release.`,
		problemAffected: 'Every product team shipping to production.',
		problemFrequency: 'Weekly'
	};
	if (stage >= 1) {
		Object.assign(changes, {
			hypothesisBelieve: 'We believe that letting teams approve their own low-risk changes',
			hypothesisResult: 'will result in shorter lead times without more incidents.',
			hypothesisSignal: 'We will know when lead time halves and change failure rate holds.'
		});
	}
	if (stage >= 2) {
		Object.assign(changes, {
			experimentPlan: 'Two teams self-approve changes below the risk threshold for four weeks.',
			experimentBoundary: 'Only changes with automated rollback.',
			timeboxStart: isoDay(-14),
			timeboxEnd: isoDay(14)
		});
	}
	if (stage >= 4) {
		Object.assign(changes, { decision: 'Adopt', decisionRationale: 'Lead time fell by 60% with no change in failures.' });
	}
	version = (await executeCommand(ctx, actor, { type: 'card.update', cardId, version, changes })).card!.version;
	if (i % 4 === 0) {
		version = (await executeCommand(ctx, actor, { type: 'card.set_owners', cardId, userIds: [where.ownerId] })).card!.version;
	}
	if (stage >= 2) {
		version = (await executeCommand(ctx, actor, { type: 'card.set_effort', boardId, cardId, effort: 2 + (i % 6) })).card!.version;
	}
	if (stage >= 4) {
		version = (
			await executeCommand(ctx, actor, {
				type: 'card.add_evidence',
				cardId,
				kind: 'measurement',
				summary: 'Lead time over the time box',
				before: '5 days',
				after: '2 days',
				verdict: 'supports'
			})
		).card!.version;
	}
	if (i % 7 === 0) {
		version = (await executeCommand(ctx, actor, { type: 'card.comment', cardId, body: 'Checked with the change board.' })).card!.version;
	}
	if (stage > 0) await executeCommand(ctx, actor, { type: 'card.move', boardId, cardId, version, column, lane, index: 0 });
	if (where.linkTo) await executeCommand(ctx, actor, { type: 'card.set_linked_teams', cardId, teamIds: [where.linkTo] });
}

/**
 * Home cards over the Team and System lanes of every column; `linked` more from a second team (Partner)
 * linked to this one, so they show in its Cross-team lane. A few cards are seeded at once (each command
 * is its own transaction). The person `Reader` (a member of the team) is the one to sign in as.
 */
export async function seedBoard(
	ctx: AppContext,
	cards: number,
	linked: number
): Promise<{ org: SeededOrganisation; bench: { teamId: string; boardId: string } }> {
	const org = await seedOrganisation(ctx, {
		name: 'Board bench',
		teams: ['Bench', 'Partner'],
		people: [{ name: 'Reader', role: 'member', teams: ['Bench'] }]
	});
	const bench = org.teams.Bench!;
	const partner = org.teams.Partner!;
	const ownerId = org.people.Reader!.actor.userId;
	const jobs = Array.from({ length: cards }, (_, i) => () => {
		const isLinked = i >= cards - linked;
		const column = COLUMNS[i % COLUMNS.length]!;
		return isLinked
			? seedCard(ctx, org.admin.actor, i, { boardId: partner.boardId, column, lane: 'team', linkTo: bench.teamId, ownerId })
			: seedCard(ctx, org.admin.actor, i, { boardId: bench.boardId, column, lane: Math.floor(i / 5) % 2 ? 'system' : 'team', ownerId });
	});
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < jobs.length) await jobs[next++]!();
		})
	);
	return { org, bench };
}
