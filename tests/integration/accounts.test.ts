import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import type { AppContext } from '../../src/lib/server/context';
import type { RealtimeHub } from '../../src/lib/server/realtime/hub';
import type { Db } from '../../src/lib/server/db';
import type { Role } from '../../src/lib/domain/roles';
import { loadActor } from '../../src/lib/server/auth/actor';
import { RateLimits } from '../../src/lib/server/rate-limit/limits';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';
import { auditEntries, members, organisations, passwordResets, sessions, users } from '../../src/lib/server/db/schema';
import { NUL_MESSAGE } from '../../src/lib/domain/text';
import { ServiceError } from '../../src/lib/server/services/errors';
import {
	changePassword,
	issuePasswordReset,
	PASSWORD_RESET_TTL_MS,
	resetPassword,
	SIGN_IN_FAILED,
	signIn,
	signOut,
	signUp
} from '../../src/lib/server/services/accounts';

const PASSWORD = 'correct horse battery';

let database: TestDatabase;
let db: Db;
/** Every sessionsEnded call, in order: what the sockets would have been told. */
let endedCalls: string[][];
let ctx: AppContext;

beforeAll(async () => {
	database = await createTestDatabase();
	db = database.db;
	const hub: RealtimeHub = {
		publishBoardEvents() {},
		sessionsEnded(ids) {
			endedCalls.push([...ids]);
		},
		accessChanged() {},
		publishCatchball() {},
		wallRevoked() {}
	};
	ctx = { db, realtime: hub };
});

afterAll(async () => {
	await database?.close();
});

beforeEach(() => {
	endedCalls = [];
});

let serial = 0;
function uniqueEmail(name = 'person'): string {
	serial += 1;
	return `${name.toLowerCase()}.${serial}.${Date.now()}@example.test`;
}

/** Fresh limits per test, so one test's failures never lock another's accounts (the app's own policies unless given). */
function limiter(limits: { perAccount?: number; perAddress?: number } = {}): RateLimits {
	return new RateLimits({
		policies: {
			...(limits.perAccount ? { 'sign-in.account': { points: limits.perAccount, durationSeconds: 900 } } : {}),
			...(limits.perAddress ? { 'sign-in.address': { points: limits.perAddress, durationSeconds: 900 } } : {})
		}
	});
}

/** Fixture: an organisation, inserted directly (the organisation service is not under test here). */
async function organisation(name = 'Acme'): Promise<string> {
	const [row] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
	return row!.id;
}

/** Fixture: a person who signed up through the service, optionally added to an organisation directly. */
async function person(options: { name?: string; organisationId?: string; role?: Role } = {}) {
	const email = uniqueEmail(options.name?.toLowerCase().replace(/\W/g, '') ?? 'person');
	const name = options.name ?? 'Pat Person';
	const first = await signUp(db, { email, name, password: PASSWORD });
	if (options.organisationId) {
		await db
			.insert(members)
			.values({ organisationId: options.organisationId, userId: first.userId, role: options.role ?? 'member' });
	}
	return { email, name, userId: first.userId, firstSession: first };
}

async function actorOf(userId: string) {
	const actor = await loadActor(db, userId);
	if (!actor) throw new Error('fixture person has no organisation');
	return actor;
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof ServiceError) return error;
		throw error;
	}
	throw new Error('expected the service to refuse');
}

async function tableCounts() {
	const [u] = await db.select({ n: count() }).from(users);
	const [s] = await db.select({ n: count() }).from(sessions);
	const [a] = await db.select({ n: count() }).from(auditEntries);
	return { users: u!.n, sessions: s!.n, audit: a!.n };
}

async function auditOf(userId: string) {
	const rows = await db.select().from(auditEntries).orderBy(auditEntries.at);
	return rows.filter((row) => row.details.userId === userId);
}

async function sessionIdsOf(userId: string): Promise<string[]> {
	const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
	return rows.map((row) => row.id).sort();
}

