import type { DbOrTx } from '../db';
import { auditEntries } from '../db/schema';

export interface AuditRecord {
	organisationId: string | null;
	actorId: string | null;
	/** Stable machine name, e.g. `team.created`. */
	action: string;
	/** What happened in words people read: names, never raw ids. */
	summary: string;
	/** Ids and values for programs (filters, exports). */
	details?: Record<string, unknown>;
}

/** Appends an audit entry; call it inside the transaction that makes the change. */
export async function recordAudit(tx: DbOrTx, record: AuditRecord): Promise<void> {
	await tx.insert(auditEntries).values({ ...record, details: record.details ?? {} });
}

/** Quotes a name for a summary: “Platform”. */
export function quoted(name: string): string {
	return `“${name}”`;
}

/** “a”, “a and b”, “a, b and c”; `none` for an empty list. */
export function joinWords(words: readonly string[], none: string): string {
	if (words.length === 0) return none;
	if (words.length === 1) return words[0]!;
	return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Team names for a summary: “Platform” and “Payments”; “no team” for none. */
export function teamNames(teams: readonly { name: string }[]): string {
	return joinWords(
		teams.map((team) => quoted(team.name)),
		'no team'
	);
}
