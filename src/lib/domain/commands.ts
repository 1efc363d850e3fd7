import { z } from 'zod';
import { CATEGORIES, COLUMNS, EVIDENCE_KINDS, LANES, VERDICTS } from './board';
import { boardSettingsSchema } from './settings';
import { withoutNul } from './text';
import { ISO_WEEK_PATTERN } from './weeks';

/**
 * One zod schema per board command, shared by the browser (to shape what it sends) and the server
 * (the real check). Every command names its `type`; `commandSchema` accepts any of them.
 */

const id = z.uuid('Not a valid id.');
const title = withoutNul(z.string().trim().min(1, 'Give the card a title.').max(200, 'Use at most 200 characters.'));
const text = (max = 5000) => withoutNul(z.string().max(max, `Use at most ${max} characters.`));
const isoDate = z.iso.date('Use a date like 2026-11-22.');
const effort = z
	.number('Effort must be a number.')
	.min(0, 'Effort cannot be negative.')
	.max(1000, 'Effort is in person-hours per week; use at most 1000.');

export const createCardCommand = z.object({
	type: z.literal('card.create'),
	boardId: id,
	title,
	column: z.enum(COLUMNS).default('problem'),
	lane: z.enum(LANES).default('team'),
	/** Where in the cell, counted among the cell's cards; omitted = at the end. */
	index: z.int().min(0).optional()
});

/** The editable fields of an improvement record; every one optional in an edit. */
export const cardFields = z.object({
	title,
	category: z.enum(CATEGORIES).nullable(),
	problemObserved: text(),
	problemAffected: text(),
	problemFrequency: text(1000),
	hypothesisBelieve: text(),
	hypothesisResult: text(),
	hypothesisSignal: text(),
	experimentPlan: text(),
	experimentBoundary: text(),
	timeboxStart: isoDate.nullable(),
	timeboxEnd: isoDate.nullable(),
	decision: text(),
	decisionRationale: text()
});
export type CardFields = z.infer<typeof cardFields>;
export const CARD_FIELD_NAMES = Object.keys(cardFields.shape) as (keyof CardFields)[];

export const updateCardCommand = z.object({
	type: z.literal('card.update'),
	cardId: id,
	/** The version the edit was made on; a newer one on the server means someone else changed the card. */
	version: z.int().positive(),
	changes: cardFields.partial().refine((c) => Object.keys(c).length > 0, 'Change at least one field.')
});

/** Effort is recorded per board: each team involved records its own share. */
export const setEffortCommand = z.object({
	type: z.literal('card.set_effort'),
	boardId: id,
	cardId: id,
	effort
});

export const moveCardCommand = z.object({
	type: z.literal('card.move'),
	/** The board the move is made on (a cross-team card keeps its own order on each board). */
	boardId: id,
	cardId: id,
	version: z.int().positive(),
	column: z.enum(COLUMNS),
	lane: z.enum(LANES),
	/** Position in the target cell, counted among the cell's other cards (0 = top). */
	index: z.int().min(0),
	/**
	 * Undo (ctrl+z): the seq of this board's `card.moved` event being undone. The card goes back with
	 * the time it had entered that column (its age there is kept), and history says "undid".
	 */
	undoes: z.int().positive().optional()
});

export const addEvidenceCommand = z.object({
	type: z.literal('card.add_evidence'),
	cardId: id,
	kind: z.enum(EVIDENCE_KINDS),
	summary: withoutNul(z.string().trim().min(1, 'Say what was measured or observed.').max(2000)),
	before: text(500).default(''),
	after: text(500).default(''),
	link: z.union([z.literal(''), withoutNul(z.url('Use a full link, like https://…').max(2000))]).default(''),
	verdict: z.enum(VERDICTS)
});

export const commentCommand = z.object({
	type: z.literal('card.comment'),
	cardId: id,
	body: withoutNul(z.string().trim().min(1, 'Write a comment first.').max(5000))
});

export const setOwnersCommand = z.object({
	type: z.literal('card.set_owners'),
	cardId: id,
	userIds: z.array(id).max(20, 'At most 20 owners.')
});

export const setLinkedTeamsCommand = z.object({
	type: z.literal('card.set_linked_teams'),
	cardId: id,
	/** Other teams involved; the card shows in their Cross-team lane. */
	teamIds: z.array(id).max(20, 'At most 20 linked teams.')
});

