import { spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A production server of a test's own (for data seeded beforehand, or a restart), run from the build
 * Playwright's web server made. PGlite is single-process: seed its folder before the server opens it.
 */
export async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
	const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
	return { child, output: () => output };
}

export function exited(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
		else child.once('exit', (code) => resolve(code));
	});
}

/** Runs a seed script with tsx and returns the JSON it prints on its last line. */
export async function seed<T>(script: string, args: string[]): Promise<T> {
	const job = run(path.join('node_modules', '.bin', 'tsx'), [script, ...args], { ...process.env, NODE_ENV: 'production' });
	const code = await exited(job.child);
	if (code !== 0) throw new Error(`${script} failed:\n${job.output()}`);
	return JSON.parse(job.output().trim().split('\n').at(-1)!) as T;
}

export async function startServer(port: number, dataDir: string) {
	const server = run(process.execPath, ['server.js'], {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	});
	// Waits on the server's own words, not a timer: it prints this line once it listens.
	await new Promise<void>((resolve, reject) => {
		const check = () => {
			if (server.output().includes('Catchball listening')) return resolve();
			if (server.child.exitCode !== null) return reject(new Error(`server exited:\n${server.output()}`));
		};
		server.child.stdout?.on('data', check);
		server.child.once('exit', check);
		check();
	});
	return server;
}

export async function stopServer(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const done = exited(child);
	child.kill('SIGTERM');
	const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await done;
	clearTimeout(force);
}
