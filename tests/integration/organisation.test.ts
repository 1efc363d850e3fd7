import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import type { Actor } from '../../src/lib/domain/access';
import type { Role } from '../../src/lib/domain/roles';
import type { AppContext } from '../../src/lib/server/context';
import type { Db } from '../../src/lib/server/db';
import {
	auditEntries,
	boards,
	invites,
	members,
	organisations,
	sessions,
	teamMembers,
	teams,
	users
} from '../../src/lib/server/db/schema';
import { loadActor } from '../../src/lib/server/auth/actor';
import { createSession } from '../../src/lib/server/auth/sessions';
import { hashSecret } from '../../src/lib/server/auth/tokens';
import { registerUser } from '../../src/lib/server/services/accounts';
import { NUL_MESSAGE } from '../../src/lib/domain/text';
import { ServiceError } from '../../src/lib/server/services/errors';
import {
	createFirstOrganisation,
	createOrganisation
} from '../../src/lib/server/services/organisations';
import {
	createTeam,
	renameTeam,
	setTeamMembers
} from '../../src/lib/server/services/teams';
import { acceptInvite, createInvite, revokeInvite } from '../../src/lib/server/services/invites';
import { changeRole, removePerson, setPersonTeams } from '../../src/lib/server/services/people';
import {
	auditLogOf,
	hasAnyOrganisation,
	invitePreview,
	invitesOf,
	peopleOf,
	teamsOf
} from '../../src/lib/server/queries/organisation';

const PASSWORD = 'correct horse battery';
const DAY = 24 * 60 * 60 * 1000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let database: TestDatabase;
let db: Db;
let ctx: AppContext;
/** What the realtime hub was told, in order, with what the database showed at that moment. */
let told: { kind: 'access' | 'sessions'; ids: string[] }[];

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	ctx = {
		db,
		realtime: {
			publishBoardEvents() {},
			sessionsEnded: (ids) => void told.push({ kind: 'sessions', ids: [...ids] }),
			accessChanged: (id) => void told.push({ kind: 'access', ids: [id] }),
			publishCatchball() {},
			wallRevoked() {}
		}
	};
});
afterAll(async () => {
	await database?.close();
});
beforeEach(() => {
	told = [];
});

let serial = 0;
const email = (name: string) => `${name.toLowerCase().replace(/\W/g, '')}.${++serial}@example.test`;

async function actorOf(userId: string): Promise<Actor> {
	const actor = await loadActor(db, userId);
	if (!actor) throw new Error('not in an organisation');
	return actor;
}

/** A person who signed up and created their own organisation. */
async function founder(name = 'Ada Admin', organisation = `Org ${++serial}`) {
	const user = await registerUser(db, { name, email: email(name), password: PASSWORD });
	const created = await createOrganisation(db, user, { organisationName: organisation });
	return { ...created, actor: await actorOf(user.id) };
}

/** A person who joined `admin`'s organisation through an invite. */
async function invited(admin: Actor, name: string, role: Role, teamIds: string[] = []) {
	const invite = await createInvite(ctx, admin, { role, teamIds });
	const joined = await acceptInvite(ctx, { token: invite.token, name, email: email(name), password: PASSWORD });
	return actorOf(joined.userId);
}

async function rows(table: typeof members | typeof teams | typeof invites | typeof auditEntries | typeof users) {
	const [row] = await db.select({ n: count() }).from(table);
	return row!.n;
}

async function tableCounts() {
	return {
		users: await rows(users),
		members: await rows(members),
		teams: await rows(teams),
		invites: await rows(invites),
		audit: await rows(auditEntries),
		teamMembers: (await db.select({ n: count() }).from(teamMembers))[0]!.n,
		boards: (await db.select({ n: count() }).from(boards))[0]!.n
	};
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ServiceError);
	return error as ServiceError;
}

async function latestAudit(organisationId: string) {
	const [entry] = await auditLogOf(db, await anyAdminOf(organisationId), { limit: 1 });
	return entry!;
}

async function anyAdminOf(organisationId: string): Promise<Actor> {
	const [admin] = await db
		.select({ userId: members.userId })
		.from(members)
		.where(and(eq(members.organisationId, organisationId), eq(members.role, 'admin')));
	return actorOf(admin!.userId);
}

