import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { isoDateIn } from '../../domain/gates';
import { honouredOver, protectedHours, readSettings, type BoardSettingsView, type Capacity, type RaidView } from '../../domain/settings';
import { lastIsoWeeks } from '../../domain/weeks';
import type { DbOrTx } from '../db';
import { boards, members, raids, teamMembers, teams, users } from '../db/schema';

/** People whose time the team protects: its members (for leadership, the organisation's leaders). */
export async function teamCapacity(db: DbOrTx, boardId: string): Promise<Capacity & { timeZone: string }> {
	const [team] = await db
		.select({
			id: teams.id,
			organisationId: teams.organisationId,
			isLeadership: teams.isLeadership,
			protectedPercent: teams.protectedPercent,
			hoursPerWeek: teams.hoursPerWeek,
			timeZone: teams.timeZone
		})
		.from(boards)
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(eq(boards.id, boardId));
	if (!team) throw new Error(`no team for board ${boardId}`);
	const [people] = team.isLeadership
		? await db
				.select({ n: count() })
				.from(members)
				.where(and(eq(members.organisationId, team.organisationId), eq(members.role, 'leader')))
		: await db.select({ n: count() }).from(teamMembers).where(eq(teamMembers.teamId, team.id));
	return {
		people: Number(people?.n ?? 0),
		hoursPerWeek: team.hoursPerWeek,
		protectedPercent: team.protectedPercent,
		timeZone: team.timeZone
	};
}

/** A board's settings, capacity and protected time honoured over the last four ISO weeks. */
export async function loadBoardSettings(db: DbOrTx, boardId: string, at = new Date()): Promise<BoardSettingsView> {
	const [board] = await db.select({ settings: boards.settings }).from(boards).where(eq(boards.id, boardId));
	const capacity = await teamCapacity(db, boardId);
	const weeks = lastIsoWeeks(isoDateIn(capacity.timeZone, at), 4);
	const rows = await db
		.select({
			id: raids.id,
			week: raids.week,
			hours: raids.hours,
			reason: raids.reason,
			recordedAt: raids.recordedAt,
			userId: users.id,
			userName: users.name
		})
		.from(raids)
		.leftJoin(users, eq(users.id, raids.recordedBy))
		.where(and(eq(raids.boardId, boardId), inArray(raids.week, weeks)))
		.orderBy(desc(raids.recordedAt));
	return settingsView(
		board?.settings,
		capacity,
		weeks,
		rows.map((r) => ({
			id: r.id,
			week: r.week,
			hours: r.hours,
			reason: r.reason,
			recordedBy: r.userId && r.userName ? { id: r.userId, name: r.userName } : null,
			recordedAt: r.recordedAt.toISOString()
		}))
	);
}

/** The settings view from what is stored: `raids` are those of `weeks`, newest first. */
export function settingsView(
	stored: unknown,
	capacity: Capacity & { timeZone: string },
	weeks: readonly string[],
	raids: RaidView[]
): BoardSettingsView {
	const perWeek = protectedHours(capacity);
	return {
		...readSettings(stored),
		capacity: { ...capacity, protectedHours: perWeek },
		honoured: honouredOver(weeks, perWeek, raids),
		raids
	};
}

/** The people whose time the team protects, by name (everyone in the organisation may see them). */
export async function teamPeople(db: DbOrTx, boardId: string): Promise<string[]> {
	const [team] = await db
		.select({ id: teams.id, organisationId: teams.organisationId, isLeadership: teams.isLeadership })
		.from(boards)
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(eq(boards.id, boardId));
	if (!team) return [];
	const rows = team.isLeadership
		? await db
				.select({ name: users.name })
				.from(members)
				.innerJoin(users, eq(users.id, members.userId))
				.where(and(eq(members.organisationId, team.organisationId), eq(members.role, 'leader')))
		: await db
				.select({ name: users.name })
				.from(teamMembers)
				.innerJoin(users, eq(users.id, teamMembers.userId))
				.where(eq(teamMembers.teamId, team.id));
	return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b));
}
