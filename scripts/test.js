#!/usr/bin/env node
// `npm test`: every suite in order, stopping at the first stage that fails.
//   1. svelte-kit sync
//   2. unit tests                  vitest run --project unit
//   3. integration tests, PGlite   vitest run --project integration   (TEST_DATABASE_URL removed)
//   4. integration, PostgreSQL     the same, only when TEST_DATABASE_URL is set
//   5. end-to-end tests            playwright test, when a chromium is found (CHROMIUM_PATH,
//                                  /usr/bin/chromium, /usr/bin/chromium-browser); without one it is
//                                  skipped with a notice, or fails the run when CI=true.
// Ends with one plain line, `<N> passed, <M> failed, <K> skipped`, summed over the stages that ran (read
// from the runners' JSON reports in tests/.artifacts/; a test is skipped when what it needs is missing,
// e.g. PostgreSQL-only tests in the PGlite stage), and exits with the failing stage's exit code.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'tests', '.artifacts');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const ci = isTrue(process.env.CI);

/** @param {string | undefined} value */
function isTrue(value) {
	return !!value && !['0', 'false', 'no', ''].includes(value.toLowerCase());
}

/** @returns {{ path: string | null, note: string }} */
function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		return executable(fromEnv)
			? { path: fromEnv, note: `CHROMIUM_PATH=${fromEnv}` }
			: { path: null, note: `CHROMIUM_PATH=${fromEnv} is not an executable file` };
	}
	for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
		if (executable(candidate)) return { path: candidate, note: candidate };
	}
	return { path: null, note: 'no chromium found' };
}

/** @param {string} file */
function executable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ name: string, command: string[], env?: NodeJS.ProcessEnv, report?: string,
 *   parse?: (report: unknown) => Counts }} Stage
 * @typedef {{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number,
 *   counts: Counts | null, note?: string, code?: number }} Result
 */

/**
 * @param {string} name
 * @param {string} project
 * @param {string} reportName
 * @param {NodeJS.ProcessEnv} env
 */
