import { COLUMNS, columnIndex, type Column } from './board';

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

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/**
 * Every part of the hypothesis is written (the card face's "Hypothesis" marker). The board page's read
 * computes the same in SQL (queries/board-page.ts), with the characters `String.prototype.trim` strips.
 */
export function hypothesisWritten(card: { hypothesisBelieve: string; hypothesisResult: string; hypothesisSignal: string }): boolean {
	return !blank(card.hypothesisBelieve) && !blank(card.hypothesisResult) && !blank(card.hypothesisSignal);
}

/** What entering `column` needs (PRODUCT.md, Evidence gates). `today` is an ISO date in the team's zone. */
export function gateFor(column: Column, card: GateSubject, today: string): MissingItem[] {
	const missing: MissingItem[] = [];
	const need = (ok: boolean, field: string, message: string) => {
		if (!ok) missing.push({ field, message });
	};
	switch (column) {
		case 'problem':
			break;
		case 'hypothesis':
			need(!blank(card.problemObserved), 'problemObserved', 'Describe the problem: what was observed.');
			need(card.category !== null, 'category', 'Choose a constraint category.');
			break;
		case 'experiment':
			need(!blank(card.hypothesisBelieve), 'hypothesisBelieve', 'Complete the hypothesis: "We believe …".');
			need(!blank(card.hypothesisResult), 'hypothesisResult', 'Complete the hypothesis: "… will result in …".');
			need(!blank(card.hypothesisSignal), 'hypothesisSignal', 'Complete the hypothesis: "We will know when …".');
			need(!blank(card.experimentPlan), 'experimentPlan', 'Write the experiment plan.');
			need(!!card.timeboxStart, 'timeboxStart', 'Set when the time box starts.');
			need(!!card.timeboxEnd, 'timeboxEnd', 'Set when the time box ends.');
			if (card.timeboxStart && card.timeboxEnd) {
				need(card.timeboxEnd > card.timeboxStart, 'timeboxEnd', 'The time box must end after it starts.');
			}
			need(card.totalEffort > 0, 'effort', 'Estimate the effort (person-hours per week, above zero).');
			break;
		case 'evidence':
			need(
				!!card.timeboxStart && card.timeboxStart <= today,
				'timeboxStart',
				"The experiment's time box has not started yet."
			);
			break;
		case 'adopted':
			need(
				card.evidence.some((e) => e.verdict === 'supports'),
				'evidence',
				'Add evidence whose verdict supports the hypothesis.'
			);
			need(!blank(card.decisionRationale), 'decisionRationale', 'Write the decision rationale.');
			break;
	}
	return missing;
}

/**
 * Everything missing for a move from `from` to `to`: every gate on the way forward (skipping a column
 * still needs its gate); moving back needs none.
 */
export function gatesOnTheWay(from: Column, to: Column, card: GateSubject, today: string): MissingItem[] {
	const start = columnIndex(from);
	const end = columnIndex(to);
	if (end <= start) return [];
	const missing: MissingItem[] = [];
	const seen = new Set<string>();
	for (const column of COLUMNS.slice(start + 1, end + 1)) {
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
