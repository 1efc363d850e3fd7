import { COLUMN_LABELS, type Column } from './board';
import type { Capacity } from './capacity';
import { gatesOnTheWay, type GateSubject, type MissingItem } from './gates';
import { breachesOf, limitsAtStake, type Arrival, type BoardSettings, type Breach, type Occupancy } from './limits';

/**
 * Where a change to a card is decided: the one function (`decide`) that says whether a move, a new card,
 * an effort change, a restore or a new link may happen, what refuses it and what it only warns about.
 * Gates (gates.ts) are judged by the card's own team; WIP and capacity limits (limits.ts) on every board
 * the card shows on. The server decides with it inside the transaction that holds those boards' locks
 * (so two people cannot both take the last free slot); the browser calls it on its own board as a hint.
 */

export { limitsAtStake, type Arrival, type Breach, type Occupancy } from './limits';
export type { MissingItem } from './gates';

/** What the limits of one board look at, read under that board's lock. */
export interface BoardRules {
	boardId: string;
	teamName: string;
	settings: BoardSettings;
	/**
	 * The board's other active cards and the team's capacity. Only needed where `limitsAtStake` says the
	 * arrival could break a limit; null elsewhere (nothing was counted).
	 */
	load: { others: Occupancy; capacity: Capacity } | null;
}

export type ChangeKind = 'move' | 'create' | 'set_effort' | 'restore' | 'link';

export interface Proposal {
	kind: ChangeKind;
	/**
	 * The gates the change crosses, judged by the card's own team (its settings' gate mode, today in its
	 * time zone). Absent for changes that cross none (effort, restore, link).
	 */
	gates?: { subject: GateSubject; from: Column; to: Column; today: string; mode: BoardSettings['gateMode'] };
	/** Where the card lands on each board concerned, with that board's rules. */
	arrivals: { arrival: Arrival; rules: BoardRules }[];
}

/** What a change was allowed despite, on one board: advisory gates and soft limits (recorded, shown red). */
export interface Warnings {
	gates: MissingItem[];
	limits: Breach[];
}

export type RefusalCode = 'gate_blocked' | 'wip_limit' | 'capacity_limit';

export interface Refusal {
	code: RefusalCode;
	message: string;
	/** Field → what is missing there (for the form the person fixes it in). */
	fields: Record<string, string[]>;
	missing: MissingItem[];
	limits: Breach[];
}

export type Decision =
	| { allowed: true; /** By board id; a board with nothing to say is absent. */ warnings: Map<string, Warnings> }
	| { allowed: false; refusal: Refusal };

/**
 * Decides a change. Strict gates refuse first and name every missing item; then hard limits refuse on
 * any board (naming the advisory items too, so the person sees everything at once). What is allowed
 * despite advisory gates or soft limits comes back as warnings, per board, to be recorded and shown.
 */
export function decide(proposal: Proposal): Decision {
	const { gates } = proposal;
	const missing = gates ? gatesOnTheWay(gates.from, gates.to, gates.subject, gates.today) : [];
	if (gates && missing.length && gates.mode === 'strict') {
		return { allowed: false, refusal: gateRefusal(proposal.kind, gates.to, missing) };
	}
	const several = proposal.arrivals.length > 1;
	const hard: Breach[] = [];
	const soft = new Map<string, Breach[]>();
	for (const { arrival, rules } of proposal.arrivals) {
		if (!rules.load || !limitsAtStake(rules.settings, arrival)) continue;
		const named = (b: Breach) => (several ? { ...b, message: `${rules.teamName}: ${b.message}` } : b);
		const breaches = breachesOf(arrival, rules.load.others, rules.settings, rules.load.capacity).map(named);
		hard.push(...breaches.filter((b) => b.hard));
		soft.set(arrival.boardId, breaches.filter((b) => !b.hard));
	}
	if (hard.length) return { allowed: false, refusal: limitRefusal(hard, missing) };
	const warnings = new Map<string, Warnings>();
	for (const { arrival } of proposal.arrivals) {
		const limits = soft.get(arrival.boardId) ?? [];
		if (limits.length || missing.length) warnings.set(arrival.boardId, { gates: missing, limits });
	}
	return { allowed: true, warnings };
}

function gateRefusal(kind: ChangeKind, to: Column, missing: MissingItem[]): Refusal {
	const items = missing.map((m) => m.message).join(' ');
	return {
		code: 'gate_blocked',
		message:
			kind === 'create'
				? `New cards start in Problem: ${COLUMN_LABELS[to]} needs more than a title (${items})`
				: `Not ready for ${COLUMN_LABELS[to]}: ${items}`,
		// A new card has no record to fix yet: its missing items point at no field of the create form.
		fields: kind === 'create' ? {} : fieldsOf(missing),
		missing,
		limits: []
	};
}

function limitRefusal(hard: Breach[], missing: MissingItem[]): Refusal {
	const also = missing.map((m) => m.message).join(' ');
	return {
		code: hard.some((b) => b.kind !== 'capacity') ? 'wip_limit' : 'capacity_limit',
		message: `${hard.map((b) => b.message).join(' ')}${also ? ` Also: ${also}` : ''}`,
		fields: {},
		missing,
		limits: hard
	};
}

function fieldsOf(missing: readonly MissingItem[]): Record<string, string[]> {
	const fields: Record<string, string[]> = {};
	for (const m of missing) (fields[m.field] ??= []).push(m.message);
	return fields;
}

/** What closing a card as learned needs: a card in Experiment or Evidence with at least one evidence entry. */
export function decideCloseAsLearned(card: { column: Column; evidenceCount: number }): Refusal | null {
	if (card.column !== 'experiment' && card.column !== 'evidence') {
		const missing = [{ field: 'column', message: 'Move the card to Experiment or Evidence first.' }];
		return { code: 'gate_blocked', message: 'Only a card in Experiment or Evidence can be closed as learned.', fields: {}, missing, limits: [] };
	}
	if (card.evidenceCount === 0) {
		const missing = [{ field: 'evidence', message: 'Add at least one evidence entry.' }];
		return {
			code: 'gate_blocked',
			message: 'Closing as learned needs at least one evidence entry: add what was measured or observed.',
			fields: fieldsOf(missing),
			missing,
			limits: []
		};
	}
	return null;
}

/** What a change was allowed despite, in words (the card's history and the mover's notice). */
export function warningsInWords(warnings: Warnings): string {
	const parts: string[] = [];
	if (warnings.gates.length) parts.push(`Advisory gates let it through without: ${warnings.gates.map((m) => m.message).join(' ')}`);
	if (warnings.limits.length) parts.push(`Over a soft limit: ${warnings.limits.map((b) => b.message).join(' ')}`);
	return parts.join(' ');
}
