import { expect, test } from '@playwright/test';
import { createTeam, inviteLink, joinByInvite, PASSWORD } from './support/flows';

test('first run: create the organisation, sign out and in, create a team, invite someone who joins', async ({ page, browser }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.getByRole('heading', { name: 'Create your organisation' })).toBeVisible();

	// Bad input gets field errors and keeps what was typed.
	await page.getByLabel('Organisation name').fill('Northwind Digital');
	await page.getByLabel('Your name').fill('Nora Admin');
	await page.getByLabel('Email').fill('not-an-email');
	await page.getByLabel('Password').fill('short');
	await page.getByRole('button', { name: 'Create organisation' }).click();
	await expect(page.getByText('Enter a valid email address.')).toBeVisible();
	await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
	await expect(page.getByLabel('Organisation name')).toHaveValue('Northwind Digital');

	await page.getByLabel('Email').fill('nora@northwind.test');
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create organisation' }).click();
	await expect(page.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();
	await expect(page.getByText('Northwind Digital', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: /Leadership/ })).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/signin/);
	await page.getByLabel('Email').fill('nora@northwind.test');
	await page.getByLabel('Password').fill('wrong password!');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toBeVisible();
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();

	const board = await createTeam(page, 'Checkout');
	const link = await inviteLink(page, 'Member', ['Checkout']);
	expect(link).toMatch(/\/invite\//);

	const member = await joinByInvite(browser, link, 'Milo');
	await expect(member.page.getByRole('heading', { name: 'Your teams' })).toBeVisible();
	await expect(member.page.getByRole('link', { name: /Checkout/ })).toBeVisible();
	await member.page.goto(board);
	await expect(member.page.getByRole('heading', { name: 'Checkout board' })).toBeVisible();
	await expect(member.page.getByTestId('connection-status')).toHaveText('Live');

	// The link works once.
	const again = await (await browser.newContext()).newPage();
	await again.goto(link);
	await expect(again.getByText(/already been used|already used/i)).toBeVisible();
});
