import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { canReadTeam, canWriteTeam, type Actor } from '../../domain/access';
import { inviteStatus, type InviteStatus } from '../../domain/organisation';
import type { Role } from '../../domain/roles';
import type { DbOrTx } from '../db';
import { auditEntries, boards, invites, members, organisations, teamMembers, teams, users } from '../db/schema';
import { requireAdmin } from '../services/organisations';
import { findInviteByToken } from '../services/invites';

/** Read models for the home and admin pages, always scoped to the actor's own organisation. */

export async function hasAnyOrganisation(db: DbOrTx): Promise<boolean> {
	const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
	return !!row;
}

export async function organisationOf(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }> {
	const [row] = await db
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(eq(organisations.id, actor.organisationId));
	return row!;
}

export interface TeamSummary {
	id: string;
	name: string;
	isLeadership: boolean;
	timeZone: string;
	boardId: string;
	/** Team members; for the leadership team, the organisation's leaders. */
	memberCount: number;
	/** The actor belongs to it (a leader belongs to the leadership team). */
	isMine: boolean;
	canWrite: boolean;
}

/** Every team of the actor's organisation with its board: leadership first, then by name. */
export async function teamsOf(db: DbOrTx, actor: Actor): Promise<TeamSummary[]> {
	const rows = await db
		.select({
			id: teams.id,
			organisationId: teams.organisationId,
			name: teams.name,
			isLeadership: teams.isLeadership,
			timeZone: teams.timeZone,
			boardId: boards.id
		})
		.from(teams)
		.innerJoin(boards, eq(boards.teamId, teams.id))
		.where(eq(teams.organisationId, actor.organisationId))
		.orderBy(desc(teams.isLeadership), asc(teams.name));
	const memberCounts = new Map<string, number>();
	if (rows.length) {
		const counted = await db
			.select({ teamId: teamMembers.teamId, n: count() })
			.from(teamMembers)
			.where(inArray(teamMembers.teamId, rows.map((row) => row.id)))
			.groupBy(teamMembers.teamId);
		for (const row of counted) memberCounts.set(row.teamId, row.n);
	}
	const [leaders] = await db
		.select({ n: count() })
		.from(members)
		.where(and(eq(members.organisationId, actor.organisationId), eq(members.role, 'leader')));
	return rows.filter((team) => canReadTeam(actor, team)).map((team) => ({
		id: team.id,
		name: team.name,
		isLeadership: team.isLeadership,
		timeZone: team.timeZone,
		boardId: team.boardId,
		memberCount: team.isLeadership ? (leaders?.n ?? 0) : (memberCounts.get(team.id) ?? 0),
		isMine: team.isLeadership ? actor.role === 'leader' : actor.teamIds.includes(team.id),
		canWrite: canWriteTeam(actor, team)
	}));
}

export interface PersonSummary {
	userId: string;
	name: string;
	email: string;
	role: Role;
	joinedAt: Date;
	teams: { id: string; name: string }[];
}

/** The organisation's people with their roles and teams, by name (admins). */
export async function peopleOf(db: DbOrTx, actor: Actor): Promise<PersonSummary[]> {
	requireAdmin(actor);
	const rows = await db
		.select({
			userId: members.userId,
			name: users.name,
			email: users.email,
			role: members.role,
			joinedAt: members.joinedAt
		})
		.from(members)
		.innerJoin(users, eq(users.id, members.userId))
		.where(eq(members.organisationId, actor.organisationId))
		.orderBy(asc(users.name), asc(users.email));
	const memberships = await db
		.select({ userId: teamMembers.userId, id: teams.id, name: teams.name })
		.from(teamMembers)
		.innerJoin(teams, eq(teams.id, teamMembers.teamId))
		.where(eq(teams.organisationId, actor.organisationId))
		.orderBy(asc(teams.name));
	return rows.map((row) => ({
		...row,
		teams: memberships.filter((m) => m.userId === row.userId).map(({ id, name }) => ({ id, name }))
	}));
}

