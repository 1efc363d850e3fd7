import { expect, type Browser, type Locator, type Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
/** A unique tag per call, so every spec makes its own organisation and people. */
export function uniqueTag(): string {
	return `${Date.now().toString(36)}${(++counter).toString(36)}`;
}

export interface Person {
	name: string;
	email: string;
	page: Page;
}

/** Signs up a new person and creates an organisation they will be admin of (the app is not empty). */
export async function founder(browser: Browser, organisationName: string): Promise<Person> {
	const page = await (await browser.newContext()).newPage();
	const tag = uniqueTag();
	const person = { name: `Ada ${tag}`, email: `ada-${tag}@example.test`, page };
	await page.goto('/signup');
	await page.getByLabel('Your name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/$/);
	await page.goto('/setup');
	await page.getByLabel('Organisation name').fill(organisationName);
	await page.getByRole('button', { name: 'Create organisation' }).click();
	await expect(page.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();
	return person;
}

/** Creates a team through the admin pages and returns its board path. */
export async function createTeam(admin: Page, name: string): Promise<string> {
	await admin.goto('/admin/teams');
	await admin.getByLabel('Team name').fill(name);
	await admin.getByRole('button', { name: 'Create team' }).click();
	await expect(admin.getByRole('link', { name }).first()).toBeVisible();
	await admin.goto('/');
	const href = await admin.getByRole('link', { name: new RegExp(name) }).first().getAttribute('href');
	expect(href).toMatch(/^\/teams\//);
	return href!;
}

/** Makes an invite link with a role and teams, from the admin pages. */
export async function inviteLink(admin: Page, role: 'Admin' | 'Leader' | 'Member' | 'Viewer', teams: string[] = []): Promise<string> {
	await admin.goto('/admin/invites');
	await admin.getByLabel('Role').selectOption({ label: role });
	for (const team of teams) await admin.getByRole('checkbox', { name: team }).check();
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	const link = admin.getByRole('textbox', { name: 'Invite link', exact: true });
	await expect(link).toBeVisible();
	return link.inputValue();
}

/** Accepts an invite in a fresh browser context, creating the account. */
export async function joinByInvite(browser: Browser, link: string, name: string): Promise<Person> {
	const page = await (await browser.newContext()).newPage();
	const tag = uniqueTag();
	const person = { name: `${name} ${tag}`, email: `${name.toLowerCase()}-${tag}@example.test`, page };
	await page.goto(link);
	await page.getByLabel('Your name').fill(person.name);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account and join' }).click();
	await expect(page.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();
	return person;
}

/** Opens a board and waits until its socket is live. */
export async function openBoard(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.getByTestId('connection-status')).toHaveText(/Live/);
}

/** The cell of a board: column and lane as the product names them. */
export function cell(page: Page, column: string, lane: string) {
	return page.getByRole('region', { name: new RegExp(`^${column}, ${lane} lane`) });
}

const CARD = '[data-testid="card"]:not([data-dnd-placeholder])';

/** A card by title (on the page, or within a cell), ignoring dnd-kit's copy during a drop animation. */
export function card(scope: Page | Locator, title: string) {
	return scope.locator(CARD, { hasText: title });
}

/** Quick-adds a card in a lane's Problem cell. */
export async function quickAdd(page: Page, lane: string, title: string): Promise<void> {
	const target = cell(page, 'Problem', lane);
	await target.getByRole('button', { name: /^Add a card/ }).click();
	await target.getByRole('textbox').fill(title);
	await target.getByRole('textbox').press('Enter');
	await expect(card(page, title)).toBeVisible();
	await target.getByRole('textbox').press('Escape');
}