export const archiveCardCommand = z.object({
	type: z.literal('card.archive'),
	cardId: id
});

export const restoreCardCommand = z.object({
	type: z.literal('card.restore'),
	cardId: id
});

/** Closing as learned: the experiment's evidence refuted (or did not support) the hypothesis. */
export const closeLearnedCommand = z.object({
	type: z.literal('card.close_learned'),
	cardId: id,
	learned: withoutNul(z.string().trim().min(1, 'Say what was learned.').max(5000, 'Use at most 5000 characters.'))
});

/** A team's gates, WIP limits and protected capacity (leaders and admins). */
export const configureBoardCommand = z.object({
	type: z.literal('board.configure'),
	boardId: id,
	settings: boardSettingsSchema,
	protectedPercent: z.int('Use a whole percentage.').min(0, 'Use 0 to 100.').max(100, 'Use 0 to 100.'),
	hoursPerWeek: z.int('Use whole hours.').min(1, 'Use 1 to 80 hours.').max(80, 'Use 1 to 80 hours.'),
	timeZone: z
		.string()
		.min(1)
		.refine((zone) => {
			try {
				new Intl.DateTimeFormat('en-GB', { timeZone: zone });
				return true;
			} catch {
				return false;
			}
		}, 'Choose a time zone from the list.')
});

/** Protected time taken by delivery work in one ISO week. */
export const recordRaidCommand = z.object({
	type: z.literal('board.record_raid'),
	boardId: id,
	week: z.string().regex(ISO_WEEK_PATTERN, 'Use an ISO week like 2026-W47.'),
	hours: z.number('Hours must be a number.').positive('Hours must be above zero.').max(1000, 'Use at most 1000 hours.'),
	reason: withoutNul(z.string().trim().min(1, 'Say what took the time.').max(500, 'Use at most 500 characters.'))
});

const said = (what: string, max = 2000) =>
	withoutNul(z.string().trim().min(1, what).max(max, `Use at most ${max} characters.`));

/** Throws an item to another side (a team, or leadership) with a message and an explicit ask. */
export const throwCommand = z.object({
	type: z.literal('catchball.throw'),
	cardId: id,
	toTeamId: id,
	message: said('Say what you are throwing and why.'),
	ask: said('Say what you ask of them.', 1000)
});

/** Catches an item in your court with a back-brief: what we will do, how, what we need. */
export const catchCommand = z.object({
	type: z.literal('catchball.catch'),
	cardId: id,
	will: said('Say what you will do.'),
	how: said('Say how you will do it.'),
	need: said('Say what you need (or “nothing”).')
});

/** Throws an item in your court back to the side that threw it, with a question. */
export const throwBackCommand = z.object({
	type: z.literal('catchball.throw_back'),
	cardId: id,
	question: said('Ask your question.')
});

/** Leadership's decision on an item in its court, thrown back to the card's team (not the card's adoption). */
export const decideCommand = z.object({
	type: z.literal('catchball.decide'),
	cardId: id,
	decision: said('Write the decision.'),
	rationale: said('Write the rationale.')
});

/**
 * What every command sent over a socket (or the API) carries besides its payload: a uuid the client makes
 * once per command and keeps when it sends the command again, so a retry after a lost answer is answered
 * with the first outcome instead of being applied twice.
 */
export const commandEnvelope = z.object({ commandId: z.uuid('Every command needs a commandId: a uuid made by the client.') });

export const commandSchema = z.discriminatedUnion('type', [
	throwCommand,
	catchCommand,
	throwBackCommand,
	decideCommand,
	closeLearnedCommand,
	configureBoardCommand,
	recordRaidCommand,
	createCardCommand,
	updateCardCommand,
	setEffortCommand,
	moveCardCommand,
	addEvidenceCommand,
	commentCommand,
	setOwnersCommand,
	setLinkedTeamsCommand,
	archiveCardCommand,
	restoreCardCommand
]);

export type BoardCommand = z.infer<typeof commandSchema>;
export type BoardCommandInput = z.input<typeof commandSchema>;
export type CommandType = BoardCommand['type'];
export type CommandOf<T extends CommandType> = Extract<BoardCommand, { type: T }>;
