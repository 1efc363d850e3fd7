import type { CatchballKind } from './board';

/** A side in catchball: a team, or leadership (the organisation's leadership team). */
export interface SideRef {
	id: string;
	name: string;
	isLeadership: boolean;
}

export interface CatchballEntryView {
	id: string;
	kind: CatchballKind;
	/** Who acted: the thrower, or for a catch the catcher. */
	from: SideRef;
	/** Where it went; for a catch, the side that had thrown it. */
	to: SideRef;
	/** Throw: message. Throw back: the question. Decision: the decision. */
	message: string;
	/** Throw: the explicit ask. Decision: the rationale. */
	ask: string;
	/** A catch's back-brief. */
	brief: { will: string; how: string; need: string } | null;
	actor: { id: string; name: string } | null;
	at: string;
}

/** Where an item is: in the air (thrown, waiting to be caught) or owned, and in whose court since when. */
export interface CatchballState {
	state: 'in_air' | 'owned';
	court: SideRef;
	since: string;
	last: { kind: CatchballKind; message: string; by: string | null };
}

/** The state after the last entry of a thread (entries oldest first); null when never thrown. */
export function catchballStateOf(entries: readonly CatchballEntryView[]): CatchballState | null {
	const last = entries.at(-1);
	if (!last) return null;
	const summary = last.kind === 'catch' ? last.brief?.will ?? '' : last.message;
	return {
		state: last.kind === 'catch' ? 'owned' : 'in_air',
		court: last.kind === 'catch' ? last.from : last.to,
		since: last.at,
		last: { kind: last.kind, message: summary, by: last.actor?.name ?? null }
	};
}

/** "Leadership" or "the Payments team". */
export function sideName(side: SideRef): string {
	return side.isLeadership ? 'Leadership' : side.name;
}
