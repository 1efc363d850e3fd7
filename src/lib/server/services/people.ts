import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import { changeRoleInput, removePersonInput, setPersonTeamsInput } from '../../domain/organisation';
import { ROLE_LABELS } from '../../domain/roles';
import { invalidateUserSessions } from '../auth/sessions';
import type { AppContext } from '../context';
import type { Tx } from '../db';
import { members, teamMembers, teams } from '../db/schema';
import { joinWords, recordAudit, teamNames } from './audit';
import { parseInput, ServiceError } from './errors';
import { findPerson, findTeams, refuseLeadershipTeam, requireAdmin, type ScopedPerson } from './organisations';

// People of the organisation: their role, their teams, and removal (admins).

/** Gives a person another role (admins). The organisation always keeps at least one admin. */
export async function changeRole(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(changeRoleInput, input);
	requireAdmin(actor);
	const changed = await ctx.db.transaction(async (tx) => {
		const person = await findPerson(tx, actor, data.userId);
		if (person.role === data.role) return false;
		if (person.role === 'admin') await refuseLastAdmin(tx, actor, person, 'change your role');
		await tx
			.update(members)
			.set({ role: data.role })
			.where(and(eq(members.organisationId, actor.organisationId), eq(members.userId, person.userId)));
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'person.role_changed',
			summary: `${actor.name} changed ${possessive(actor, person)} role from ${ROLE_LABELS[person.role]} to ${ROLE_LABELS[data.role]}`,
			details: { userId: person.userId, from: person.role, to: data.role }
		});
		return true;
	});
	if (changed) ctx.realtime.accessChanged(data.userId);
}

/** Makes exactly these teams the person's teams (admins). */
export async function setPersonTeams(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(setPersonTeamsInput, input);
	requireAdmin(actor);
	const changed = await ctx.db.transaction(async (tx) => {
		const person = await findPerson(tx, actor, data.userId);
		const chosen = await findTeams(tx, actor, data.teamIds);
		refuseLeadershipTeam(chosen, 'teamIds');
		const current = await tx
			.select({ id: teams.id, name: teams.name })
			.from(teamMembers)
			.innerJoin(teams, eq(teams.id, teamMembers.teamId))
			.where(and(eq(teamMembers.userId, person.userId), eq(teams.organisationId, actor.organisationId)));
		const joined = chosen.filter((team) => !current.some((c) => c.id === team.id));
		const left = current.filter((team) => !data.teamIds.includes(team.id));
		if (joined.length === 0 && left.length === 0) return false;
		if (joined.length) {
			await tx
				.insert(teamMembers)
				.values(joined.map((team) => ({ teamId: team.id, userId: person.userId })))
				.onConflictDoNothing();
		}
		if (left.length) {
			await tx.delete(teamMembers).where(
				and(
					eq(teamMembers.userId, person.userId),
					inArray(
						teamMembers.teamId,
						left.map((team) => team.id)
					)
				)
			);
		}
		const parts = [];
		if (joined.length) parts.push(`added to ${teamNames(joined)}`);
		if (left.length) parts.push(`taken off ${teamNames(left)}`);
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'person.teams_changed',
			summary: `${actor.name} changed ${possessive(actor, person)} teams: ${joinWords(parts, '')}`,
			details: { userId: person.userId, joined: joined.map((t) => t.id), left: left.map((t) => t.id) }
		});
		return true;
	});
	if (changed) ctx.realtime.accessChanged(data.userId);
}

/**
 * Takes a person out of the organisation (admins): membership, team memberships and every session
 * end in one transaction; then their open sockets are dropped. Their account itself stays.
 */
export async function removePerson(
	ctx: AppContext,
	actor: Actor,
	input: unknown
): Promise<{ name: string }> {
	const data = parseInput(removePersonInput, input);
	requireAdmin(actor);
	const { ended, name } = await ctx.db.transaction(async (tx) => {
		const person = await findPerson(tx, actor, data.userId);
		if (person.role === 'admin') await refuseLastAdmin(tx, actor, person, 'leave');
		const teamsOfOrganisation = tx
			.select({ id: teams.id })
			.from(teams)
			.where(eq(teams.organisationId, actor.organisationId));
		await tx
			.delete(teamMembers)
			.where(and(eq(teamMembers.userId, person.userId), inArray(teamMembers.teamId, teamsOfOrganisation)));
		await tx
			.delete(members)
			.where(and(eq(members.organisationId, actor.organisationId), eq(members.userId, person.userId)));
		const ended = await invalidateUserSessions(tx, person.userId);
		const who = person.userId === actor.userId ? 'themselves' : person.name;
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'person.removed',
			summary: `${actor.name} removed ${who} (${ROLE_LABELS[person.role]}) from the organisation`,
			details: { userId: person.userId, role: person.role, sessionsEnded: ended.length }
		});
		return { ended, name: person.name };
	});
	ctx.realtime.sessionsEnded(ended);
	ctx.realtime.accessChanged(data.userId);
	return { name };
}

/**
 * Refuses to take away the organisation's last admin. The admins' rows are locked first, so two admins
 * demoting each other at the same instant cannot both succeed.
 */
async function refuseLastAdmin(
	tx: Tx,
	actor: Actor,
	person: ScopedPerson,
	selfAction: 'change your role' | 'leave'
) {
	const admins = await tx
		.select({ userId: members.userId })
		.from(members)
		.where(and(eq(members.organisationId, actor.organisationId), eq(members.role, 'admin')))
		.for('update');
	if (admins.length <= 1) {
		const message =
			person.userId === actor.userId
				? `You are the organisation’s only admin: make someone else an admin before you ${selfAction}.`
				: `${person.name} is the organisation’s only admin: make someone else an admin first.`;
		throw new ServiceError('conflict', message);
	}
}

function possessive(actor: Actor, person: ScopedPerson): string {
	return person.userId === actor.userId ? 'their own' : `${person.name}’s`;
}
