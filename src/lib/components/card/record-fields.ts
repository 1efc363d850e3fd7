import { CATEGORY_LABELS, type Category } from '$lib/domain/board';
import { cardFields, type CardFields } from '$lib/domain/commands';
import type { CardView } from '$lib/domain/events';
import { absoluteDate } from '$lib/domain/history';

/** The record as the form edits it: every value a string (an empty one means "none"). */
export const DRAFT_KEYS = [
	'title',
	'category',
	'problemObserved',
	'problemAffected',
	'problemFrequency',
	'hypothesisBelieve',
	'hypothesisResult',
	'hypothesisSignal',
	'experimentPlan',
	'experimentBoundary',
	'timeboxStart',
	'timeboxEnd',
	'effort',
	'decision',
	'decisionRationale'
] as const;
export type DraftKey = (typeof DRAFT_KEYS)[number];
export type Draft = Record<DraftKey, string>;

export const FIELD_LABELS: Record<DraftKey, string> = {
	title: 'Title',
	category: 'Constraint category',
	problemObserved: 'What was observed',
	problemAffected: 'Who is affected',
	problemFrequency: 'How often',
	hypothesisBelieve: 'We believe …',
	hypothesisResult: '… will result in …',
	hypothesisSignal: 'We will know when …',
	experimentPlan: 'Plan',
	experimentBoundary: 'Safe-to-learn boundary',
	timeboxStart: 'Time box starts',
	timeboxEnd: 'Time box ends',
	effort: 'Effort (person-hours per week)',
	decision: 'Decision',
	decisionRationale: 'Rationale'
};

/** The element id of a field's input, so a gate's checklist can take the person to it. */
export const fieldId = (key: string) => `card-field-${key}`;

export function draftOf(card: CardView): Draft {
	return {
		title: card.title,
		category: card.category ?? '',
		problemObserved: card.problemObserved,
		problemAffected: card.problemAffected,
		problemFrequency: card.problemFrequency,
		hypothesisBelieve: card.hypothesisBelieve,
		hypothesisResult: card.hypothesisResult,
		hypothesisSignal: card.hypothesisSignal,
		experimentPlan: card.experimentPlan,
		experimentBoundary: card.experimentBoundary,
		timeboxStart: card.timeboxStart ?? '',
		timeboxEnd: card.timeboxEnd ?? '',
		effort: String(card.effort),
		decision: card.decision,
		decisionRationale: card.decisionRationale
	};
}

export function changedKeys(draft: Draft, base: Draft): DraftKey[] {
	return DRAFT_KEYS.filter((key) => draft[key] !== base[key]);
}

export type Checked =
	| { ok: true; changes: Partial<CardFields>; effort: number | null }
	| { ok: false; errors: Record<string, string[]> };

const recordChanges = cardFields.partial();

/** The edit to send for the changed keys: record fields for card.update, effort for card.set_effort. */
export function checkChanges(draft: Draft, keys: readonly DraftKey[]): Checked {
	const raw: Record<string, unknown> = {};
	let effort: number | null = null;
	const errors: Record<string, string[]> = {};
	for (const key of keys) {
		const value = draft[key];
		if (key === 'effort') {
			effort = value.trim() === '' ? NaN : Number(value);
			if (!Number.isFinite(effort) || effort < 0 || effort > 1000) {
				errors.effort = ['Give the effort as person-hours per week, from 0 to 1000.'];
			}
		} else if (key === 'category' || key === 'timeboxStart' || key === 'timeboxEnd') {
			raw[key] = value === '' ? null : value;
		} else raw[key] = value;
	}
	const parsed = recordChanges.safeParse(raw);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
	}
	if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
	return { ok: true, changes: parsed.data, effort };
}

/** A field's value as a sentence shows it (a category by its name, a date in words). */
export function displayValue(key: DraftKey, value: string): string {
	if (value.trim() === '') return '';
	if (key === 'category') return CATEGORY_LABELS[value as Category] ?? value;
	if (key === 'timeboxStart' || key === 'timeboxEnd') return absoluteDate(`${value}T12:00:00Z`, 'UTC');
	if (key === 'effort') return `${value} person-hours per week`;
	return value;
}

/** Server field errors are keyed by the command's path ("changes.title"); the form by the field. */
export function formErrors(fields: Record<string, string[]> | undefined): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const [path, messages] of Object.entries(fields ?? {})) {
		const key = path.replace(/^changes\./, '');
		(out[key] ??= []).push(...messages);
	}
	return out;
}
