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

export function canManageOrganisation(actor: Actor): boolean {
	return actor.role === 'admin';
}

/** Leaders and admins set a team's capacity, limits and gates. */
export function canConfigureTeam(actor: Actor, team: TeamRef): boolean {
	return canReadTeam(actor, team) && (actor.role === 'leader' || actor.role === 'admin');
}

/**
 * Who may act for a side in catchball: its members (for leadership, its leaders). Leaders — and admins,
 * who run the organisation — may act for any side; viewers for none.
 */
export function canActForSide(actor: Actor, side: TeamRef): boolean {
	if (actor.organisationId !== side.organisationId || actor.role === 'viewer') return false;
	if (actor.role === 'leader' || actor.role === 'admin') return true;
	return !side.isLeadership && actor.teamIds.includes(side.id);
}
