import type { Actor } from '../../domain/access';
import { boardSettingsSchema } from '../../domain/settings';
import { isoWeekOf } from '../../domain/weeks';
import { executeCommand } from '../commands/service';
import type { AppContext } from '../context';
import type { PersonKey, TeamKey } from './content';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Context {
	seed: AppContext;
	now: Date;
	actor: (key: PersonKey) => Actor;
	card: (key: string) => string;
	team: (key: TeamKey) => { teamId: string; boardId: string };
	leadershipTeamId: string;
}

/** A day `days` ago, in the working morning. */
function daysAgo(now: Date, days: number, hour = 10): Date {
	const at = new Date(now.getTime() - days * DAY_MS);
	at.setUTCHours(hour, 0, 0, 0);
	return at.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : at;
}

/** A dated action, run in time order with the cards' own steps (each board's log stays chronological). */
export interface DatedAction {
	at: Date;
	run: () => Promise<unknown>;
}

/**
 * What a few weeks of catchball, raids and team settings leave behind besides the cards' own lives:
 * system barriers in leadership's court (one waiting, one caught, one decided, one thrown back), raids on
 * protected time, and WIP limits. Through the same command path as everything else, back-dated. Card ids
 * are looked up when an action runs (by then the card exists).
 */
export function catchballAndSettings(c: Context): DatedAction[] {
	const actions: DatedAction[] = [];
	const run = (who: PersonKey, days: number, command: object | (() => object), hour?: number) => {
		const at = daysAgo(c.now, days, hour);
		actions.push({
			at,
			run: () => executeCommand(c.seed, c.actor(who), typeof command === 'function' ? command() : command, { at })
		});
	};
	const toLeadership = (cardId: () => string, message: string, ask: string) => () => ({
		type: 'catchball.throw',
		cardId: cardId(),
		toTeamId: c.leadershipTeamId,
		message,
		ask
	});

	const cab = () => c.card('claims-cab');
	run('priya', 12, toLeadership(cab, 'Every release waits for the weekly Change Advisory Board, six working days on average.', 'Let config-only and feature-flagged changes skip the board.'));
	run('grace', 10, () => ({
		type: 'catchball.catch',
		cardId: cab(),
		will: 'Run a four-week pilot where pre-approved change types skip the board.',
		how: 'Risk and the CAB chair define the low-risk types with Claims; we review the incident log weekly.',
		need: 'Two weeks of change data from Claims and a named contact for the pilot.'
	}));

	const research = () => c.card('claims-research-dpia');
	run('mei', 5, toLeadership(research, 'Each interview round waits three weeks for a privacy sign-off, even with the same script.', 'Approve a standing template for repeat studies.'), 14);

	const funding = () => c.card('policy-project-funding');
	run('samir', 9, toLeadership(funding, 'Quote and buy lost its budget when the project closed; nobody can fund upkeep.', 'Give the product a small run budget.'));
	run('rafael', 7, () => ({
		type: 'catchball.throw_back',
		cardId: funding(),
		question: 'How many hours a month does the upkeep take today, and what breaks if it stops?'
	}));

	const cloud = () => c.card('platform-cloud-approvals');
	run('lena', 16, toLeadership(cloud, 'Any cloud spend over £500 a month needs the CFO’s signature: 11 days on average.', 'Raise the threshold for platform spend within the annual budget.'));
	run('rafael', 14, () => ({
		type: 'catchball.catch',
		cardId: cloud(),
		will: 'Take a threshold proposal to the CFO’s monthly review.',
		how: 'Platform shares last year’s requests; Finance checks them against the budget.',
		need: 'The list of requests with their wait times.'
	}));
	run('grace', 3, () => ({
		type: 'catchball.decide',
		cardId: cloud(),
		decision: 'Platform may approve spend up to £2,000 a month within its annual budget from 1 December.',
		rationale: 'Nine of last year’s eleven requests were under £2,000 and all were approved; the wait cost more than the spend.'
	}));

	// Raids: protected time taken by delivery work.
	const lastWeek = isoWeekOf(daysAgo(c.now, 7).toISOString().slice(0, 10));
	const twoWeeksAgo = isoWeekOf(daysAgo(c.now, 14).toISOString().slice(0, 10));
	run('priya', 12, { type: 'board.record_raid', boardId: c.team('claims').boardId, week: twoWeeksAgo, hours: 6, reason: 'Major incident on claim intake: the whole team on the fix for a day.' });
	run('lena', 5, { type: 'board.record_raid', boardId: c.team('platform').boardId, week: lastWeek, hours: 10, reason: 'Release freeze support for the pricing launch.' });

	// WIP limits the teams chose: a soft Experiment limit everywhere, a hard one on Platform's Team lane.
	const configure = (team: TeamKey, settings: object) =>
		run('grace', 20, {
			type: 'board.configure',
			boardId: c.team(team).boardId,
			settings: boardSettingsSchema.parse(settings),
			protectedPercent: 15,
			hoursPerWeek: 40,
			timeZone: 'Europe/London'
		});
	configure('claims', { columnLimits: { experiment: { limit: 3, hard: false } } });
	configure('policy', { columnLimits: { experiment: { limit: 4, hard: false } } });
	configure('platform', { cellLimits: { 'experiment:team': { limit: 3, hard: true } } });
	return actions;
}
