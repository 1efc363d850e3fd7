import { describe, expect, it } from 'vitest';
import type { Column, Lane } from './board';
import type { BoardEvent, BoardEventBody, CardView } from './events';
import { describeEvent, excerpt, listInWords, relativeTime } from './history';
import type { BoardSettingsView } from './settings';

const CARD_ID = '0b7f4a1e-8d7c-4a57-9a3e-2a9e7f1c3b11';
const BOARD_ID = '5c0d2f4e-1b9a-4c3d-8e7f-6a5b4c3d2e1f';
const MIA = { id: '9f8e7d6c-5b4a-4321-8fed-cba987654321', name: 'Mia Jones' };

function card(overrides: Partial<CardView> = {}): CardView {
	return {
		id: CARD_ID,
		homeBoardId: BOARD_ID,
		homeTeam: { id: 'a1b2c3d4-e5f6-4789-8abc-def012345678', name: 'Payments' },
		version: 3,
		status: 'active',
		column: 'hypothesis',
		lane: 'team',
		position: 'a0',
		title: 'Flaky deploys',
		category: 'deployment_safety',
		problemObserved: '',
		problemAffected: '',
		problemFrequency: '',
		hypothesisBelieve: '',
		hypothesisResult: '',
		hypothesisSignal: '',
		experimentPlan: '',
		experimentBoundary: '',
		timeboxStart: null,
		timeboxEnd: null,
		effort: 0,
		totalEffort: 0,
		decision: '',
		decisionRationale: '',
		learned: '',
		columnEnteredAt: {},
		owners: [],
		linkedTeams: [],
		evidence: [],
		evidenceCount: 0,
		hypothesisWritten: false,
		commentCount: 0,
		catchball: null,
		createdAt: '2026-03-01T09:00:00.000Z',
		updatedAt: '2026-03-01T09:00:00.000Z',
		...overrides
	};
}

function moved(from: { column: Column; lane: Lane }, to: { column: Column; lane: Lane }): BoardEventBody {
	return {
		type: 'card.moved',
		cardId: CARD_ID,
		title: 'Flaky deploys',
		from,
		to: { ...to, position: 'a1' },
		version: 4,
		enteredAt: null,
		rekeyed: []
	};
}

function event(body: BoardEventBody, actor: BoardEvent['actor'] = MIA): BoardEvent {
	return { ...body, boardId: BOARD_ID, seq: 7, actor, at: '2026-03-02T10:00:00.000Z' } as BoardEvent;
}

/** No sentence may leak an id. */
function expectNoIds(sentence: string) {
	expect(sentence).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
}

