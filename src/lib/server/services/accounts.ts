import { eq } from 'drizzle-orm';
import { registerUserInput, type RegisterUserInput } from '../../domain/accounts';
import { hashPassword } from '../auth/passwords';
import type { DbOrTx } from '../db';
import { users } from '../db/schema';
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
