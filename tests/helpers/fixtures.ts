import type { Actor } from '../../src/lib/domain/access';
import type { Role } from '../../src/lib/domain/roles';
import { loadActor } from '../../src/lib/server/auth/actor';
import { createSession } from '../../src/lib/server/auth/sessions';
import type { AppContext } from '../../src/lib/server/context';
import { registerUser } from '../../src/lib/server/services/accounts';
import { createOrganisation } from '../../src/lib/server/services/organisations';
import { acceptInvite, createInvite } from '../../src/lib/server/services/invites';
import { createTeam } from '../../src/lib/server/services/teams';

export interface PersonSpec {
	name: string;
	role: Role;
	teams?: string[];
}

export interface SeededPerson {
	actor: Actor;
	/** A session token, for sockets and HTTP requests as this person. */
	token: string;
	email: string;
}

export interface SeededOrganisation {
	organisationId: string;
	leadershipBoardId: string;
	leadershipTeamId: string;
	admin: SeededPerson;
	teams: Record<string, { teamId: string; boardId: string }>;
	people: Record<string, SeededPerson>;
}

let counter = 0;
export const PASSWORD = 'correct horse battery staple';

/**
 * An organisation built through the real services: an admin founds it, creates the teams, and each
 * person joins by an invite carrying their role and teams.
 */
export async function seedOrganisation(
	ctx: AppContext,
	spec: { name?: string; teams?: string[]; people?: PersonSpec[] } = {}
): Promise<SeededOrganisation> {
	const tag = `${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
	const adminEmail = `admin-${tag}@example.test`;
	const founder = await registerUser(ctx.db, { email: adminEmail, name: `Admin ${tag}`, password: PASSWORD });
	const created = await createOrganisation(ctx.db, founder, { organisationName: spec.name ?? `Org ${tag}` });
	const adminActor = (await loadActor(ctx.db, founder.id))!;
	const admin = { actor: adminActor, token: (await createSession(ctx.db, founder.id)).token, email: adminEmail };

	const teams: SeededOrganisation['teams'] = {};
	for (const name of spec.teams ?? []) teams[name] = await createTeam(ctx, adminActor, { name });

	const people: SeededOrganisation['people'] = {};
	for (const person of spec.people ?? []) {
		const invite = await createInvite(ctx, adminActor, {
			role: person.role,
			teamIds: (person.teams ?? []).map((t) => teams[t]!.teamId)
		});
		const email = `${person.name.toLowerCase().replace(/\W+/g, '-')}-${tag}@example.test`;
		const joined = await acceptInvite(ctx, { token: invite.token, name: person.name, email, password: PASSWORD });
		people[person.name] = {
			actor: (await loadActor(ctx.db, joined.userId))!,
			token: (await createSession(ctx.db, joined.userId)).token,
			email
		};
	}
	return { ...created, admin, teams, people };
}
