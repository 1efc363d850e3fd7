import { inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import type { Column } from '../../domain/board';
import type { BoardCommandInput } from '../../domain/commands';
import type { CreateOrganisationInput } from '../../domain/organisation';
import type { Role } from '../../domain/roles';
import { loadActor } from '../auth/actor';
import { executeCardCommand } from '../commands/service';
import type { AppContext } from '../context';
import type { DbOrTx } from '../db';
import { users } from '../db/schema';
import { silentHub } from '../realtime/hub';
import { registerUser } from '../services/accounts';
import { ServiceError } from '../services/errors';
import { createOrganisation, isUniqueViolation } from '../services/organisations';
import { acceptInvite, createInvite } from '../services/people';
import { createTeam } from '../services/teams';
import { catchballAndSettings } from './after-plan';
import {
	DEMO_ADMIN,
	DEMO_CARDS,
	DEMO_ORGANISATION_NAME,
	DEMO_PEOPLE,
	DEMO_TEAMS,
	demoEmail,
	type BoardKey,
	type DaysAgo,
	type DemoCard,
	type DemoPerson,
	type PersonKey,
	type TeamKey
} from './content';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'catchball-demo';

export interface DemoAccount {
	role: Role;
	name: string;
	email: string;
	password: string;
	team?: string;
}

const teamName = (key: TeamKey) => DEMO_TEAMS.find((t) => t.key === key)!.name;

function accountOf(person: DemoPerson): DemoAccount {
	const account: DemoAccount = { role: person.role, name: person.name, email: demoEmail(person), password: DEMO_PASSWORD };
	if (person.teams.length) account.team = person.teams.map(teamName).join(', ');
	return account;
}

/**
 * The demo accounts to show people (README, first-run page): an admin, a leader, one member of each
 * team and a viewer. `everyone` lists every person of the demo organisation (same password).
 */
export function demoAccounts(options: { everyone?: boolean } = {}): DemoAccount[] {
	return DEMO_PEOPLE.filter((p) => options.everyone || p.featured).map(accountOf);
}

// ---------------------------------------------------------------------------------------------------
// The plan: every card's life as dated steps, in the order they happened.
// ---------------------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
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

/** The UTC calendar day `daysAgo` before `now`, as a Date at 00:00 UTC. */
function calendarDay(now: Date, daysAgo: number): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo));
}

/**
 * The working day on which something `daysAgo` happened: a weekend falls back to the Friday. The
 * mapping never reverses the order of two days, so a card's life stays in order (and evidence never
 * lands before its time box starts).
 */
function workingDay(now: Date, daysAgo: number): Date {
	const day = calendarDay(now, daysAgo);
	const weekday = day.getUTCDay();
	if (weekday === 6) return new Date(day.getTime() - DAY_MS);
	if (weekday === 0) return new Date(day.getTime() - 2 * DAY_MS);
	return day;
}

/** A time-box date: in the past like any other day; in the future, a weekend moves on to the Monday. */
function timeboxDay(now: Date, daysAgo: number): Date {
	if (daysAgo >= 0) return workingDay(now, daysAgo);
	const day = calendarDay(now, daysAgo);
	const weekday = day.getUTCDay();
	if (weekday === 6) return new Date(day.getTime() + 2 * DAY_MS);
	if (weekday === 0) return new Date(day.getTime() + DAY_MS);
	return day;
}

const isoDate = (day: Date) => day.toISOString().slice(0, 10);