describe('describeEvent', () => {
	it('says who moved which card between which columns', () => {
		const text = describeEvent(
			event(moved({ column: 'problem', lane: 'team' }, { column: 'hypothesis', lane: 'team' }))
		);
		expect(text).toBe('Mia Jones moved "Flaky deploys" from Problem to Hypothesis');
		expectNoIds(text);
	});

	it('names lanes when a move changes the lane, and says "reordered" when neither changes', () => {
		const laneOnly = describeEvent(
			event(moved({ column: 'hypothesis', lane: 'team' }, { column: 'hypothesis', lane: 'system' }))
		);
		expect(laneOnly).toBe('Mia Jones moved "Flaky deploys" from the Team lane to the System lane');
		const reorder = describeEvent(
			event(moved({ column: 'hypothesis', lane: 'team' }, { column: 'hypothesis', lane: 'team' }))
		);
		const both = describeEvent(
			event(moved({ column: 'problem', lane: 'team' }, { column: 'hypothesis', lane: 'system' }))
		);
		expect(both).toBe('Mia Jones moved "Flaky deploys" from Problem to Hypothesis (Team lane to System lane)');
		expect(reorder).toBe('Mia Jones reordered "Flaky deploys" in Hypothesis');
	});

	it('says what a change was allowed despite: advisory gates and soft limits', () => {
		const warned = {
			...moved({ column: 'evidence', lane: 'team' }, { column: 'adopted', lane: 'team' }),
			warnings: {
				gates: [{ field: 'decisionRationale', message: 'Write the decision rationale.' }],
				limits: [{ kind: 'cell' as const, hard: false, limit: 2, value: 3, message: 'Adopted × Team allows 2 cards; this would make 3.' }]
			}
		};
		expect(describeEvent(event(warned))).toBe(
			'Mia Jones moved "Flaky deploys" from Evidence to Adopted. Advisory gates let it through without: Write the decision rationale. ' +
				'Over a soft limit: Adopted × Team allows 2 cards; this would make 3.'
		);
	});

	it('says a move was undone, and where the card is back', () => {
		const undo = { ...moved({ column: 'hypothesis', lane: 'team' }, { column: 'problem', lane: 'team' }), undoes: 6 };
		expect(describeEvent(event(undo))).toBe('Mia Jones undid a move: "Flaky deploys" is back in Problem');
	});

	it('quotes the evidence with its verdict', () => {
		const evidence = {
			id: 'e1d2c3b4-a596-4877-8a9b-0c1d2e3f4a5b',
			kind: 'measurement' as const,
			summary: 'Lead time fell from 5 to 2 days',
			before: '5 days',
			after: '2 days',
			link: '',
			verdict: 'supports' as const,
			createdBy: MIA,
			createdAt: '2026-03-02T10:00:00.000Z'
		};
		const text = describeEvent(event({ type: 'card.evidence_added', card: card(), evidence }));
		expect(text).toContain('Mia Jones added evidence (supports): "Lead time fell from 5 to 2 days"');
		expect(text).toContain('"Flaky deploys"');
		expectNoIds(text);
	});

	it('maps changed field names to words, once each', () => {
		const text = describeEvent(
			event({
				type: 'card.updated',
				card: card(),
				changed: ['hypothesisBelieve', 'hypothesisSignal', 'experimentPlan']
			})
		);
		expect(text).toBe('Mia Jones edited the hypothesis and the plan of "Flaky deploys"');
		const three = describeEvent(
			event({ type: 'card.updated', card: card(), changed: ['problemObserved', 'timeboxStart', 'decisionRationale'] })
		);
		expect(three).toBe('Mia Jones edited what was observed, the time box and the decision rationale of "Flaky deploys"');
	});

	it('names the category and the new title in words', () => {
		expect(describeEvent(event({ type: 'card.updated', card: card(), changed: ['category'] }))).toBe(
			'Mia Jones set the category of "Flaky deploys" to Deployment safety'
		);
		expect(describeEvent(event({ type: 'card.updated', card: card(), changed: ['title'] }))).toBe(
			'Mia Jones renamed the card to "Flaky deploys"'
		);
	});

	it('names linked and unlinked teams', () => {
		const platform = { id: 'f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f', name: 'Platform' };
		const data = { id: 'c3b4a596-8778-4695-a4b3-c2d1e0f9a8b7', name: 'Data' };
		expect(
			describeEvent(event({ type: 'card.linked_teams_set', card: card(), added: [platform], removed: [] }))
		).toBe('Mia Jones linked Platform to "Flaky deploys"');
		const both = describeEvent(
			event({ type: 'card.linked_teams_set', card: card(), added: [platform], removed: [data] })
		);
		expect(both).toBe('Mia Jones linked Platform to "Flaky deploys" and unlinked Data');
		expectNoIds(both);
	});

	it('describes the unlinking on the board that lost the card', () => {
		const body = { type: 'card.unlinked' as const, cardId: CARD_ID, title: 'Flaky deploys' };
		expect(describeEvent(event(body), { boardTeamName: 'Platform' })).toBe(
			'Mia Jones unlinked "Flaky deploys" from the Platform board'
		);
		expect(describeEvent(event(body))).toBe('Mia Jones unlinked "Flaky deploys" from this board');
	});

	it('says which team was renamed to what, by name', () => {
		const body = { type: 'team.renamed' as const, teamId: 'f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f', name: 'Platform', previousName: 'Infra' };
		const text = describeEvent(event(body));
		expect(text).toBe('Mia Jones renamed the team "Infra" to "Platform"');
		expectNoIds(text);
	});

	it('describes creating, archiving, restoring, owners and comments', () => {
		expect(describeEvent(event({ type: 'card.created', card: card({ column: 'problem' }) }))).toBe(
			'Mia Jones created "Flaky deploys" in Problem'
		);
		expect(describeEvent(event({ type: 'card.archived', card: card({ status: 'archived' }) }))).toBe(
			'Mia Jones archived "Flaky deploys"'
		);
		expect(describeEvent(event({ type: 'card.restored', card: card() }))).toBe(
			'Mia Jones restored "Flaky deploys" to Hypothesis'
		);
		const owners = [MIA, { id: '11111111-2222-4333-8444-555555555555', name: 'Pat Lee' }];
		expect(describeEvent(event({ type: 'card.owners_set', card: card({ owners }) }))).toBe(
			'Mia Jones set the owners of "Flaky deploys" to Mia Jones and Pat Lee'
		);
		expect(describeEvent(event({ type: 'card.owners_set', card: card() }))).toBe(
			'Mia Jones removed every owner of "Flaky deploys"'
		);
		const comment = {
			id: '22222222-3333-4444-8555-666666666666',
			cardId: CARD_ID,
			author: MIA,
			body: 'Shall we   try it\non Friday?',
			createdAt: '2026-03-02T10:00:00.000Z'
		};
		expect(describeEvent(event({ type: 'card.commented', card: card(), comment }))).toBe(
			'Mia Jones commented on "Flaky deploys": "Shall we try it on Friday?"'
		);
	});

	it('describes closing as learned', () => {
		const learned = card({ status: 'learned', learned: 'Pairing alone did not spread the knowledge.' });
		expect(describeEvent(event({ type: 'card.learned', card: learned }))).toBe(
			'Mia Jones closed "Flaky deploys" as learned: "Pairing alone did not spread the knowledge."'
		);
	});

	it('describes board settings and raids in words', () => {
		const settings = {} as BoardSettingsView;
		expect(
			describeEvent(event({ type: 'board.configured', settings, changed: ['gates', 'WIP limits'] }), {
				boardTeamName: 'Payments'
			})
		).toBe('Mia Jones changed the gates and WIP limits of the Payments board');
		const raid = {
			id: '33333333-4444-4555-8666-777777777777',
			week: '2026-W07',
			hours: 6,
			reason: 'Renewal-season release',
			recordedBy: MIA,
			recordedAt: '2026-02-12T10:00:00.000Z'
		};
		const text = describeEvent(event({ type: 'board.raid_recorded', raid, settings }));
		expect(text).toBe(
			'Mia Jones recorded a raid on this board: delivery took 6 hours of protected time in week 7 of 2026: "Renewal-season release"'
		);
		expectNoIds(text);
	});

	it('describes catchball throws, catches and decisions with the sides named', () => {
		const payments = { id: 'a1b2c3d4-e5f6-4789-8abc-def012345678', name: 'Payments', isLeadership: false };
		const leadership = { id: 'b1b2c3d4-e5f6-4789-8abc-def012345678', name: 'Leadership', isLeadership: true };
		const entry = {
			id: '44444444-5555-4666-8777-888888888888',
			kind: 'throw' as const,
			from: payments,
			to: leadership,
			message: 'The change board adds six days to every release.',
			ask: 'Can low-risk changes skip it?',
			brief: null,
			actor: MIA,
			at: '2026-03-02T10:00:00.000Z'
		};
		const thrown = describeEvent(event({ type: 'card.catchball', card: card(), entry }));
		expect(thrown).toBe(
			'Mia Jones threw "Flaky deploys" to Leadership: "The change board adds six days to every release."'
		);
		expectNoIds(thrown);
		const caught = { ...entry, kind: 'catch' as const, from: leadership, to: payments, brief: { will: 'Trial a fast lane', how: '', need: '' } };
		expect(describeEvent(event({ type: 'card.catchball', card: card(), entry: caught }))).toBe(
			'Mia Jones caught "Flaky deploys" for Leadership, with a back-brief: "Trial a fast lane"'
		);
	});

	it('says "Someone" when the person is gone', () => {
		expect(describeEvent(event({ type: 'card.archived', card: card() }, null))).toBe('Someone archived "Flaky deploys"');
	});
});

