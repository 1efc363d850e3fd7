import { sql } from 'drizzle-orm';
import {
	bigint,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	real,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import {
	CARD_STATUSES,
	CATCHBALL_KINDS,
	CATEGORIES,
	COLUMNS,
	EVIDENCE_KINDS,
	LANES,
	VERDICTS,
	type Column
} from '../../../domain/board';
import { users } from './accounts';
import { organisations, teams } from './organisations';

export const columnEnum = pgEnum('board_column', COLUMNS);
export const laneEnum = pgEnum('board_lane', LANES);
export const categoryEnum = pgEnum('constraint_category', CATEGORIES);
export const verdictEnum = pgEnum('evidence_verdict', VERDICTS);
export const evidenceKindEnum = pgEnum('evidence_kind', EVIDENCE_KINDS);
export const cardStatusEnum = pgEnum('card_status', CARD_STATUSES);

/** Fractional-index keys must compare byte-wise, whatever the database's locale (ARCHITECTURE.md). */
const orderKey = customType<{ data: string }>({
	dataType: () => 'text COLLATE "C"'
});

/** One board per team; `lastSeq` is the seq of the newest event in the board's log. */
export const boards = pgTable('boards', {
	id: uuid('id').primaryKey().defaultRandom(),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisations.id, { onDelete: 'cascade' }),
	teamId: uuid('team_id')
		.notNull()
		.unique()
		.references(() => teams.id, { onDelete: 'cascade' }),
	lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
	/** Gate mode and WIP limits; shaped by domain/rules.ts (BoardSettings). */
	settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
}, (t) => [index('boards_organisation_idx').on(t.organisationId)]);

/** The improvement record. A card belongs to one board (`boardId`) and may show on linked boards. */
export const cards = pgTable(
	'cards',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		boardId: uuid('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		/** Bumped by every change; edits carry it so a stale edit is refused, never overwrites. */
		version: integer('version').notNull().default(1),
		status: cardStatusEnum('status').notNull().default('active'),
		column: columnEnum('column').notNull().default('problem'),
		lane: laneEnum('lane').notNull().default('team'),
		title: text('title').notNull(),
		category: categoryEnum('category'),
		problemObserved: text('problem_observed').notNull().default(''),
		problemAffected: text('problem_affected').notNull().default(''),
		problemFrequency: text('problem_frequency').notNull().default(''),
		hypothesisBelieve: text('hypothesis_believe').notNull().default(''),
		hypothesisResult: text('hypothesis_result').notNull().default(''),
		hypothesisSignal: text('hypothesis_signal').notNull().default(''),
		experimentPlan: text('experiment_plan').notNull().default(''),
		experimentBoundary: text('experiment_boundary').notNull().default(''),
		timeboxStart: date('timebox_start', { mode: 'string' }),
		timeboxEnd: date('timebox_end', { mode: 'string' }),
		decision: text('decision').notNull().default(''),
		decisionRationale: text('decision_rationale').notNull().default(''),
		learned: text('learned').notNull().default(''),
		/** When the card entered each column it has been in (ISO timestamps). */
		columnEnteredAt: jsonb('column_entered_at')
			.$type<Partial<Record<Column, string>>>()
			.notNull()
			.default({}),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('cards_board_idx').on(t.boardId),
		index('cards_organisation_idx').on(t.organisationId)
	]
);

/**
 * Where a card shows: its own board, plus each linked team's board (in the Cross-team lane there).
 * Each board keeps its own order for the card, and its own share of the effort.
 */
export const cardPlacements = pgTable(
	'card_placements',
	{
		cardId: uuid('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		boardId: uuid('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		position: orderKey('position').notNull(),
		/** This board's team's share of the effort, in person-hours per week while the card is active. */
		effortShare: real('effort_share').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.cardId, t.boardId] }),
		index('card_placements_board_idx').on(t.boardId, t.position)
	]
);

export const cardOwners = pgTable(
	'card_owners',
	{
		cardId: uuid('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.cardId, t.userId] }), index('card_owners_user_idx').on(t.userId)]
);

export const evidenceEntries = pgTable(
	'evidence_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cardId: uuid('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		kind: evidenceKindEnum('kind').notNull(),
		summary: text('summary').notNull(),
		before: text('before').notNull().default(''),
		after: text('after').notNull().default(''),
		link: text('link').notNull().default(''),
		verdict: verdictEnum('verdict').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('evidence_entries_card_idx').on(t.cardId)]
);

export const comments = pgTable(
	'comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cardId: uuid('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('comments_card_idx').on(t.cardId)]
);

/** The board's append-only event log: activity history, catch-up for clients, and the source of metrics. */
export const boardEvents = pgTable(
	'board_events',
	{
		boardId: uuid('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		seq: bigint('seq', { mode: 'number' }).notNull(),
		type: text('type').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		/** The client's id for the command that appended this event: a repeated id is answered, not applied again. */
		commandId: uuid('command_id')
	},
	(t) => [
		primaryKey({ columns: [t.boardId, t.seq] }),
		index('board_events_command_idx').on(t.commandId).where(sql`${t.commandId} is not null`)
	]
);

/** Protected improvement time taken by delivery work, as a team records it. */
export const raids = pgTable(
	'raids',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		boardId: uuid('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		/** ISO week in the team's time zone, e.g. 2026-W47. */
		week: text('week').notNull(),
		hours: real('hours').notNull(),
		reason: text('reason').notNull(),
		recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('raids_board_week_idx').on(t.boardId, t.week)]
);

export const catchballKindEnum = pgEnum('catchball_kind', CATCHBALL_KINDS);

/**
 * A card's catchball thread. A throw (or a throw back, or a leadership decision) puts the item in the
 * air in the receiving team's court; a catch (with a back-brief) makes it owned by the catcher.
 * Sides are teams: leadership is the organisation's leadership team.
 */
export const catchballEntries = pgTable(
	'catchball_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		cardId: uuid('card_id')
			.notNull()
			.references(() => cards.id, { onDelete: 'cascade' }),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		kind: catchballKindEnum('kind').notNull(),
		/** The side that acted: the thrower, or for a catch the catcher. */
		fromTeamId: uuid('from_team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		/** The side the item goes to; for a catch, the side that threw it. */
		toTeamId: uuid('to_team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		/** Throw: the message; throw back: the question; decision: the decision. */
		message: text('message').notNull().default(''),
		/** Throw: the explicit ask. Decision: the rationale. */
		ask: text('ask').notNull().default(''),
		/** Back-brief: what we will do, how, what we need. */
		briefWill: text('brief_will').notNull().default(''),
		briefHow: text('brief_how').notNull().default(''),
		briefNeed: text('brief_need').notNull().default(''),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('catchball_entries_card_idx').on(t.cardId, t.at),
		index('catchball_entries_organisation_idx').on(t.organisationId, t.at)
	]
);
