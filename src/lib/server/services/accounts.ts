import { isUniqueViolation } from '../db/errors';
import { and, eq, isNull } from 'drizzle-orm';
import { canManageOrganisation, type Actor } from '../../domain/access';
import {
	changePasswordInput,
	issuePasswordResetInput,
	registerUserInput,
	resetPasswordInput,
	signInInput,
	type RegisterUserInput
} from '../../domain/accounts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { appRateLimits } from '../rate-limit/app';
import type { RateLimits } from '../rate-limit/limits';
import { signInAttempt, signInSucceeded } from '../rate-limit/sign-in';
import { describeWait, rateLimited } from '../rate-limit/wait';
import { createSession, invalidateSession, invalidateUserSessions } from '../auth/sessions';
import { constantTimeEqual, hashSecret, newToken, splitToken } from '../auth/tokens';
import type { AppContext } from '../context';
import type { Db, DbOrTx } from '../db';
import { members, passwordResets, users } from '../db/schema';
import { recordAudit } from './audit';
import { parseInput, ServiceError } from './errors';

/** Creates an account (no organisation yet). Refuses an email that is already registered. */
export async function registerUser(db: DbOrTx, input: RegisterUserInput) {
	const data = parseInput(registerUserInput, input);
	const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, data.email));
	if (existing) {
		throw new ServiceError('conflict', 'An account with this email already exists.', {
			email: ['An account with this email already exists. Sign in instead.']
		});
	}
	const passwordHash = await hashPassword(data.password);
	const [user] = await db
		.insert(users)
		.values({ email: data.email, name: data.name, passwordHash })
		.returning({ id: users.id, email: users.email, name: users.name });
	return user!;
}

/** A new session: the token goes into the cookie, the id names the session (and its sockets' room). */
export interface SignedIn {
	token: string;
	sessionId: string;
	userId: string;
}

export interface SignUpOptions {
	/** The client's address, for the per-address limit on new accounts. */
	address?: string;
	/** Tests pass their own; the app uses its own (`appRateLimits`). */
	limits?: RateLimits;
}

/** Sign-up: creates the account and its first session in one transaction, and records it. Rate-limited. */
export async function signUp(db: Db, input: unknown, options: SignUpOptions = {}): Promise<SignedIn> {
	const data = parseInput(registerUserInput, input);
	if (options.address) {
		const verdict = await (options.limits ?? appRateLimits()).take('sign-up.address', options.address);
		if (!verdict.allowed) {
			throw rateLimited(
				`Too many accounts were created from your network. Try again in ${describeWait(verdict.retryAfterMs)}.`,
				verdict.retryAfterMs
			);
		}
	}
	try {
		return await db.transaction(async (tx) => {
			const user = await registerUser(tx, data);
			const { token, sessionId } = await createSession(tx, user.id);
			await recordAudit(tx, {
				organisationId: null,
				actorId: user.id,
				action: 'account.created',
				summary: `${user.name} created an account (${user.email}).`,
				details: { userId: user.id, email: user.email }
			});
			return { token, sessionId, userId: user.id };
		});
	} catch (error) {
		// Two sign-ups with one email at the same instant: the unique index decides, the loser hears why.
		if (isUniqueViolation(error)) {
			throw new ServiceError('conflict', 'An account with this email already exists.', {
				email: ['An account with this email already exists. Sign in instead.']
			});
		}
		throw error;
	}
}

/** One message for an unknown account and a wrong password, so sign-in never reveals who has an account. */
export const SIGN_IN_FAILED = 'That email and password do not match an account.';

export interface SignInOptions {
	/** The client's address, for the per-address limit. */
	address?: string;
	/** Tests pass their own; the app uses its own (`appRateLimits`). */
	limits?: RateLimits;
}

