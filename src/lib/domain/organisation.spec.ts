import { describe, expect, it } from 'vitest';
import { createInviteInput, createTeamInput, inviteStatus, setPersonTeamsInput } from './organisation';

const TEAM = '6f1c2a52-5b7e-4c55-9d43-2a4f3b1e8c11';

describe('createInviteInput', () => {
	it('defaults to 7 days and no teams, and takes form strings', () => {
		expect(createInviteInput.parse({ role: 'member' })).toEqual({ role: 'member', teamIds: [], expiresInDays: 7 });
		expect(createInviteInput.parse({ role: 'viewer', expiresInDays: '', teamIds: [TEAM, TEAM] })).toEqual({
			role: 'viewer',
			teamIds: [TEAM],
			expiresInDays: 7
		});
		expect(createInviteInput.parse({ role: 'leader', expiresInDays: '30' }).expiresInDays).toBe(30);
	});

	it.each([0, 31, '2.5', 'soon', -1])('refuses %s days', (expiresInDays) => {
		expect(createInviteInput.safeParse({ role: 'member', expiresInDays }).success).toBe(false);
	});

	it('refuses an unknown role and malformed team ids', () => {
		expect(createInviteInput.safeParse({ role: 'owner' }).success).toBe(false);
		expect(setPersonTeamsInput.safeParse({ userId: TEAM, teamIds: ['x'] }).success).toBe(false);
	});
});

describe('createTeamInput', () => {
	it('trims the name and defaults the time zone to UTC', () => {
		expect(createTeamInput.parse({ name: '  Platform ' })).toEqual({ name: 'Platform', timeZone: 'UTC' });
		expect(createTeamInput.parse({ name: 'A', timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
		expect(createTeamInput.safeParse({ name: 'A', timeZone: 'Mars/Olympus' }).success).toBe(false);
		expect(createTeamInput.safeParse({ name: '   ' }).success).toBe(false);
	});
});

describe('inviteStatus', () => {
	const now = new Date('2026-11-20T12:00:00Z');
	const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-11-21T12:00:00Z') };

	it('is pending until it expires, used or revoked', () => {
		expect(inviteStatus(base, now)).toBe('pending');
		expect(inviteStatus({ ...base, expiresAt: now }, now)).toBe('expired');
		expect(inviteStatus({ ...base, revokedAt: now }, now)).toBe('revoked');
		expect(inviteStatus({ ...base, acceptedAt: now, expiresAt: now }, now)).toBe('accepted');
	});
});
