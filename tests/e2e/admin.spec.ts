import { expect, test } from '@playwright/test';
import { createTeam, founder, inviteLink, joinByInvite, uniqueTag } from './support/flows';

test("an admin sets a person's teams and a team's members, and both pages agree", async ({ browser }) => {
	const tag = uniqueTag();
	const admin = await founder(browser, `Admin pages ${tag}`);
	const page = admin.page;
	await createTeam(page, 'Payments');
	await createTeam(page, 'Search');
	const member = await joinByInvite(browser, await inviteLink(page, 'Member', ['Payments']), 'Mia');

	// The person's page: add Search to their teams.
	await page.goto('/admin/people');
	await page.getByRole('link', { name: member.name }).click();
	const teams = page.getByRole('group', { name: `Teams ${member.name} belongs to` });
	await expect(teams.getByRole('checkbox', { name: 'Payments' })).toBeChecked();
	await teams.getByRole('checkbox', { name: 'Search' }).check();
	await page.getByRole('button', { name: 'Save teams' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Teams saved.' })).toBeVisible();

	// The team's page shows them as a member; take them off Payments there.
	await page.goto('/admin/teams');
	await page.getByRole('link', { name: 'Payments', exact: true }).click();
	const members = page.getByRole('group', { name: 'People on Payments' });
	await expect(members.getByRole('checkbox', { name: new RegExp(member.name) })).toBeChecked();
	await members.getByRole('checkbox', { name: new RegExp(member.name) }).uncheck();
	await page.getByRole('button', { name: 'Save members' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Members saved.' })).toBeVisible();

	// Back on the person's page, after a reload: Search only.
	await page.goto('/admin/people');
	await page.getByRole('link', { name: member.name }).click();
	await expect(teams.getByRole('checkbox', { name: 'Payments' })).not.toBeChecked();
	await expect(teams.getByRole('checkbox', { name: 'Search' })).toBeChecked();
	await member.page.context().close();
});
