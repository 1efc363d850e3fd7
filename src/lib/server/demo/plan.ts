import type { Column } from '../../domain/board';
import type { BoardCommandInput } from '../../domain/commands';
import { hash, isoDate, MINUTE_MS, timeboxDay, workingDay } from './calendar';
import { DEMO_CARDS, demoTeamName, type BoardKey, type DaysAgo, type DemoCard, type PersonKey, type TeamKey } from './content';

// The plan: every card's life as dated steps, in the order they happened.

/** "At the end of the cell": the index is clamped to the cell's size. */
const END = 10_000;

/** What a step needs at run time: ids made earlier in the seed and the card's current version. */
export interface StepRuntime {
	cardId: string;
	version: number;
	board(key: BoardKey): string;
	person(key: PersonKey): string;
	team(key: TeamKey): string;
}

export interface DemoStep {
	card: DemoCard;
	at: Date;
	by: PersonKey;
	/** Says what the step does, for a refusal's message. */
	what: string;
	command(rt: StepRuntime): BoardCommandInput;
}

export interface DemoPlan {
	/** When the people were invited (before any card). */
	invitedAt: Date;
	steps: DemoStep[];
	/** Each card's time box as written on it (ISO dates). */
	timeboxes: Map<string, { start: string; end: string }>;
}

/** Order of a card's steps within one day (its life, in order). */
const RANK = {
	create: 0,
	problem: 1,
	owners: 2,
	link: 3,
	toHypothesis: 4,
	hypothesis: 5,
	plan: 6,
	effort: 7,
	share: 8,
	toExperiment: 9,
	evidence: 10,
	toEvidence: 11,
	comment: 12,
	decision: 13,
	toAdopted: 14,
	back: 15,
	rehypothesis: 16,
	archive: 17
} as const;

interface Draft {
	daysAgo: DaysAgo;
	rank: number;
	by: PersonKey;
	what: string;
	command(rt: StepRuntime): BoardCommandInput;
}

function draftsFor(card: DemoCard, timebox: { start: string; end: string } | undefined): Draft[] {
	const owner = card.owners[0] ?? card.by;
	const drafts: Draft[] = [];
	const add = (daysAgo: DaysAgo, rank: number, by: PersonKey, what: string, command: Draft['command']) =>
		drafts.push({ daysAgo, rank, by, what, command });
	const move = (column: Column) => (rt: StepRuntime) =>
		({
			type: 'card.move',
			boardId: rt.board(card.board),
			cardId: rt.cardId,
			version: rt.version,
			column,
			lane: card.lane,
			index: END
		}) as const;

	add(card.created, RANK.create, card.by, 'create the card', (rt) => ({
		type: 'card.create',
		boardId: rt.board(card.board),
		title: card.title,
		lane: card.lane
	}));
	add(card.created, RANK.problem, card.by, 'describe the problem', (rt) => ({
		type: 'card.update',
		cardId: rt.cardId,
		version: rt.version,
		changes: {
			category: card.category,
			problemObserved: card.problem.observed,
			problemAffected: card.problem.affected,
			problemFrequency: card.problem.frequency
		}
	}));
	add(card.created, RANK.owners, card.by, 'set the owners', (rt) => ({
		type: 'card.set_owners',
		cardId: rt.cardId,
		userIds: card.owners.map((p) => rt.person(p))
	}));
	if (card.linked) {
		const teams = card.linked.teams;
		add(card.linked.at, RANK.link, card.by, 'link the other teams', (rt) => ({
			type: 'card.set_linked_teams',
			cardId: rt.cardId,
			teamIds: teams.map((t) => rt.team(t))
		}));
	}
	const hypothesis = card.hypothesis;
	if (hypothesis) {
		add(hypothesis.at, RANK.toHypothesis, owner, 'move to Hypothesis', move('hypothesis'));
		add(hypothesis.at, RANK.hypothesis, owner, 'write the hypothesis', (rt) => ({
			type: 'card.update',
			cardId: rt.cardId,
			version: rt.version,
			changes: {
				hypothesisBelieve: hypothesis.believe,
				hypothesisResult: hypothesis.result,
				hypothesisSignal: hypothesis.signal
			}
		}));
	}
	const experiment = card.experiment;
	if (experiment && timebox) {
		// Planned the day before it moves, but never before the hypothesis was written.
		const planned = Math.min(experiment.at + 1, hypothesis?.at ?? card.created);
		add(planned, RANK.plan, owner, 'plan the experiment', (rt) => ({
			type: 'card.update',
			cardId: rt.cardId,
			version: rt.version,
			changes: {
				experimentPlan: experiment.plan,
				experimentBoundary: experiment.boundary,
				timeboxStart: timebox.start,
				timeboxEnd: timebox.end
			}
		}));
		add(planned, RANK.effort, owner, 'estimate the effort', (rt) => ({
			type: 'card.set_effort',
			boardId: rt.board(card.board),
			cardId: rt.cardId,
			effort: experiment.effort
		}));
		for (const [team, share] of Object.entries(experiment.shares ?? {})) {
			add(planned, RANK.share, share.by, `record ${demoTeamName(team as TeamKey)}’s effort`, (rt) => ({
				type: 'card.set_effort',
				boardId: rt.board(team as TeamKey),
				cardId: rt.cardId,
				effort: share.effort
			}));
		}
		add(experiment.at, RANK.toExperiment, owner, 'move to Experiment', move('experiment'));
	}
	for (const entry of card.evidence ?? []) {
		add(entry.at, RANK.evidence, entry.by, 'add evidence', (rt) => ({
			type: 'card.add_evidence',
			cardId: rt.cardId,
			kind: entry.kind,
			summary: entry.summary,
			before: entry.before ?? '',
			after: entry.after ?? '',
			link: entry.link ?? '',
			verdict: entry.verdict
		}));
	}
	if (card.evidenceAt !== undefined) add(card.evidenceAt, RANK.toEvidence, owner, 'move to Evidence', move('evidence'));
	for (const comment of card.comments ?? []) {
		add(comment.at, RANK.comment, comment.by, 'comment', (rt) => ({
			type: 'card.comment',
			cardId: rt.cardId,
			body: comment.body
		}));
	}
	const adopted = card.adopted;
	if (adopted) {
		add(adopted.at, RANK.decision, adopted.by, 'record the decision', (rt) => ({
			type: 'card.update',
			cardId: rt.cardId,
			version: rt.version,
			changes: { decision: adopted.decision, decisionRationale: adopted.rationale }
		}));
		add(adopted.at, RANK.toAdopted, adopted.by, 'move to Adopted', move('adopted'));
	}
	const revisited = card.revisited;
	if (revisited) {
		add(revisited.at, RANK.back, revisited.by, 'send back to Hypothesis', move('hypothesis'));
		add(revisited.at, RANK.rehypothesis, revisited.by, 'write the new hypothesis', (rt) => ({
			type: 'card.update',
			cardId: rt.cardId,
			version: rt.version,
			changes: {
				hypothesisBelieve: revisited.believe,
				hypothesisResult: revisited.result,
				hypothesisSignal: revisited.signal
			}
		}));
	}
	if (card.archived) {
		add(card.archived.at, RANK.archive, card.archived.by, 'archive', (rt) => ({ type: 'card.archive', cardId: rt.cardId }));
	}
	return drafts;
}

