import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { card, cell } from './support/flows';
import { freePort, seed, startServer, stopServer } from './support/own-server';

test('a drag still works on a board of 500 cards, and the move is kept', async ({ browser }) => {
	test.setTimeout(240_000);
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catchball-big-board-'));
	const port = await freePort();
	const { teamId, token } = await seed<{ teamId: string; token: string }>('tests/e2e/big-board-seed.ts', [dataDir]);
	const server = await startServer(port, dataDir);
	try {
		const base = `http://127.0.0.1:${port}`;
		const context = await browser.newContext({ baseURL: base });
		await context.addCookies([{ name: 'catchball_session', value: token, url: base }]);
		const page = await context.newPage();
		await page.goto(`/teams/${teamId}`);
		await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 15_000 });
		expect(await page.locator('[data-testid="card"]').count()).toBeGreaterThan(400);

		const from = cell(page, 'Problem', 'Team');
		const title = (await from.locator('[data-testid="card"] .title').first().textContent())!.trim();
		const source = await card(from, title).boundingBox();
		const target = await cell(page, 'Hypothesis', 'Team').boundingBox();
		if (!source || !target) throw new Error('card or cell not on screen');
		await page.mouse.move(source.x + source.width / 2, source.y + 20);
		await page.mouse.down();
		await page.mouse.move(source.x + source.width / 2 + 10, source.y + 30, { steps: 5 });
		await page.mouse.move(target.x + target.width / 2, target.y + 40, { steps: 25 });
		await page.mouse.up();
		// Problem → Hypothesis needs a problem statement and a category, which the seeded cards have.
		await expect(card(cell(page, 'Hypothesis', 'Team'), title)).toBeVisible({ timeout: 5000 });
		await page.reload();
		await expect(card(cell(page, 'Hypothesis', 'Team'), title)).toBeVisible({ timeout: 10_000 });

		// The board holds card summaries; a card's whole record loads when its panel opens: the record
		// form, the evidence, the comments and the history of an adopted card.
		await expect(page.getByTestId('connection-status')).toHaveText('Live', { timeout: 15_000 });
		const adopted = cell(page, 'Adopted', 'Team');
		const adoptedTitle = (await adopted.locator('[data-testid="card"] .title').first().textContent())!.trim();
		const face = card(adopted, adoptedTitle);
		await expect(face).toContainText('1 evidence');
		await expect(face).toContainText('Hypothesis');
		await face.getByRole('button', { name: `Open ${adoptedTitle}`, exact: true }).click();
		const panel = page.getByRole('dialog', { name: adoptedTitle });
		await expect(panel.getByLabel('Who is affected')).toHaveValue('Every product team shipping to production.');
		await expect(panel.getByLabel('Rationale')).toHaveValue('Lead time fell by 60% with no change in failures.');
		await expect(panel.getByRole('tab', { name: /^Evidence/ })).toContainText('1');
		await panel.getByRole('tab', { name: /^Evidence/ }).click();
		await expect(panel.getByText('Lead time over the time box')).toBeVisible();
		await panel.getByRole('tab', { name: /^History/ }).click();
		await expect(panel.getByText(/moved ".*" from Problem to Adopted/)).toBeVisible();
		await panel.getByRole('button', { name: 'Close card details' }).click();
		await expect(panel).toHaveCount(0);
		await context.close();
	} finally {
		await stopServer(server.child);
		rmSync(dataDir, { recursive: true, force: true });
	}
});
