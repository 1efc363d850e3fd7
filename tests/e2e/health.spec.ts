import { expect, test } from '@playwright/test';

const database = process.env.E2E_DATABASE_URL ? 'postgres' : 'pglite';

test('GET /healthz answers 200 with the database in use', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ status: 'ok', database });
});

test('the home page of an empty install leads to /setup', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup(?:[/?#]|$)/);
});
