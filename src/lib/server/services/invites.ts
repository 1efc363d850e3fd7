import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import {
	acceptInviteAsUserInput,
	acceptInviteWithAccountInput,
	createInviteInput,
	inviteStatus,
	revokeInviteInput,
	type AcceptInviteInput
} from '../../domain/organisation';
import { ROLE_LABELS, type Role } from '../../domain/roles';
import { constantTimeEqual, hashSecret, newToken, splitToken } from '../auth/tokens';
import type { AppContext } from '../context';
import type { DbOrTx, Tx } from '../db';
import { invites, members, organisations, teamMembers, teams, users } from '../db/schema';
import { registerUser } from './accounts';
import { recordAudit, teamNames } from './audit';
import { parseInput, ServiceError } from './errors';
import { alreadyInOrganisation, findTeams, isUniqueViolation, refuseLeadershipTeam, requireAdmin } from './organisations';

// Invite links: made and withdrawn by admins, accepted by a new or signed-in person who joins the
// organisation with the invite's role and teams.

const DAY_MS = 24 * 60 * 60 * 1000;

export function invitePath(token: string): string {
	return `/invite/${token}`;
}

/** An invite link carrying a role and teams (admins). Only a hash of its secret is stored. */
export async function createInvite(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<{ inviteId: string; token: string; path: string; expiresAt: Date }> {
	const data = parseInput(createInviteInput, input);
	requireAdmin(actor);
	const { id, token, secretHash } = newToken();
	const expiresAt = new Date(now.getTime() + data.expiresInDays * DAY_MS);
	await ctx.db.transaction(async (tx) => {
		const chosen = await findTeams(tx, actor, data.teamIds);
		refuseLeadershipTeam(chosen, 'teamIds');
		await tx.insert(invites).values({
			id,
			organisationId: actor.organisationId,
			secretHash,
			role: data.role,
			teamIds: data.teamIds,
			createdBy: actor.userId,
			createdAt: now,
			expiresAt
		});
		const days = data.expiresInDays === 1 ? '1 day' : `${data.expiresInDays} days`;
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'invite.created',
			summary: `${actor.name} created an invite link for ${aRole(data.role)} on ${teamNames(chosen)}, valid for ${days}`,
			details: { inviteId: id, role: data.role, teamIds: data.teamIds, expiresAt: expiresAt.toISOString() }
		});
	});
	return { inviteId: id, token, path: invitePath(token), expiresAt };
}

/** Withdraws an invite that has not been used (admins). Revoking twice changes nothing. */
export async function revokeInvite(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<void> {
	const data = parseInput(revokeInviteInput, input);
	requireAdmin(actor);
	await ctx.db.transaction(async (tx) => {
		const [invite] = await tx
			.select()
			.from(invites)
			.where(and(eq(invites.id, data.inviteId), eq(invites.organisationId, actor.organisationId)))
			.for('update');
		if (!invite) throw new ServiceError('not_found', 'That invite does not exist.');
		if (invite.acceptedAt) throw new ServiceError('conflict', 'This invite has already been used.');
		if (invite.revokedAt) return;
		await tx.update(invites).set({ revokedAt: now }).where(eq(invites.id, invite.id));
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'invite.revoked',
			summary: `${actor.name} revoked an invite link for ${aRole(invite.role)}`,
			details: { inviteId: invite.id }
		});
	});
}

/**
 * Joins the invite's organisation with its role and teams: as the signed-in person (`userId`), or with
 * a new account made in the same transaction (`name`, `email`, `password`). One use only.
 */
