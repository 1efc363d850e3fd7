import { fail, type ActionFailure } from '@sveltejs/kit';
import { ServiceError, statusOf, type FieldErrors } from '../services/errors';

export interface FormFailure {
	message: string;
	code: string;
	errors: FieldErrors;
	/** What the person typed (never passwords), so the form keeps it. */
	values: Record<string, string>;
}

/** Form fields as plain strings; File entries are ignored. Password fields are never echoed back. */
export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data.entries()) {
		if (typeof value === 'string') values[key] = value;
	}
	return values;
}

function echoable(values: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/**
 * Runs a service call for a form action: a ServiceError becomes a form failure with field errors and
 * the typed values; anything else is a real error and propagates.
 */
export async function runAction<T>(
	values: Record<string, string>,
	call: () => Promise<T>
): Promise<T | ActionFailure<FormFailure>> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof ServiceError) {
			return fail(statusOf(error), {
				message: error.message,
				code: error.code,
				errors: error.fieldErrors,
				values: echoable(values)
			});
		}
		throw error;
	}
}
