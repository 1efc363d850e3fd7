import { expect, test, type Page } from '@playwright/test';
import { card, cell, createTeam, founder, inviteLink, joinByInvite, openBoard, quickAdd } from './support/flows';

/** Drags a card with the mouse onto a cell, in small steps as a hand would. */
async function drag(page: Page, title: string, target: ReturnType<typeof cell>) {
	const from = await card(page, title).boundingBox();
	const to = await target.boundingBox();
	if (!from || !to) throw new Error('card or cell not on screen');
	await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
	await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
	await page.mouse.up();
}

test.describe('the live board with two people', () => {
	let board = '';
	let alice: Page;
	let bob: Page;

	test.beforeAll(async ({ browser }) => {
		const admin = await founder(browser, 'Standup Co');
		board = await createTeam(admin.page, 'Delivery');
		alice = (await joinByInvite(browser, await inviteLink(admin.page, 'Member', ['Delivery']), 'Alice')).page;
		bob = (await joinByInvite(browser, await inviteLink(admin.page, 'Member', ['Delivery']), 'Bob')).page;
		await openBoard(alice, board);
		await openBoard(bob, board);
	});

	test('a card added in A appears in B, and presence shows both people', async () => {
		await quickAdd(alice, 'Team', 'Flaky deploys');
		await expect(card(bob, 'Flaky deploys')).toBeVisible({ timeout: 5000 });
		await expect(bob.getByTestId('presence')).toContainText('2 here');
	});

	test('a mouse drag in A appears in B', async () => {
		await drag(alice, 'Flaky deploys', cell(alice, 'Problem', 'System'));
		await expect(card(cell(alice, 'Problem', 'System'), 'Flaky deploys')).toBeVisible();
		await expect(card(cell(bob, 'Problem', 'System'), 'Flaky deploys')).toBeVisible({ timeout: 5000 });
	});

	test('a keyboard move in B appears in A', async () => {
		await card(bob, 'Flaky deploys').focus();
		await bob.keyboard.press('Shift+ArrowUp'); // System → Cross-team
		await expect(card(cell(bob, 'Problem', 'Cross-team'), 'Flaky deploys')).toBeVisible();
		await expect(card(cell(alice, 'Problem', 'Cross-team'), 'Flaky deploys')).toBeVisible({ timeout: 5000 });
		// Ctrl+Z undoes B's own last move, for everyone.
		await bob.keyboard.press('Control+z');
		await expect(card(cell(alice, 'Problem', 'System'), 'Flaky deploys')).toBeVisible({ timeout: 5000 });
	});

	test('a drag the server refuses (a gate) rolls back visibly and opens the checklist', async () => {
		await drag(alice, 'Flaky deploys', cell(alice, 'Hypothesis', 'System')); // needs a problem statement
		await expect(alice.getByRole('alert').filter({ hasText: 'Not ready for Hypothesis' })).toBeVisible();
		await expect(card(cell(alice, 'Problem', 'System'), 'Flaky deploys')).toBeVisible();
		await expect(card(cell(alice, 'Hypothesis', 'System'), 'Flaky deploys')).toHaveCount(0);
		const panel = alice.getByRole('dialog', { name: 'Flaky deploys' });
		await expect(panel.getByRole('heading', { name: 'Ready for Hypothesis?' })).toBeVisible();
		await expect(panel.getByText('Describe the problem: what was observed.')).toBeVisible();
		await expect(panel.getByText('Choose a constraint category.')).toBeVisible();
		await panel.getByRole('button', { name: 'Close card details' }).click();
		await expect(card(cell(bob, 'Problem', 'System'), 'Flaky deploys')).toBeVisible();
	});

	test('an opened card shows its whole record, kept live while someone else edits it', async () => {
		// The board holds card summaries: the panel loads the rest of the record when it opens.
		await card(alice, 'Flaky deploys').getByRole('button', { name: 'Open Flaky deploys', exact: true }).click();
		const panel = alice.getByRole('dialog', { name: 'Flaky deploys' });
		await expect(panel.getByLabel('Who is affected')).toHaveValue('');
		await card(bob, 'Flaky deploys').getByRole('button', { name: 'Open Flaky deploys', exact: true }).click();
		const theirs = bob.getByRole('dialog', { name: 'Flaky deploys' });
		await theirs.getByLabel('Who is affected').fill('Everyone who ships on Fridays');
		await theirs.getByRole('button', { name: 'Save' }).click();
		await expect(theirs.getByText('Saved.')).toBeVisible();
		await expect(panel.getByLabel('Who is affected')).toHaveValue('Everyone who ships on Fridays');
		await theirs.getByRole('button', { name: 'Close card details' }).click();
		await panel.getByRole('button', { name: 'Close card details' }).click();
		await expect(panel).toHaveCount(0);
	});

	test('filtering hides cards without reordering them, and / focuses the filter', async () => {
		await quickAdd(alice, 'Team', 'Slow code review');
		await alice.locator('body').press('/');
		await expect(alice.getByLabel('Filter cards')).toBeFocused();
		await alice.keyboard.type('review');
		await expect(card(alice, 'Slow code review')).toBeVisible();
		await expect(card(alice, 'Flaky deploys')).toHaveCount(0);
		await alice.getByRole('button', { name: 'Clear' }).click();
		await expect(card(alice, 'Flaky deploys')).toBeVisible();
	});
});

test('a viewer reads the board live but cannot move or add cards', async ({ browser }) => {
	const admin = await founder(browser, 'Readers Ltd');
	const board = await createTeam(admin.page, 'Ops');
	const viewer = (await joinByInvite(browser, await inviteLink(admin.page, 'Viewer'), 'Vera')).page;
	await openBoard(admin.page, board);
	await openBoard(viewer, board);
	await expect(viewer.getByText('Read only')).toBeVisible();
	await expect(viewer.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
	await quickAdd(admin.page, 'Team', 'Visible to all');
	await expect(card(viewer, 'Visible to all')).toBeVisible({ timeout: 5000 });
	await card(viewer, 'Visible to all').focus();
	await viewer.keyboard.press('Shift+ArrowDown');
	await expect(card(cell(viewer, 'Problem', 'Team'), 'Visible to all')).toBeVisible();
	await expect(card(cell(admin.page, 'Problem', 'Team'), 'Visible to all')).toBeVisible();
});

test('a soft WIP limit turns the cell red for everyone', async ({ browser }) => {
	const admin = await founder(browser, 'Limits Inc');
	const board = await createTeam(admin.page, 'Core');
	const member = (await joinByInvite(browser, await inviteLink(admin.page, 'Member', ['Core']), 'Mina')).page;
	await admin.page.goto(`${board}/settings`);
	await admin.page.getByLabel('Problem, Team lane: limit').fill('1');
	await admin.page.getByRole('button', { name: 'Save settings' }).click();
	await expect(admin.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await openBoard(admin.page, board);
	await openBoard(member, board);
	await quickAdd(member, 'Team', 'First problem');
	await expect(cell(member, 'Problem', 'Team')).not.toHaveClass(/over/);
	await quickAdd(member, 'Team', 'Second problem');
	for (const page of [member, admin.page]) {
		await expect(cell(page, 'Problem', 'Team')).toHaveClass(/over/, { timeout: 5000 });
		await expect(cell(page, 'Problem', 'Team')).toContainText('over limit');
	}
});
