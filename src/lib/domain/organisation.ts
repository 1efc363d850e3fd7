import { z } from 'zod';
import { email, newPassword, personName } from './accounts';
import { ROLES } from './roles';
import { withoutNul } from './text';

/** One zod schema per organisation, team and people command; shared by the forms and the services. */

export const organisationName = withoutNul(
	z.string().trim().min(1, 'Enter the organisation’s name.').max(100, 'Use at most 100 characters.')
);

export const teamName = withoutNul(
	z.string().trim().min(1, 'Enter the team’s name.').max(60, 'Use at most 60 characters.')
);

/** Whether the runtime knows this IANA time zone (Intl is the authority, in the browser and on the server). */
export function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

export const timeZone = z
	.string()
	.trim()
	.refine(isTimeZone, 'Choose a time zone from the list.');

const id = (what: string) => z.uuid(`Choose a ${what}.`);

/** Form checkboxes arrive as zero or more strings; repeated ids count once. */
const ids = (what: string) => z.array(id(what)).default([]).transform((list) => [...new Set(list)]);

const role = z.enum(ROLES, 'Choose a role.');

export const createOrganisationInput = z.object({ organisationName });
export type CreateOrganisationInput = z.input<typeof createOrganisationInput>;

/** First run: the organisation and the account of its first admin, in one form. */
export const firstRunInput = createOrganisationInput.extend({
	name: personName,
	email,
	password: newPassword
});
export type FirstRunInput = z.input<typeof firstRunInput>;

export const createTeamInput = z.object({
	name: teamName,
	timeZone: z.preprocess((v) => (v === '' || v == null ? 'UTC' : v), timeZone)
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

export const renameTeamInput = z.object({ teamId: id('team'), name: teamName });
export const setTeamMembersInput = z.object({ teamId: id('team'), userIds: ids('person') });

export const INVITE_DAYS = { min: 1, max: 30, default: 7 } as const;

export const createInviteInput = z.object({
	role,
	teamIds: ids('team'),
	expiresInDays: z.preprocess(
		(v) => (v === '' || v == null ? INVITE_DAYS.default : v),
		z.coerce
			.number('Enter a number of days.')
			.int('Enter a whole number of days.')
			.min(INVITE_DAYS.min, `An invite lasts at least ${INVITE_DAYS.min} day.`)
			.max(INVITE_DAYS.max, `An invite lasts at most ${INVITE_DAYS.max} days.`)
	)
});
export type CreateInviteInput = z.input<typeof createInviteInput>;

export const revokeInviteInput = z.object({ inviteId: withoutNul(z.string().min(1, 'Choose an invite.').max(64)) });

export const inviteToken = withoutNul(z.string().trim().min(1, 'This invite link is not valid.').max(200));

/** Accepting while signed in needs only the token; the person's id comes from their session. */
export const acceptInviteAsUserInput = z.object({ token: inviteToken, userId: z.uuid() });
/** Accepting while signed out creates the account in the same step. */
export const acceptInviteWithAccountInput = z.object({
	token: inviteToken,
	name: personName,
	email,
	password: newPassword
});
export type AcceptInviteInput =
	| z.input<typeof acceptInviteAsUserInput>
	| z.input<typeof acceptInviteWithAccountInput>;

export const changeRoleInput = z.object({ userId: id('person'), role });
export const setPersonTeamsInput = z.object({ userId: id('person'), teamIds: ids('team') });
export const removePersonInput = z.object({ userId: id('person') });

export type InviteStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function inviteStatus(
	invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
	now: Date
): InviteStatus {
	if (invite.acceptedAt) return 'accepted';
	if (invite.revokedAt) return 'revoked';
	if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
	return 'pending';
}

export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = {
	pending: 'Waiting',
	accepted: 'Accepted',
	revoked: 'Revoked',
	expired: 'Expired'
};
