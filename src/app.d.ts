import type { Actor } from '$lib/domain/access';
import type { SessionUser, ValidSession } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			/** Set when the signed-in person belongs to an organisation. */
			actor: Actor | null;
		}
	}
}

export {};
