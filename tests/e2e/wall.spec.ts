import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { card, cell, createTeam, founder, inviteLink, joinByInvite, openBoard, quickAdd, type Person } from './support/flows';
import { exited, freePort, run, startServer, stopServer } from './support/own-server';

// The wall display (issue #6): made by a leader in /walls, opened with no sign-in, filling 1920×1080 and
// 3840×2160 without scrollbars, AAA contrast in both themes, live, revocable, and live across a server
// restart.

const ARTIFACTS = 'tests/.artifacts';

/** A card as the wall shows it, by title. */
function wallCard(scope: Page | Locator, title: string) {
	return scope.locator('[data-testid="wall-card"]', { hasText: title });
}

async function expectLive(wall: Page) {
	await expect(wall.getByTestId('wall-status')).toHaveAttribute('data-state', 'live', { timeout: 10_000 });
}

/** Makes a wall link in /walls and returns its path (shown once). */
async function createWallLink(page: Page, name: string, team: string, options: { theme?: 'Dark' | 'Light' } = {}): Promise<string> {
	await page.goto('/walls');
	await page.getByLabel('Name of the display').fill(name);
	await page.getByLabel('One team’s board').check();
	await page.getByLabel('Team', { exact: true }).selectOption({ label: team });
	if (options.theme) await page.getByLabel(options.theme, { exact: true }).check();
	await page.getByRole('button', { name: 'Create wall link' }).click();
	const link = page.getByRole('textbox', { name: 'Wall link' });
	await expect(link).toBeVisible();
	const url = new URL(await link.inputValue());
	expect(url.pathname).toMatch(/^\/wall\/[a-z0-9]+\.[a-z0-9]+$/);
	await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
	return url.pathname;
}

/** Opens a wall in its own context (no cookies: nobody is signed in on a TV). */
async function openWall(browser: Browser, wallPath: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	const response = await page.goto(wallPath);
	expect(response?.status()).toBe(200);
	await expectLive(page);
	return page;
}

/** Every visible text's contrast against the first opaque background behind it (WCAG relative luminance). */
function contrastFailures(page: Page) {
	return page.evaluate(() => {
		const parse = (value: string) => {
			const parts = (/rgba?\(([^)]+)\)/.exec(value)?.[1] ?? '0,0,0,0').split(/[\s,/]+/).filter(Boolean).map(Number);
			return { r: parts[0] ?? 0, g: parts[1] ?? 0, b: parts[2] ?? 0, a: parts[3] ?? 1 };
		};
		const channel = (v: number) => {
			const c = v / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		};
		const luminance = (c: { r: number; g: number; b: number }) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
		const background = (element: Element | null) => {
			for (let e = element; e; e = e.parentElement) {
				const c = parse(getComputedStyle(e).backgroundColor);
				if (c.a > 0) return c;
			}
			return { r: 255, g: 255, b: 255, a: 1 };
		};
		const failures: { text: string; ratio: number; color: string; background: string }[] = [];
		let checked = 0;
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const node = walker.currentNode;
			const text = node.textContent?.trim();
			const element = node.parentElement;
			if (!text || !element) continue;
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			const range = document.createRange();
			range.selectNodeContents(node);
			const box = range.getBoundingClientRect();
			if (box.width < 1 || box.height < 1 || box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) continue;
			const fg = parse(style.color);
			const bg = background(element);
			// A translucent text colour is blended over its background first.
			const blended = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
			const [hi, lo] = [luminance(blended), luminance(bg)].sort((x, y) => y - x) as [number, number];
			const ratio = (hi + 0.05) / (lo + 0.05);
			checked++;
			if (ratio < 7) failures.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100, color: style.color, background: `rgb(${bg.r}, ${bg.g}, ${bg.b})` });
		}
		return { checked, failures };
	});
}

async function expectNoScrollbars(page: Page) {
	const size = await page.evaluate(() => {
		const root = document.documentElement;
		return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollHeight: root.scrollHeight, clientHeight: root.clientHeight };
	});
	expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
	expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight);
}

