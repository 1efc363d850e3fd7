import { describe, expect, it } from 'vitest';
import { applyBoardEvent, boardStateFrom } from './board-state';
import type { CatchballState } from './catchball';
import type { BoardEvent, CardSummary, TeamRefView } from './events';

const BOARD = 'board-payments';
const payments: TeamRefView = { id: 'team-payments', name: 'Payments' };
const platform: TeamRefView = { id: 'team-platform', name: 'Platform' };
const search: TeamRefView = { id: 'team-search', name: 'Search' };

function card(id: string, overrides: Partial<CardSummary> = {}): CardSummary {
	return {
		id,
		homeBoardId: BOARD,
		homeTeam: payments,
		version: 1,
		status: 'active',
		column: 'problem',
		lane: 'team',
		position: 'a0',
		title: `Card ${id}`,
		category: null,
		problemObserved: '',
		hypothesisBelieve: '',
		experimentPlan: '',
		hypothesisWritten: false,
		evidenceCount: 0,
		timeboxEnd: null,
		effort: 0,
		columnEnteredAt: {},
		owners: [],
		linkedTeams: [],
		catchball: null,
		...overrides
	};
}

const inCourtOf = (court: TeamRefView): CatchballState => ({
	state: 'in_air',
	court: { ...court, isLeadership: false },
	since: '2026-03-01T09:00:00.000Z',
	last: { kind: 'throw', message: 'Can you take this?', by: 'Mia Jones' }
});

function renamed(seq: number, team: TeamRefView, name: string): BoardEvent {
	return {
		type: 'team.renamed',
		teamId: team.id,
		name,
		previousName: team.name,
		boardId: BOARD,
		seq,
		actor: { id: 'admin', name: 'Ada Admin' },
		at: '2026-03-02T10:00:00.000Z'
	};
}

describe('a renamed team on a board', () => {
	const own = card('own');
	const linked = card('linked', { homeTeam: platform, lane: 'cross_team', linkedTeams: [payments] });
	const sharesWithPlatform = card('shares', { linkedTeams: [platform, search] });
	const thrownToPlatform = card('thrown', { catchball: inCourtOf(platform) });
	const elsewhere = card('elsewhere', { linkedTeams: [search] });
	const state = boardStateFrom(BOARD, 5, [own, linked, sharesWithPlatform, thrownToPlatform, elsewhere], null, payments);

	it('shows the new name in the header when it is the board’s own team, and on its cards', () => {
		const next = applyBoardEvent(state, renamed(6, payments, 'Checkout'));
		expect(next.seq).toBe(6);
		expect(next.team).toEqual({ id: payments.id, name: 'Checkout' });
		expect(next.cards.own!.homeTeam.name).toBe('Checkout');
		expect(next.cards.linked!.linkedTeams).toEqual([{ id: payments.id, name: 'Checkout' }]);
		expect(next.cards.shares!.homeTeam.name).toBe('Checkout');
	});

	it('renames another team wherever a card names it: home team, linked teams, court', () => {
		const next = applyBoardEvent(state, renamed(6, platform, 'Core services'));
		expect(next.team).toEqual(payments);
		expect(next.cards.linked!.homeTeam).toEqual({ id: platform.id, name: 'Core services' });
		expect(next.cards.shares!.linkedTeams.map((t) => t.name)).toEqual(['Core services', 'Search']);
		expect(next.cards.thrown!.catchball!.court).toEqual({ id: platform.id, name: 'Core services', isLeadership: false });
		// A card that does not name the team is the very same object: nothing re-renders for it.
		expect(next.cards.elsewhere).toBe(elsewhere);
		expect(next.cards.own).toBe(own);
	});
});
