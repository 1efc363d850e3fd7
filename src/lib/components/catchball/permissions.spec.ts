import { describe, expect, it } from 'vitest';
import type { CatchballState, SideRef } from '../../domain/catchball';
import { catchballPermissions } from './permissions';

const claims: SideRef = { id: 'claims', name: 'Claims', isLeadership: false };
const platform: SideRef = { id: 'platform', name: 'Platform', isLeadership: false };
const leadership: SideRef = { id: 'lead', name: 'Leadership', isLeadership: true };

const cara = { role: 'member' as const, teamIds: ['claims'] };
const pete = { role: 'member' as const, teamIds: ['platform'] };
const lin = { role: 'leader' as const, teamIds: [] };
const ada = { role: 'admin' as const, teamIds: [] };
const vic = { role: 'viewer' as const, teamIds: ['claims'] };

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
