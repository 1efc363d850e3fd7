// Shared pieces of the benchmarks: flags, the build, a throwaway PostgreSQL database, the production
// server as its own process, CPU accounting from /proc, percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecureRandomString } from '../src/lib/server/auth/tokens';
import { openDatabase, type Database } from '../src/lib/server/db/client';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The PostgreSQL server the benches make their throwaway databases on. */
export const SERVER_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

// ---------------------------------------------------------------------------------------------------
// Flags

export function flags<K extends string>(spec: Record<K, number>, argv = process.argv.slice(2)): Record<K, number> & { rebuild: boolean } {
	const out: Record<string, number> = { ...spec };
	let rebuild = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--rebuild') {
			rebuild = true;
			continue;
		}
		if (arg === '--help' || arg === '-h') {
			console.log(`flags: ${Object.entries(spec).map(([k, v]) => `--${k} N (default ${v})`).join(', ')}, --rebuild`);
			process.exit(0);
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match || !(match[1]! in spec)) throw new Error(`unknown flag ${arg}`);
		const value = match[2] ?? argv[++i];
		const n = Number(value);
		if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`--${match[1]} needs a number`);
		out[match[1]!] = n;
	}
	return Object.assign(out as Record<K, number>, { rebuild });
}

// ---------------------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>();

export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
	for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
		if (process.env[name] !== undefined) env[name] = process.env[name];
	}
	for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
	return env;
}

export function track(child: ChildProcess): ChildProcess {
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

export function running(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
	return new Promise((resolve) => {
		if (!running(child)) resolve({ code: child.exitCode, signal: child.signalCode });
		else child.once('exit', (code, signal) => resolve({ code, signal }));
	});
}

/** SIGTERM by PID, SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5_000): Promise<void> {
	if (!running(child)) return;
	const exited = exitOf(child);
	child.kill('SIGTERM');
	const timer = setTimeout(() => running(child) && child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Stops every child this process started (each by its own PID). */
export async function stopAll(): Promise<void> {
	await Promise.all([...children].map((c) => stop(c)));
}

export async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve, reject) => {
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', resolve);
	});
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

// ---------------------------------------------------------------------------------------------------
// Build

function newest(target: string): number {
	let stat;
	try {
		stat = statSync(target);
	} catch {
		return 0;
	}
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
	return latest;
}

const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/**
 * Runs `vite build` (into build/) when build/handler.js is missing or older than anything it is built
 * from, or always with `force`. A build that fails (someone's work in progress) is retried a few times.
 */
export async function ensureBuild(force = false): Promise<'fresh' | 'built'> {
	const built = newest(path.join(root, 'build', 'handler.js'));
	if (!force && built > 0 && BUILD_INPUTS.every((input) => newest(path.join(root, input)) < built)) return 'fresh';
	for (let attempt = 1; ; attempt++) {
		process.stdout.write(`building (vite build)${attempt > 1 ? `, attempt ${attempt}` : ''}… `);
		const started = Date.now();
		const child = track(
			spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
				cwd: root,
				env: childEnv({ NO_COLOR: '1' }),
				stdio: ['ignore', 'pipe', 'pipe']
			})
		);
		let output = '';
		child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
		child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
		const { code, signal } = await exitOf(child);
		if (code === 0) {
			console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return 'built';
		}
		console.log(`failed (${code ?? signal})`);
		if (attempt >= 3) throw new Error(`vite build failed:\n${output.slice(-4000)}`);
		console.log(output.slice(-1500));
		console.log('retrying in 60 s (the tree may be mid-edit)…');
		await new Promise((r) => setTimeout(r, 60_000));
	}
}

/**
 * A private copy of the production entry (server.js, build/, drizzle/, package.json) in a temp folder,
 * node_modules linked: a rebuild of build/ by someone else during the run cannot change the server
 * being measured.
 */
export function snapshotApp(): { dir: string; remove(): void } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'catchball-bench-'));
	for (const entry of ['server.js', 'package.json', 'build', 'drizzle']) {
		cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
	}
	symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------------
// Database

export interface BenchDatabase extends Database {
	name: string;
	url: string;
	/** Closes the pool (the database stays). */
	release(): Promise<void>;
	/** Drops the database (force: ends any session still on it). */
	drop(): Promise<void>;
}

export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
	const { default: postgres } = await import('postgres');
	const name = `catchball_bench_${prefix}_${generateSecureRandomString(10).toLowerCase()}`;
	const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(SERVER_URL);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.toString(), maxConnections: 8, migrationsFolder: path.join(root, 'drizzle') });
	let released = false;
	const release = async () => {
		if (released) return;
		released = true;
		await database.close();
	};
	return {
		...database,
		name,
		url: url.toString(),
		release,
		drop: async () => {
			await release();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}

/** Server-side PIDs of the sessions connected to a database (to account their CPU). */
export async function backendPids(databaseName: string): Promise<number[]> {
	const { default: postgres } = await import('postgres');
	const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
	try {
		const rows = await admin`select pid from pg_stat_activity where datname = ${databaseName}`;
		return rows.map((r) => Number(r.pid));
	} finally {
		await admin.end({ timeout: 5 });
	}
}

export async function serverVersion(): Promise<string> {
	const { default: postgres } = await import('postgres');
	const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
	try {
		const [row] = await admin`select current_setting('server_version') as v, current_setting('synchronous_commit') as sc`;
		return `PostgreSQL ${row!.v} (synchronous_commit=${row!.sc})`;
	} finally {
		await admin.end({ timeout: 5 });
	}
}

// ---------------------------------------------------------------------------------------------------
// The production server

export interface ServerProcess {
	child: ChildProcess;
	pid: number;
	url: string;
	output(): string;
}

export async function startServer(appDir: string, databaseUrl: string): Promise<ServerProcess> {
	const port = await freePort();
	const child = track(
		// BENCH_SERVER_ARGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
		spawn(process.execPath, [...(process.env.BENCH_SERVER_ARGS?.split(/\s+/).filter(Boolean) ?? []), 'server.js'], {
			cwd: appDir,
			// ORIGIN unset, as the brief asks: the server trusts the host it is opened at. The movers send
			// as fast as acks come (far past a person's 20 a second, all from 127.0.0.1): the socket rate
			// limits still run, so their cost is measured, but with budgets that refuse nothing.
			env: childEnv({
				DATABASE_URL: databaseUrl,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: undefined,
				RATE_LIMIT_SOCKET_SESSION: '1000000/1',
				RATE_LIMIT_SOCKET_ADDRESS: '1000000/1'
			}),
			stdio: ['ignore', 'pipe', 'pipe']
		})
	);
	let output = '';
	child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (!running(child)) throw new Error(`server exited during start:\n${output.slice(-3000)}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output.slice(-3000)}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return { child, pid: child.pid!, url, output: () => output };
}

// ---------------------------------------------------------------------------------------------------
// Measurement

const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc (0 when it is gone). */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
	} catch {
		return 0;
	}
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function fmt(ms: number): string {
	return Number.isFinite(ms) ? ms.toFixed(1) : 'NaN';
}

export function machine(): string {
	const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
	const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
	const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
	return `${os.availableParallelism()} cores (${cpu}), ${gib} GiB, Node ${process.version}, load average ${load}`;
}
