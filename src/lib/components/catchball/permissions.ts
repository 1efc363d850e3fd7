import type { CatchballState, SideRef } from '../../domain/catchball';
import type { Role } from '../../domain/roles';

/** What a person may do with an item's catchball now (the server checks again; this shapes the forms). */
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

/** Mirrors `canActForSide` (domain/access.ts) for a person already known to be in the organisation. */
export function actsFor(person: { role: Role; teamIds: readonly string[] }, side: SideRef): boolean {
	if (person.role === 'viewer') return false;
	if (person.role === 'leader' || person.role === 'admin') return true;
	return !side.isLeadership && person.teamIds.includes(side.id);
}

export function catchballPermissions(
	person: { role: Role; teamIds: readonly string[] },
	state: CatchballState | null,
	homeTeam: SideRef
): CatchballPermissions {
	if (person.role === 'viewer') return NO_PERMISSIONS;
	const inAir = state?.state === 'in_air';
	const holder = state?.court ?? homeTeam;
	const answers = inAir && actsFor(person, state.court);
	return {
		throw: !inAir && actsFor(person, holder),
		catch: answers,
		throwBack: answers,
		decide:
			!!state?.court.isLeadership &&
			!homeTeam.isLeadership &&
			(person.role === 'leader' || person.role === 'admin')
	};
}