/** A small stable hash, so the same demo gets the same times of day. */
function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
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
			add(planned, RANK.share, share.by, `record ${teamName(team as TeamKey)}’s effort`, (rt) => ({
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

// ---------------------------------------------------------------------------------------------------
// The seed: the organisation, its teams and people, then every step through the board commands.
// ---------------------------------------------------------------------------------------------------

export interface SeededDemo {
	organisationId: string;
	accounts: DemoAccount[];
}

function alreadyThere(): ServiceError {
	const admin = accountOf(DEMO_PEOPLE.find((p) => p.key === DEMO_ADMIN)!);
	return new ServiceError(
		'conflict',
		`The demo organisation is already there: sign in as ${admin.email} (password “${DEMO_PASSWORD}”).`
	);
}

/** Refuses when the demo is there already, or when one of its addresses belongs to someone else. */
async function refuseIfSeeded(db: DbOrTx, adminEmail: string): Promise<void> {
	const emails = DEMO_PEOPLE.map(demoEmail);
	const taken = (await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map(
		(row) => row.email
	);
	if (taken.includes(adminEmail)) throw alreadyThere();
	if (taken.length) {
		throw new ServiceError(
			'conflict',
			`The demo organisation needs the address ${taken[0]}, but an account already uses it.`
		);
	}
}

/**
 * Seeds the demo organisation through the same services as real use: the admin founds it and creates
 * the teams, everyone else joins by invite, and every card lives its life through `executeCardCommand`,
 * back-dated. All in one transaction: a seed that fails leaves nothing behind. Nobody can be watching
 * boards that do not exist yet, so nothing is broadcast; clients read the boards' logs.
 */
export async function seedDemo(ctx: AppContext, options: { now?: Date } = {}): Promise<SeededDemo> {
	const now = options.now ?? new Date();
	const plan = planDemo(now);
	const adminPerson = DEMO_PEOPLE.find((p) => p.key === DEMO_ADMIN)!;
	const adminEmail = demoEmail(adminPerson);
	await refuseIfSeeded(ctx.db, adminEmail);
	try {
		return await ctx.db.transaction(async (tx) => {
			const seed: AppContext = { db: tx, realtime: silentHub };
			await refuseIfSeeded(tx, adminEmail);
			const founder = await registerUser(tx, { email: adminEmail, name: adminPerson.name, password: DEMO_PASSWORD });
			const input: CreateOrganisationInput = { organisationName: DEMO_ORGANISATION_NAME };
			const organisation = await createOrganisation(tx, founder, input);
			const admin = (await loadActor(tx, founder.id))!;

			const teams = new Map<TeamKey, { teamId: string; boardId: string }>();
			for (const team of DEMO_TEAMS) {
				teams.set(team.key, await createTeam(seed, admin, { name: team.name, timeZone: team.timeZone }));
			}
			const actors = new Map<PersonKey, Actor>([[adminPerson.key, admin]]);
			for (const person of DEMO_PEOPLE) {
				if (person.key === adminPerson.key) continue;
				const invite = await createInvite(
					seed,
					admin,
					{ role: person.role, teamIds: person.teams.map((t) => teams.get(t)!.teamId) },
					plan.invitedAt
				);
				const joined = await acceptInvite(
					seed,
					{ token: invite.token, name: person.name, email: demoEmail(person), password: DEMO_PASSWORD },
					new Date(plan.invitedAt.getTime() + (60 + actors.size * 17) * MINUTE_MS)
				);
				actors.set(person.key, (await loadActor(tx, joined.userId))!);
			}

			const cards = new Map<string, { id: string; version: number }>();
			const lookup = <K, V>(map: Map<K, V>, key: K, what: string): V => {
				const value = map.get(key);
				if (value === undefined) throw new Error(`The demo has no ${what} "${String(key)}".`);
				return value;
			};
			const boardOf = (key: BoardKey) =>
				key === 'leadership' ? organisation.leadershipBoardId : lookup(teams, key, 'team').boardId;
			// Catchball, raids and settings happen in time order between the cards' own steps.
			const extras = catchballAndSettings({
				seed,
				now,
				actor: (key) => lookup(actors, key, 'person'),
				card: (key) => lookup(cards, key, 'card').id,
				team: (key) => lookup(teams, key, 'team'),
				leadershipTeamId: organisation.leadershipTeamId
			}).sort((a, b) => a.at.getTime() - b.at.getTime());
			for (const step of plan.steps) {
				while (extras.length && extras[0]!.at.getTime() <= step.at.getTime()) await extras.shift()!.run();
				const card = cards.get(step.card.key);
				const rt: StepRuntime = {
					cardId: card?.id ?? '',
					version: card?.version ?? 0,
					board: boardOf,
					person: (key) => lookup(actors, key, 'person').userId,
					team: (key) => lookup(teams, key, 'team').teamId
				};
				const actor = lookup(actors, step.by, 'person');
				try {
					const result = await executeCardCommand(seed, actor, step.command(rt), { at: step.at });
					cards.set(step.card.key, { id: result.cardId, version: result.card.version });
				} catch (error) {
					const reason = error instanceof Error ? error.message : String(error);
					throw new Error(`Demo card "${step.card.title}": ${actor.name} could not ${step.what}: ${reason}`, {
						cause: error
					});
				}
			}
			for (const extra of extras) await extra.run();
			return { organisationId: organisation.organisationId, accounts: demoAccounts() };
		});
	} catch (error) {
		// Two seeds at the same instant: the unique email decides, and the loser hears why.
		if (isUniqueViolation(error)) throw alreadyThere();
		throw error;
	}
}
