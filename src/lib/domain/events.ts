import type { CardStatus, Category, Column, EvidenceKind, Lane, Verdict } from './board';
import type { Warnings } from './rules';
import type { BoardSettingsView, RaidView } from './capacity';
import type { CatchballEntryView, CatchballState, SideRef } from './catchball';

/** A person as the board shows them. */
export interface PersonRef {
	id: string;
	name: string;
}

export interface TeamRefView {
	id: string;
	name: string;
}

export interface EvidenceView {
	id: string;
	kind: EvidenceKind;
	summary: string;
	before: string;
	after: string;
	link: string;
	verdict: Verdict;
	createdBy: PersonRef | null;
	createdAt: string;
}

/**
 * A card as one board sees it: the shared improvement record plus this board's placement (its lane
 * here, its order key here, this board's share of the effort).
 */
export interface CardView {
	id: string;
	/** The board the card belongs to (the team that created it). */
	homeBoardId: string;
	homeTeam: TeamRefView;
	version: number;
	status: CardStatus;
	column: Column;
	/** The lane on this board: a card linked from another team shows in Cross-team. */
	lane: Lane;
	position: string;
	title: string;
	category: Category | null;
	problemObserved: string;
	problemAffected: string;
	problemFrequency: string;
	hypothesisBelieve: string;
	hypothesisResult: string;
	hypothesisSignal: string;
	experimentPlan: string;
	experimentBoundary: string;
	timeboxStart: string | null;
	timeboxEnd: string | null;
	/** This board's share of the effort, in person-hours per week. */
	effort: number;
	/** Effort over every team involved. */
	totalEffort: number;
	decision: string;
	decisionRationale: string;
	learned: string;
	columnEnteredAt: Partial<Record<Column, string>>;
	owners: PersonRef[];
	linkedTeams: TeamRefView[];
	evidence: EvidenceView[];
	/** `evidence.length`, for card faces that do not carry the entries (see CardSummary). */
	evidenceCount: number;
	/** All three parts of the hypothesis are written (`hypothesisWritten` in domain/gates.ts). */
	hypothesisWritten: boolean;
	commentCount: number;
	/** In the air or owned, and in whose court; null when never thrown. */
	catchball: CatchballState | null;
	createdAt: string;
	updatedAt: string;
}

/**
 * What the board page holds of a card before it is opened: its face (title, category, owners, days in
 * its column, the markers), what the filter searches, and what limits, capacity and moves need. The
 * card panel loads the whole record when it opens (GET /api/cards/:cardId). A `CardView` is a
 * `CardSummary`, so events, which carry whole cards, apply to a board of summaries unchanged.
 */
export const CARD_SUMMARY_KEYS = [
	'id',
	'homeBoardId',
	'homeTeam',
	'version',
	'status',
	'column',
	'lane',
	'position',
	'title',
	'category',
	// The filter searches these (client/filter.ts).
	'problemObserved',
	'hypothesisBelieve',
	'experimentPlan',
	'hypothesisWritten',
	'evidenceCount',
	'timeboxEnd',
	'effort',
	// In a summary, only when the card entered the column it is in (its creation if never recorded).
	'columnEnteredAt',
	'owners',
	'linkedTeams',
	'catchball'
] as const satisfies readonly (keyof CardView)[];

export type CardSummary = Pick<CardView, (typeof CARD_SUMMARY_KEYS)[number]>;

export interface CommentView {
	id: string;
	cardId: string;
	author: PersonRef | null;
	body: string;
	createdAt: string;
}

/** What a change was allowed despite: advisory gates and soft limits (domain/rules.ts). Shown to the person and in history. */
export type MoveWarnings = Warnings;

/** The events of a board's log. Each carries what a client needs to apply it without asking. */
export type BoardEventBody =
	| { type: 'card.created'; card: CardView; warnings?: MoveWarnings }
	| { type: 'card.updated'; card: CardView; changed: string[]; warnings?: MoveWarnings }
	| {
			/** The hot path of a standup, so it carries only what a move changes, not the whole card. */
			type: 'card.moved';
			cardId: string;
			title: string;
			from: { column: Column; lane: Lane };
			to: { column: Column; lane: Lane; position: string };
			version: number;
			/** When the card entered `to.column`, if the move changed its column. */
			enteredAt: string | null;
			/** Other cards of the target cell whose order keys were rewritten to make room. */
			rekeyed: { cardId: string; position: string }[];
			/** What the move was allowed despite: advisory gates, soft limits (recorded, shown red). */
			warnings?: MoveWarnings;
			/** An undo: the seq of the move it took back (on this board). */
			undoes?: number;
	  }
	| { type: 'card.evidence_added'; card: CardView; evidence: EvidenceView }
	| { type: 'card.commented'; card: CardView; comment: CommentView }
	| { type: 'card.owners_set'; card: CardView }
	| { type: 'card.linked_teams_set'; card: CardView; added: TeamRefView[]; removed: TeamRefView[]; warnings?: MoveWarnings }
	/** The card no longer shows on this board (its link to this board's team was removed). */
	| { type: 'card.unlinked'; cardId: string; title: string }
	| { type: 'card.learned'; card: CardView }
	| { type: 'card.catchball'; card: CardView; entry: CatchballEntryView }
	/** Catchball about a card of another board, thrown to or from this board's team (the log stays complete). */
	| { type: 'catchball.noted'; cardId: string; title: string; homeTeam: SideRef; entry: CatchballEntryView }
	| { type: 'board.configured'; settings: BoardSettingsView; changed: string[] }
	| { type: 'board.raid_recorded'; raid: RaidView; settings: BoardSettingsView }
	| { type: 'card.archived'; card: CardView }
	| { type: 'card.restored'; card: CardView; warnings?: MoveWarnings }
	/**
	 * A team was renamed. Appended to the team's own board and to every board showing a card that names
	 * the team (its home team, a linked team, or the court its catchball is in).
	 */
	| { type: 'team.renamed'; teamId: string; name: string; previousName: string };

export type BoardEventType = BoardEventBody['type'];

/** An event as stored and delivered: the body plus its place in the board's log. */
export type BoardEvent = BoardEventBody & {
	boardId: string;
	seq: number;
	actor: PersonRef | null;
	at: string;
};
