import { and, eq, inArray, isNull } from 'drizzle-orm';
import { canManageWalls, type Actor } from '../../domain/access';
import { createWallLinkInput, revokeWallLinkInput } from '../../domain/walls';
import { newToken } from '../auth/tokens';
import type { AppContext } from '../context';
import type { DbOrTx } from '../db';
import { teams, wallLinks } from '../db/schema';
import { quoted, recordAudit } from './audit';
import { parseInput, ServiceError } from './errors';

/** Leaders and admins put the work on walls. */
function requireLeaderOrAdmin(actor: Actor): void {
	if (!canManageWalls(actor)) {
		throw new ServiceError('forbidden', 'Only leaders and admins manage wall displays.');
	}
}

export function wallPath(token: string): string {
	return `/wall/${token}`;
}

/** A new wall link; the token is shown once (only its hash is kept). */
export async function createWallLink(ctx: AppContext, actor: Actor, input: unknown) {
	const data = parseInput(createWallLinkInput, input);
	requireLeaderOrAdmin(actor);
	const { id, token, secretHash } = newToken();
	await ctx.db.transaction(async (tx) => {
		if (data.teamIds.length) {
			const found = await tx
				.select({ id: teams.id })
				.from(teams)
				.where(and(eq(teams.organisationId, actor.organisationId), inArray(teams.id, data.teamIds)));
			if (found.length !== data.teamIds.length) {
				throw new ServiceError('invalid_input', 'Choose teams of your organisation.', { teamIds: ['Choose teams of your organisation.'] });
			}
		}
		await tx.insert(wallLinks).values({
			id,
			organisationId: actor.organisationId,
			secretHash,
			name: data.name,
			scope: data.scope,
			teamIds: data.teamIds,
			rotateSeconds: data.rotateSeconds,
			theme: data.theme,
			showNames: data.showNames,
			createdBy: actor.userId
		});
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'wall.created',
			summary: `${actor.name} created the wall link ${quoted(data.name)}`,
			details: { wallId: id, scope: data.scope }
		});
	});
	return { wallId: id, token, path: wallPath(token) };
}

/** Revokes a wall link; every display using it is disconnected at once. */
export async function revokeWallLink(ctx: AppContext, actor: Actor, input: unknown) {
	const { wallId } = parseInput(revokeWallLinkInput, input);
	requireLeaderOrAdmin(actor);
	const revoked = await ctx.db.transaction(async (tx) => {
		const [link] = await tx
			.update(wallLinks)
			.set({ revokedAt: new Date() })
			.where(and(eq(wallLinks.id, wallId), eq(wallLinks.organisationId, actor.organisationId), isNull(wallLinks.revokedAt)))
			.returning({ name: wallLinks.name });
		if (!link) throw new ServiceError('not_found', 'That wall link does not exist or was already revoked.');
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'wall.revoked',
			summary: `${actor.name} revoked the wall link ${quoted(link.name)}`,
			details: { wallId }
		});
		return link;
	});
	ctx.realtime.wallRevoked(wallId);
	return revoked;
}

/** The organisation's wall links, newest first (leaders and admins). */
export async function wallLinksOf(db: DbOrTx, actor: Actor) {
	requireLeaderOrAdmin(actor);
	return db
		.select({
			id: wallLinks.id,
			name: wallLinks.name,
			scope: wallLinks.scope,
			teamIds: wallLinks.teamIds,
			rotateSeconds: wallLinks.rotateSeconds,
			theme: wallLinks.theme,
			showNames: wallLinks.showNames,
			createdAt: wallLinks.createdAt,
			revokedAt: wallLinks.revokedAt
		})
		.from(wallLinks)
		.where(eq(wallLinks.organisationId, actor.organisationId))
		.orderBy(wallLinks.createdAt);
}
