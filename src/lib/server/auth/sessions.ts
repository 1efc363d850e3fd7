import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { sessions, users } from '../db/schema';
import { constantTimeEqual, hashSecret, newToken, splitToken } from './tokens';

/** A session ends after this long without use (sliding expiry). */
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
/** How often a used session's last-verified time is written (not on every request). */
const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
}

export interface ValidSession {
	id: string;
	userId: string;
	createdAt: Date;
	lastVerifiedAt: Date;
}

export async function createSession(db: DbOrTx, userId: string, now = new Date()) {
	const { id, token, secretHash } = newToken();
	await db.insert(sessions).values({ id, userId, secretHash, createdAt: now, lastVerifiedAt: now });
	return { token, sessionId: id };
}

export async function validateSessionToken(
	db: DbOrTx,
	token: string,
	now = new Date()
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [row] = await db
		.select({
			id: sessions.id,
			userId: sessions.userId,
			secretHash: sessions.secretHash,
			createdAt: sessions.createdAt,
			lastVerifiedAt: sessions.lastVerifiedAt,
			email: users.email,
			name: users.name
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, parts.id));
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(parts.secret), row.secretHash)) return null;
	if (now.getTime() - row.lastVerifiedAt.getTime() >= INACTIVITY_TIMEOUT_MS) {
		await db.delete(sessions).where(eq(sessions.id, row.id));
		return null;
	}
	let lastVerifiedAt = row.lastVerifiedAt;
	if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
		lastVerifiedAt = now;
		await db.update(sessions).set({ lastVerifiedAt }).where(eq(sessions.id, row.id));
	}
	return {
		session: { id: row.id, userId: row.userId, createdAt: row.createdAt, lastVerifiedAt },
		user: { id: row.userId, email: row.email, name: row.name }
	};
}

/** Deletes one session; returns whether it existed. */
export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<boolean> {
	const deleted = await db.delete(sessions).where(eq(sessions.id, sessionId)).returning({ id: sessions.id });
	return deleted.length > 0;
}

/** Deletes every session of a person (optionally keeping one); returns the ids that ended. */
export async function invalidateUserSessions(
	db: DbOrTx,
	userId: string,
	keepSessionId?: string
): Promise<string[]> {
	const where = keepSessionId
		? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
		: eq(sessions.userId, userId);
	const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
	return deleted.map((row) => row.id);
}
