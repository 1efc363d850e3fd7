import type { z } from 'zod';

// PostgreSQL `text` cannot store U+0000, so stored text refuses it here, clearly, instead of failing in the database.
export const NUL_MESSAGE = 'Remove the invisible NUL character (U+0000) from this text.';

export function withoutNul<S extends z.ZodType<string>>(schema: S): S {
	return schema.refine((value) => !value.includes('\u0000'), NUL_MESSAGE);
}
