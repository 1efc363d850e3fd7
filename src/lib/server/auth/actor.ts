import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import type { DbOrTx } from '../db';
import { members, teamMembers, users } from '../db/schema';

/** The person's organisation, role and teams; null when they belong to no organisation (yet). */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
	const [membership] = await db
		.select({ organisationId: members.organisationId, role: members.role, name: users.name })
		.from(members)
		.innerJoin(users, eq(users.id, members.userId))
		.where(eq(members.userId, userId));
	if (!membership) return null;
	const teams = await db
		.select({ teamId: teamMembers.teamId })
		.from(teamMembers)
		.where(eq(teamMembers.userId, userId));
	return {
		userId,
		name: membership.name,
		organisationId: membership.organisationId,
		role: membership.role,
		teamIds: teams.map((t) => t.teamId)
	};
}
