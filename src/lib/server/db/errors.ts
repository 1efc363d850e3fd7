/** The SQLSTATE of a database error; drivers (and drizzle) wrap it in `cause`, so look down the chain. */
export function pgErrorCode(error: unknown): string | undefined {
	let e: unknown = error;
	for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
		e = (e as { cause?: unknown }).cause;
	}
	return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
	return pgErrorCode(error) === '23505';
}
