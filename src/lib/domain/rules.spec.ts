import { describe, expect, it } from 'vitest';
import type { GateSubject } from './gates';
import { effortInUse, judgeMove, limitBreaches, type PlacedCard } from './rules';
import { boardSettingsSchema, protectedHours, readSettings, type BoardSettings } from './settings';

const capacity = { people: 5, hoursPerWeek: 40, protectedPercent: 10 }; // 20 person-hours a week
const settings = (overrides: Partial<BoardSettings> = {}) => ({ ...boardSettingsSchema.parse({}), ...overrides });

const card = (id: string, column: PlacedCard['column'], lane: PlacedCard['lane'] = 'team', effort = 0): PlacedCard => ({
	id,
	column,
	lane,
	effort
});

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

describe('protected capacity', () => {
	it('is people × hours × share', () => {
		expect(protectedHours(capacity)).toBe(20);
		expect(protectedHours({ people: 8, hoursPerWeek: 40, protectedPercent: 15 })).toBe(48);
	});

	it('counts only active columns, at this board’s share', () => {
		expect(effortInUse([card('a', 'experiment', 'team', 6), card('b', 'evidence', 'system', 4), card('c', 'adopted', 'team', 9)])).toBe(10);
	});
});

describe('WIP limits', () => {
	const board = [card('a', 'experiment'), card('b', 'experiment')];

	it('refuses entering a full cell under a hard limit, naming the limit', () => {
		const breaches = limitBreaches(board, card('x', 'experiment'), settings({ cellLimits: { 'experiment:team': { limit: 2, hard: true } } }), capacity);
		expect(breaches).toEqual([expect.objectContaining({ kind: 'cell', hard: true, limit: 2, value: 3 })]);
		expect(breaches[0]!.message).toMatch(/Experiment × Team allows 2 cards; this would make 3/);
	});

	it('counts a column over all lanes', () => {
		const breaches = limitBreaches(board, card('x', 'experiment', 'system'), settings({ columnLimits: { experiment: { limit: 2, hard: false } } }), capacity);
		expect(breaches).toEqual([expect.objectContaining({ kind: 'column', hard: false, value: 3 })]);
	});

	it('never blocks moving within a cell or out of a full one', () => {
		const full = settings({ cellLimits: { 'experiment:team': { limit: 1, hard: true } } });
		expect(limitBreaches(board, card('a', 'experiment'), full, capacity)).toEqual([]);
		expect(limitBreaches(board, card('a', 'problem'), full, capacity)).toEqual([]);
	});
});

describe('capacity limit', () => {
	it('refuses work that goes over protected capacity when hard, warns when soft', () => {
		const board = [card('a', 'experiment', 'team', 15), card('x', 'hypothesis', 'team', 8)];
		const arriving = card('x', 'experiment', 'team', 8);
		expect(limitBreaches(board, arriving, settings({ capacityHard: true }), capacity)).toEqual([
			expect.objectContaining({ kind: 'capacity', hard: true, limit: 20, value: 23 })
		]);
		expect(limitBreaches(board, arriving, settings(), capacity)[0]!.hard).toBe(false);
	});

	it('does not refuse a change that lowers the hours in use', () => {
		const board = [card('a', 'experiment', 'team', 30)];
		expect(limitBreaches(board, card('a', 'experiment', 'team', 25), settings({ capacityHard: true }), capacity)).toEqual([]);
	});
});

describe('judgeMove', () => {
	it('refuses on strict gates and warns on advisory ones', () => {
		const notReady = { ...ready, experimentPlan: ' ' };
		const input = { subject: notReady, from: 'hypothesis' as const, to: card('x', 'experiment'), today: '2026-11-22', cards: [], capacity };
		expect(judgeMove({ ...input, settings: settings() }).refusedBy.gates.map((m) => m.field)).toEqual(['experimentPlan']);
		const advisory = judgeMove({ ...input, settings: settings({ gateMode: 'advisory' }) });
		expect(advisory.refusedBy.gates).toEqual([]);
		expect(advisory.warnings.gates.map((m) => m.field)).toEqual(['experimentPlan']);
	});

	it('splits hard and soft limits', () => {
		const verdict = judgeMove({
			subject: ready,
			from: 'hypothesis',
			to: card('x', 'experiment', 'team', 30),
			today: '2026-11-22',
			cards: [card('a', 'experiment')],
			capacity,
			settings: settings({ cellLimits: { 'experiment:team': { limit: 1, hard: true } } })
		});
		expect(verdict.refusedBy.limits.map((b) => b.kind)).toEqual(['cell']);
		expect(verdict.warnings.limits.map((b) => b.kind)).toEqual(['capacity']);
	});
});

describe('settings', () => {
	it('falls back to defaults for unreadable stored settings', () => {
		expect(readSettings({ gateMode: 'sideways' })).toEqual(boardSettingsSchema.parse({}));
		expect(readSettings(null).gateMode).toBe('strict');
	});
});
