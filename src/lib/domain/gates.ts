import { COLUMNS, columnIndex, type Column } from './board';

/**
 * The evidence gates (PRODUCT.md, Evidence gates): what each column needs of a card's record, in words
 * for both sides of the checklist: what is missing, and how a met requirement reads. The decision
 * (rules.ts) refuses or warns with these; the card's checklist shows them.
 */

/** What a gate looks at: the parts of the record each stage needs. */
export interface GateSubject {
	category: string | null;
	problemObserved: string;
	hypothesisBelieve: string;
	hypothesisResult: string;
	hypothesisSignal: string;
	experimentPlan: string;
	timeboxStart: string | null;
	timeboxEnd: string | null;
	/** Effort over every team involved, person-hours per week. */
	totalEffort: number;
	decisionRationale: string;
	evidence: readonly { verdict: string }[];
}

/** One thing a stage needs that the card does not have yet. */
export interface MissingItem {
	field: string;
	message: string;
}

/** One requirement of a column, met or not, worded for the checklist. */
export interface Requirement {
	field: string;
	message: string;
	met: boolean;
}

interface Need {
	field: string;
	/** What to do while it is missing. */
	missing: string;
	/** How it reads once met. */
	met: string;
	ok(card: GateSubject, today: string): boolean;
	/** Only asked when this holds (a time box that ends before it starts needs both dates first). */
	applies?(card: GateSubject): boolean;
}

const written = (value: string | null | undefined) => !!value && value.trim() !== '';

/** Every part of the hypothesis is written (the card face's "Hypothesis" marker; queries/board-page.ts computes the same in SQL). */
export function hypothesisWritten(card: { hypothesisBelieve: string; hypothesisResult: string; hypothesisSignal: string }): boolean {
	return written(card.hypothesisBelieve) && written(card.hypothesisResult) && written(card.hypothesisSignal);
}

const NEEDS: Record<Column, readonly Need[]> = {
	problem: [],
	hypothesis: [
		{ field: 'problemObserved', missing: 'Describe the problem: what was observed.', met: 'The problem is described: what was observed.', ok: (c) => written(c.problemObserved) },
		{ field: 'category', missing: 'Choose a constraint category.', met: 'A constraint category is chosen.', ok: (c) => c.category !== null }
	],
	experiment: [
		{ field: 'hypothesisBelieve', missing: 'Complete the hypothesis: "We believe …".', met: 'The hypothesis says "We believe …".', ok: (c) => written(c.hypothesisBelieve) },
		{ field: 'hypothesisResult', missing: 'Complete the hypothesis: "… will result in …".', met: 'The hypothesis says "… will result in …".', ok: (c) => written(c.hypothesisResult) },
		{ field: 'hypothesisSignal', missing: 'Complete the hypothesis: "We will know when …".', met: 'The hypothesis says "We will know when …".', ok: (c) => written(c.hypothesisSignal) },
		{ field: 'experimentPlan', missing: 'Write the experiment plan.', met: 'The experiment plan is written.', ok: (c) => written(c.experimentPlan) },
		{ field: 'timeboxStart', missing: 'Set when the time box starts.', met: 'The time box has a start date.', ok: (c) => !!c.timeboxStart },
		{ field: 'timeboxEnd', missing: 'Set when the time box ends.', met: 'The time box has an end date.', ok: (c) => !!c.timeboxEnd },
		{
			field: 'timeboxEnd',
			missing: 'The time box must end after it starts.',
			met: 'The time box ends after it starts.',
			ok: (c) => c.timeboxEnd! > c.timeboxStart!,
			applies: (c) => !!c.timeboxStart && !!c.timeboxEnd
		},
		{ field: 'effort', missing: 'Estimate the effort (person-hours per week, above zero).', met: 'The effort is estimated.', ok: (c) => c.totalEffort > 0 }
	],
	evidence: [
		{
			field: 'timeboxStart',
			missing: "The experiment's time box has not started yet.",
			met: "The experiment's time box has started.",
			ok: (c, today) => !!c.timeboxStart && c.timeboxStart <= today
		}
	],
	adopted: [
		{
			field: 'evidence',
			missing: 'Add evidence whose verdict supports the hypothesis.',
			met: 'There is evidence that supports the hypothesis.',
			ok: (c) => c.evidence.some((e) => e.verdict === 'supports')
		},
		{ field: 'decisionRationale', missing: 'Write the decision rationale.', met: 'The decision rationale is written.', ok: (c) => written(c.decisionRationale) }
	]
};

/** Every requirement of entering `column` that applies to the card, met or not. `today`: an ISO date in the team's zone. */
export function checklistFor(column: Column, card: GateSubject, today: string): Requirement[] {
	return NEEDS[column]
		.filter((need) => !need.applies || need.applies(card))
		.map((need) => {
			const met = need.ok(card, today);
			return { field: need.field, message: met ? need.met : need.missing, met };
		});
}

/** What entering `column` still needs. */
export function gateFor(column: Column, card: GateSubject, today: string): MissingItem[] {
	return checklistFor(column, card, today)
		.filter((r) => !r.met)
		.map(({ field, message }) => ({ field, message }));
}

/** The columns a move from `from` to `to` enters on the way forward (none when it goes back or stays). */
export function columnsEntered(from: Column, to: Column): Column[] {
	return COLUMNS.slice(columnIndex(from) + 1, Math.max(columnIndex(from) + 1, columnIndex(to) + 1));
}

/**
 * Everything missing for a move from `from` to `to`: every gate on the way forward (skipping a column
 * still needs its gate); moving back needs none. An item asked by two columns is listed once.
 */
export function gatesOnTheWay(from: Column, to: Column, card: GateSubject, today: string): MissingItem[] {
	const missing: MissingItem[] = [];
	const seen = new Set<string>();
	for (const column of columnsEntered(from, to)) {
		for (const item of gateFor(column, card, today)) {
			const key = `${item.field}:${item.message}`;
			if (!seen.has(key)) {
				seen.add(key);
				missing.push(item);
			}
		}
	}
	return missing;
}

/** Whether the gates of a move look at the card's evidence (only Adopted's does): the server reads it only then. */
export function gatesReadEvidence(from: Column, to: Column): boolean {
	return columnsEntered(from, to).includes('adopted');
}

/** A record with nothing in it yet (a new card). */
export const EMPTY_RECORD: GateSubject = {
	category: null,
	problemObserved: '',
	hypothesisBelieve: '',
	hypothesisResult: '',
	hypothesisSignal: '',
	experimentPlan: '',
	timeboxStart: null,
	timeboxEnd: null,
	totalEffort: 0,
	decisionRationale: '',
	evidence: []
};

// Building a DateTimeFormat costs far more than using one (≈ 0.2–0.5 ms); there are few time zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in an IANA time zone. */
export function isoDateIn(timeZone: string, at: Date = new Date()): string {
	let format = dayFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		dayFormats.set(timeZone, format);
	}
	return format.format(at);
}