export interface InviteSummary {
	id: string;
	role: Role;
	teams: { id: string; name: string }[];
	createdByName: string | null;
	createdAt: Date;
	expiresAt: Date;
	status: InviteStatus;
	acceptedByName: string | null;
}

/** The organisation's invites, newest first (admins). Links cannot be shown again: only hashes are kept. */
export async function invitesOf(db: DbOrTx, actor: Actor, now = new Date()): Promise<InviteSummary[]> {
	requireAdmin(actor);
	const rows = await db
		.select({
			id: invites.id,
			role: invites.role,
			teamIds: invites.teamIds,
			createdBy: invites.createdBy,
			acceptedBy: invites.acceptedBy,
			createdAt: invites.createdAt,
			expiresAt: invites.expiresAt,
			acceptedAt: invites.acceptedAt,
			revokedAt: invites.revokedAt
		})
		.from(invites)
		.where(eq(invites.organisationId, actor.organisationId))
		.orderBy(desc(invites.createdAt));
	const teamNames = await teamNamesOf(db, actor);
	const personIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.acceptedBy]).filter((id) => id !== null))];
	const names = new Map(
		personIds.length
			? (
					await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds))
				).map((u) => [u.id, u.name])
			: []
	);
	return rows.map((row) => ({
		id: row.id,
		role: row.role,
		teams: row.teamIds.flatMap((id) => (teamNames.has(id) ? [{ id, name: teamNames.get(id)! }] : [])),
		createdByName: row.createdBy ? (names.get(row.createdBy) ?? null) : null,
		createdAt: row.createdAt,
		expiresAt: row.expiresAt,
		status: inviteStatus(row, now),
		acceptedByName: row.acceptedBy ? (names.get(row.acceptedBy) ?? null) : null
	}));
}

async function teamNamesOf(db: DbOrTx, actor: Actor): Promise<Map<string, string>> {
	const rows = await db
		.select({ id: teams.id, name: teams.name })
		.from(teams)
		.where(eq(teams.organisationId, actor.organisationId));
	return new Map(rows.map((row) => [row.id, row.name]));
}

export interface AuditLine {
	id: string;
	at: Date;
	actorName: string | null;
	action: string;
	summary: string;
}

/** The organisation's audit log, newest first (admins); `offset` pages back through older entries. */
export async function auditLogOf(
	db: DbOrTx,
	actor: Actor,
	options: { limit?: number; offset?: number } = {}
): Promise<AuditLine[]> {
	requireAdmin(actor);
	return db
		.select({
			id: auditEntries.id,
			at: auditEntries.at,
			actorName: users.name,
			action: auditEntries.action,
			summary: auditEntries.summary
		})
		.from(auditEntries)
		.leftJoin(users, eq(users.id, auditEntries.actorId))
		.where(eq(auditEntries.organisationId, actor.organisationId))
		.orderBy(desc(auditEntries.at), desc(auditEntries.id))
		.limit(options.limit ?? 100)
		.offset(options.offset ?? 0);
}

export interface InvitePreview {
	organisationName: string;
	role: Role;
	teams: string[];
	inviterName: string | null;
	expiresAt: Date;
	status: InviteStatus;
}

/** What an invite link offers, for the page it opens; null when the link is not a real invite. */
export async function invitePreview(db: DbOrTx, token: string, now = new Date()): Promise<InvitePreview | null> {
	const invite = await findInviteByToken(db, token);
	if (!invite) return null;
	const teamRows = invite.teamIds.length
		? await db
				.select({ name: teams.name })
				.from(teams)
				.where(and(eq(teams.organisationId, invite.organisationId), inArray(teams.id, invite.teamIds)))
				.orderBy(asc(teams.name))
		: [];
	return {
		organisationName: invite.organisationName,
		role: invite.role,
		teams: teamRows.map((t) => t.name),
		inviterName: invite.inviterName,
		expiresAt: invite.expiresAt,
		status: inviteStatus(invite, now)
	};
}
