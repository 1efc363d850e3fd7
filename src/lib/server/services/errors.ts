import type { z } from 'zod';

/** Stable, machine-readable reasons a service refuses (also sent to socket clients as ack error codes). */
export type ServiceErrorCode =
	| 'invalid_input'
	| 'unauthenticated'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'rate_limited'
	| 'expired'
	| 'stale'
	| 'gate_blocked'
	| 'wip_limit'
	| 'capacity_limit'
	| (string & {});

export type FieldErrors = Record<string, string[]>;

/** A refusal a person can act on: the code for programs, the message for people, field errors for forms. */
export class ServiceError extends Error {
	constructor(
		readonly code: ServiceErrorCode,
		message: string,
		readonly fieldErrors: FieldErrors = {},
		/** Extra facts for programs: the current card on a stale edit, the missing items of a gate. */
		readonly details?: unknown
	) {
		super(message);
		this.name = 'ServiceError';
	}
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_';
		(out[key] ??= []).push(issue.message);
	}
	return out;
}

/** Validates input against a command's schema, refusing with field errors when it does not fit. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) {
		throw new ServiceError('invalid_input', 'Some fields need attention.', fieldErrorsOf(result.error));
	}
	return result.data;
}

/** HTTP status for a service refusal. */
export function statusOf(error: ServiceError): number {
	switch (error.code) {
		case 'invalid_input':
			return 400;
		case 'unauthenticated':
			return 401;
		case 'forbidden':
			return 403;
		case 'not_found':
			return 404;
		case 'conflict':
		case 'stale':
			return 409;
		case 'rate_limited':
			return 429;
		case 'expired':
			return 410;
		default:
			return 400;
	}
}