describe('first run', () => {
	it('refuses bad input with field errors and writes nothing', async () => {
		expect(await hasAnyOrganisation(db)).toBe(false);
		const before = await tableCounts();
		const error = await refusal(
			createFirstOrganisation(db, { organisationName: ' ', name: '', email: 'nope', password: 'short' })
		);
		expect(error.code).toBe('invalid_input');
		expect(Object.keys(error.fieldErrors).sort()).toEqual(['email', 'name', 'organisationName', 'password']);
		expect(await tableCounts()).toEqual(before);
	});

	it('creates the account, the organisation, its leadership team and board, and makes the person admin', async () => {
		const created = await createFirstOrganisation(db, {
			organisationName: '  Acme Ltd ',
			name: 'Grace Hopper',
			email: 'Grace@Example.test',
			password: PASSWORD
		});
		expect(created.user.email).toBe('grace@example.test');
		expect(await hasAnyOrganisation(db)).toBe(true);
		const [organisation] = await db.select().from(organisations).where(eq(organisations.id, created.organisationId));
		expect(organisation!.name).toBe('Acme Ltd');
		const actor = await actorOf(created.user.id);
		expect(actor.role).toBe('admin');
		const [team] = await db.select().from(teams).where(eq(teams.id, created.leadershipTeamId));
		expect(team).toMatchObject({ name: 'Leadership', isLeadership: true, organisationId: organisation!.id });
		const [board] = await db.select().from(boards).where(eq(boards.teamId, team!.id));
		expect(board!.id).toBe(created.leadershipBoardId);
		const audit = await latestAudit(organisation!.id);
		expect(audit.summary).toBe('Grace Hopper created the organisation “Acme Ltd” and became its admin');
	});

	it('is refused once an organisation exists, and writes nothing', async () => {
		const before = await tableCounts();
		const error = await refusal(
			createFirstOrganisation(db, { organisationName: 'Other', name: 'Eve', email: email('eve'), password: PASSWORD })
		);
		expect(error.code).toBe('conflict');
		expect(await tableCounts()).toEqual(before);
	});
});

describe('organisations', () => {
	it('lets a person without an organisation create one, once', async () => {
		const user = await registerUser(db, { name: 'Lin', email: email('lin'), password: PASSWORD });
		const created = await createOrganisation(db, user, { organisationName: 'Lin Co' });
		expect((await actorOf(user.id)).organisationId).toBe(created.organisationId);
		const error = await refusal(createOrganisation(db, user, { organisationName: 'Second' }));
		expect(error.code).toBe('conflict');
		const empty = await refusal(createOrganisation(db, user, { organisationName: '' }));
		expect(empty.fieldErrors.organisationName).toBeDefined();
	});
});

