import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import type { DbOrTx } from '../db';
import { members, teamMembers, users } from '../db/schema';

/** The person's organisation, role and teams; null when they belong to no organisation (yet). */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
	// One statement (every request signed in reads it): the membership with the teams as a JSON list.
	const [membership] = await db
		.select({
			organisationId: members.organisationId,
			role: members.role,
			name: users.name,
			teamIds: sql<string[] | string>`coalesce((select json_agg(${teamMembers.teamId}) from ${teamMembers} where ${teamMembers.userId} = ${members.userId}), '[]'::json)`
		})
		.from(members)
		.innerJoin(users, eq(users.id, members.userId))
		.where(eq(members.userId, userId));
	if (!membership) return null;
	const teamIds = typeof membership.teamIds === 'string' ? (JSON.parse(membership.teamIds) as string[]) : membership.teamIds;
	return {
		userId,
		name: membership.name,
		organisationId: membership.organisationId,
		role: membership.role,
		teamIds
	};
}
