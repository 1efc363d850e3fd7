import type { CatchballState, SideRef } from './catchball';
import type { Role } from './roles';

/** Who is acting, as far as authorisation needs to know (loaded on the server from the database). */
export interface Actor {
	userId: string;
	name: string;
	organisationId: string;
	role: Role;
	/** Teams the person belongs to (not the leadership team: leaders are leadership by role). */
	teamIds: readonly string[];
}

export interface TeamRef {
	id: string;
	organisationId: string;
	isLeadership: boolean;
}

/** Everyone in an organisation reads all of its boards; nobody reads another organisation's. */
export function canReadTeam(actor: Actor, team: TeamRef): boolean {
	return actor.organisationId === team.organisationId;
}

/**
 * Leaders and admins write every board of their organisation; members write their own teams' boards;
 * viewers write nothing. The leadership board is written by leaders (and admins) only.
 */
export function canWriteTeam(actor: Actor, team: TeamRef): boolean {
	if (!canReadTeam(actor, team)) return false;
	if (actor.role === 'leader' || actor.role === 'admin') return true;
	if (actor.role === 'viewer' || team.isLeadership) return false;
	return actor.teamIds.includes(team.id);
}

export function canManageOrganisation(actor: Pick<Actor, 'role'>): boolean {
	return actor.role === 'admin';
}

/** Leaders and admins put the work on walls (make and revoke wall links). */
export function canManageWalls(actor: Pick<Actor, 'role'>): boolean {
	return actor.role === 'leader' || actor.role === 'admin';
}

/** Leaders and admins set a team's capacity, limits and gates. */
export function canConfigureTeam(actor: Actor, team: TeamRef): boolean {
	return canReadTeam(actor, team) && (actor.role === 'leader' || actor.role === 'admin');
}

/**
 * Who may act for a side in catchball: its members (for leadership, its leaders). Leaders — and admins,
 * who run the organisation — may act for any side; viewers for none.
 */
export function canActForSide(actor: Pick<Actor, 'organisationId' | 'role' | 'teamIds'>, side: TeamRef): boolean {
	if (actor.organisationId !== side.organisationId || actor.role === 'viewer') return false;
	if (actor.role === 'leader' || actor.role === 'admin') return true;
	return !side.isLeadership && actor.teamIds.includes(side.id);
}

/** Leaders (and admins) record leadership's decisions. */
export function canDecideForLeadership(actor: Pick<Actor, 'role'>): boolean {
	return actor.role === 'leader' || actor.role === 'admin';
}

/** What a person may do with an item's catchball now (the command service decides; this shapes the forms). */
export interface CatchballPermissions {
	/** Throw it to another side: it is not in the air, and the person acts for the side holding it. */
	throw: boolean;
	/** Catch with a back-brief: it is in the air, in a court the person acts for. */
	catch: boolean;
	/** Throw back with a question: as for a catch. */
	throwBack: boolean;
	/** Record leadership's decision: a leader, the item in leadership's court, not leadership's own card. */
	decide: boolean;
}

export const NO_PERMISSIONS: CatchballPermissions = { throw: false, catch: false, throwBack: false, decide: false };

/** The catchball permissions of a person for an item of their own organisation (its sides are too). */
export function catchballPermissions(
	actor: Pick<Actor, 'organisationId' | 'role' | 'teamIds'>,
	state: CatchballState | null,
	homeTeam: SideRef
): CatchballPermissions {
	const actsFor = (side: SideRef) => canActForSide(actor, { ...side, organisationId: actor.organisationId });
	const inAir = state?.state === 'in_air';
	const answers = inAir && actsFor(state.court);
	return {
		throw: !inAir && actsFor(state?.court ?? homeTeam),
		catch: answers,
		throwBack: answers,
		decide: !!state?.court.isLeadership && !homeTeam.isLeadership && canDecideForLeadership(actor)
	};
}