describe('teams', () => {
	it('creates a team with its board, audited; lists it with its board', async () => {
		const { actor, organisationId } = await founder();
		const { teamId, boardId } = await createTeam(ctx, actor, { name: 'Platform', timeZone: 'Europe/Berlin' });
		const [board] = await db.select().from(boards).where(eq(boards.id, boardId));
		expect(board).toMatchObject({ teamId, organisationId });
		const listed = await teamsOf(db, actor);
		expect(listed.map((t) => [t.name, t.isLeadership])).toEqual([
			['Leadership', true],
			['Platform', false]
		]);
		expect(listed[1]).toMatchObject({ boardId, timeZone: 'Europe/Berlin', memberCount: 0, isMine: false, canWrite: true });
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin created the team “Platform”');
	});

	it('refuses a taken name (any case), a blank name and an unknown time zone, writing nothing', async () => {
		const { actor } = await founder();
		await createTeam(ctx, actor, { name: 'Payments' });
		const before = await tableCounts();
		const taken = await refusal(createTeam(ctx, actor, { name: '  pAYMENTS ' }));
		expect(taken.code).toBe('conflict');
		expect(taken.fieldErrors.name).toEqual(['A team with this name already exists; choose another name.']);
		const blank = await refusal(createTeam(ctx, actor, { name: ' ', timeZone: 'Mars/Olympus' }));
		expect(blank.code).toBe('invalid_input');
		expect(Object.keys(blank.fieldErrors).sort()).toEqual(['name', 'timeZone']);
		const leadership = await refusal(createTeam(ctx, actor, { name: 'leadership' }));
		expect(leadership.fieldErrors.name).toBeDefined();
		expect(await tableCounts()).toEqual(before);
	});

	it('allows the same team name in another organisation', async () => {
		const a = await founder();
		const b = await founder();
		await createTeam(ctx, a.actor, { name: 'Search' });
		await expect(createTeam(ctx, b.actor, { name: 'Search' })).resolves.toBeDefined();
	});

	it('renames a team, refusing a name another team has', async () => {
		const { actor, organisationId } = await founder();
		const { teamId } = await createTeam(ctx, actor, { name: 'Core' });
		await createTeam(ctx, actor, { name: 'Edge' });
		await renameTeam(ctx, actor, { teamId, name: 'Core Platform' });
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin renamed the team “Core” to “Core Platform”');
		await renameTeam(ctx, actor, { teamId, name: 'core platform' });
		const before = await tableCounts();
		const error = await refusal(renameTeam(ctx, actor, { teamId, name: 'EDGE' }));
		expect(error.fieldErrors.name).toBeDefined();
		expect(await tableCounts()).toEqual(before);
	});

	it('refuses names and ids holding U+0000 (which PostgreSQL cannot store) as field errors, writing nothing', async () => {
		const { actor } = await founder();
		const { teamId } = await createTeam(ctx, actor, { name: 'Clean' });
		const invite = await createInvite(ctx, actor, { role: 'member' });
		const before = await tableCounts();
		const refusals = [
			[await refusal(createTeam(ctx, actor, { name: 'Pay\u0000ments' })), 'name'],
			[await refusal(renameTeam(ctx, actor, { teamId, name: 'Clean\u0000' })), 'name'],
			[await refusal(acceptInvite(ctx, { token: invite.token, name: 'Nu\u0000l', email: email('nul'), password: PASSWORD })), 'name'],
			[await refusal(revokeInvite(ctx, actor, { inviteId: `${invite.inviteId}\u0000` })), 'inviteId']
		] as const;
		for (const [error, field] of refusals) {
			expect(error.code).toBe('invalid_input');
			expect(error.fieldErrors).toEqual({ [field]: [NUL_MESSAGE] });
		}
		expect(await tableCounts()).toEqual(before);
		expect((await teamsOf(db, actor)).map((t) => t.name)).toContain('Clean');
		expect((await invitesOf(db, actor)).find((i) => i.id === invite.inviteId)?.status).toBe('pending');
	});

	it('sets team members, telling the realtime hub whose access changed, and only when it did', async () => {
		const { actor, organisationId, leadershipTeamId } = await founder();
		const { teamId } = await createTeam(ctx, actor, { name: 'Ops' });
		const bo = await invited(actor, 'Bo', 'member');
		const cy = await invited(actor, 'Cy', 'member');
		told = [];
		await setTeamMembers(ctx, actor, { teamId, userIds: [bo.userId, cy.userId] });
		expect((await actorOf(bo.userId)).teamIds).toEqual([teamId]);
		expect(told).toEqual([
			{ kind: 'access', ids: [bo.userId] },
			{ kind: 'access', ids: [cy.userId] }
		]);
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin added Bo and Cy to the team “Ops”');

		told = [];
		await setTeamMembers(ctx, actor, { teamId, userIds: [bo.userId] });
		await setTeamMembers(ctx, actor, { teamId, userIds: [bo.userId] });
		expect(told).toEqual([{ kind: 'access', ids: [cy.userId] }]);
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin removed Cy from the team “Ops”');

		const leadership = await refusal(setTeamMembers(ctx, actor, { teamId: leadershipTeamId, userIds: [bo.userId] }));
		expect(leadership.code).toBe('invalid_input');
		const bad = await refusal(setTeamMembers(ctx, actor, { teamId, userIds: ['not-an-id'] }));
		expect(bad.code).toBe('invalid_input');
		expect((await teamsOf(db, await actorOf(bo.userId))).find((t) => t.id === teamId)).toMatchObject({ memberCount: 1, isMine: true, canWrite: true });
	});
});

