import type { ParamMatcher } from '@sveltejs/kit';

// Any RFC 9562 layout (ids are `gen_random_uuid()`, v4); case-insensitive as PostgreSQL reads them.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `[teamId=uuid]`: a route whose parameter is an id matches only a well-formed one, so a malformed id
 * answers 404 before any query would fail on it.
 */
export const match = ((param: string): boolean => UUID.test(param)) satisfies ParamMatcher;