describe('words', () => {
	it('lists in words', () => {
		expect(listInWords([])).toBe('');
		expect(listInWords(['a'])).toBe('a');
		expect(listInWords(['a', 'b'])).toBe('a and b');
		expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
	});

	it('shortens long text on a word boundary', () => {
		expect(excerpt('short')).toBe('short');
		const long = 'word '.repeat(40);
		const cut = excerpt(long, 30);
		expect(cut.length).toBeLessThanOrEqual(30);
		expect(cut.endsWith('word…')).toBe(true);
	});
});

describe('relativeTime', () => {
	const now = new Date('2026-03-10T12:00:00.000Z');
	it('counts back in minutes, hours and days', () => {
		expect(relativeTime('2026-03-10T11:59:40.000Z', now)).toBe('just now');
		expect(relativeTime('2026-03-10T11:55:00.000Z', now)).toBe('5 minutes ago');
		expect(relativeTime('2026-03-10T09:00:00.000Z', now)).toBe('3 hours ago');
		expect(relativeTime('2026-03-09T12:00:00.000Z', now)).toBe('yesterday');
		expect(relativeTime('2026-03-07T12:00:00.000Z', now)).toBe('3 days ago');
	});

	it('gives the date past a week', () => {
		expect(relativeTime('2026-03-01T12:00:00.000Z', now, 'UTC')).toBe('1 Mar 2026');
	});
});