describe('invites', () => {
	it('joins a new person with the role and teams of the invite, once', async () => {
		const { actor, organisationId } = await founder();
		const { teamId: platform } = await createTeam(ctx, actor, { name: 'Platform' });
		const { teamId: data } = await createTeam(ctx, actor, { name: 'Data' });
		const now = new Date();
		const invite = await createInvite(ctx, actor, { role: 'leader', teamIds: [platform, data, platform] }, now);
		expect(invite.path).toBe(`/invite/${invite.token}`);
		expect(invite.expiresAt.getTime()).toBe(now.getTime() + 7 * DAY);
		const [stored] = await db.select().from(invites).where(eq(invites.id, invite.inviteId));
		const secret = invite.token.split('.')[1]!;
		expect(stored!.secretHash).toBe(hashSecret(secret));
		expect(JSON.stringify(stored)).not.toContain(secret);
		expect(stored!.teamIds).toEqual([platform, data]);

		const preview = await invitePreview(db, invite.token);
		expect(preview).toMatchObject({ role: 'leader', teams: ['Data', 'Platform'], inviterName: 'Ada Admin', status: 'pending' });

		const joined = await acceptInvite(ctx, { token: invite.token, name: 'Lee Leader', email: email('lee'), password: PASSWORD });
		expect(joined).toMatchObject({ organisationId, role: 'leader', createdAccount: true });
		const lee = await actorOf(joined.userId);
		expect(lee.role).toBe('leader');
		expect([...lee.teamIds].sort()).toEqual([platform, data].sort());
		expect((await latestAudit(organisationId)).summary).toBe(
			'Lee Leader joined as Leader on “Data” and “Platform” with an invite link from Ada Admin'
		);
		expect((await invitePreview(db, invite.token))!.status).toBe('accepted');

		const before = await tableCounts();
		const again = await refusal(
			acceptInvite(ctx, { token: invite.token, name: 'Second', email: email('second'), password: PASSWORD })
		);
		expect(again.code).toBe('conflict');
		expect(again.message).toMatch(/already been used/);
		expect(await tableCounts()).toEqual(before);
		const listed = await invitesOf(db, actor);
		expect(listed[0]).toMatchObject({ status: 'accepted', acceptedByName: 'Lee Leader', createdByName: 'Ada Admin' });
	});

	it('lets a signed-in person without an organisation accept with one click', async () => {
		const { actor, organisationId } = await founder();
		const user = await registerUser(db, { name: 'Vi', email: email('vi'), password: PASSWORD });
		const invite = await createInvite(ctx, actor, { role: 'viewer', expiresInDays: '1' });
		const joined = await acceptInvite(ctx, { token: invite.token, userId: user.id });
		expect(joined).toMatchObject({ userId: user.id, organisationId, role: 'viewer', createdAccount: false });
	});

	it('refuses a person who already belongs to an organisation, leaving the invite usable', async () => {
		const a = await founder();
		const b = await founder();
		const invite = await createInvite(ctx, a.actor, { role: 'member' });
		const before = await tableCounts();
		const error = await refusal(acceptInvite(ctx, { token: invite.token, userId: b.actor.userId }));
		expect(error.code).toBe('conflict');
		expect(error.message).toMatch(/already belong/);
		expect(await tableCounts()).toEqual(before);
		expect((await invitePreview(db, invite.token))!.status).toBe('pending');
	});

	it('refuses an email that already has an account, creating nothing and leaving the invite usable', async () => {
		const { actor } = await founder('Ed Admin');
		const invite = await createInvite(ctx, actor, { role: 'member' });
		const [taken] = await db.select({ email: users.email }).from(users).limit(1);
		const before = await tableCounts();
		const error = await refusal(acceptInvite(ctx, { token: invite.token, name: 'X', email: taken!.email, password: PASSWORD }));
		expect(error.fieldErrors.email).toBeDefined();
		const bad = await refusal(acceptInvite(ctx, { token: invite.token, name: '', email: 'x', password: 'short' }));
		expect(Object.keys(bad.fieldErrors).sort()).toEqual(['email', 'name', 'password']);
		expect(await tableCounts()).toEqual(before);
		expect((await invitePreview(db, invite.token))!.status).toBe('pending');
	});

	it('refuses expired, revoked, unknown and tampered links with a clear message', async () => {
		const { actor, organisationId } = await founder();
		const now = new Date();
		const expiring = await createInvite(ctx, actor, { role: 'member', expiresInDays: 2 }, now);
		const account = () => ({ name: 'Late', email: email('late'), password: PASSWORD });
		const before = await tableCounts();
		const expired = await refusal(acceptInvite(ctx, { token: expiring.token, ...account() }, new Date(now.getTime() + 2 * DAY)));
		expect(expired.code).toBe('expired');
		expect(expired.message).toMatch(/expired/);
		expect((await invitePreview(db, expiring.token, new Date(now.getTime() + 3 * DAY)))!.status).toBe('expired');

		const revoked = await createInvite(ctx, actor, { role: 'member' });
		await revokeInvite(ctx, actor, { inviteId: revoked.inviteId });
		await revokeInvite(ctx, actor, { inviteId: revoked.inviteId });
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin revoked an invite link for a Member');
		const withdrawn = await refusal(acceptInvite(ctx, { token: revoked.token, ...account() }));
		expect(withdrawn.message).toMatch(/withdrawn/);

		const [id] = expiring.token.split('.');
		for (const token of [`${id}.wrongsecret`, 'nothing-like-a-token', 'a.b']) {
			const unknown = await refusal(acceptInvite(ctx, { token, ...account() }));
			expect(unknown.code).toBe('not_found');
			expect(await invitePreview(db, token)).toBeNull();
		}
		// Two invites were made, one revoked (with its audit entry); nobody joined.
		const after = await tableCounts();
		expect(after.users).toBe(before.users);
		expect(after.members).toBe(before.members);
	});

	it('refuses a used invite being revoked, bad expiries, the leadership team and other organisations’ teams', async () => {
		const a = await founder();
		const b = await founder();
		const { teamId: bTeam } = await createTeam(ctx, b.actor, { name: 'Theirs' });
		const used = await createInvite(ctx, a.actor, { role: 'member' });
		await acceptInvite(ctx, { token: used.token, name: 'Used', email: email('used'), password: PASSWORD });
		expect((await refusal(revokeInvite(ctx, a.actor, { inviteId: used.inviteId }))).code).toBe('conflict');

		const before = await tableCounts();
		for (const expiresInDays of [0, 31, 'soon', 1.5]) {
			const error = await refusal(createInvite(ctx, a.actor, { role: 'member', expiresInDays }));
			expect(error.fieldErrors.expiresInDays).toBeDefined();
		}
		expect((await refusal(createInvite(ctx, a.actor, { role: 'owner' }))).fieldErrors.role).toBeDefined();
		const leadership = await refusal(createInvite(ctx, a.actor, { role: 'leader', teamIds: [a.leadershipTeamId] }));
		expect(leadership.fieldErrors.teamIds).toBeDefined();
		expect((await refusal(createInvite(ctx, a.actor, { role: 'member', teamIds: [bTeam] }))).code).toBe('not_found');
		expect(await tableCounts()).toEqual(before);
	});
});