test.describe('the wall display', () => {
	test.describe.configure({ mode: 'serial' });

	let leader: Person;
	let member: Page;
	let board = '';
	let wallPath = '';
	let lightPath = '';
	const team = 'Wall Team';

	test.beforeAll(async ({ browser }) => {
		test.setTimeout(120_000);
		const admin = await founder(browser, 'Wall Co');
		board = await createTeam(admin.page, team);
		leader = await joinByInvite(browser, await inviteLink(admin.page, 'Leader'), 'Lee');
		member = (await joinByInvite(browser, await inviteLink(admin.page, 'Member', [team]), 'Mo')).page;
		// Advisory gates (a card may move on before its record is complete) and a soft limit to break.
		await leader.page.goto(`${board}/settings`);
		await leader.page.getByRole('radio', { name: /Advisory/ }).check();
		await leader.page.getByLabel('Problem, Team lane: limit').fill('4');
		await leader.page.getByRole('button', { name: 'Save settings' }).click();
		await expect(leader.page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
		await openBoard(member, board);
		for (let i = 1; i <= 7; i++) await quickAdd(member, 'Team', `Problem ${i}: builds wait for a shared test environment`);
		await quickAdd(member, 'System', 'Release approvals wait for the weekly change board');
	});

	test('a leader creates a team wall link in /walls; members may not', async () => {
		wallPath = await createWallLink(leader.page, 'Corridor TV', team);
		lightPath = await createWallLink(leader.page, 'Obeya TV', team, { theme: 'Light' });
		const response = await member.goto('/walls');
		expect(response?.status()).toBe(403);
	});

	test('fills 1920×1080 and 3840×2160 without scrollbars (screenshots)', async ({ browser }) => {
		mkdirSync(ARTIFACTS, { recursive: true });
		for (const viewport of [
			{ width: 1920, height: 1080 },
			{ width: 3840, height: 2160 }
		]) {
			const wall = await openWall(browser, wallPath, viewport);
			await expect(wallCard(wall, 'Release approvals wait')).toBeVisible();
			// The crowded cell shows what fits, then "+N more"; its broken limit is said in words.
			const crowded = cell(wall, 'Problem', 'Team');
			await expect(crowded).toContainText(/\+\d+ more/);
			await expect(crowded).toContainText('over limit');
			await expectNoScrollbars(wall);
			// Titles readable from 4 m: at least 28px at 1080p, scaled with the screen.
			const titleSize = await wallCard(wall, 'Release approvals wait').locator('.title').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
			expect(titleSize).toBeGreaterThanOrEqual(28 * (viewport.height / 1080) - 0.5);
			// Nothing to click or hover: no links, buttons or inputs on a wall.
			await expect(wall.locator('[data-testid="wall"] :is(a, button, input, select, textarea)')).toHaveCount(0);
			await wall.screenshot({ path: `${ARTIFACTS}/wall-${viewport.width}x${viewport.height}.png` });
			await wall.context().close();
		}
	});

	test('every visible text reaches 7:1 contrast, in the dark and the light theme', async ({ browser }) => {
		for (const [theme, target] of [
			['dark', wallPath],
			['light', lightPath]
		] as const) {
			const wall = await openWall(browser, target);
			await expect(wall.getByTestId('wall')).toHaveClass(new RegExp(`theme-${theme}`));
			const { checked, failures } = await contrastFailures(wall);
			expect(checked, `${theme}: texts checked`).toBeGreaterThan(20);
			expect(failures, `${theme}: texts under 7:1`).toEqual([]);
			await wall.screenshot({ path: `${ARTIFACTS}/wall-${theme}.png` });
			await wall.context().close();
		}
	});

	test('a move on the team board shows on the wall, live', async ({ browser }) => {
		const wall = await openWall(browser, wallPath);
		const title = 'Release approvals wait for the weekly change board';
		await expect(wallCard(cell(wall, 'Problem', 'System'), title)).toBeVisible();
		await openBoard(member, board);
		await card(member, title).focus();
		await member.keyboard.press('Shift+ArrowRight'); // Problem → Hypothesis (advisory gates)
		// The mover's screen announces the move once the server acknowledged it.
		await expect(member.getByRole('status').filter({ hasText: `${title} moved to Hypothesis` })).toBeAttached();
		// A functional bound (a live event, not a reload or a poll), not a latency target.
		await expect(wallCard(cell(wall, 'Hypothesis', 'System'), title)).toBeVisible({ timeout: 5000 });
		await expect(wallCard(cell(wall, 'Problem', 'System'), title)).toHaveCount(0);
		await wall.context().close();
	});

	test('a wall token opens nothing else, and revoking the link disconnects the open wall', async ({ browser, request }) => {
		const wall = await openWall(browser, wallPath);
		// The wall's own browser is signed out everywhere else: other pages ask for a sign-in.
		const other = await wall.context().newPage();
		await other.goto(board);
		await expect(other).toHaveURL(/\/signin/);
		await other.goto('/');
		await expect(other).toHaveURL(/\/signin/);
		// Another token (a made-up one, or this one's id with a wrong secret) is a plain 404.
		const [id] = wallPath.slice('/wall/'.length).split('.');
		expect((await request.get(`/wall/${id}.wrongsecretwrongsecret1234`)).status()).toBe(404);
		expect((await request.get('/wall/nosuchwall.nosuchsecretnosuchsecret')).status()).toBe(404);

		await leader.page.goto('/walls');
		await leader.page.getByRole('button', { name: 'Revoke Corridor TV' }).click();
		await expect(leader.page.getByRole('status').filter({ hasText: 'Revoked Corridor TV' })).toBeVisible();
		await expect(wall.getByText('This wall link was revoked')).toBeVisible({ timeout: 5000 });
		expect((await request.get(wallPath)).status()).toBe(404);
		await wall.context().close();
	});
});

// A server of this test's own, stopped and started again on the same port and data (support/own-server).

test('the wall stays live across a server restart, without a reload', async ({ browser }) => {
	test.setTimeout(150_000);
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'catchball-wall-e2e-'));
	const started: ChildProcess[] = [];
	try {
		// PGlite is single-process: seed while no server has the folder open.
		const seed = run(path.join('node_modules', '.bin', 'tsx'), ['tests/e2e/wall-seed.ts', dataDir], { ...process.env, NODE_ENV: 'production' });
		expect(await exited(seed.child), seed.output()).toBe(0);
		const seeded = JSON.parse(seed.output().trim().split('\n').at(-1)!) as {
			path: string;
			boardId: string;
			memberToken: string;
			cards: { id: string; version: number }[];
		};
		const port = await freePort();
		const origin = `http://127.0.0.1:${port}`;
		let server = await startServer(port, dataDir);
		started.push(server.child);

		const wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
		await wall.goto(`${origin}${seeded.path}`);
		await expectLive(wall);
		await expect(wallCard(cell(wall, 'Problem', 'Team'), 'Restart card 1')).toBeVisible();
		await wall.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

		await stopServer(server.child);
		await expect(wall.getByTestId('wall-status')).toContainText(/Reconnecting since \d\d:\d\d/, { timeout: 10_000 });
		server = await startServer(port, dataDir);
		started.push(server.child);
		// socket.io's backoff (1 s doubling, at most 30 s) brings it back by itself.
		await expect(wall.getByTestId('wall-status')).toHaveAttribute('data-state', 'live', { timeout: 40_000 });

		// A member moves a card on the restarted server; the wall shows it, and never reloaded.
		const mover = io(origin, { transports: ['websocket'], extraHeaders: { cookie: `catchball_session=${seeded.memberToken}` }, reconnection: false });
		try {
			const reply = await new Promise<{ ok: boolean }>((resolve) =>
				mover.emit(
					'command',
					{ commandId: randomUUID(), type: 'card.move', boardId: seeded.boardId, cardId: seeded.cards[0]!.id, version: seeded.cards[0]!.version, column: 'problem', lane: 'system', index: 0 },
					resolve
				)
			);
			expect(reply).toMatchObject({ ok: true });
		} finally {
			mover.close();
		}
		await expect(wallCard(cell(wall, 'Problem', 'System'), 'Restart card 1')).toBeVisible({ timeout: 5000 });
		expect(await wall.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
		await wall.context().close();
	} finally {
		for (const child of started) await stopServer(child);
		rmSync(dataDir, { recursive: true, force: true });
	}
});
