import { z } from 'zod';

/** Shared by the forms (client hints) and the services (the real check). */
export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Enter your email address.')
	.max(254, 'That email address is too long.')
	.pipe(z.email('Enter a valid email address.'));

export const personName = z
	.string()
	.trim()
	.min(1, 'Enter your name.')
	.max(100, 'Use at most 100 characters.');

/** NIST 800-63B: length over composition rules; the upper bound keeps argon2 input reasonable. */
export const newPassword = z
	.string()
	.min(10, 'Use at least 10 characters.')
	.max(256, 'Use at most 256 characters.');

export const registerUserInput = z.object({
	email,
	name: personName,
	password: newPassword
});
export type RegisterUserInput = z.input<typeof registerUserInput>;