/**
 * Every step of the demo, dated relative to `now` and in the order they happened. Pure: it checks the
 * content's dates (each card's life in order, nothing before it was created, nothing in the future).
 */
export function planDemo(now: Date): DemoPlan {
	const steps: DemoStep[] = [];
	const timeboxes = new Map<string, { start: string; end: string }>();
	let oldest = 0;
	for (const card of DEMO_CARDS) {
		let timebox: { start: string; end: string } | undefined;
		if (card.experiment) {
			const start = timeboxDay(now, card.experiment.start);
			const end = timeboxDay(now, card.experiment.start - card.experiment.days);
			timebox = { start: isoDate(start), end: isoDate(end) };
			timeboxes.set(card.key, timebox);
		}
		const drafts = draftsFor(card, timebox);
		oldest = Math.max(oldest, card.created);
		// Stable sort: same day and rank keep the order they were written in.
		drafts.sort((a, b) => b.daysAgo - a.daysAgo || a.rank - b.rank);
		if (drafts[0]?.rank !== RANK.create) {
			throw new Error(`Demo card "${card.title}": something happens before it was created.`);
		}
		let previous = 0;
		let day = '';
		let index = 0;
		for (const draft of drafts) {
			if (draft.daysAgo < 1) throw new Error(`Demo card "${card.title}": "${draft.what}" is not in the past.`);
			const date = workingDay(now, draft.daysAgo);
			const key = isoDate(date);
			if (key !== day) {
				day = key;
				index = 0;
			}
			// Working hours (UTC): from 09:10, a card's steps of one day spread over the day.
			const offset = 9 * 60 + 10 + (hash(`${card.key}:${key}`) % 240);
			const gap = 7 + (hash(`${card.key}:${key}:${index}`) % 16);
			let at = date.getTime() + (offset + index * gap) * MINUTE_MS;
			if (at <= previous) at = previous + MINUTE_MS;
			previous = at;
			index++;
			steps.push({ card, at: new Date(at), by: draft.by, what: draft.what, command: draft.command });
		}
	}
	// Stable sort over the whole organisation: each board's log reads in time order.
	steps.sort((a, b) => a.at.getTime() - b.at.getTime());
	for (const step of steps) {
		if (step.at.getTime() >= now.getTime()) {
			throw new Error(`Demo card "${step.card.title}": "${step.what}" would happen after now.`);
		}
	}
	const invitedAt = new Date(workingDay(now, oldest + 3).getTime() + 8 * 60 * MINUTE_MS);
	return { invitedAt, steps, timeboxes };
}