describe('people', () => {
	it('changes roles, audited with names, and tells the realtime hub after commit', async () => {
		const { actor, organisationId } = await founder();
		const mo = await invited(actor, 'Mo Member', 'member');
		told = [];
		await changeRole(ctx, actor, { userId: mo.userId, role: 'leader' });
		expect((await actorOf(mo.userId)).role).toBe('leader');
		expect(told).toEqual([{ kind: 'access', ids: [mo.userId] }]);
		expect((await latestAudit(organisationId)).summary).toBe("Ada Admin changed Mo Member’s role from Member to Leader");
		told = [];
		await changeRole(ctx, actor, { userId: mo.userId, role: 'leader' });
		expect(told).toEqual([]);
		expect((await refusal(changeRole(ctx, actor, { userId: mo.userId, role: 'boss' }))).fieldErrors.role).toBeDefined();
	});

	it('never leaves the organisation without an admin', async () => {
		const { actor } = await founder();
		const before = await tableCounts();
		const demote = await refusal(changeRole(ctx, actor, { userId: actor.userId, role: 'member' }));
		expect(demote.code).toBe('conflict');
		expect(demote.message).toMatch(/only admin/);
		const leave = await refusal(removePerson(ctx, actor, { userId: actor.userId }));
		expect(leave.code).toBe('conflict');
		expect(await tableCounts()).toEqual(before);
		expect((await actorOf(actor.userId)).role).toBe('admin');

		const second = await invited(actor, 'Second Admin', 'admin');
		await changeRole(ctx, second, { userId: actor.userId, role: 'member' });
		expect((await actorOf(actor.userId)).role).toBe('member');
		expect((await refusal(changeRole(ctx, second, { userId: second.userId, role: 'viewer' }))).code).toBe('conflict');
	});

	it('sets a person’s teams', async () => {
		const { actor, organisationId, leadershipTeamId } = await founder();
		const { teamId: one } = await createTeam(ctx, actor, { name: 'One' });
		const { teamId: two } = await createTeam(ctx, actor, { name: 'Two' });
		const pat = await invited(actor, 'Pat', 'member', [one]);
		told = [];
		await setPersonTeams(ctx, actor, { userId: pat.userId, teamIds: [two] });
		expect((await actorOf(pat.userId)).teamIds).toEqual([two]);
		expect(told).toEqual([{ kind: 'access', ids: [pat.userId] }]);
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin changed Pat’s teams: added to “Two” and taken off “One”');
		const before = await tableCounts();
		expect((await refusal(setPersonTeams(ctx, actor, { userId: pat.userId, teamIds: [leadershipTeamId] }))).fieldErrors.teamIds).toBeDefined();
		expect(await tableCounts()).toEqual(before);
		const people = await peopleOf(db, actor);
		expect(people.find((p) => p.userId === pat.userId)).toMatchObject({ name: 'Pat', role: 'member', teams: [{ id: two, name: 'Two' }] });
	});

	it('removes a person: membership, team memberships and every session end, then the hub hears it', async () => {
		const { actor, organisationId } = await founder();
		const { teamId } = await createTeam(ctx, actor, { name: 'Gone' });
		const rem = await invited(actor, 'Rem', 'member', [teamId]);
		const s1 = await createSession(db, rem.userId);
		const s2 = await createSession(db, rem.userId);
		const before = await tableCounts();
		told = [];
		await removePerson(ctx, actor, { userId: rem.userId });
		expect(await loadActor(db, rem.userId)).toBeNull();
		expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, rem.userId))).toEqual([]);
		expect(await db.select().from(sessions).where(eq(sessions.userId, rem.userId))).toEqual([]);
		expect(told).toEqual([
			{ kind: 'sessions', ids: expect.arrayContaining([s1.sessionId, s2.sessionId]) },
			{ kind: 'access', ids: [rem.userId] }
		]);
		const after = await tableCounts();
		expect(after).toEqual({ ...before, members: before.members - 1, teamMembers: before.teamMembers - 1, audit: before.audit + 1 });
		expect((await latestAudit(organisationId)).summary).toBe('Ada Admin removed Rem (Member) from the organisation');
		expect((await refusal(removePerson(ctx, actor, { userId: rem.userId }))).code).toBe('not_found');
	});
});

