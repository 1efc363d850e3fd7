import { and, eq } from 'drizzle-orm';
import type { OrganisationView } from '../../domain/organisation-view';
import { effortInUse } from '../../domain/limits';
import type { DbOrTx } from '../db';
import { boards, teams } from '../db/schema';
import { loadBoardSettings } from './board-settings';
import { loadBoardCards } from './cards';

const RECENT_ADOPTION_DAYS = 30;

/**
 * The organisation at a glance (for leaders and wall displays): System lane barriers across teams and
 * how long each has waited on leadership, each team's protected time honoured, experiments against the
 * Experiment limit and capacity in use, and recent adoptions with the evidence that supported them.
 */
export async function organisationView(db: DbOrTx, organisationId: string, now = new Date()): Promise<OrganisationView> {
	const teamRows = await db
		.select({ teamId: teams.id, name: teams.name, isLeadership: teams.isLeadership, boardId: boards.id })
		.from(teams)
		.innerJoin(boards, eq(boards.teamId, teams.id))
		.where(and(eq(teams.organisationId, organisationId)))
		.orderBy(teams.isLeadership, teams.name);
	const view: OrganisationView = { teams: [], barriers: [], adoptions: [], boardIds: teamRows.map((t) => t.boardId) };
	const adoptedSince = new Date(now.getTime() - RECENT_ADOPTION_DAYS * 86_400_000).toISOString();
	for (const team of teamRows) {
		const [cards, settings] = await Promise.all([loadBoardCards(db, team.boardId), loadBoardSettings(db, team.boardId, now)]);
		const active = cards.filter((c) => c.status === 'active');
		view.teams.push({
			teamId: team.teamId,
			boardId: team.boardId,
			name: team.name,
			isLeadership: team.isLeadership,
			honoured: settings.honoured,
			experiments: { count: active.filter((c) => c.column === 'experiment').length, limit: settings.columnLimits.experiment ?? null },
			capacity: { inUse: effortInUse(active), protectedHours: settings.capacity.protectedHours, hard: settings.capacityHard }
		});
		// Cards count on their own team only (a linked card shows on other boards too).
		const own = active.filter((c) => c.homeBoardId === team.boardId);
		for (const card of own.filter((c) => c.lane === 'system')) {
			const waiting = card.catchball?.state === 'in_air' && card.catchball.court.isLeadership;
			view.barriers.push({
				cardId: card.id,
				title: card.title,
				team: team.name,
				column: card.column,
				createdAt: card.createdAt,
				catchball: card.catchball,
				waitingOnLeadershipSince: waiting ? card.catchball!.since : null
			});
		}
		for (const card of own.filter((c) => c.column === 'adopted' && (c.columnEnteredAt.adopted ?? '') >= adoptedSince)) {
			view.adoptions.push({
				cardId: card.id,
				title: card.title,
				team: team.name,
				adoptedAt: card.columnEnteredAt.adopted!,
				decisionRationale: card.decisionRationale,
				evidence: card.evidence.filter((e) => e.verdict === 'supports')
			});
		}
	}
	// Longest waiting on leadership first, then the rest by age.
	view.barriers.sort((a, b) => {
		if (a.waitingOnLeadershipSince && b.waitingOnLeadershipSince) return a.waitingOnLeadershipSince < b.waitingOnLeadershipSince ? -1 : 1;
		if (a.waitingOnLeadershipSince || b.waitingOnLeadershipSince) return a.waitingOnLeadershipSince ? -1 : 1;
		return a.createdAt < b.createdAt ? -1 : 1;
	});
	view.adoptions.sort((a, b) => (a.adoptedAt < b.adoptedAt ? 1 : -1));
	return view;
}