/** Checks the password and opens a new session (a fresh id at every sign-in). Rate-limited. */
export async function signIn(db: DbOrTx, input: unknown, options: SignInOptions = {}): Promise<SignedIn> {
	const data = parseInput(signInInput, input);
	const limits = options.limits ?? appRateLimits();
	const keys = { account: data.email, address: options.address };
	const attempt = await signInAttempt(limits, keys);
	if (!attempt.allowed) {
		throw rateLimited(`Too many sign-in attempts. Try again in ${describeWait(attempt.retryAfterMs)}.`, attempt.retryAfterMs);
	}
	const [user] = await db
		.select({ id: users.id, passwordHash: users.passwordHash })
		.from(users)
		.where(eq(users.email, data.email));
	if (!user) {
		await verifyAgainstDummy(data.password);
		throw new ServiceError('unauthenticated', SIGN_IN_FAILED);
	}
	if (!(await verifyPassword(user.passwordHash, data.password))) {
		throw new ServiceError('unauthenticated', SIGN_IN_FAILED);
	}
	await signInSucceeded(limits, keys);
	const { token, sessionId } = await createSession(db, user.id);
	return { token, sessionId, userId: user.id };
}

/** Ends one session and drops its sockets. Ending a session that is already gone is fine. */
export async function signOut(ctx: AppContext, sessionId: string): Promise<void> {
	const ended = await invalidateSession(ctx.db, sessionId);
	if (ended) ctx.realtime.sessionsEnded([sessionId]);
}

/** The signed-in person and the session they act from. */
export interface SessionRef {
	userId: string;
	sessionId: string;
}

/**
 * Changes the signed-in person's password after checking the current one. Every other session of theirs
 * ends (and its sockets drop); the session they act from stays. Their open reset links stop working.
 */
export async function changePassword(
	ctx: AppContext,
	session: SessionRef,
	input: unknown,
	options: { limits?: RateLimits } = {}
): Promise<{ endedSessions: number }> {
	const data = parseInput(changePasswordInput, input);
	const person = await loadPerson(ctx.db, session.userId);
	if (!person) throw new ServiceError('unauthenticated', 'Sign in again to change your password.');

	// Guessing the current password from a stolen session counts against the same per-account limit.
	const limits = options.limits ?? appRateLimits();
	const keys = { account: person.email };
	const attempt = await signInAttempt(limits, keys);
	if (!attempt.allowed) {
		throw rateLimited(`Too many wrong passwords. Try again in ${describeWait(attempt.retryAfterMs)}.`, attempt.retryAfterMs);
	}
	if (!(await verifyPassword(person.passwordHash, data.currentPassword))) {
		throw new ServiceError('invalid_input', 'Your current password is not right.', {
			currentPassword: ['That is not your current password.']
		});
	}
	await signInSucceeded(limits, keys);

	const passwordHash = await hashPassword(data.newPassword);
	const ended = await ctx.db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, person.id));
		await tx
			.delete(passwordResets)
			.where(and(eq(passwordResets.userId, person.id), isNull(passwordResets.usedAt)));
		const endedIds = await invalidateUserSessions(tx, person.id, session.sessionId);
		await recordAudit(tx, {
			organisationId: person.organisationId,
			actorId: person.id,
			action: 'account.password_changed',
			summary: `${person.name} changed their password${signedOutSuffix(endedIds.length)}.`,
			details: { userId: person.id, endedSessions: endedIds.length }
		});
		return endedIds;
	});
	ctx.realtime.sessionsEnded(ended);
	return { endedSessions: ended.length };
}

/** How long an issued reset link works. */
export const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

export interface IssuedPasswordReset {
	/** Path of the one-time link, `/reset/<token>`; prefix it with the app's origin to hand it out. */
	url: string;
	expiresAt: Date;
}

/**
 * An admin issues a one-time link (valid 24 hours) with which a person of their organisation chooses a
 * new password. Only the newest link of a person works. A person of another organisation is not found.
 */
export async function issuePasswordReset(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	options: { now?: Date } = {}
): Promise<IssuedPasswordReset> {
	const data = parseInput(issuePasswordResetInput, input);
	if (!canManageOrganisation(actor)) {
		throw new ServiceError('forbidden', 'Only admins of the organisation can issue password reset links.');
	}
	const target = await loadPerson(ctx.db, data.userId);
	if (!target || target.organisationId !== actor.organisationId) {
		throw new ServiceError('not_found', 'There is no such person in your organisation.');
	}
	const now = options.now ?? new Date();
	const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
	const { id, token, secretHash } = newToken();
	await ctx.db.transaction(async (tx) => {
		await tx
			.delete(passwordResets)
			.where(and(eq(passwordResets.userId, target.id), isNull(passwordResets.usedAt)));
		await tx.insert(passwordResets).values({ id, userId: target.id, secretHash, createdBy: actor.userId, expiresAt });
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'account.password_reset_issued',
			summary: `${actor.name} issued a password reset link for ${target.name} (${target.email}).`,
			details: { userId: target.id, expiresAt: expiresAt.toISOString() }
		});
	});
	return { url: `/reset/${token}`, expiresAt };
}