export async function acceptInvite(
	ctx: AppContext,
	input: AcceptInviteInput,
	now = new Date()
): Promise<{ userId: string; organisationId: string; role: Role; createdAccount: boolean }> {
	const data =
		'userId' in input && input.userId
			? parseInput(acceptInviteAsUserInput, input)
			: parseInput(acceptInviteWithAccountInput, input);
	return ctx.db.transaction(async (tx) => {
		const invite = await usableInvite(tx, data.token, now);
		let person: { id: string; name: string };
		if ('userId' in data) {
			person = await personWithoutOrganisation(tx, data.userId);
		} else {
			person = await registerUser(tx, { name: data.name, email: data.email, password: data.password });
		}
		try {
			await tx.insert(members).values({
				organisationId: invite.organisationId,
				userId: person.id,
				role: invite.role
			});
		} catch (error) {
			if (isUniqueViolation(error)) throw alreadyInOrganisation();
			throw error;
		}
		// Teams deleted since the invite was made are skipped; the leadership team is never joined by hand.
		const joined = invite.teamIds.length
			? await tx
					.select({ id: teams.id, name: teams.name })
					.from(teams)
					.where(
						and(
							eq(teams.organisationId, invite.organisationId),
							eq(teams.isLeadership, false),
							inArray(teams.id, invite.teamIds)
						)
					)
					.orderBy(asc(teams.name))
			: [];
		if (joined.length) {
			await tx.insert(teamMembers).values(joined.map((t) => ({ teamId: t.id, userId: person.id })));
		}
		await tx
			.update(invites)
			.set({ acceptedAt: now, acceptedBy: person.id })
			.where(eq(invites.id, invite.id));
		const from = invite.inviterName ? ` from ${invite.inviterName}` : '';
		await recordAudit(tx, {
			organisationId: invite.organisationId,
			actorId: person.id,
			action: 'invite.accepted',
			summary: `${person.name} joined as ${ROLE_LABELS[invite.role]} on ${teamNames(joined)} with an invite link${from}`,
			details: { inviteId: invite.id, role: invite.role, teamIds: joined.map((t) => t.id) }
		});
		return {
			userId: person.id,
			organisationId: invite.organisationId,
			role: invite.role,
			createdAccount: !('userId' in data)
		};
	});
}

/** The invite behind a link (its id finds the row, its secret must match the stored hash), or null. */
export async function findInviteByToken(db: DbOrTx, token: string, options: { lock?: boolean } = {}) {
	const parts = splitToken(token);
	if (!parts) return null;
	const query = db
		.select({
			id: invites.id,
			secretHash: invites.secretHash,
			organisationId: invites.organisationId,
			organisationName: organisations.name,
			role: invites.role,
			teamIds: invites.teamIds,
			inviterName: users.name,
			expiresAt: invites.expiresAt,
			acceptedAt: invites.acceptedAt,
			revokedAt: invites.revokedAt
		})
		.from(invites)
		.innerJoin(organisations, eq(organisations.id, invites.organisationId))
		.leftJoin(users, eq(users.id, invites.createdBy))
		.where(eq(invites.id, parts.id));
	const [row] = options.lock ? await query.for('update', { of: invites }) : await query;
	if (!row || !constantTimeEqual(hashSecret(parts.secret), row.secretHash)) return null;
	return row;
}

const ASK_AGAIN = 'Ask your admin for a new one.';

/** The invite behind a link, locked, if it can still be used; otherwise a refusal that says why. */
async function usableInvite(tx: Tx, token: string, now: Date) {
	const invite = await findInviteByToken(tx, token, { lock: true });
	if (!invite) throw new ServiceError('not_found', `This invite link is not valid. ${ASK_AGAIN}`);
	switch (inviteStatus(invite, now)) {
		case 'accepted':
			throw new ServiceError('conflict', `This invite link has already been used. ${ASK_AGAIN}`);
		case 'revoked':
			throw new ServiceError('conflict', `This invite link was withdrawn by an admin. ${ASK_AGAIN}`);
		case 'expired':
			throw new ServiceError('expired', `This invite link has expired. ${ASK_AGAIN}`);
		case 'pending':
			return invite;
	}
}

async function personWithoutOrganisation(tx: Tx, userId: string) {
	const [row] = await tx
		.select({ id: users.id, name: users.name, organisationId: members.organisationId })
		.from(users)
		.leftJoin(members, eq(members.userId, users.id))
		.where(eq(users.id, userId));
	if (!row) throw new ServiceError('unauthenticated', 'Sign in again to accept this invite.');
	if (row.organisationId) throw alreadyInOrganisation();
	return row;
}

/** “an Admin”, “a Member”. */
function aRole(role: Role): string {
	return `${role === 'admin' ? 'an' : 'a'} ${ROLE_LABELS[role]}`;
}
