import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import type { Actor } from '../../src/lib/domain/access';
import type { Role } from '../../src/lib/domain/roles';
import type { AppContext } from '../../src/lib/server/context';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { loadActor } from '../../src/lib/server/auth/actor';
import {
	auditEntries,
	boards,
	invites,
	members,
	passwordResets,
	sessions,
	teamMembers,
	teams
} from '../../src/lib/server/db/schema';
import { issuePasswordReset, registerUser } from '../../src/lib/server/services/accounts';
import { ServiceError } from '../../src/lib/server/services/errors';
import { createOrganisation } from '../../src/lib/server/services/organisations';
import {
	createTeam,
	renameTeam,
	setTeamMembers
} from '../../src/lib/server/services/teams';
import { acceptInvite, createInvite, revokeInvite } from '../../src/lib/server/services/invites';
import { changeRole, removePerson, setPersonTeams } from '../../src/lib/server/services/people';
import { auditLogOf, invitesOf, peopleOf, teamsOf } from '../../src/lib/server/queries/organisation';

const PASSWORD = 'correct horse battery';

let database: TestDatabase;
let ctx: AppContext;

/** Organisation A (the actors) and organisation B (what A must never reach). */
let A: { admin: Actor; leader: Actor; member: Actor; viewer: Actor; team: string; leadership: string; invite: string };
let B: { admin: Actor; member: Actor; team: string; invite: string };

let serial = 0;
async function actorOf(userId: string): Promise<Actor> {
	return (await loadActor(ctx.db, userId))!;
}

async function organisation(name: string) {
	const user = await registerUser(ctx.db, { name: `${name} Admin`, email: `admin.${++serial}@example.test`, password: PASSWORD });
	const created = await createOrganisation(ctx.db, user, { organisationName: name });
	const admin = await actorOf(user.id);
	const { teamId } = await createTeam(ctx, admin, { name: `${name} Team` });
	const join = async (role: Role, teamIds: string[] = []) => {
		const invite = await createInvite(ctx, admin, { role, teamIds });
		const joined = await acceptInvite(ctx, {
			token: invite.token,
			name: `${name} ${role}`,
			email: `${role}.${++serial}@example.test`,
			password: PASSWORD
		});
		return actorOf(joined.userId);
	};
	const pending = await createInvite(ctx, admin, { role: 'member', teamIds: [teamId] });
	return { admin, join, team: teamId, leadership: created.leadershipTeamId, invite: pending.inviteId };
}

/** Everything an organisation or people command could change. */
async function snapshot() {
	const db = ctx.db;
	return {
		members: await db.select().from(members).orderBy(asc(members.userId)),
		teams: await db.select().from(teams).orderBy(asc(teams.id)),
		teamMembers: await db.select().from(teamMembers).orderBy(asc(teamMembers.teamId), asc(teamMembers.userId)),
		invites: await db.select().from(invites).orderBy(asc(invites.id)),
		boards: (await db.select({ n: count() }).from(boards))[0]!.n,
		audit: (await db.select({ n: count() }).from(auditEntries))[0]!.n,
		sessions: (await db.select({ n: count() }).from(sessions))[0]!.n,
		resets: (await db.select({ n: count() }).from(passwordResets))[0]!.n
	};
}

async function refusedWith(code: string, run: () => Promise<unknown>) {
	const before = await snapshot();
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error, 'the call should have been refused').toBeInstanceOf(ServiceError);
	expect((error as ServiceError).code).toBe(code);
	expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
	database = await createTestDatabase();
	ctx = { db: database.db, realtime: silentHub };
	const a = await organisation('Alpha');
	A = {
		admin: a.admin,
		leader: await a.join('leader', [a.team]),
		member: await a.join('member', [a.team]),
		viewer: await a.join('viewer', [a.team]),
		team: a.team,
		leadership: a.leadership,
		invite: a.invite
	};
	const b = await organisation('Beta');
	B = { admin: b.admin, member: await b.join('member', [b.team]), team: b.team, invite: b.invite };
});

afterAll(async () => {
	await database?.close();
});

type Command = [string, (actor: Actor) => Promise<unknown>];

