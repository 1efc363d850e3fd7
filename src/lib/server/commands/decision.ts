import { and, eq, sql } from 'drizzle-orm';
import type { Column } from '../../domain/board';
import { gatesReadEvidence, isoDateIn, type GateSubject } from '../../domain/gates';
import { ACTIVE_COLUMNS } from '../../domain/limits';
import { decide, limitsAtStake, type Arrival, type BoardRules, type ChangeKind, type Decision, type Proposal, type Refusal, type Warnings } from '../../domain/rules';
import { readSettings } from '../../domain/settings';
import { cardPlacements, cards, evidenceEntries } from '../db/schema';
import { teamCapacity } from '../queries/board-settings';
import { ServiceError } from '../services/errors';
import type { BoardTransaction, LockedBoard } from './board-transaction';
import type { CardRow } from './card-access';

/**
 * The server's side of a decision (domain/rules.ts): load what `decide` needs under the boards' locks,
 * decide, and turn a refusal into the command's answer. Commands read as load → decide → write.
 */

/** A card that is not one yet (a new card): it matches none of the board's cards when counting. */
const NO_CARD = '00000000-0000-0000-0000-000000000000';

/** The board's other active cards in the arrival's cell and column, and their hours in use, in one query. */
async function occupancy(bt: BoardTransaction, cardId: string, a: Arrival) {
	const laneHere = sql`case when ${cards.boardId} = ${a.boardId} then ${cards.lane} else 'cross_team' end`;
	const active = sql`${cards.column} in (${sql.join(ACTIVE_COLUMNS.map((c) => sql`${c}`), sql`, `)})`;
	const [row] = await bt.tx
		.select({
			inCell: sql<number>`count(*) filter (where ${cards.column} = ${a.column} and ${laneHere} = ${a.lane})::int`,
			inColumn: sql<number>`count(*) filter (where ${cards.column} = ${a.column})::int`,
			hoursInUse: sql<number>`coalesce(sum(${cardPlacements.effortShare}) filter (where ${active}), 0)::float8`
		})
		.from(cardPlacements)
		.innerJoin(cards, eq(cards.id, cardPlacements.cardId))
		.where(and(eq(cardPlacements.boardId, a.boardId), eq(cards.status, 'active'), sql`${cards.id} <> ${cardId}`));
	return { inCell: Number(row?.inCell ?? 0), inColumn: Number(row?.inColumn ?? 0), hoursInUse: Number(row?.hoursInUse ?? 0) };
}

/**
 * Each arrival with its board's rules. Counting happens only on boards where the arrival could break a
 * limit (most moves cannot, and then cost nothing here). Every board must be locked already.
 */
export async function loadArrivals(bt: BoardTransaction, cardId: string | null, arrivals: readonly Arrival[]): Promise<Proposal['arrivals']> {
	const loaded: Proposal['arrivals'] = [];
	for (const arrival of arrivals) {
		const board = bt.board(arrival.boardId);
		if (!board) throw new Error(`board ${arrival.boardId} must be locked before its rules are read`);
		const settings = readSettings(board.settings);
		const rules: BoardRules = { boardId: board.id, teamName: board.teamName, settings, load: null };
		if (limitsAtStake(settings, arrival)) {
			rules.load = { others: await occupancy(bt, cardId ?? NO_CARD, arrival), capacity: await teamCapacity(bt.tx, board.id) };
		}
		loaded.push({ arrival, rules });
	}
	return loaded;
}

/**
 * The gates of moving a card to `to`, judged by its own team (`home`). Evidence is read only when a gate
 * on the way looks at it (Adopted's).
 */
export async function loadGates(
	bt: BoardTransaction,
	card: CardRow,
	totalEffort: number,
	to: Column,
	home: LockedBoard
): Promise<NonNullable<Proposal['gates']>> {
	const evidence = gatesReadEvidence(card.column, to)
		? await bt.tx.select({ verdict: evidenceEntries.verdict }).from(evidenceEntries).where(eq(evidenceEntries.cardId, card.id))
		: [];
	const subject: GateSubject = { ...card, totalEffort, evidence };
	return { subject, from: card.column, to, today: isoDateIn(home.timeZone, bt.at), mode: readSettings(home.settings).gateMode };
}

/** Decides; refuses with the decision's words, or returns what was allowed despite, by board. */
export function decideOrRefuse(kind: ChangeKind, gates: Proposal['gates'], arrivals: Proposal['arrivals']): Map<string, Warnings> {
	const decision: Decision = decide({ kind, gates, arrivals });
	if (!decision.allowed) throw refusalError(decision.refusal);
	return decision.warnings;
}

export function refusalError(refusal: Refusal): ServiceError {
	const details = refusal.code === 'gate_blocked' ? { missing: refusal.missing } : { limits: refusal.limits, missing: refusal.missing };
	return new ServiceError(refusal.code, refusal.message, refusal.fields, details);
}

/** The warnings of one board, as an event carries them (absent when there are none). */
export function warningsOn(warnings: Map<string, Warnings>, boardId: string): { warnings?: Warnings } {
	const found = warnings.get(boardId);
	return found ? { warnings: found } : {};
}
