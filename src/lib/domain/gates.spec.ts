import { describe, expect, it } from 'vitest';
import { checklistFor, gateFor, gatesOnTheWay, gatesReadEvidence, isoDateIn, type GateSubject } from './gates';

const empty: GateSubject = {
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
const today = '2026-11-22';
const fields = (items: { field: string }[]) => items.map((i) => i.field);

describe('gates', () => {
	it('Hypothesis needs a problem statement and a category; spaces do not count', () => {
		expect(fields(gateFor('hypothesis', { ...empty, problemObserved: '   ' }, today))).toEqual(['problemObserved', 'category']);
		expect(gateFor('hypothesis', { ...empty, problemObserved: 'Builds take 40 min', category: 'feedback_quality' }, today)).toEqual([]);
	});

	it('Experiment needs all three parts of the hypothesis, a plan, a valid time box and effort', () => {
		expect(fields(gateFor('experiment', empty, today))).toEqual([
			'hypothesisBelieve',
			'hypothesisResult',
			'hypothesisSignal',
			'experimentPlan',
			'timeboxStart',
			'timeboxEnd',
			'effort'
		]);
		const backwards = { ...empty, timeboxStart: '2026-12-01', timeboxEnd: '2026-11-01' };
		expect(gateFor('experiment', backwards, today).find((m) => m.field === 'timeboxEnd')?.message).toMatch(/end after it starts/);
	});

	it('Evidence needs the time box to have started', () => {
		expect(fields(gateFor('evidence', { ...empty, timeboxStart: '2026-11-23' }, today))).toEqual(['timeboxStart']);
		expect(gateFor('evidence', { ...empty, timeboxStart: today }, today)).toEqual([]);
	});

	it('Adopted needs supporting evidence and a decision rationale', () => {
		const refuted = { ...empty, evidence: [{ verdict: 'refutes' }], decisionRationale: 'We saw it work' };
		expect(fields(gateFor('adopted', refuted, today))).toEqual(['evidence']);
		expect(fields(gateFor('adopted', { ...empty, evidence: [{ verdict: 'supports' }] }, today))).toEqual(['decisionRationale']);
	});

	it('skipping columns needs every gate on the way; moving back needs none', () => {
		const missing = fields(gatesOnTheWay('problem', 'evidence', empty, today));
		expect(missing).toEqual(expect.arrayContaining(['problemObserved', 'category', 'experimentPlan', 'timeboxStart']));
		expect(gatesOnTheWay('adopted', 'problem', empty, today)).toEqual([]);
	});
});

describe('the checklist', () => {
	it('words each requirement as done or still to do', () => {
		const half = { ...empty, problemObserved: 'Builds take 40 min' };
		expect(checklistFor('hypothesis', half, today)).toEqual([
			{ field: 'problemObserved', message: 'The problem is described: what was observed.', met: true },
			{ field: 'category', message: 'Choose a constraint category.', met: false }
		]);
	});

	it('asks that a time box end after it starts only once both dates are set', () => {
		const fields = (card: GateSubject) => checklistFor('experiment', card, today).map((r) => `${r.field}:${r.met}`);
		expect(fields(empty).filter((f) => f.startsWith('timeboxEnd'))).toEqual(['timeboxEnd:false']);
		const backwards = { ...empty, timeboxStart: '2026-12-01', timeboxEnd: '2026-11-01' };
		expect(fields(backwards).filter((f) => f.startsWith('timeboxEnd'))).toEqual(['timeboxEnd:true', 'timeboxEnd:false']);
	});

	it('reads evidence only for a move that enters Adopted', () => {
		expect(gatesReadEvidence('evidence', 'adopted')).toBe(true);
		expect(gatesReadEvidence('problem', 'adopted')).toBe(true);
		expect(gatesReadEvidence('problem', 'evidence')).toBe(false);
		expect(gatesReadEvidence('adopted', 'problem')).toBe(false);
	});
});

describe('isoDateIn', () => {
	it('gives the calendar date in the team’s time zone', () => {
		const at = new Date('2026-11-22T23:30:00Z');
		expect(isoDateIn('UTC', at)).toBe('2026-11-22');
		expect(isoDateIn('Pacific/Auckland', at)).toBe('2026-11-23');
		expect(isoDateIn('America/Los_Angeles', at)).toBe('2026-11-22');
	});
});