describe('audit log', () => {
	it('is newest first and speaks in names, never raw ids', async () => {
		const { actor } = await founder();
		const { teamId } = await createTeam(ctx, actor, { name: 'Names' });
		const bea = await invited(actor, 'Bea', 'member', [teamId]);
		await changeRole(ctx, actor, { userId: bea.userId, role: 'viewer' });
		await setPersonTeams(ctx, actor, { userId: bea.userId, teamIds: [] });
		await renameTeam(ctx, actor, { teamId, name: 'Named' });
		await removePerson(ctx, actor, { userId: bea.userId });
		const log = await auditLogOf(db, actor);
		expect(log.map((entry) => entry.action)).toEqual([
			'person.removed',
			'team.renamed',
			'person.teams_changed',
			'person.role_changed',
			'invite.accepted',
			'invite.created',
			'team.created',
			'organisation.created'
		]);
		for (const entry of log) expect(entry.summary).not.toMatch(UUID);
		expect(log[0]!.actorName).toBe('Ada Admin');
	});
});

describe('at the same instant', () => {
	it('two admins demoting each other: exactly one succeeds, an admin remains', async () => {
		const { actor: one, organisationId } = await founder();
		const two = await invited(one, 'Two', 'admin');
		const results = await Promise.allSettled([
			changeRole(ctx, one, { userId: two.userId, role: 'member' }),
			changeRole(ctx, two, { userId: one.userId, role: 'member' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const admins = await db
			.select({ n: count() })
			.from(members)
			.where(and(eq(members.organisationId, organisationId), eq(members.role, 'admin')));
		expect(admins[0]!.n).toBe(1);
	});

	it('one invite accepted twice at once: exactly one person joins', async () => {
		const { actor } = await founder();
		const invite = await createInvite(ctx, actor, { role: 'member' });
		const results = await Promise.allSettled(
			['Twin A', 'Twin B'].map((name) =>
				acceptInvite(ctx, { token: invite.token, name, email: email(name), password: PASSWORD })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(ServiceError);
		expect((await peopleOf(db, actor)).map((p) => p.name).filter((n) => n.startsWith('Twin'))).toHaveLength(1);
	});

	it('two teams with one name at once: one is created, the other hears the name is taken', async () => {
		const { actor } = await founder();
		const results = await Promise.allSettled([
			createTeam(ctx, actor, { name: 'Race' }),
			createTeam(ctx, actor, { name: 'race' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as ServiceError).fieldErrors.name).toBeDefined();
	});
});