function vitestStage(name, project, reportName, env = process.env) {
	const report = path.join(artifacts, `${reportName}.json`);
	return /** @type {Stage} */ ({
		name,
		command: [
			bin('vitest'),
			'run',
			'--project',
			project,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`
		],
		env,
		report,
		parse: (/** @type {any} */ json) => ({
			passed: json.numPassedTests ?? 0,
			failed: json.numFailedTests ?? 0,
			skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0)
		})
	});
}

/** @param {NodeJS.ProcessEnv} env */
function playwrightStage(env) {
	const report = path.join(artifacts, 'playwright.json');
	return /** @type {Stage} */ ({
		name: 'e2e (playwright)',
		command: [bin('playwright'), 'test', '--reporter=list,json'],
		env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
		report,
		parse: (/** @type {any} */ json) => ({
			passed: (json.stats?.expected ?? 0) + (json.stats?.flaky ?? 0),
			failed: json.stats?.unexpected ?? 0,
			skipped: json.stats?.skipped ?? 0
		})
	});
}

/** @type {import('node:child_process').ChildProcess | null} */
let current = null;
// Ctrl-C reaches the running child through the terminal's process group: let it finish its own cleanup
// (its exit ends this run). A SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => {
	if (!current) process.exit(130);
});
process.on('SIGTERM', () => {
	if (current && current.exitCode === null) current.kill('SIGTERM');
	else process.exit(143);
});

/**
 * @param {string[]} command
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
function run(command, env) {
	const [file, ...args] = command;
	return new Promise((resolve) => {
		const child = spawn(/** @type {string} */ (file), args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
		current = child;
		child.once('error', (error) => {
			console.error(`could not start ${file}: ${error.message}`);
			resolve(127);
		});
		child.once('exit', (code, signal) => {
			current = null;
			resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1));
		});
	});
}

/** @param {NodeJS.Signals} signal */
function signalNumber(signal) {
	return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[/** @type {string} */ (signal)];
}

/** @param {Stage} stage @param {number} code @returns {Counts | null} */
function readCounts(stage, code) {
	if (!stage.report || !stage.parse) return null;
	/** @type {Counts} */
	let counts = { passed: 0, failed: 0, skipped: 0 };
	if (existsSync(stage.report)) {
		try {
			counts = stage.parse(JSON.parse(readFileSync(stage.report, 'utf8')));
		} catch (error) {
			console.error(`could not read ${path.relative(root, stage.report)}: ${/** @type {Error} */ (error).message}`);
		}
	}
	// A runner that failed without a failing test (a file that did not load, an error outside tests,
	// a web server that did not start) still counts as one failure.
	if (code !== 0 && counts.failed === 0) counts.failed = 1;
	return counts;
}

async function main() {
	mkdirSync(artifacts, { recursive: true });
	const chromium = findChromium();

	/** @type {NodeJS.ProcessEnv} */
	const pgliteEnv = { ...process.env };
	delete pgliteEnv.TEST_DATABASE_URL;

	/** @type {(Stage | { name: string, skip: string } | { name: string, fail: string })[]} */
	const stages = [
		{ name: 'svelte-kit sync', command: [bin('svelte-kit'), 'sync'] },
		vitestStage('unit', 'unit', 'vitest-unit'),
		vitestStage('integration (PGlite)', 'integration', 'vitest-integration-pglite', pgliteEnv)
	];
	if (process.env.TEST_DATABASE_URL) {
		stages.push(vitestStage('integration (PostgreSQL)', 'integration', 'vitest-integration-postgres', { ...process.env }));
	} else {
		stages.push({ name: 'integration (PostgreSQL)', skip: 'TEST_DATABASE_URL is not set' });
	}
	if (chromium.path) {
		stages.push(playwrightStage({ ...process.env, CHROMIUM_PATH: chromium.path }));
	} else if (ci) {
		stages.push({ name: 'e2e (playwright)', fail: `${chromium.note}: CI needs one (apt-get install chromium)` });
	} else {
		stages.push({ name: 'e2e (playwright)', skip: `${chromium.note} (apt-get install chromium)` });
	}

	console.log(
		`npm test: database ${process.env.TEST_DATABASE_URL ? 'PGlite, then PostgreSQL (TEST_DATABASE_URL)' : 'PGlite only (TEST_DATABASE_URL unset)'}; ` +
			`browser ${chromium.path ?? `none (${chromium.note})`}${ci ? '; CI' : ''}`
	);

	/** @type {Result[]} */
	const results = [];
	let exitCode = 0;
	for (const stage of stages) {
		if ('skip' in stage) {
			if (stage.name.startsWith('e2e')) console.log(`\ne2e skipped: ${stage.skip}`);
			results.push({ name: stage.name, status: 'skipped', seconds: 0, counts: null, note: stage.skip });
			continue;
		}
		if ('fail' in stage) {
			console.error(`\n${stage.name} failed: ${stage.fail}`);
			results.push({
				name: stage.name,
				status: 'failed',
				seconds: 0,
				counts: { passed: 0, failed: 1, skipped: 0 },
				note: stage.fail,
				code: 1
			});
			exitCode = 1;
			break;
		}
		console.log(`\n=== ${stage.name}: ${stage.command.map((part) => path.relative(root, part) || part).join(' ')}`);
		if (stage.report) rmSync(stage.report, { force: true });
		const begun = Date.now();
		const code = await run(stage.command, stage.env ?? process.env);
		const seconds = (Date.now() - begun) / 1000;
		const counts = readCounts(stage, code);
		results.push({ name: stage.name, status: code === 0 ? 'passed' : 'failed', seconds, counts, code });
		if (code !== 0) {
			exitCode = code;
			break;
		}
	}

	const ran = new Set(results.map((result) => result.name));
	for (const stage of stages) {
		if (ran.has(stage.name)) continue;
		const note = 'skip' in stage ? stage.skip : 'not run: an earlier stage failed';
		results.push({ name: stage.name, status: 'skipped', seconds: 0, counts: null, note });
	}

	console.log('\n=== summary');
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	for (const result of results) {
		const counts = result.counts;
		if (counts) {
			passed += counts.passed;
			failed += counts.failed;
			skipped += counts.skipped;
		}
		const detail = counts
			? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
			: '';
		const parts = [
			detail,
			result.seconds ? `${result.seconds.toFixed(1)} s` : '',
			result.code && result.status === 'failed' ? `exit code ${result.code}` : '',
			result.note ?? ''
		].filter(Boolean);
		console.log(`${result.status.toUpperCase().padEnd(7)} ${result.name.padEnd(25)} ${parts.join('; ')}`.trimEnd());
	}
	console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
	return exitCode;
}

process.exitCode = await main();
