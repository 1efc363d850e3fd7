// The built production server (server.js + build/handler.js, built by `vite build` in a private copy of
// the project) as its own process: health, Origin handling, graceful shutdown on SIGTERM, and what
// happens to its data. Every process started here is stopped by its own PID in afterAll.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createSession } from '../../src/lib/server/auth/sessions';
import { generateSecureRandomString } from '../../src/lib/server/auth/tokens';
import { openDatabase, type Db } from '../../src/lib/server/db/client';
import { jobs, members, organisations, sessions, users } from '../../src/lib/server/db/schema';
import { boardFingerprint } from '../helpers/cards';
import type { BoardEvent } from '../../src/lib/domain/events';
import { executeCardCommand } from '../../src/lib/server/commands/service';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { openBoardClient } from '../helpers/board-client';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';
import { connectClient, connected, disconnected, refused, type ClientOptions } from '../helpers/realtime';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUILD_TIMEOUT_MS = 240_000;
const START_TIMEOUT_MS = 60_000;
/**
 * Cleanup only: a server still running this long after SIGTERM is killed. (server.js exits 1 by itself
 * when its graceful shutdown takes over 10 s, so an exit code of 0 says the shutdown finished in time.)
 */
const KILL_AFTER_MS = 20_000;

// ---------------------------------------------------------------------------------------------------
// Processes

interface ServerProcess {
	child: ChildProcess;
	port: number;
	/** http://127.0.0.1:PORT */
	url: string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	output(): string;
}

const started: ChildProcess[] = [];
/** Where the built server runs from: a private copy of the project, built once for this file. */
let appDir = '';

/**
 * A small environment of its own, so nothing of the test run leaks in (vitest's NODE_ENV=test, VITEST,
 * a DATABASE_URL or ORIGIN of the developer's shell).
 */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
	for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
		if (process.env[name] !== undefined) env[name] = process.env[name];
	}
	for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
	return env;
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd = appDir): { child: ChildProcess; output: () => string } {
	const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	started.push(child);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return { child, output: () => output };
}

function exitOf(child: ChildProcess): ServerProcess['exited'] {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			resolve({ code: child.exitCode, signal: child.signalCode });
		} else child.once('exit', (code, signal) => resolve({ code, signal }));
	});
}

function running(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

async function stop(child: ChildProcess): Promise<void> {
	if (!running(child)) return;
	const exited = exitOf(child);
	child.kill('SIGTERM');
	const timer = setTimeout(() => running(child) && child.kill('SIGKILL'), KILL_AFTER_MS);
	await exited;
	clearTimeout(timer);
}

/**
 * Copies the project (not node_modules, which is linked, nor build output) to a temporary folder and runs
 * `vite build` there. A private build: a build running at the same time in the work tree (another
 * developer's, or Playwright's) can neither break this one nor be broken by it.
 */
async function buildPrivateCopy(): Promise<void> {
	appDir = mkdtempSync(path.join(os.tmpdir(), 'catchball-built-'));
	const skipped = new Set(['node_modules', '.git', 'build', '.svelte-kit', 'data', 'test-results', 'playwright-report']);
	cpSync(root, appDir, {
		recursive: true,
		filter: (source) => {
			const relative = path.relative(root, source);
			if (!relative) return true;
			if (skipped.has(relative.split(path.sep)[0] ?? '')) return false;
			return relative !== path.join('tests', '.artifacts');
		}
	});
	symlinkSync(path.join(root, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
	const { child, output } = run(
		[path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
		childEnv({ NO_COLOR: '1', FORCE_COLOR: '0' }),
		appDir
	);
	const { code, signal } = await exitOf(child);
	if (code !== 0) throw new Error(`vite build failed (${code ?? signal}):\n${output().slice(-4000)}`);
}

async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve, reject) => {
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', resolve);
	});
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

/** Starts `node server.js` and resolves once it listens; rejects with its output if it exits first. */
async function startServer(
	env: { DATA_DIR?: string; DATABASE_URL?: string; ORIGIN?: string; REDIS_URL?: string },
	port?: number
): Promise<ServerProcess> {
	port ??= await freePort();
	const { child, output } = run(['server.js'], childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }));
	const exited = exitOf(child);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`server did not listen within ${START_TIMEOUT_MS} ms:\n${output()}`));
		}, START_TIMEOUT_MS);
		const onData = () => {
			if (output().includes('Catchball listening')) {
				cleanup();
				resolve();
			}
		};
		const onExit = () => {
			cleanup();
			reject(new Error(`server exited before listening:\n${output()}`));
		};
		const cleanup = () => {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.off('exit', onExit);
		};
		child.stdout?.on('data', onData);
		child.once('exit', onExit);
	});
	return { child, port, url: `http://127.0.0.1:${port}`, exited, output };
}

