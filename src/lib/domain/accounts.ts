import { z } from 'zod';
import { withoutNul } from './text';

/** Shared by the forms (client hints) and the services (the real check). */
export const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Enter your email address.')
	.max(254, 'That email address is too long.')
	.pipe(z.email('Enter a valid email address.'));

export const personName = withoutNul(
	z.string().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.')
);

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

/**
 * Sign-in checks only that something was typed: the real check is the password hash, and a length rule
 * here would tell an attacker which passwords cannot exist.
 */
export const signInInput = z.object({
	email: withoutNul(
		z.string().trim().toLowerCase().min(1, 'Enter your email address.').max(254, 'That email address is too long.')
	),
	password: z.string().min(1, 'Enter your password.').max(256, 'Use at most 256 characters.')
});
export type SignInInput = z.input<typeof signInInput>;

export const changePasswordInput = z
	.object({
		currentPassword: z
			.string()
			.min(1, 'Enter your current password.')
			.max(256, 'Use at most 256 characters.'),
		newPassword,
		confirmPassword: z.string()
	})
	.refine((data) => data.confirmPassword === data.newPassword, {
		message: 'The two new passwords do not match.',
		path: ['confirmPassword']
	})
	.refine((data) => data.currentPassword !== data.newPassword, {
		message: 'Choose a password different from your current one.',
		path: ['newPassword']
	});
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const issuePasswordResetInput = z.object({
	userId: z.uuid('Choose a person.')
});
export type IssuePasswordResetInput = z.input<typeof issuePasswordResetInput>;

export const resetPasswordInput = z
	.object({
		token: withoutNul(z.string().min(1, 'This reset link is incomplete.').max(200, 'This reset link is not valid.')),
		password: newPassword,
		/** The form asks twice; a program that sends the password once may leave this out. */
		confirmPassword: z.string().optional()
	})
	.refine((data) => data.confirmPassword === undefined || data.confirmPassword === data.password, {
		message: 'The two passwords do not match.',
		path: ['confirmPassword']
	});
export type ResetPasswordInput = z.input<typeof resetPasswordInput>;
