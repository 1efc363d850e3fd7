import { describe, expect, it } from 'vitest';
import type { Column, Lane } from './board';
import { EMPTY_RECORD, type GateSubject } from './gates';
import { effortInUse, limitsAtStake, type Arrival, type Occupancy } from './limits';
import { decide, decideCloseAsLearned, warningsInWords, type BoardRules, type Decision, type Proposal } from './rules';
import { boardSettingsSchema, protectedHours, readSettings, type BoardSettings } from './settings';

// The specification of every rule a change to a card must satisfy (PRODUCT.md: Evidence gates,
// Protected-capacity WIP limits). The server decides with `decide`; these are its cases.

const capacity = { people: 5, hoursPerWeek: 40, protectedPercent: 10 }; // 20 person-hours a week
const settings = (overrides: Partial<BoardSettings> = {}): BoardSettings => ({ ...boardSettingsSchema.parse({}), ...overrides });
const today = '2026-11-22';

const ready: GateSubject = {
	category: 'architecture',
	problemObserved: 'Deploys fail weekly',
	hypothesisBelieve: 'Smaller batches',
	hypothesisResult: 'fewer failed deploys',
	hypothesisSignal: 'failure rate below 5%',
	experimentPlan: 'Ship daily for three weeks',
	timeboxStart: '2026-11-01',
	timeboxEnd: '2026-11-21',
	totalEffort: 4,
	decisionRationale: '',
	evidence: []
};

/** A card arriving in a cell of board `boardId`, from `from` (null: new there). */
function arrival(column: Column, lane: Lane = 'team', effort = 0, from: Arrival['from'] = null, boardId = 'b1'): Arrival {
	return { boardId, column, lane, effort, from };
}

/** A board's rules, with what is on it besides the card (counted only when a limit is at stake). */
function rules(boardSettings: BoardSettings, others: Partial<Occupancy> = {}, boardId = 'b1', teamName = 'Platform'): BoardRules {
	return { boardId, teamName, settings: boardSettings, load: { others: { inCell: 0, inColumn: 0, hoursInUse: 0, ...others }, capacity } };
}

function move(subject: GateSubject, from: Column, to: Column, mode: BoardSettings['gateMode'], arrivals: Proposal['arrivals']): Decision {
	return decide({ kind: 'move', gates: { subject, from, to, today, mode }, arrivals });
}

const refusal = (decision: Decision) => (decision.allowed ? null : decision.refusal);
const warnings = (decision: Decision, boardId = 'b1') => (decision.allowed ? decision.warnings.get(boardId) : undefined);