async function health(server: ServerProcess): Promise<{ status: number; body: unknown }> {
	const response = await fetch(`${server.url}/healthz`);
	return { status: response.status, body: await response.json() };
}

// ---------------------------------------------------------------------------------------------------
// Fixtures and sockets

async function insertFixture(db: Db) {
	const suffix = generateSecureRandomString(8);
	const [user] = await db
		.insert(users)
		.values({ email: `proc-${suffix}@example.test`, name: `Proc ${suffix}`, passwordHash: 'not-a-hash' })
		.returning({ id: users.id });
	const [org] = await db.insert(organisations).values({ name: `Org ${suffix}` }).returning({ id: organisations.id });
	if (!user || !org) throw new Error('fixture insert returned nothing');
	await db.insert(members).values({ organisationId: org.id, userId: user.id, role: 'admin' });
	const { token, sessionId } = await createSession(db, user.id);
	return { userId: user.id, organisationId: org.id, token, sessionId };
}

const sockets: Socket[] = [];
function client(url: string, options: ClientOptions): Socket {
	const socket = connectClient(url, options);
	sockets.push(socket);
	return socket;
}

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.close();
});

beforeAll(buildPrivateCopy, BUILD_TIMEOUT_MS);

afterAll(async () => {
	for (const socket of sockets.splice(0)) socket.close();
	await Promise.all(started.map(stop));
	if (appDir) rmSync(appDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------

describe('production server on PGlite', () => {
	let dataDir: string;
	let fixture: Awaited<ReturnType<typeof insertFixture>>;
	let server: ServerProcess;

	beforeAll(async () => {
		dataDir = mkdtempSync(path.join(os.tmpdir(), 'catchball-server-'));
		// PGlite is single-process: write the fixture, close, and only then let the server open the folder.
		const database = await openDatabase({ dataDir });
		try {
			fixture = await insertFixture(database.db);
		} finally {
			await database.close();
		}
		server = await startServer({ DATA_DIR: dataDir });
	}, START_TIMEOUT_MS + 30_000);

	afterAll(async () => {
		if (server) await stop(server.child);
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	it('answers /healthz with PGlite', async () => {
		expect(await health(server)).toEqual({ status: 200, body: { status: 'ok', database: 'pglite' } });
	});

	it('without ORIGIN accepts a socket from the page at http://localhost:PORT and at http://127.0.0.1:PORT', async () => {
		const atLocalhost = client(`http://localhost:${server.port}`, {
			token: fixture.token,
			origin: `http://localhost:${server.port}`
		});
		const atLoopback = client(server.url, { token: fixture.token, origin: server.url });
		await Promise.all([connected(atLocalhost), connected(atLoopback)]);
		expect([atLocalhost.connected, atLoopback.connected]).toEqual([true, true]);
	});

	it('without ORIGIN refuses a socket whose Origin is not the address it reached', async () => {
		const crossed = client(server.url, { token: fixture.token, origin: `http://localhost:${server.port}` });
		expect(await refused(crossed)).toBe('origin_not_allowed');
		const foreign = client(server.url, { token: fixture.token, origin: 'http://evil.example' });
		expect(await refused(foreign)).toBe('origin_not_allowed');
	});

	it('refuses a socket without a session', async () => {
		expect(await refused(client(server.url, { origin: server.url }))).toBe('unauthenticated');
	});

	// Exit code 0 means the graceful shutdown finished before server.js's own 10 s limit (which exits 1);
	// the test's timeout bounds a shutdown that hangs altogether.
	it('on SIGTERM disconnects its sockets and exits 0 by itself', async () => {
		const socket = client(server.url, { token: fixture.token });
		await connected(socket);
		const gone = disconnected(socket);
		expect(server.child.kill('SIGTERM')).toBe(true);
		expect(await server.exited, server.output()).toEqual({ code: 0, signal: null });
		// A transport close (not a server "disconnect" packet): clients reconnect by themselves.
		expect(await gone).toBe('transport close');
		expect(server.output()).toContain('stopped');
	}, 30_000);

	it('leaves a data folder that reopens with the fixture rows intact', async () => {
		const database = await openDatabase({ dataDir });
		try {
			const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.id, fixture.userId));
			const [member] = await database.db
				.select({ organisationId: members.organisationId, role: members.role })
				.from(members)
				.where(eq(members.userId, fixture.userId));
			const [session] = await database.db
				.select({ id: sessions.id })
				.from(sessions)
				.where(eq(sessions.id, fixture.sessionId));
			expect({ user, member, session }).toEqual({
				user: { id: fixture.userId },
				member: { organisationId: fixture.organisationId, role: 'admin' },
				session: { id: fixture.sessionId }
			});
		} finally {
			await database.close();
		}
	});

	it('started its job runner with the app: the recurring purge of finished jobs is scheduled', async () => {
		const database = await openDatabase({ dataDir });
		try {
			const pending = await database.db
				.select({ kind: jobs.kind, dedupeKey: jobs.dedupeKey })
				.from(jobs)
				.where(eq(jobs.status, 'pending'));
			expect(pending).toEqual([{ kind: 'jobs.purge', dedupeKey: 'every:jobs.purge' }]);
		} finally {
			await database.close();
		}
	});

	describe('with ORIGIN set', () => {
		let strict: ServerProcess;
		let origin: string;

		beforeAll(async () => {
			// The same folder again (the first server has exited): only one process may open it.
			const port = await freePort();
			origin = `http://localhost:${port}`;
			strict = await startServer({ DATA_DIR: dataDir, ORIGIN: origin }, port);
		}, START_TIMEOUT_MS + 10_000);

		afterAll(async () => {
			if (strict) await stop(strict.child);
		});

		it('accepts a socket from the configured origin only', async () => {
			const ok = client(`http://localhost:${strict.port}`, { token: fixture.token, origin });
			await connected(ok);
			expect(ok.connected).toBe(true);
			const loopback = client(strict.url, { token: fixture.token, origin: strict.url });
			expect(await refused(loopback)).toBe('origin_not_allowed');
		});
	});
});

const postgresServerUrl = process.env.TEST_DATABASE_URL ?? '';
const redisUrl = process.env.TEST_REDIS_URL ?? '';

/** A throwaway database on the TEST_DATABASE_URL server, dropped again by `drop()`. */
function throwawayDatabase(prefix: string) {
	const name = `${prefix}_${generateSecureRandomString(12)}`;
	let admin: import('postgres').Sql | undefined;
	return {
		name,
		url: () => Object.assign(new URL(postgresServerUrl), { pathname: `/${name}` }).toString(),
		async create() {
			const { default: postgres } = await import('postgres');
			admin = postgres(postgresServerUrl, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database "${name}"`);
		},
		/** Drops it now, connections and all (a test of a database that goes away). */
		async dropNow() {
			await admin!.unsafe(`drop database "${name}" with (force)`);
		},
		async drop() {
			if (!admin) return;
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

describe.skipIf(!postgresServerUrl)('production server on PostgreSQL (needs TEST_DATABASE_URL)', () => {
	const database = throwawayDatabase('catchball_proc');
	let server: ServerProcess;
	let token: string;

	beforeAll(async () => {
		await database.create();
		const opened = await openDatabase({ url: database.url(), maxConnections: 1 });
		try {
			token = (await insertFixture(opened.db)).token;
		} finally {
			await opened.close();
		}
		server = await startServer({ DATABASE_URL: database.url() });
	}, START_TIMEOUT_MS + 30_000);

	afterAll(async () => {
		if (server) await stop(server.child);
		await database.drop();
	});

	it('answers /healthz with PostgreSQL', async () => {
		expect(await health(server)).toEqual({ status: 200, body: { status: 'ok', database: 'postgres' } });
	});

	it('accepts an authenticated socket', async () => {
		const socket = client(server.url, { token, origin: server.url });
		await connected(socket);
		expect(socket.connected).toBe(true);
	});

	it('answers /healthz with 503 once its database is gone, and keeps running', async () => {
		await database.dropNow();
		const { status, body } = await health(server);
		expect(status).toBe(503);
		expect(body).toMatchObject({ status: 'unavailable', database: 'postgres' });
		expect(running(server.child)).toBe(true);
	});

	it('still exits 0 on SIGTERM', async () => {
		server.child.kill('SIGTERM');
		expect(await server.exited, server.output()).toEqual({ code: 0, signal: null });
	});
});

describe.skipIf(!postgresServerUrl || !redisUrl)('two instances sharing PostgreSQL and Redis (needs TEST_DATABASE_URL and TEST_REDIS_URL)', () => {
	const database = throwawayDatabase('catchball_pair');
	/** The test's own connection, to seed and to read the truth the clients must converge on. */
	let opened: Awaited<ReturnType<typeof openDatabase>>;
	let first: ServerProcess;
	let second: ServerProcess;
	let org: SeededOrganisation;
	let cardId: string;

	beforeAll(async () => {
		await database.create();
		opened = await openDatabase({ url: database.url(), maxConnections: 2 });
		// Seeded through the real services; nobody is listening yet, so nothing needs broadcasting.
		const seeding = { db: opened.db, realtime: silentHub };
		org = await seedOrganisation(seeding, {
			teams: ['Alpha'],
			people: [
				{ name: 'Ana', role: 'member', teams: ['Alpha'] },
				{ name: 'Ben', role: 'member', teams: ['Alpha'] }
			]
		});
		const created = await executeCardCommand(seeding, org.people.Ana!.actor, {
			type: 'card.create',
			boardId: org.teams.Alpha!.boardId,
			title: 'Deploys wait for a change board'
		});
		cardId = created.cardId;
		[first, second] = await Promise.all([
			startServer({ DATABASE_URL: database.url(), REDIS_URL: redisUrl }),
			startServer({ DATABASE_URL: database.url(), REDIS_URL: redisUrl })
		]);
	}, START_TIMEOUT_MS + 30_000);

	afterAll(async () => {
		await Promise.all([first, second].filter(Boolean).map((server) => stop(server.child)));
		await opened?.close();
		await database.drop();
	});

	it('delivers a move made through one instance to a client of the other, and both show the database’s board', async () => {
		const boardId = org.teams.Alpha!.boardId;
		const ana = await openBoardClient(first.url, org.people.Ana!.token, boardId);
		const ben = await openBoardClient(second.url, org.people.Ben!.token, boardId);
		try {
			// The second instance never ran the command: the event can reach Ben only through Redis.
			const heard: BoardEvent[] = [];
			ben.socket.on('board:events', (events) => heard.push(...events));
			const reply = await ana.sync.move(cardId, 'problem', 'system', 0);
			expect(reply.ok).toBe(true);
			await ben.until((s) => s.cards[cardId]?.lane === 'system', 'the move on the second instance');
			expect(heard.map((e) => [e.type, 'cardId' in e ? e.cardId : null])).toEqual([['card.moved', cardId]]);

			const truth = await loadBoardSnapshot(opened.db, boardId);
			const expected = boardFingerprint(Object.fromEntries(truth.cards.map((c) => [c.id, c])));
			expect(truth.cards.find((c) => c.id === cardId)).toMatchObject({ column: 'problem', lane: 'system' });
			for (const person of [ana, ben]) {
				const state = await person.until((s) => s.seq === truth.seq, `seq ${truth.seq}`);
				expect(boardFingerprint(state.cards)).toEqual(expected);
			}
			// Ben heard it live: his client needed no catch-up (only the snapshot of his first join).
			expect(ben.sync.snapshots).toBe(1);
		} finally {
			ana.close();
			ben.close();
		}
	});

	it('stopping one instance drops only its own sockets', async () => {
		const token = org.admin.token;
		const onFirst = client(first.url, { token });
		const onSecond = client(second.url, { token });
		await Promise.all([connected(onFirst), connected(onSecond)]);
		const gone = disconnected(onFirst);
		first.child.kill('SIGTERM');
		expect(await first.exited, first.output()).toEqual({ code: 0, signal: null });
		expect(await gone).toBe('transport close');
		// A round trip through the second instance (handshake and database) after the first one's
		// last words: anything it had broadcast through Redis has arrived by now.
		await connected(client(second.url, { token }));
		expect(onSecond.connected).toBe(true);
	});
});