describe('sign up', () => {
	it('refuses invalid input with field errors and writes nothing', async () => {
		const before = await tableCounts();
		const error = await refusal(signUp(db, { email: 'not-an-email', name: '  ', password: 'short' }));
		expect(error.code).toBe('invalid_input');
		expect(Object.keys(error.fieldErrors).sort()).toEqual(['email', 'name', 'password']);
		expect(error.fieldErrors.password).toEqual(['Use at least 10 characters.']);
		expect(await tableCounts()).toEqual(before);
	});

	it('refuses a name holding U+0000 (which PostgreSQL cannot store) as a field error, not a database error', async () => {
		const before = await tableCounts();
		const error = await refusal(signUp(db, { email: uniqueEmail('nul'), name: 'Ada\u0000Lovelace', password: PASSWORD }));
		expect(error.code).toBe('invalid_input');
		expect(error.fieldErrors).toEqual({ name: [NUL_MESSAGE] });
		expect(await tableCounts()).toEqual(before);
	});

	it('creates the account, signs in and records it', async () => {
		const email = uniqueEmail('Ada');
		const result = await signUp(db, { email: `  ${email.toUpperCase()} `, name: 'Ada Lovelace', password: PASSWORD });
		const validated = await validateSessionToken(db, result.token);
		expect(validated?.session.id).toBe(result.sessionId);
		expect(validated?.user).toMatchObject({ id: result.userId, email, name: 'Ada Lovelace' });

		const [row] = await db.select().from(users).where(eq(users.id, result.userId));
		expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
		expect(row!.passwordHash).not.toContain(PASSWORD);

		const entries = await auditOf(result.userId);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'account.created',
			actorId: result.userId,
			organisationId: null,
			summary: `Ada Lovelace created an account (${email}).`
		});
	});

	it('refuses an email that is already registered, whatever its case, and writes nothing', async () => {
		const { email } = await person();
		const before = await tableCounts();
		const error = await refusal(signUp(db, { email: email.toUpperCase(), name: 'Someone Else', password: PASSWORD }));
		expect(error.code).toBe('conflict');
		expect(error.fieldErrors.email?.[0]).toMatch(/already exists/);
		expect(await tableCounts()).toEqual(before);
	});

	it('lets only one of two simultaneous sign-ups with one email through', async () => {
		const email = uniqueEmail('twin');
		const results = await Promise.allSettled([
			signUp(db, { email, name: 'Twin One', password: PASSWORD }),
			signUp(db, { email, name: 'Twin Two', password: PASSWORD })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(ServiceError);
		expect((rejected.reason as ServiceError).code).toBe('conflict');
		expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
	});
});

