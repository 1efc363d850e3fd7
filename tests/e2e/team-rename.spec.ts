import { expect, test } from '@playwright/test';
import { card, createTeam, founder, inviteLink, joinByInvite, openBoard, quickAdd } from './support/flows';

// An admin renames a team while a member has its board open: the board shows the new name at once.

test('an open board shows its team’s new name without a reload', async ({ browser }) => {
	const admin = await founder(browser, 'Rename Co');
	const board = await createTeam(admin.page, 'Ledger');
	const member = (await joinByInvite(browser, await inviteLink(admin.page, 'Member', ['Ledger']), 'Mia')).page;
	await openBoard(member, board);
	await quickAdd(member, 'Team', 'Month-end close takes a week');
	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Ledger board');
	await expect(member).toHaveTitle('Ledger · Catchball');
	await member.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	await admin.page.goto(board.replace(/^\/teams\//, '/admin/teams/'));
	await admin.page.getByLabel('Team name').fill('Billing');
	await admin.page.getByRole('button', { name: 'Rename team' }).click();
	await expect(admin.page.getByRole('status').filter({ hasText: 'Team renamed.' })).toBeVisible();

	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Billing board');
	await expect(member).toHaveTitle('Billing · Catchball');
	await expect(card(member, 'Month-end close takes a week')).toBeVisible();
	expect(await member.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});
