import { describe, expect, it } from 'vitest';
import {
	canActForSide,
	canConfigureTeam,
	canDecideForLeadership,
	canManageOrganisation,
	canManageWalls,
	canReadTeam,
	canWriteTeam,
	catchballPermissions,
	type Actor
} from './access';
import type { CatchballState, SideRef } from './catchball';

const ORG = 'org-1';
const claims: SideRef = { id: 'claims', name: 'Claims', isLeadership: false };
const platform: SideRef = { id: 'platform', name: 'Platform', isLeadership: false };
const leadership: SideRef = { id: 'lead', name: 'Leadership', isLeadership: true };
const team = (side: SideRef, organisationId = ORG) => ({ id: side.id, organisationId, isLeadership: side.isLeadership });

const person = (name: string, role: Actor['role'], teamIds: string[] = []): Actor => ({ userId: name, name, organisationId: ORG, role, teamIds });
const cara = person('Cara', 'member', ['claims']);
const pete = person('Pete', 'member', ['platform']);
const lin = person('Lin', 'leader');
const ada = person('Ada', 'admin');
const vic = person('Vic', 'viewer', ['claims']);

describe('boards', () => {
	it('lets everyone in the organisation read every board, and nobody outside it', () => {
		expect(canReadTeam(vic, team(claims))).toBe(true);
		expect(canReadTeam(lin, team(claims, 'org-2'))).toBe(false);
	});

	it('lets members write their own teams’ boards, leaders and admins every board, viewers none', () => {
		expect(canWriteTeam(cara, team(claims))).toBe(true);
		expect(canWriteTeam(cara, team(platform))).toBe(false);
		expect(canWriteTeam(cara, team(leadership))).toBe(false);
		expect(canWriteTeam(lin, team(leadership))).toBe(true);
		expect(canWriteTeam(ada, team(platform))).toBe(true);
		expect(canWriteTeam(vic, team(claims))).toBe(false);
		expect(canWriteTeam(lin, team(claims, 'org-2'))).toBe(false);
	});

	it('lets only leaders and admins configure a team', () => {
		expect(canConfigureTeam(cara, team(claims))).toBe(false);
		expect(canConfigureTeam(lin, team(claims))).toBe(true);
		expect(canConfigureTeam(ada, team(claims, 'org-2'))).toBe(false);
	});
});

describe('the organisation', () => {
	it('is managed by admins; walls by leaders and admins; leadership decides through leaders and admins', () => {
		expect([cara, lin, ada, vic].map(canManageOrganisation)).toEqual([false, false, true, false]);
		expect([cara, lin, ada, vic].map(canManageWalls)).toEqual([false, true, true, false]);
		expect([cara, lin, ada, vic].map(canDecideForLeadership)).toEqual([false, true, true, false]);
	});
});

describe('acting for a side in catchball', () => {
	it('lets members act for their teams but not leadership; leaders and admins for any side; viewers for none', () => {
		expect(canActForSide(cara, team(claims))).toBe(true);
		expect(canActForSide(cara, team(platform))).toBe(false);
		expect(canActForSide(cara, team(leadership))).toBe(false);
		expect(canActForSide(lin, team(leadership))).toBe(true);
		expect(canActForSide(ada, team(platform))).toBe(true);
		expect(canActForSide(vic, team(claims))).toBe(false);
	});

	it('never for a side of another organisation', () => {
		expect(canActForSide(lin, team(claims, 'org-2'))).toBe(false);
	});
});

const at = (state: 'in_air' | 'owned', court: SideRef): CatchballState => ({
	state,
	court,
	since: '2026-11-20T10:00:00.000Z',
	last: { kind: state === 'owned' ? 'catch' : 'throw', message: 'm', by: 'Someone' }
});
const none = { throw: false, catch: false, throwBack: false, decide: false };

describe('what a person may do with an item', () => {
	it('lets the holding team throw an item never thrown; nobody else but leaders', () => {
		expect(catchballPermissions(cara, null, claims)).toEqual({ ...none, throw: true });
		expect(catchballPermissions(pete, null, claims)).toEqual(none);
		expect(catchballPermissions(lin, null, claims)).toEqual({ ...none, throw: true });
		expect(catchballPermissions(vic, null, claims)).toEqual(none);
	});

	it('lets only the receiving side catch or throw back while it is in the air (leaders for any side)', () => {
		const inPlatformsCourt = at('in_air', platform);
		expect(catchballPermissions(pete, inPlatformsCourt, claims)).toEqual({ ...none, catch: true, throwBack: true });
		expect(catchballPermissions(cara, inPlatformsCourt, claims)).toEqual(none);
		expect(catchballPermissions(lin, inPlatformsCourt, claims)).toEqual({ ...none, catch: true, throwBack: true });
	});

	it('lets members answer for their teams but not for leadership', () => {
		expect(catchballPermissions(cara, at('in_air', leadership), claims)).toEqual(none);
		expect(catchballPermissions(lin, at('in_air', leadership), claims)).toEqual({ throw: false, catch: true, throwBack: true, decide: true });
		expect(catchballPermissions(ada, at('in_air', leadership), claims).decide).toBe(true);
	});

	it('lets the owner throw it on, and leaders decide while leadership holds it, but not on its own cards', () => {
		expect(catchballPermissions(pete, at('owned', platform), claims)).toEqual({ ...none, throw: true });
		expect(catchballPermissions(lin, at('owned', leadership), claims)).toEqual({ ...none, throw: true, decide: true });
		expect(catchballPermissions(lin, at('in_air', leadership), leadership).decide).toBe(false);
		expect(catchballPermissions(vic, at('owned', leadership), claims)).toEqual(none);
	});
});