describe('sign up limits', () => {
	it('refuses more new accounts from one address than its policy allows, and creates none of them', async () => {
		const limits = new RateLimits({ policies: { 'sign-up.address': { points: 2, durationSeconds: 3600 } } });
		const emails = [uniqueEmail('one'), uniqueEmail('two'), uniqueEmail('three')];
		for (const email of emails.slice(0, 2)) {
			await signUp(db, { email, name: 'From the office', password: PASSWORD }, { address: '192.0.2.10', limits });
		}
		const refused = await refusal(signUp(db, { email: emails[2], name: 'From the office', password: PASSWORD }, { address: '192.0.2.10', limits }));
		expect(refused.code).toBe('rate_limited');
		expect(refused.message).toBe('Too many accounts were created from your network. Try again in 60 minutes.');
		expect((refused.details as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(59 * 60_000);
		const [created] = await db.select({ n: count() }).from(users).where(inArray(users.email, emails));
		expect(created!.n).toBe(2);
		// Another address is not affected.
		await signUp(db, { email: emails[2]!, name: 'From home', password: PASSWORD }, { address: '198.51.100.20', limits });
	});
});

describe('sign in', () => {
	it('opens a new session with a new id each time', async () => {
		const { email, userId, firstSession } = await person();
		const a = await signIn(db, { email, password: PASSWORD }, { address: '10.0.0.1', limits: limiter() });
		const b = await signIn(db, { email: email.toUpperCase(), password: PASSWORD }, { limits: limiter() });
		expect(a.userId).toBe(userId);
		expect(new Set([firstSession.sessionId, a.sessionId, b.sessionId]).size).toBe(3);
		expect((await validateSessionToken(db, a.token))?.user.id).toBe(userId);
	});

	it('gives the same refusal for a wrong password and an unknown account', async () => {
		const { email } = await person();
		const wrong = await refusal(signIn(db, { email, password: 'not the password' }, { limits: limiter() }));
		const unknown = await refusal(
			signIn(db, { email: uniqueEmail('nobody'), password: PASSWORD }, { limits: limiter() })
		);
		expect(wrong.code).toBe('unauthenticated');
		expect(wrong.message).toBe(SIGN_IN_FAILED);
		expect({ code: unknown.code, message: unknown.message, fields: unknown.fieldErrors }).toEqual({
			code: wrong.code,
			message: wrong.message,
			fields: wrong.fieldErrors
		});
	});

	it('asks for both fields', async () => {
		const error = await refusal(signIn(db, { email: ' ', password: '' }, { limits: limiter() }));
		expect(error.code).toBe('invalid_input');
		expect(Object.keys(error.fieldErrors).sort()).toEqual(['email', 'password']);
	});

	it('refuses an email holding U+0000 before looking it up', async () => {
		const error = await refusal(signIn(db, { email: 'ada\u0000@example.test', password: PASSWORD }, { limits: limiter() }));
		expect(error.code).toBe('invalid_input');
		expect(error.fieldErrors).toEqual({ email: [NUL_MESSAGE] });
	});

	it('locks an account after 10 failures, from any address, but not its neighbours', async () => {
		const target = await person();
		const other = await person();
		const shared = limiter();
		for (let i = 0; i < 10; i++) {
			const error = await refusal(
				signIn(db, { email: target.email, password: `guess ${i}` }, { address: `10.1.0.${i}`, limits: shared })
			);
			expect(error.code).toBe('unauthenticated');
		}
		// Even the right password is refused now, from a fresh address, with no hint whether it was right.
		const locked = await refusal(
			signIn(db, { email: target.email, password: PASSWORD }, { address: '10.1.1.1', limits: shared })
		);
		expect(locked.code).toBe('rate_limited');
		expect(locked.message).toMatch(/^Too many sign-in attempts\. Try again in 15 minutes\.$/);
		const { retryAfterMs } = locked.details as { retryAfterMs: number };
		expect(retryAfterMs).toBeGreaterThan(14 * 60_000);
		expect(retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
		// Another account from the same address is unaffected.
		const ok = await signIn(db, { email: other.email, password: PASSWORD }, { address: '10.1.0.1', limits: shared });
		expect(ok.userId).toBe(other.userId);
	});

	it('locks an unknown account the same way (no way to tell which accounts exist)', async () => {
		const shared = limiter({ perAccount: 3 });
		const email = uniqueEmail('ghost');
		for (let i = 0; i < 3; i++) {
			expect((await refusal(signIn(db, { email, password: PASSWORD }, { limits: shared }))).code).toBe(
				'unauthenticated'
			);
		}
		expect((await refusal(signIn(db, { email, password: PASSWORD }, { limits: shared }))).code).toBe('rate_limited');
	});

	it('limits one address across many accounts', async () => {
		const shared = limiter({ perAddress: 4 });
		const victim = await person();
		for (let i = 0; i < 4; i++) {
			const error = await refusal(
				signIn(db, { email: uniqueEmail('spray'), password: 'guess' }, { address: '203.0.113.9', limits: shared })
			);
			expect(error.code).toBe('unauthenticated');
		}
		const blocked = await refusal(
			signIn(db, { email: victim.email, password: PASSWORD }, { address: '203.0.113.9', limits: shared })
		);
		expect(blocked.code).toBe('rate_limited');
		// The same person from another address is fine.
		const ok = await signIn(db, { email: victim.email, password: PASSWORD }, { address: '198.51.100.7', limits: shared });
		expect(ok.userId).toBe(victim.userId);
	});

	it('forgets an account’s failures after a successful sign-in', async () => {
		const shared = limiter({ perAccount: 3 });
		const { email } = await person();
		for (let i = 0; i < 2; i++) await refusal(signIn(db, { email, password: 'wrong' }, { limits: shared }));
		await signIn(db, { email, password: PASSWORD }, { limits: shared });
		for (let i = 0; i < 3; i++) {
			expect((await refusal(signIn(db, { email, password: 'wrong' }, { limits: shared }))).code).toBe(
				'unauthenticated'
			);
		}
		expect((await refusal(signIn(db, { email, password: PASSWORD }, { limits: shared }))).code).toBe('rate_limited');
	});
});

describe('sign out', () => {
	it('ends that session only, and tells the sockets', async () => {
		const { email, userId, firstSession } = await person();
		const other = await signIn(db, { email, password: PASSWORD }, { limits: limiter() });
		await signOut(ctx, firstSession.sessionId);
		expect(await validateSessionToken(db, firstSession.token)).toBeNull();
		expect(await sessionIdsOf(userId)).toEqual([other.sessionId]);
		expect(endedCalls).toEqual([[firstSession.sessionId]]);

		// Signing out a session that already ended is harmless and tells nobody.
		await signOut(ctx, firstSession.sessionId);
		expect(endedCalls).toHaveLength(1);
	});
});

describe('change password', () => {
	it('ends every other session but keeps the current one, and records it', async () => {
		const orgId = await organisation('Change Co');
		const me = await person({ name: 'Cleo Change', organisationId: orgId });
		const second = await signIn(db, { email: me.email, password: PASSWORD }, { limits: limiter() });
		const third = await signIn(db, { email: me.email, password: PASSWORD }, { limits: limiter() });
		const bystander = await person({ organisationId: orgId });

		const result = await changePassword(
			ctx,
			{ userId: me.userId, sessionId: second.sessionId },
			{ currentPassword: PASSWORD, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
			{ limits: limiter() }
		);

		expect(result.endedSessions).toBe(2);
		expect(await sessionIdsOf(me.userId)).toEqual([second.sessionId]);
		expect(await validateSessionToken(db, second.token)).not.toBeNull();
		expect(await validateSessionToken(db, third.token)).toBeNull();
		expect(endedCalls).toHaveLength(1);
		expect(endedCalls[0]!.sort()).toEqual([me.firstSession.sessionId, third.sessionId].sort());
		expect(await sessionIdsOf(bystander.userId)).toEqual([bystander.firstSession.sessionId]);

		const old = await refusal(signIn(db, { email: me.email, password: PASSWORD }, { limits: limiter() }));
		expect(old.message).toBe(SIGN_IN_FAILED);
		await signIn(db, { email: me.email, password: 'a brand new passphrase' }, { limits: limiter() });

		const entry = (await auditOf(me.userId)).find((e) => e.action === 'account.password_changed');
		expect(entry).toMatchObject({
			organisationId: orgId,
			actorId: me.userId,
			summary: 'Cleo Change changed their password, which signed out 2 other sessions.',
			details: { userId: me.userId, endedSessions: 2 }
		});
	});

	it('refuses a wrong current password, changing nothing', async () => {
		const me = await person();
		const before = await tableCounts();
		const error = await refusal(
			changePassword(
				ctx,
				{ userId: me.userId, sessionId: me.firstSession.sessionId },
				{ currentPassword: 'not it at all', newPassword: 'another passphrase', confirmPassword: 'another passphrase' },
				{ limits: limiter() }
			)
		);
		expect(error.code).toBe('invalid_input');
		expect(error.fieldErrors.currentPassword).toEqual(['That is not your current password.']);
		expect(await tableCounts()).toEqual(before);
		expect(endedCalls).toEqual([]);
		await signIn(db, { email: me.email, password: PASSWORD }, { limits: limiter() });
	});

	it('refuses a confirmation that does not match, and a too-short password', async () => {
		const me = await person();
		const session = { userId: me.userId, sessionId: me.firstSession.sessionId };
		const mismatch = await refusal(
			changePassword(ctx, session, {
				currentPassword: PASSWORD,
				newPassword: 'another passphrase',
				confirmPassword: 'another passphrasf'
			})
		);
		expect(mismatch.fieldErrors).toEqual({ confirmPassword: ['The two new passwords do not match.'] });
		const short = await refusal(
			changePassword(ctx, session, { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' })
		);
		expect(short.fieldErrors.newPassword).toEqual(['Use at least 10 characters.']);
		expect(endedCalls).toEqual([]);
	});

	it('limits guesses of the current password', async () => {
		const me = await person();
		const shared = limiter({ perAccount: 2 });
		const session = { userId: me.userId, sessionId: me.firstSession.sessionId };
		const input = (currentPassword: string) => ({
			currentPassword,
			newPassword: 'another passphrase',
			confirmPassword: 'another passphrase'
		});
		for (let i = 0; i < 2; i++) {
			await refusal(changePassword(ctx, session, input(`guess ${i}`), { limits: shared }));
		}
		const error = await refusal(changePassword(ctx, session, input(PASSWORD), { limits: shared }));
		expect(error.code).toBe('rate_limited');
	});
});

describe('password reset links', () => {
	async function setting() {
		const orgId = await organisation('Reset Org');
		const admin = await person({ name: 'Ari Admin', organisationId: orgId, role: 'admin' });
		const target = await person({ name: 'Tess Target', organisationId: orgId, role: 'member' });
		const leader = await person({ name: 'Lee Leader', organisationId: orgId, role: 'leader' });
		const otherOrg = await organisation('Other Org');
		const outsider = await person({ name: 'Otto Outsider', organisationId: otherOrg, role: 'member' });
		const otherAdmin = await person({ name: 'Olga Admin', organisationId: otherOrg, role: 'admin' });
		return { orgId, admin, target, leader, outsider, otherAdmin };
	}

	function tokenOf(url: string): string {
		expect(url).toMatch(/^\/reset\/[a-z0-9]+\.[a-z0-9]+$/);
		return url.slice('/reset/'.length);
	}

	it('only an admin of the same organisation can issue one', async () => {
		const { admin, target, leader, outsider, otherAdmin } = await setting();
		const countResets = async () => (await db.select({ n: count() }).from(passwordResets))[0]!.n;
		const before = await countResets();

		const byLeader = await refusal(issuePasswordReset(ctx, await actorOf(leader.userId), { userId: target.userId }));
		expect(byLeader.code).toBe('forbidden');
		const byOtherAdmin = await refusal(
			issuePasswordReset(ctx, await actorOf(otherAdmin.userId), { userId: target.userId })
		);
		expect(byOtherAdmin.code).toBe('not_found');
		const forOutsider = await refusal(issuePasswordReset(ctx, await actorOf(admin.userId), { userId: outsider.userId }));
		expect(forOutsider.code).toBe('not_found');
		expect(forOutsider.message).toBe(byOtherAdmin.message);
		const badId = await refusal(issuePasswordReset(ctx, await actorOf(admin.userId), { userId: 'nope' }));
		expect(badId.code).toBe('invalid_input');
		expect(await countResets()).toBe(before);

		const now = new Date();
		const issued = await issuePasswordReset(ctx, await actorOf(admin.userId), { userId: target.userId }, { now });
		expect(issued.expiresAt.getTime()).toBe(now.getTime() + PASSWORD_RESET_TTL_MS);
		const token = tokenOf(issued.url);
		const [id, secret] = token.split('.');
		const [row] = await db.select().from(passwordResets).where(eq(passwordResets.id, id!));
		expect(row).toMatchObject({ userId: target.userId, createdBy: admin.userId, usedAt: null });
		// Only a hash of the secret is stored.
		expect(row!.secretHash).not.toContain(secret!);
		expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);

		const entry = (await auditOf(target.userId)).find((e) => e.action === 'account.password_reset_issued');
		expect(entry).toMatchObject({
			organisationId: (await actorOf(admin.userId)).organisationId,
			actorId: admin.userId,
			summary: `Ari Admin issued a password reset link for Tess Target (${target.email}).`
		});
	});

	it('sets the new password, ends every session of the person, and works once', async () => {
		const { admin, target, orgId } = await setting();
		const laptop = await signIn(db, { email: target.email, password: PASSWORD }, { limits: limiter() });
		const { url } = await issuePasswordReset(ctx, await actorOf(admin.userId), { userId: target.userId });
		const token = tokenOf(url);

		const mismatch = await refusal(
			resetPassword(ctx, { token, password: 'fresh passphrase', confirmPassword: 'fresh passphrasf' })
		);
		expect(mismatch.fieldErrors.confirmPassword).toBeDefined();

		const result = await resetPassword(ctx, { token, password: 'fresh passphrase', confirmPassword: 'fresh passphrase' });
		expect(result).toEqual({ userId: target.userId, email: target.email });
		expect(await sessionIdsOf(target.userId)).toEqual([]);
		expect(endedCalls).toHaveLength(1);
		expect(endedCalls[0]!.sort()).toEqual([target.firstSession.sessionId, laptop.sessionId].sort());
		expect(await sessionIdsOf(admin.userId)).toEqual([admin.firstSession.sessionId]);

		expect((await refusal(signIn(db, { email: target.email, password: PASSWORD }, { limits: limiter() }))).code).toBe(
			'unauthenticated'
		);
		await signIn(db, { email: target.email, password: 'fresh passphrase' }, { limits: limiter() });

		const again = await refusal(resetPassword(ctx, { token, password: 'third passphrase' }));
		expect(again.code).toBe('expired');
		expect(again.message).toMatch(/already been used/);

		const entry = (await auditOf(target.userId)).find((e) => e.action === 'account.password_reset');
		expect(entry).toMatchObject({
			organisationId: orgId,
			actorId: target.userId,
			summary: 'Tess Target set a new password with a reset link, which signed out 2 sessions.'
		});
	});

	it('expires after 24 hours', async () => {
		const { admin, target } = await setting();
		const issuedAt = new Date();
		const { url } = await issuePasswordReset(ctx, await actorOf(admin.userId), { userId: target.userId }, { now: issuedAt });
		const later = new Date(issuedAt.getTime() + PASSWORD_RESET_TTL_MS + 1000);
		const error = await refusal(resetPassword(ctx, { token: tokenOf(url), password: 'fresh passphrase' }, { now: later }));
		expect(error.code).toBe('expired');
		expect(error.message).toMatch(/expired/);
		expect(endedCalls).toEqual([]);
		await signIn(db, { email: target.email, password: PASSWORD }, { limits: limiter() });
	});

	it('refuses unknown and tampered links, and an older link once a newer one is issued', async () => {
		const { admin, target } = await setting();
		const actor = await actorOf(admin.userId);
		const first = tokenOf((await issuePasswordReset(ctx, actor, { userId: target.userId })).url);
		const second = tokenOf((await issuePasswordReset(ctx, actor, { userId: target.userId })).url);

		for (const token of ['garbage', 'abc.def', `${second.split('.')[0]}.wrongsecret`, first]) {
			const error = await refusal(resetPassword(ctx, { token, password: 'fresh passphrase' }));
			expect(error.code).toBe('not_found');
			expect(error.message).toMatch(/not valid/);
		}
		await resetPassword(ctx, { token: second, password: 'fresh passphrase' });
	});
});
