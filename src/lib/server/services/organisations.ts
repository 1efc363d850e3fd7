import { isUniqueViolation } from '../db/errors';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { canManageOrganisation, type Actor } from '../../domain/access';
import { createOrganisationInput, firstRunInput } from '../../domain/organisation';
import type { Role } from '../../domain/roles';
import type { Db, DbOrTx, Tx } from '../db';
import { boards, members, organisations, teams, users } from '../db/schema';
import { registerUser } from './accounts';
import { quoted, recordAudit } from './audit';
import { parseInput, ServiceError } from './errors';

export const LEADERSHIP_TEAM_NAME = 'Leadership';

export interface Founder {
	id: string;
	name: string;
}

export interface CreatedOrganisation {
	organisationId: string;
	leadershipTeamId: string;
	leadershipBoardId: string;
}

/**
 * A signed-in person without an organisation creates one: they become its admin, and it gets its
 * leadership team with the leadership board.
 */
export async function createOrganisation(
	db: Db,
	user: Founder,
	input: unknown
): Promise<CreatedOrganisation> {
	const data = parseInput(createOrganisationInput, input);
	try {
		return await db.transaction(async (tx) => {
			const [membership] = await tx
				.select({ organisationId: members.organisationId })
				.from(members)
				.where(eq(members.userId, user.id));
			if (membership) throw alreadyInOrganisation();
			return found(tx, user, data.organisationName);
		});
	} catch (error) {
		// The same person creating two organisations at once: the unique membership decides.
		if (isUniqueViolation(error)) throw alreadyInOrganisation();
		throw error;
	}
}

export function alreadyInOrganisation(): ServiceError {
	return new ServiceError(
		'conflict',
		'You already belong to an organisation; a person belongs to one organisation only.'
	);
}

/**
 * First run of an empty installation: creates the first admin's account and the organisation in one
 * transaction. Refused once any organisation exists (people then join by invite, or sign up first).
 */
export async function createFirstOrganisation(
	db: Db,
	input: unknown
): Promise<CreatedOrganisation & { user: { id: string; email: string; name: string } }> {
	const data = parseInput(firstRunInput, input);
	return db.transaction(async (tx) => {
		// Two first runs at the same instant: the second waits here, then sees the first's organisation.
		await tx.execute(sql`lock table ${organisations} in share row exclusive mode`);
		const [existing] = await tx.select({ id: organisations.id }).from(organisations).limit(1);
		if (existing) {
			throw new ServiceError(
				'conflict',
				'This Catchball already has an organisation. Sign in, or ask its admin for an invite link.'
			);
		}
		const user = await registerUser(tx, { name: data.name, email: data.email, password: data.password });
		const created = await found(tx, user, data.organisationName);
		return { ...created, user };
	});
}

async function found(tx: Tx, user: Founder, name: string): Promise<CreatedOrganisation> {
	const [organisation] = await tx
		.insert(organisations)
		.values({ name })
		.returning({ id: organisations.id });
	const organisationId = organisation!.id;
	await tx.insert(members).values({ organisationId, userId: user.id, role: 'admin' });
	const [team] = await tx
		.insert(teams)
		.values({ organisationId, name: LEADERSHIP_TEAM_NAME, isLeadership: true })
		.returning({ id: teams.id });
	const [board] = await tx
		.insert(boards)
		.values({ organisationId, teamId: team!.id })
		.returning({ id: boards.id });
	await recordAudit(tx, {
		organisationId,
		actorId: user.id,
		action: 'organisation.created',
		summary: `${user.name} created the organisation ${quoted(name)} and became its admin`,
		details: { organisationId, leadershipTeamId: team!.id }
	});
	return { organisationId, leadershipTeamId: team!.id, leadershipBoardId: board!.id };
}

/** Only admins manage the organisation, its teams and its people. */
export function requireAdmin(actor: Actor): void {
	if (!canManageOrganisation(actor)) {
		throw new ServiceError('forbidden', 'Only an admin of the organisation can do this.');
	}
}

export interface ScopedTeam {
	id: string;
	organisationId: string;
	name: string;
	isLeadership: boolean;
}

/** The actor's organisation's team; another organisation's (or no) team is not_found, never revealed. */
export async function findTeam(db: DbOrTx, actor: Actor, teamId: string): Promise<ScopedTeam> {
	const [team] = await findTeams(db, actor, [teamId]);
	return team!;
}

/** The teams named, all of the actor's organisation, in the order asked; any other id is not_found. */
export async function findTeams(
	db: DbOrTx,
	actor: Actor,
	teamIds: readonly string[]
): Promise<ScopedTeam[]> {
	if (teamIds.length === 0) return [];
	const rows = await db
		.select({
			id: teams.id,
			organisationId: teams.organisationId,
			name: teams.name,
			isLeadership: teams.isLeadership
		})
		.from(teams)
		.where(and(eq(teams.organisationId, actor.organisationId), inArray(teams.id, [...teamIds])));
	const byId = new Map(rows.map((row) => [row.id, row]));
	return teamIds.map((id) => {
		const team = byId.get(id);
		if (!team) throw new ServiceError('not_found', 'That team does not exist.');
		return team;
	});
}

/** Leaders are leadership by their role: nobody is put on the leadership team by hand. */
export function refuseLeadershipTeam(list: readonly ScopedTeam[], field: string): void {
	const leadership = list.find((team) => team.isLeadership);
	if (leadership) {
		const message = `People join ${quoted(leadership.name)} by having the Leader role, not as team members.`;
		throw new ServiceError('invalid_input', message, { [field]: [message] });
	}
}

export interface ScopedPerson {
	userId: string;
	name: string;
	role: Role;
}

/** People of the actor's organisation, in the order asked; anybody else is not_found, never revealed. */
export async function findPeople(
	db: DbOrTx,
	actor: Actor,
	userIds: readonly string[]
): Promise<ScopedPerson[]> {
	if (userIds.length === 0) return [];
	const rows = await db
		.select({ userId: members.userId, name: users.name, role: members.role })
		.from(members)
		.innerJoin(users, eq(users.id, members.userId))
		.where(and(eq(members.organisationId, actor.organisationId), inArray(members.userId, [...userIds])));
	const byId = new Map(rows.map((row) => [row.userId, row]));
	return userIds.map((id) => {
		const person = byId.get(id);
		if (!person) throw new ServiceError('not_found', 'That person is not in this organisation.');
		return person;
	});
}

export async function findPerson(db: DbOrTx, actor: Actor, userId: string): Promise<ScopedPerson> {
	const [person] = await findPeople(db, actor, [userId]);
	return person!;
}

/** PostgreSQL's unique_violation, however the driver (postgres.js, PGlite) and drizzle wrap it. */
export { isUniqueViolation };
