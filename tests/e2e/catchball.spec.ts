import { expect, test, type Browser, type Page } from '@playwright/test';

// Issue #5: a team member throws a system barrier to leadership; the leader, already on the inbox,
// sees it arrive live, catches it with a back-brief; the team sees the back-brief live on the card.
// The organisation is made through the UI, as people would: sign up, create it, a team, two invites.

const PASSWORD = 'catchball e2e password';
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TEAM = `Claims ${tag}`;
const TITLE = `Every release waits for the change board (${tag})`;

/** Opens a page and waits until it has hydrated (nothing more loading), so typing is not lost. */
async function open(page: Page, url: string): Promise<void> {
	await page.goto(url, { waitUntil: 'networkidle' });
}

async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

/** As the admin: an invite link for a role (and a team), read from the page that shows it once. */
async function inviteLink(admin: Page, role: 'Member' | 'Leader', team?: string): Promise<string> {
	await open(admin, '/admin/invites');
	await admin.getByLabel('Role').selectOption({ label: role });
	if (team) await admin.getByRole('checkbox', { name: team }).check();
	await admin.getByRole('button', { name: 'Create invite link' }).click();
	const link = admin.getByRole('textbox', { name: 'Invite link', exact: true });
	await expect(link).toHaveValue(/\/invite\//);
	return link.inputValue();
}

async function join(page: Page, link: string, name: string, email: string): Promise<void> {
	await open(page, link);
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account and join' }).click();
	await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(name);
}

test('a system barrier travels to leadership and back, live on both screens', async ({ browser }) => {
	test.setTimeout(90_000);

	// The admin signs up, creates the organisation, a team, and invite links for a member and a leader.
	const admin = await newPage(browser);
	await open(admin, '/signup');
	await admin.getByLabel('Your name').fill('Ada Admin');
	await admin.getByLabel('Email').fill(`ada-${tag}@example.test`);
	await admin.getByLabel('Password').fill(PASSWORD);
	await admin.getByRole('button', { name: 'Create account' }).click();
	await expect(admin.getByRole('navigation', { name: 'Main' })).toContainText('Ada Admin');
	await open(admin, '/setup');
	await admin.getByLabel('Organisation name').fill(`Org ${tag}`);
	await admin.getByRole('button', { name: 'Create organisation' }).click();
	await expect(admin.getByRole('heading', { name: 'Boards', exact: true })).toBeVisible();

	await open(admin, '/admin/teams');
	await admin.getByLabel('Team name').fill(TEAM);
	await admin.getByRole('button', { name: 'Create team' }).click();
	await expect(admin.getByRole('link', { name: TEAM, exact: true })).toBeVisible();

	const memberLink = await inviteLink(admin, 'Member', TEAM);
	const leaderLink = await inviteLink(admin, 'Leader');

	// Each joins in their own browser context.
	const member = await newPage(browser);
	await join(member, memberLink, 'Mo Member', `mo-${tag}@example.test`);
	const leader = await newPage(browser);
	await join(leader, leaderLink, 'Lee Leader', `lee-${tag}@example.test`);

	// The leader waits on the inbox: nothing in leadership's court yet.
	await leader.goto('/inbox');
	await expect(leader.getByText('Nothing is waiting on you.')).toBeVisible();
	await expect(leader.getByRole('link', { name: /^Inbox, nothing in your court/ })).toBeVisible();

	// The member captures a system barrier on the team board.
	await member.goto('/');
	await member.getByRole('link', { name: new RegExp(TEAM) }).click();
	await expect(member.getByRole('heading', { name: `${TEAM} board` })).toBeVisible();
	await expect(member.getByTestId('connection-status')).toHaveText('Live');
	await member.getByRole('button', { name: 'Add a card to Problem, System lane' }).click();
	await member.getByRole('textbox', { name: 'Add a card to Problem, System lane' }).fill(TITLE);
	await member.keyboard.press('Enter');
	const card = member.locator('[data-testid="card"]', { hasText: TITLE });
	await expect(card).toBeVisible();
	await expect(card.getByTestId('court-marker')).toHaveCount(0);

	// …opens it and throws it to leadership from the Catchball tab.
	await card.getByRole('button', { name: `Open ${TITLE}`, exact: true }).click();
	const panel = member.getByRole('dialog', { name: TITLE });
	await panel.getByRole('tab', { name: /^Catchball/ }).click();
	await expect(panel.getByText('Not thrown yet.')).toBeVisible();
	await expect(panel.getByLabel('Throw to')).toHaveValue(/.+/);
	await expect(panel.getByLabel('Throw to').locator('option:checked')).toHaveText('Leadership');

	// Bad input is refused with a clear message on the field, and nothing is thrown.
	await panel.getByRole('button', { name: 'Throw to Leadership' }).click();
	await expect(panel.getByLabel('Message')).toHaveAttribute('aria-invalid', 'true');
	await expect(panel.getByText('Say what you are throwing and why.')).toBeVisible();

	await panel.getByLabel('Message').fill('Every release waits up to six days for the weekly change board.');
	await panel.getByLabel('Ask').fill('Let low-risk, reversible changes skip the board.');
	await panel.getByRole('button', { name: 'Throw to Leadership' }).click();
	await expect(panel.getByText(/^In the air · Leadership’s court · /)).toBeVisible();
	await expect(card.getByTestId('court-marker')).toHaveText(/↗ Leadership/);

	// The leader sees it arrive in the inbox, live (no reload), with the count in the navigation.
	const item = leader.getByRole('listitem').filter({ has: leader.getByRole('heading', { name: TITLE }) });
	await expect(item).toBeVisible();
	await expect(item).toContainText('Every release waits up to six days for the weekly change board.');
	await expect(leader.getByRole('link', { name: /^Inbox, 1 item in your court/ })).toBeVisible();

	// …and catches it with a back-brief, in place.
	await item.getByRole('button', { name: /^Answer/ }).click();
	await expect(item.getByRole('radio', { name: 'Catch with a back-brief' })).toBeChecked();
	await item.getByLabel('What we will do').fill('Pilot a fast lane for low-risk changes for four weeks.');
	await item.getByLabel('How we will do it').fill('The risk team defines low-risk; we review every fortnight.');
	await item.getByLabel('What we need').fill('Two real examples from the team.');
	await item.getByRole('button', { name: 'Catch it' }).click();
	await expect(leader.getByRole('status').filter({ hasText: `“${TITLE}”: caught with a back-brief.` })).toBeVisible();
	await expect(leader.getByRole('heading', { name: TITLE })).toHaveCount(0);
	await expect(leader.getByRole('link', { name: /^Inbox, nothing in your court/ })).toBeVisible();

	// The member sees the back-brief appear on the card's thread, and the court marker change, live.
	await expect(panel.getByText('Pilot a fast lane for low-risk changes for four weeks.')).toBeVisible();
	const caught = panel.getByRole('listitem').filter({ hasText: 'with a back-brief' });
	await expect(caught).toContainText('Lee Leader');
	await expect(caught).toContainText('caught it for Leadership');
	await expect(panel.getByText(/Owned by Leadership/)).toBeVisible();
	await expect(card.getByTestId('court-marker')).toHaveText('✓ Leadership');

	// The session view shows what is still in the air (nothing now) for everyone.
	await leader.goto('/catchball');
	await expect(leader.getByText('Nothing is in the air.')).toBeVisible();

	await Promise.all([admin.context().close(), member.context().close(), leader.context().close()]);
});
