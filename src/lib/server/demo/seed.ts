import { inArray } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
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
import { acceptInvite, createInvite } from '../services/invites';
import { createOrganisation, isUniqueViolation } from '../services/organisations';
import { createTeam } from '../services/teams';
import { catchballAndSettings } from './after-plan';
import { MINUTE_MS } from './calendar';
import {
	DEMO_ADMIN,
	DEMO_ORGANISATION_NAME,
	DEMO_PEOPLE,
	DEMO_TEAMS,
	demoEmail,
	demoTeamName,
	type BoardKey,
	type DemoPerson,
	type PersonKey,
	type TeamKey
} from './content';
import { planDemo, type StepRuntime } from './plan';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'catchball-demo';

export interface DemoAccount {
	role: Role;
	name: string;
	email: string;
	password: string;
	team?: string;
}


function accountOf(person: DemoPerson): DemoAccount {
	const account: DemoAccount = { role: person.role, name: person.name, email: demoEmail(person), password: DEMO_PASSWORD };
	if (person.teams.length) account.team = person.teams.map(demoTeamName).join(', ');
	return account;
}

/**
 * The demo accounts to show people (README, first-run page): an admin, a leader, one member of each
 * team and a viewer. `everyone` lists every person of the demo organisation (same password).
 */
export function demoAccounts(options: { everyone?: boolean } = {}): DemoAccount[] {
	return DEMO_PEOPLE.filter((p) => options.everyone || p.featured).map(accountOf);
}

// The seed: the organisation, its teams and people, then every step through the board commands.

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