describe('gates', () => {
	const notReady = { ...ready, experimentPlan: ' ', timeboxEnd: null };
	const into = (to: Column) => [{ arrival: arrival(to, 'team', 4, { column: 'hypothesis', lane: 'team', effort: 4 }), rules: rules(settings()) }];

	it('strict gates refuse a forward move and name every missing item, with the field each is about', () => {
		const refused = refusal(move(notReady, 'hypothesis', 'experiment', 'strict', into('experiment')))!;
		expect(refused.code).toBe('gate_blocked');
		expect(refused.message).toBe('Not ready for Experiment: Write the experiment plan. Set when the time box ends.');
		expect(refused.fields).toEqual({ experimentPlan: ['Write the experiment plan.'], timeboxEnd: ['Set when the time box ends.'] });
		expect(refused.missing.map((m) => m.field)).toEqual(['experimentPlan', 'timeboxEnd']);
	});

	it('advisory gates let the move through and record what was missing on every board it lands on', () => {
		const both = [
			{ arrival: arrival('experiment', 'team', 4, { column: 'hypothesis', lane: 'team', effort: 4 }), rules: rules(settings()) },
			{ arrival: arrival('experiment', 'cross_team', 0, { column: 'hypothesis', lane: 'cross_team', effort: 0 }, 'b2'), rules: rules(settings(), {}, 'b2') }
		];
		const decision = move(notReady, 'hypothesis', 'experiment', 'advisory', both);
		expect(decision.allowed).toBe(true);
		expect(warnings(decision)?.gates.map((m) => m.field)).toEqual(['experimentPlan', 'timeboxEnd']);
		expect(warnings(decision, 'b2')?.gates.map((m) => m.field)).toEqual(['experimentPlan', 'timeboxEnd']);
	});

	it('moving back, or within a column, needs no gate', () => {
		const back = move(EMPTY_RECORD, 'adopted', 'problem', 'strict', [{ arrival: arrival('problem'), rules: rules(settings()) }]);
		expect(back).toEqual({ allowed: true, warnings: new Map() });
		const same = move(EMPTY_RECORD, 'evidence', 'evidence', 'strict', [{ arrival: arrival('evidence'), rules: rules(settings()) }]);
		expect(same.allowed).toBe(true);
	});

	it('skipping columns needs the gate of every column on the way', () => {
		const refused = refusal(move(EMPTY_RECORD, 'problem', 'evidence', 'strict', into('evidence')))!;
		expect(refused.missing.map((m) => m.field)).toEqual([
			'problemObserved',
			'category',
			'hypothesisBelieve',
			'hypothesisResult',
			'hypothesisSignal',
			'experimentPlan',
			'timeboxStart',
			'timeboxEnd',
			'effort',
			// Evidence's own: the time box has not started (it has no start at all).
			'timeboxStart'
		]);
	});

	it('a ready card moves forward with nothing to record', () => {
		expect(move(ready, 'hypothesis', 'experiment', 'strict', into('experiment'))).toEqual({ allowed: true, warnings: new Map() });
	});

	it('a new card can start past Problem only when the gates are advisory', () => {
		const create = (mode: BoardSettings['gateMode']) =>
			decide({
				kind: 'create',
				gates: { subject: EMPTY_RECORD, from: 'problem', to: 'hypothesis', today, mode },
				arrivals: [{ arrival: arrival('hypothesis'), rules: rules(settings()) }]
			});
		const refused = refusal(create('strict'))!;
		expect(refused.message).toMatch(/^New cards start in Problem: Hypothesis needs more than a title \(Describe the problem/);
		// The create form has no record fields to point at.
		expect(refused.fields).toEqual({});
		expect(warnings(create('advisory'))?.gates.map((m) => m.field)).toEqual(['problemObserved', 'category']);
	});
});

describe('WIP limits', () => {
	const enter = (lane: Lane = 'team') => arrival('experiment', lane, 0, { column: 'hypothesis', lane, effort: 0 });
	const limited = (hard: boolean) => settings({ cellLimits: { 'experiment:team': { limit: 2, hard } } });

	it('a hard cell limit refuses the card that would go over it, saying which limit and by how much', () => {
		const refused = refusal(decide({ kind: 'move', arrivals: [{ arrival: enter(), rules: rules(limited(true), { inCell: 2, inColumn: 2 }) }] }))!;
		expect(refused.code).toBe('wip_limit');
		expect(refused.message).toBe('Experiment × Team allows 2 cards; this would make 3.');
		expect(refused.limits).toEqual([expect.objectContaining({ kind: 'cell', hard: true, limit: 2, value: 3 })]);
	});

	it('the last free slot is still free', () => {
		expect(decide({ kind: 'move', arrivals: [{ arrival: enter(), rules: rules(limited(true), { inCell: 1 }) }] }).allowed).toBe(true);
	});

	it('a soft limit lets the card in and records the breach for that board', () => {
		const decision = decide({ kind: 'move', arrivals: [{ arrival: enter(), rules: rules(limited(false), { inCell: 2 }) }] });
		expect(warnings(decision)?.limits).toEqual([expect.objectContaining({ kind: 'cell', hard: false, value: 3 })]);
	});

	it('a column limit counts every lane', () => {
		const columnLimited = settings({ columnLimits: { experiment: { limit: 2, hard: true } } });
		const refused = refusal(decide({ kind: 'move', arrivals: [{ arrival: enter('system'), rules: rules(columnLimited, { inColumn: 2 }) }] }))!;
		expect(refused.message).toBe('Experiment allows 2 cards; this would make 3.');
		expect(refused.limits[0]).toMatchObject({ kind: 'column', value: 3 });
	});

	it('never refuses a move within a cell, or out of a full one', () => {
		const full = rules(settings({ cellLimits: { 'experiment:team': { limit: 1, hard: true } } }), { inCell: 3, inColumn: 3 });
		const within = arrival('experiment', 'team', 0, { column: 'experiment', lane: 'team', effort: 0 });
		const out = arrival('hypothesis', 'team', 0, { column: 'experiment', lane: 'team', effort: 0 });
		expect(decide({ kind: 'move', arrivals: [{ arrival: within, rules: full }] }).allowed).toBe(true);
		expect(decide({ kind: 'move', arrivals: [{ arrival: out, rules: full }] }).allowed).toBe(true);
	});

	it('a card entering a full cell from nowhere (new, restored, newly linked) counts too', () => {
		const linkHere = arrival('experiment', 'cross_team', 0, null);
		const crossLimited = settings({ cellLimits: { 'experiment:cross_team': { limit: 1, hard: true } } });
		expect(refusal(decide({ kind: 'link', arrivals: [{ arrival: linkHere, rules: rules(crossLimited, { inCell: 1 }) }] }))?.code).toBe('wip_limit');
	});

	it('a limit is at stake only when the card enters its cell or column, or adds hours', () => {
		const cell = settings({ cellLimits: { 'experiment:team': { limit: 1, hard: true } } });
		expect(limitsAtStake(cell, enter())).toBe(true);
		expect(limitsAtStake(cell, arrival('experiment', 'team', 0, { column: 'experiment', lane: 'team', effort: 0 }))).toBe(false);
		expect(limitsAtStake(settings(), arrival('problem', 'team', 0, { column: 'hypothesis', lane: 'team', effort: 0 }))).toBe(false);
		expect(limitsAtStake(settings(), arrival('experiment', 'team', 2, { column: 'experiment', lane: 'team', effort: 1 }))).toBe(true);
	});
});

describe('protected capacity', () => {
	it('is people × hours × share', () => {
		expect(protectedHours(capacity)).toBe(20);
		expect(protectedHours({ people: 8, hoursPerWeek: 40, protectedPercent: 15 })).toBe(48);
	});

	it('counts only the active columns (Experiment, Evidence), at this board’s share', () => {
		expect(effortInUse([{ column: 'experiment', effort: 6 }, { column: 'evidence', effort: 4 }, { column: 'adopted', effort: 9 }])).toBe(10);
	});

	const into = (effort: number) => arrival('experiment', 'team', effort, { column: 'hypothesis', lane: 'team', effort });

	it('refuses work that would go over protected capacity when hard (capacity_limit), warns when soft', () => {
		const refused = refusal(decide({ kind: 'move', arrivals: [{ arrival: into(8), rules: rules(settings({ capacityHard: true }), { hoursInUse: 15 }) }] }))!;
		expect(refused.code).toBe('capacity_limit');
		expect(refused.message).toBe('Protected capacity is 20 person-hours a week; this would put 23 person-hours in use.');
		const soft = decide({ kind: 'move', arrivals: [{ arrival: into(8), rules: rules(settings(), { hoursInUse: 15 }) }] });
		expect(warnings(soft)?.limits).toEqual([expect.objectContaining({ kind: 'capacity', hard: false, limit: 20, value: 23 })]);
	});

	it('never refuses a change that lowers the hours in use, even over capacity', () => {
		const lower = arrival('experiment', 'team', 25, { column: 'experiment', lane: 'team', effort: 30 });
		expect(decide({ kind: 'set_effort', arrivals: [{ arrival: lower, rules: rules(settings({ capacityHard: true }), { hoursInUse: 10 }) }] }).allowed).toBe(true);
	});

	it('raising a card’s effort is judged like a move', () => {
		const raise = arrival('evidence', 'team', 12, { column: 'evidence', lane: 'team', effort: 2 });
		expect(refusal(decide({ kind: 'set_effort', arrivals: [{ arrival: raise, rules: rules(settings({ capacityHard: true }), { hoursInUse: 10 }) }] }))?.code).toBe(
			'capacity_limit'
		);
	});

	it('a WIP limit and capacity broken together answer wip_limit and list both', () => {
		const both = settings({ capacityHard: true, cellLimits: { 'experiment:team': { limit: 0, hard: true } } });
		const refused = refusal(decide({ kind: 'move', arrivals: [{ arrival: into(30), rules: rules(both) }] }))!;
		expect(refused.code).toBe('wip_limit');
		expect(refused.limits.map((b) => b.kind)).toEqual(['cell', 'capacity']);
	});
});

describe('a card on several boards', () => {
	const linkedMove = (homeSettings: BoardSettings, linkedSettings: BoardSettings, linkedOthers: Partial<Occupancy>) => [
		{ arrival: arrival('experiment', 'team', 2, { column: 'hypothesis', lane: 'team', effort: 2 }, 'home'), rules: rules(homeSettings, {}, 'home', 'Claims') },
		{
			arrival: arrival('experiment', 'cross_team', 3, { column: 'hypothesis', lane: 'cross_team', effort: 3 }, 'linked'),
			rules: rules(linkedSettings, linkedOthers, 'linked', 'Platform')
		}
	];

	it('is refused when a hard limit of any board it shows on would break, naming that board’s team', () => {
		const cross = settings({ cellLimits: { 'experiment:cross_team': { limit: 1, hard: true } } });
		const refused = refusal(decide({ kind: 'move', arrivals: linkedMove(settings(), cross, { inCell: 1 }) }))!;
		expect(refused.message).toBe('Platform: Experiment × Cross-team allows 1 card; this would make 2.');
	});

	it('records a soft breach only on the board where it happens', () => {
		const decision = decide({ kind: 'move', arrivals: linkedMove(settings(), settings(), { hoursInUse: 19 }) });
		expect(warnings(decision, 'home')).toBeUndefined();
		expect(warnings(decision, 'linked')?.limits.map((b) => b.message)).toEqual([
			'Platform: Protected capacity is 20 person-hours a week; this would put 22 person-hours in use.'
		]);
	});

	it('a hard limit names the advisory gate items too, so the person sees everything at once', () => {
		const cross = settings({ cellLimits: { 'experiment:cross_team': { limit: 0, hard: true } } });
		const refused = refusal(move({ ...ready, experimentPlan: '' }, 'hypothesis', 'experiment', 'advisory', linkedMove(settings(), cross, {})))!;
		expect(refused.code).toBe('wip_limit');
		expect(refused.message).toBe('Platform: Experiment × Cross-team allows 0 cards; this would make 1. Also: Write the experiment plan.');
	});
});

describe('closing as learned', () => {
	it('needs a card in Experiment or Evidence with at least one evidence entry', () => {
		expect(decideCloseAsLearned({ column: 'hypothesis', evidenceCount: 2 })?.missing).toEqual([
			{ field: 'column', message: 'Move the card to Experiment or Evidence first.' }
		]);
		expect(decideCloseAsLearned({ column: 'evidence', evidenceCount: 0 })?.fields).toEqual({ evidence: ['Add at least one evidence entry.'] });
		expect(decideCloseAsLearned({ column: 'experiment', evidenceCount: 1 })).toBeNull();
	});
});

describe('warnings in words', () => {
	it('say what the change was allowed despite', () => {
		const text = warningsInWords({
			gates: [{ field: 'decisionRationale', message: 'Write the decision rationale.' }],
			limits: [{ kind: 'cell', hard: false, limit: 2, value: 3, message: 'Adopted × Team allows 2 cards; this would make 3.' }]
		});
		expect(text).toBe(
			'Advisory gates let it through without: Write the decision rationale. Over a soft limit: Adopted × Team allows 2 cards; this would make 3.'
		);
	});
});

describe('settings', () => {
	it('fall back to defaults when stored settings cannot be read', () => {
		expect(readSettings({ gateMode: 'sideways' })).toEqual(boardSettingsSchema.parse({}));
		expect(readSettings(null).gateMode).toBe('strict');
	});
});
