import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/access';
import { createTeamInput, renameTeamInput, setTeamMembersInput } from '../../domain/organisation';
import { inBoardTransaction } from '../commands/board-work';
import type { AppContext } from '../context';
import type { DbOrTx } from '../db';
import { boards, teamMembers, teams } from '../db/schema';
import { joinWords, quoted, recordAudit } from './audit';
import { parseInput, ServiceError } from './errors';
import {
	findPeople,
	findTeam,
	isUniqueViolation,
	refuseLeadershipTeam,
	requireAdmin,
	type ScopedPerson,
	type ScopedTeam
} from './organisations';

/** Creates a team and its board in one transaction (admins). Team names are unique per organisation. */
export async function createTeam(
	ctx: AppContext,
	actor: Actor,
	input: unknown
): Promise<{ teamId: string; boardId: string }> {
	const data = parseInput(createTeamInput, input);
	requireAdmin(actor);
	return ctx.db.transaction(async (tx) => {
		await refuseTakenName(tx, actor.organisationId, data.name);
		const [team] = await uniqueName(
			tx
				.insert(teams)
				.values({ organisationId: actor.organisationId, name: data.name, timeZone: data.timeZone })
				.returning({ id: teams.id })
		);
		const [board] = await tx
			.insert(boards)
			.values({ organisationId: actor.organisationId, teamId: team!.id })
			.returning({ id: boards.id });
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'team.created',
			summary: `${actor.name} created the team ${quoted(data.name)}`,
			details: { teamId: team!.id, boardId: board!.id, timeZone: data.timeZone }
		});
		return { teamId: team!.id, boardId: board!.id };
	});
}

/**
 * Renames a team (admins). Its board and every board showing its name on a card (`team.renamed`) get
 * the new name live: those boards are locked first, so a command on one of them either committed before
 * (and the event renames what it wrote) or reads the new name.
 */
export async function renameTeam(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(renameTeamInput, input);
	requireAdmin(actor);
	await inBoardTransaction(ctx, actor, async (bt) => {
		const tx = bt.tx;
		const team = await findTeam(tx, actor, data.teamId);
		if (team.name === data.name) return;
		await refuseTakenName(tx, actor.organisationId, data.name, team.id);
		const shown = await bt.lockBoardsNamingTeam(team.id);
		await uniqueName(tx.update(teams).set({ name: data.name }).where(eq(teams.id, team.id)));
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'team.renamed',
			summary: `${actor.name} renamed the team ${quoted(team.name)} to ${quoted(data.name)}`,
			details: { teamId: team.id, from: team.name, to: data.name }
		});
		for (const board of shown) {
			await bt.append(board.id, { type: 'team.renamed', teamId: team.id, name: data.name, previousName: team.name });
		}
	});
}

/** Makes exactly these people the team's members (admins). */
export async function setTeamMembers(ctx: AppContext, actor: Actor, input: unknown): Promise<void> {
	const data = parseInput(setTeamMembersInput, input);
	requireAdmin(actor);
	await changeMembers(ctx, actor, data.teamId, (current) => ({
		add: data.userIds.filter((id) => !current.has(id)),
		remove: [...current].filter((id) => !data.userIds.includes(id))
	}));
}

type MemberDiff = (current: ReadonlySet<string>) => { add: string[]; remove: string[] };

async function changeMembers(ctx: AppContext, actor: Actor, teamId: string, diff: MemberDiff) {
	const changed = await ctx.db.transaction(async (tx) => {
		const team = await findTeam(tx, actor, teamId);
		refuseLeadershipTeam([team], 'userIds');
		const rows = await tx
			.select({ userId: teamMembers.userId })
			.from(teamMembers)
			.where(eq(teamMembers.teamId, team.id));
		const current = new Set(rows.map((row) => row.userId));
		const { add, remove } = diff(current);
		const added = await findPeople(tx, actor, add);
		// People of the organisation who are not on the team are simply not removed.
		const reallyRemoved = (await findPeople(tx, actor, remove)).filter((p) => current.has(p.userId));
		if (added.length === 0 && reallyRemoved.length === 0) return [];
		if (added.length) {
			await tx
				.insert(teamMembers)
				.values(added.map((person) => ({ teamId: team.id, userId: person.userId })))
				.onConflictDoNothing();
		}
		if (reallyRemoved.length) {
			await tx.delete(teamMembers).where(
				and(
					eq(teamMembers.teamId, team.id),
					inArray(
						teamMembers.userId,
						reallyRemoved.map((person) => person.userId)
					)
				)
			);
		}
		await recordAudit(tx, {
			organisationId: actor.organisationId,
			actorId: actor.userId,
			action: 'team.members_changed',
			summary: teamMembersSummary(actor, team, added, reallyRemoved),
			details: {
				teamId: team.id,
				added: added.map((p) => p.userId),
				removed: reallyRemoved.map((p) => p.userId)
			}
		});
		return [...added, ...reallyRemoved].map((person) => person.userId);
	});
	for (const userId of changed) ctx.realtime.accessChanged(userId);
}

function teamMembersSummary(
	actor: Actor,
	team: ScopedTeam,
	added: readonly ScopedPerson[],
	removed: readonly ScopedPerson[]
): string {
	const parts: string[] = [];
	if (added.length) parts.push(`added ${names(added)} to`);
	if (removed.length) parts.push(`removed ${names(removed)} from`);
	return `${actor.name} ${parts.join(' and ')} the team ${quoted(team.name)}`;
}

function names(people: readonly ScopedPerson[]): string {
	return joinWords(
		people.map((p) => p.name),
		'nobody'
	);
}

async function refuseTakenName(tx: DbOrTx, organisationId: string, name: string, exceptTeamId?: string) {
	const conditions = [
		eq(teams.organisationId, organisationId),
		sql`lower(${teams.name}) = lower(${name})`
	];
	if (exceptTeamId) conditions.push(ne(teams.id, exceptTeamId));
	const [taken] = await tx.select({ id: teams.id }).from(teams).where(and(...conditions));
	if (taken) throw nameTaken();
}

function nameTaken(): ServiceError {
	const message = 'A team with this name already exists; choose another name.';
	return new ServiceError('conflict', message, { name: [message] });
}

/** The unique index is the last word when two admins pick the same name at the same instant. */
async function uniqueName<T>(query: PromiseLike<T>): Promise<T> {
	try {
		return await query;
	} catch (error) {
		if (isUniqueViolation(error)) throw nameTaken();
		throw error;
	}
}
