import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's chromium (never a browser Playwright downloads) against the built
// production server (`node server.js`), started fresh for each run on its own port and data folder.

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const artifacts = 'tests/.artifacts';
const dataDir = `${artifacts}/e2e-data`;

/** PGlite in a fresh folder by default; PostgreSQL when E2E_DATABASE_URL names a database. */
const databaseUrl = process.env.E2E_DATABASE_URL ?? '';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `${artifacts}/test-results`,
	fullyParallel: false,
	// The app is stateful and the machine small: one worker. Tests make their own organisations.
	workers: 1,
	retries: 0,
	forbidOnly: !!process.env.CI,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	reporter: [['list']],
	use: {
		baseURL,
		browserName: 'chromium',
		headless: true,
		screenshot: 'only-on-failure',
		trace: 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [
		// Runs first, against the empty install (the server starts on a wiped data folder): health and the
		// first-run redirect. Then the first-run flow creates the install's first organisation. The other
		// specs create organisations of their own and run after both.
		{ name: 'fresh-install', testMatch: /health\.spec\.ts$/ },
		{ name: 'first-run', testMatch: /onboarding\.spec\.ts$/, dependencies: ['fresh-install'] },
		{ name: 'app', testIgnore: /(health|onboarding)\.spec\.ts$/, dependencies: ['first-run'] }
	],
	webServer: {
		// Wipe the data folder, build once, then run the production entry. `exec` hands the shell's PID
		// to node, so Playwright's SIGTERM reaches the server and it shuts down cleanly.
		command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && node_modules/.bin/vite build && exec node server.js`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			// Empty counts as unset for the app (readConfig): nothing leaks in from the caller's shell.
			DATABASE_URL: databaseUrl,
			ORIGIN: '',
			REDIS_URL: ''
		}
	}
});