const RESET_NOT_FOUND = 'This reset link is not valid. Ask an admin of your organisation for a new one.';
const RESET_USED = 'This reset link has already been used. Ask an admin of your organisation for a new one.';
const RESET_EXPIRED = 'This reset link has expired. Ask an admin of your organisation for a new one.';

/** Whether a reset link can still be used: the reset page checks this before showing its form. */
export async function checkPasswordReset(
	db: DbOrTx,
	token: string,
	options: { now?: Date } = {}
): Promise<{ userId: string; email: string; name: string }> {
	const parts = splitToken(token);
	if (!parts) throw new ServiceError('not_found', RESET_NOT_FOUND);
	const [row] = await db
		.select({
			secretHash: passwordResets.secretHash,
			expiresAt: passwordResets.expiresAt,
			usedAt: passwordResets.usedAt,
			userId: users.id,
			email: users.email,
			name: users.name
		})
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(eq(passwordResets.id, parts.id));
	if (!row || !constantTimeEqual(hashSecret(parts.secret), row.secretHash)) {
		throw new ServiceError('not_found', RESET_NOT_FOUND);
	}
	if (row.usedAt) throw new ServiceError('expired', RESET_USED);
	if (row.expiresAt.getTime() <= (options.now ?? new Date()).getTime()) {
		throw new ServiceError('expired', RESET_EXPIRED);
	}
	return { userId: row.userId, email: row.email, name: row.name };
}

/**
 * Sets a new password with a reset link. The link works once; every session of the person ends (and
 * their sockets drop), so whoever knew the old password is out.
 */
export async function resetPassword(
	ctx: AppContext,
	input: unknown,
	options: { now?: Date } = {}
): Promise<{ userId: string; email: string }> {
	const data = parseInput(resetPasswordInput, input);
	const person = await checkPasswordReset(ctx.db, data.token, options);
	const linkId = splitToken(data.token)!.id;
	const passwordHash = await hashPassword(data.password);
	const ended = await ctx.db.transaction(async (tx) => {
		// Marking the link used is the guard: of two submissions at once, only one finds it unused.
		const claimed = await tx
			.update(passwordResets)
			.set({ usedAt: options.now ?? new Date() })
			.where(and(eq(passwordResets.id, linkId), isNull(passwordResets.usedAt)))
			.returning({ id: passwordResets.id });
		if (!claimed.length) throw new ServiceError('expired', RESET_USED);
		await tx.update(users).set({ passwordHash }).where(eq(users.id, person.userId));
		const endedIds = await invalidateUserSessions(tx, person.userId);
		const [membership] = await tx
			.select({ organisationId: members.organisationId })
			.from(members)
			.where(eq(members.userId, person.userId));
		await recordAudit(tx, {
			organisationId: membership?.organisationId ?? null,
			actorId: person.userId,
			action: 'account.password_reset',
			summary: `${person.name} set a new password with a reset link${signedOutSuffix(endedIds.length, false)}.`,
			details: { userId: person.userId, endedSessions: endedIds.length }
		});
		return endedIds;
	});
	ctx.realtime.sessionsEnded(ended);
	return { userId: person.userId, email: person.email };
}

// ---------------------------------------------------------------------------------------------------

interface Person {
	id: string;
	email: string;
	name: string;
	passwordHash: string;
	organisationId: string | null;
}

async function loadPerson(db: DbOrTx, userId: string): Promise<Person | null> {
	const [row] = await db
		.select({
			id: users.id,
			email: users.email,
			name: users.name,
			passwordHash: users.passwordHash,
			organisationId: members.organisationId
		})
		.from(users)
		.leftJoin(members, eq(members.userId, users.id))
		.where(eq(users.id, userId));
	return row ?? null;
}

function signedOutSuffix(count: number, other = true): string {
	if (count === 0) return '';
	const kind = other ? 'other session' : 'session';
	return `, which signed out ${count} ${kind}${count === 1 ? '' : 's'}`;
}

/** PostgreSQL's unique_violation, as postgres.js or PGlite report it (drizzle may wrap it in `cause`). */
