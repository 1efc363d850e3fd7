import { and, asc, count, eq } from 'drizzle-orm';
import { inCardSet, isEmptySet, type CardSet } from './card-set';
import { catchballStateOf, type CatchballState } from '../../domain/catchball';
import type { CardView, EvidenceView, PersonRef } from '../../domain/events';
import { hypothesisWritten } from '../../domain/gates';
import { loadThreads } from './catchball';
import type { DbOrTx } from '../db';
import {
	boards,
	cardOwners,
	cardPlacements,
	cards,
	comments,
	evidenceEntries,
	teams,
	users
} from '../db/schema';

type CardRow = typeof cards.$inferSelect;

/** Everything about a set of cards that does not depend on which board looks at them. */
interface SharedParts {
	row: CardRow;
	homeTeam: { id: string; name: string };
	placements: { boardId: string; teamId: string; teamName: string; position: string; effortShare: number }[];
	owners: PersonRef[];
	evidence: EvidenceView[];
	commentCount: number;
	catchball: CatchballState | null;
}

async function loadShared(db: DbOrTx, cardIds: CardSet): Promise<Map<string, SharedParts>> {
	const result = new Map<string, SharedParts>();
	if (isEmptySet(cardIds)) return result;
	const rows = await db
		.select({ card: cards, teamId: teams.id, teamName: teams.name })
		.from(cards)
		.innerJoin(boards, eq(boards.id, cards.boardId))
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(inCardSet(cards.id, cardIds));
	for (const { card, teamId, teamName } of rows) {
		result.set(card.id, {
			row: card,
			homeTeam: { id: teamId, name: teamName },
			placements: [],
			owners: [],
			evidence: [],
			commentCount: 0,
			catchball: null
		});
	}
	const [placementRows, ownerRows, evidenceRows, commentRows] = await Promise.all([
		db
			.select({
				cardId: cardPlacements.cardId,
				boardId: cardPlacements.boardId,
				position: cardPlacements.position,
				effortShare: cardPlacements.effortShare,
				teamId: teams.id,
				teamName: teams.name
			})
			.from(cardPlacements)
			.innerJoin(boards, eq(boards.id, cardPlacements.boardId))
			.innerJoin(teams, eq(teams.id, boards.teamId))
			.where(inCardSet(cardPlacements.cardId, cardIds))
			.orderBy(asc(teams.name)),
		db
			.select({ cardId: cardOwners.cardId, id: users.id, name: users.name })
			.from(cardOwners)
			.innerJoin(users, eq(users.id, cardOwners.userId))
			.where(inCardSet(cardOwners.cardId, cardIds))
			.orderBy(asc(users.name)),
		db
			.select({ evidence: evidenceEntries, authorName: users.name })
			.from(evidenceEntries)
			.leftJoin(users, eq(users.id, evidenceEntries.createdBy))
			.where(inCardSet(evidenceEntries.cardId, cardIds))
			.orderBy(asc(evidenceEntries.createdAt)),
		db
			.select({ cardId: comments.cardId, n: count() })
			.from(comments)
			.where(inCardSet(comments.cardId, cardIds))
			.groupBy(comments.cardId)
	]);
	for (const p of placementRows) result.get(p.cardId)?.placements.push(p);
	for (const o of ownerRows) result.get(o.cardId)?.owners.push({ id: o.id, name: o.name });
	for (const { evidence: e, authorName } of evidenceRows) {
		result.get(e.cardId)?.evidence.push({
			id: e.id,
			kind: e.kind,
			summary: e.summary,
			before: e.before,
			after: e.after,
			link: e.link,
			verdict: e.verdict,
			createdBy: e.createdBy && authorName ? { id: e.createdBy, name: authorName } : null,
			createdAt: e.createdAt.toISOString()
		});
	}
	for (const [cardId, thread] of await loadThreads(db, cardIds)) {
		const shared = result.get(cardId);
		if (shared) shared.catchball = catchballStateOf(thread);
	}
	for (const c of commentRows) {
		const shared = result.get(c.cardId);
		if (shared) shared.commentCount = Number(c.n);
	}
	return result;
}

function viewFor(shared: SharedParts, boardId: string): CardView | null {
	const { row } = shared;
	const placement = shared.placements.find((p) => p.boardId === boardId);
	if (!placement) return null;
	const isHome = row.boardId === boardId;
	return {
		id: row.id,
		homeBoardId: row.boardId,
		homeTeam: shared.homeTeam,
		version: row.version,
		status: row.status,
		column: row.column,
		lane: isHome ? row.lane : 'cross_team',
		position: placement.position,
		title: row.title,
		category: row.category,
		problemObserved: row.problemObserved,
		problemAffected: row.problemAffected,
		problemFrequency: row.problemFrequency,
		hypothesisBelieve: row.hypothesisBelieve,
		hypothesisResult: row.hypothesisResult,
		hypothesisSignal: row.hypothesisSignal,
		experimentPlan: row.experimentPlan,
		experimentBoundary: row.experimentBoundary,
		timeboxStart: row.timeboxStart,
		timeboxEnd: row.timeboxEnd,
		effort: placement.effortShare,
		totalEffort: shared.placements.reduce((sum, p) => sum + p.effortShare, 0),
		decision: row.decision,
		decisionRationale: row.decisionRationale,
		learned: row.learned,
		columnEnteredAt: row.columnEnteredAt,
		owners: shared.owners,
		linkedTeams: shared.placements
			.filter((p) => p.boardId !== row.boardId)
			.map((p) => ({ id: p.teamId, name: p.teamName })),
		evidence: shared.evidence,
		evidenceCount: shared.evidence.length,
		hypothesisWritten: hypothesisWritten(row),
		commentCount: shared.commentCount,
		catchball: shared.catchball,
		createdAt: row.createdAt.toISOString(),
		updatedAt: row.updatedAt.toISOString()
	};
}

/** The card as each board it shows on sees it, keyed by board id. */
export async function loadCardViews(db: DbOrTx, cardId: string): Promise<Map<string, CardView>> {
	const shared = (await loadShared(db, [cardId])).get(cardId);
	const views = new Map<string, CardView>();
	if (!shared) return views;
	for (const placement of shared.placements) {
		const view = viewFor(shared, placement.boardId);
		if (view) views.set(placement.boardId, view);
	}
	return views;
}

/** Every card that shows on a board (active, learned and archived), as that board sees them. */
export async function loadBoardCards(db: DbOrTx, boardId: string): Promise<CardView[]> {
	const onBoard = db.select({ id: cardPlacements.cardId }).from(cardPlacements).where(eq(cardPlacements.boardId, boardId));
	const shared = await loadShared(db, onBoard);
	const views: CardView[] = [];
	for (const parts of shared.values()) {
		const view = viewFor(parts, boardId);
		if (view) views.push(view);
	}
	return views;
}

/** Whether a card shows on a board. */
export async function isPlacedOn(db: DbOrTx, cardId: string, boardId: string): Promise<boolean> {
	const [row] = await db
		.select({ cardId: cardPlacements.cardId })
		.from(cardPlacements)
		.where(and(eq(cardPlacements.cardId, cardId), eq(cardPlacements.boardId, boardId)));
	return !!row;
}