/** Every organisation and people command, aimed at organisation B's teams, people and invites. */
const intoOtherOrganisation = (): Command[] => [
	['renameTeam', (a) => renameTeam(ctx, a, { teamId: B.team, name: 'Mine now' })],
	['setTeamMembers (their team)', (a) => setTeamMembers(ctx, a, { teamId: B.team, userIds: [] })],
	['setTeamMembers (their person)', (a) => setTeamMembers(ctx, a, { teamId: A.team, userIds: [B.member.userId] })],
	['createInvite (their team)', (a) => createInvite(ctx, a, { role: 'member', teamIds: [B.team] })],
	['revokeInvite', (a) => revokeInvite(ctx, a, { inviteId: B.invite })],
	['changeRole', (a) => changeRole(ctx, a, { userId: B.member.userId, role: 'viewer' })],
	['changeRole (their admin)', (a) => changeRole(ctx, a, { userId: B.admin.userId, role: 'viewer' })],
	['setPersonTeams (their person)', (a) => setPersonTeams(ctx, a, { userId: B.member.userId, teamIds: [] })],
	['setPersonTeams (their team)', (a) => setPersonTeams(ctx, a, { userId: A.member.userId, teamIds: [B.team] })],
	['removePerson', (a) => removePerson(ctx, a, { userId: B.member.userId })],
	['issuePasswordReset', (a) => issuePasswordReset(ctx, a, { userId: B.member.userId })]
];

/** Every admin command, aimed at the actor's own organisation. */
const adminOnly = (): Command[] => [
	['createTeam', (a) => createTeam(ctx, a, { name: 'Shadow team' })],
	['renameTeam', (a) => renameTeam(ctx, a, { teamId: A.team, name: 'Renamed' })],
	['setTeamMembers', (a) => setTeamMembers(ctx, a, { teamId: A.team, userIds: [a.userId] })],
	['createInvite', (a) => createInvite(ctx, a, { role: 'admin' })],
	['revokeInvite', (a) => revokeInvite(ctx, a, { inviteId: A.invite })],
	['changeRole (self to admin)', (a) => changeRole(ctx, a, { userId: a.userId, role: 'admin' })],
	['changeRole (the admin)', (a) => changeRole(ctx, a, { userId: A.admin.userId, role: 'viewer' })],
	['setPersonTeams', (a) => setPersonTeams(ctx, a, { userId: a.userId, teamIds: [] })],
	['removePerson', (a) => removePerson(ctx, a, { userId: A.admin.userId })],
	['issuePasswordReset', (a) => issuePasswordReset(ctx, a, { userId: A.admin.userId })],
	['peopleOf', (a) => peopleOf(ctx.db, a)],
	['invitesOf', (a) => invitesOf(ctx.db, a)],
	['auditLogOf', (a) => auditLogOf(ctx.db, a)]
];

describe('another organisation is not_found, and nothing changes', () => {
	it.each(intoOtherOrganisation())('%s', async (_name, run) => {
		await refusedWith('not_found', () => run(A.admin));
	});

	it('reads show nothing of another organisation', async () => {
		const teamIds = (await teamsOf(ctx.db, A.admin)).map((t) => t.id);
		expect(teamIds).toContain(A.team);
		expect(teamIds).not.toContain(B.team);
		const people = (await peopleOf(ctx.db, A.admin)).map((p) => p.userId);
		expect(people).toHaveLength(4);
		expect(people).not.toContain(B.member.userId);
		expect((await invitesOf(ctx.db, A.admin)).every((i) => i.id !== B.invite)).toBe(true);
		const log = await auditLogOf(ctx.db, A.admin);
		expect(log.some((entry) => entry.summary.includes('Beta'))).toBe(false);
	});
});

describe('only admins manage the organisation', () => {
	for (const role of ['leader', 'member', 'viewer'] as const) {
		describe(role, () => {
			it.each(adminOnly())('%s is forbidden', async (_name, run) => {
				await refusedWith('forbidden', () => run(A[role]));
			});
			it.each(intoOtherOrganisation())('%s into another organisation is forbidden', async (_name, run) => {
				await refusedWith('forbidden', () => run(A[role]));
			});
		});
	}

	it('every non-admin still reads every board of the organisation, and writes as their role allows', async () => {
		for (const role of ['leader', 'member', 'viewer'] as const) {
			const listed = await teamsOf(ctx.db, A[role]);
			expect(listed.map((t) => t.id).sort()).toEqual([A.leadership, A.team].sort());
			const writable = listed.filter((t) => t.canWrite).map((t) => t.id);
			const expected = { leader: [A.leadership, A.team], member: [A.team], viewer: [] }[role];
			expect(writable.sort()).toEqual(expected.sort());
		}
	});
});
