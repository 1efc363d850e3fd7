// `npm run bench:board [-- --cards 500 --warmup 5 --requests 50 --rebuild]`
//
// A board with 500 cards (full records spread over every cell, seeded through executeCommand), the
// production server (`node server.js`, built) in its own process on a fresh PostgreSQL database, and:
// - ssr_p50_ms: the median time to the full response body of GET /teams/<teamId> (signed in by the
//   session cookie), requests one after another on a keep-alive connection, after warm-up requests;
// - js_gzip_kb: the JavaScript the board page loads before it is interactive: every script the HTML
//   references (modulepreload links, <script src>, the inline start script's import()s and the page
//   nodes it hydrates) and every module those import statically, each gzipped at level 9, summed, KiB.
// The last line printed is the machine-readable result.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { SESSION_COOKIE } from '../src/lib/server/auth/cookies';
import { silentHub } from '../src/lib/server/realtime/hub';
import type { AppContext } from '../src/lib/server/context';
import { seedBoard } from './seed-board';
import {
	createBenchDatabase,
	ensureBuild,
	flags,
	fmt,
	machine,
	percentile,
	serverVersion,
	snapshotApp,
	startServer,
	stop,
	stopAll,
	type BenchDatabase,
	type ServerProcess
} from './lib';

const options = flags({ cards: 500, linked: 50, warmup: 5, requests: 50 });
const CARDS = Math.floor(options.cards);
const LINKED = Math.min(Math.floor(options.linked), CARDS);

let database: BenchDatabase | undefined;
let app: ReturnType<typeof snapshotApp> | undefined;
let server: ServerProcess | undefined;

/** GET with the session cookie on a keep-alive connection: status, body, ms to the full body. */
function get(agent: http.Agent, url: string, cookie: string): Promise<{ status: number; body: string; ms: number; ttfbMs: number }> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = http.get(url, { agent, headers: { cookie, accept: 'text/html' } }, (res) => {
			const ttfbMs = performance.now() - started;
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started, ttfbMs })
			);
			res.on('error', reject);
		});
		req.on('error', reject);
	});
}

/**
 * The JS the page loads before it is interactive. Start from what the HTML names (modulepreload links,
 * script src, import("…") in inline scripts, and the page nodes the start script hydrates: `node_ids`
 * mapped through the app entry's `nodes` table), then follow static imports of each module.
 */
function pageScripts(html: string, pageUrl: string, clientDir: string): { files: string[]; fromHtml: number; later: string[] } {
	const start = new Set<string>();
	// Hrefs are relative to the page (`../_app/immutable/…`) or absolute paths.
	const resolveHref = (href: string) => path.join(clientDir, decodeURIComponent(new URL(href, pageUrl).pathname));
	for (const m of html.matchAll(/<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi)) {
		const href = /\bhref=["']?([^"' >]+)/i.exec(m[0])?.[1];
		if (href) start.add(resolveHref(href));
	}
	for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const src = /\bsrc=["']?([^"' >]+)/i.exec(m[1]!)?.[1];
		if (src) start.add(resolveHref(src));
		for (const imp of m[2]!.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)) start.add(resolveHref(imp[1]!));
	}
	const fromHtml = start.size;

	// The page's nodes (layouts + page), hydrated by the start script before the page is interactive.
	const nodeIds = /node_ids:\s*\[([\d,\s]+)\]/.exec(html)?.[1]?.split(',').map((s) => Number(s.trim())) ?? [];
	const appEntry = [...start].find((f) => /\/entry\/app\.[^/]+\.js$/.test(f));
	if (appEntry && nodeIds.length) {
		const source = readFileSync(appEntry, 'utf8');
		// `nodes/<id>.<hash>.js` (a node without its own component may be a shared chunk: modulepreload names it).
		for (const m of source.matchAll(/import\(\s*["'`](\.\.\/nodes\/(\d+)\.[^"'`]+\.js)["'`]\s*\)/g)) {
			if (nodeIds.includes(Number(m[2]))) start.add(path.resolve(path.dirname(appEntry), m[1]!));
		}
	}

	// kit's start also fetches the root error page (node 1) without awaiting it: reported, not counted.
	const later = new Set<string>();
	if (appEntry && !nodeIds.includes(1)) {
		const source = readFileSync(appEntry, 'utf8');
		const m = /import\(\s*["'`](\.\.\/nodes\/1\.[^"'`]+\.js)["'`]\s*\)/.exec(source);
		if (m) later.add(path.resolve(path.dirname(appEntry), m[1]!));
	}

	const closure = (roots: Iterable<string>, skip: Set<string> = new Set()) => {
		const seen = new Set<string>();
		const queue = [...roots];
		while (queue.length) {
			const file = queue.pop()!;
			if (seen.has(file) || skip.has(file) || !file.endsWith('.js')) continue;
			seen.add(file);
			const source = readFileSync(file, 'utf8');
			// Static imports and re-exports only (`import … from "x"`, `import "x"`, `export … from "x"`).
			for (const m of source.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g)) {
				queue.push(path.resolve(path.dirname(file), m[1]!));
			}
		}
		return seen;
	};
	const seen = closure(start);
	return { files: [...seen].sort(), fromHtml, later: [...closure(later, seen)].sort() };
}

async function main(): Promise<string> {
	console.log(`bench:board — ${CARDS} cards (${LINKED} of them linked from another team), ${options.warmup} warm-up + ${options.requests} measured requests`);
	console.log(`machine: ${machine()}`);
	console.log(`database: ${await serverVersion()}`);
	const build = await ensureBuild(options.rebuild);
	console.log(`build: ${build === 'fresh' ? 'build/ is newer than its sources, reused' : 'rebuilt'}`);
	app = snapshotApp();

	const seedStarted = Date.now();
	database = await createBenchDatabase('board');
	const ctx: AppContext = { db: database.db, realtime: silentHub };
	const { org, bench } = await seedBoard(ctx, CARDS, LINKED);
	await database.release();
	console.log(`seeded ${CARDS} cards in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (database ${database.name})`);

	server = await startServer(app.dir, database.url);
	console.log(`server: pid ${server.pid} at ${server.url}`);

	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const cookie = `${SESSION_COOKIE}=${org.people.Reader!.token}`;
	const pageUrl = `${server.url}/teams/${bench.teamId}`;
	const times: number[] = [];
	const ttfb: number[] = [];
	let html = '';
	for (let i = 0; i < options.warmup + options.requests; i++) {
		const res = await get(agent, pageUrl, cookie);
		if (res.status !== 200) throw new Error(`GET ${pageUrl} answered ${res.status}:\n${res.body.slice(0, 500)}`);
		if (i >= options.warmup) {
			times.push(res.ms);
			ttfb.push(res.ttfbMs);
		}
		html = res.body;
	}
	agent.destroy();
	if (process.env.BENCH_SAVE_HTML) writeFileSync(process.env.BENCH_SAVE_HTML, html);
	const rendered = (html.match(/Bench card \d+:/g) ?? []).length;
	const distinct = new Set(html.match(/Bench card \d+:/g) ?? []).size;
	times.sort((a, b) => a - b);
	ttfb.sort((a, b) => a - b);

	const clientDir = path.join(app.dir, 'build', 'client');
	const { files, fromHtml, later } = pageScripts(html, pageUrl, clientDir);
	let raw = 0;
	let gz = 0;
	const sizes = files.map((file) => {
		const bytes = readFileSync(file);
		const zipped = gzipSync(bytes, { level: 9 }).length;
		raw += bytes.length;
		gz += zipped;
		return { file: path.relative(clientDir, file), raw: bytes.length, gz: zipped };
	});
	let css = 0;
	for (const m of html.matchAll(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi)) {
		const href = /\bhref=["']?([^"' >]+)/i.exec(m[0])?.[1];
		if (href) css += gzipSync(readFileSync(path.join(clientDir, new URL(href, pageUrl).pathname)), { level: 9 }).length;
	}

	console.log('');
	console.log(`page             GET /teams/<id>: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB of HTML, ${distinct} distinct cards named (${rendered} mentions)`);
	console.log(`ssr (ms)         p50 ${fmt(percentile(times, 50))}  p90 ${fmt(percentile(times, 90))}  p99 ${fmt(percentile(times, 99))}  min ${fmt(times[0]!)}  (full body); first byte p50 ${fmt(percentile(ttfb, 50))}`);
	console.log(`js               ${files.length} modules (${fromHtml} named by the HTML): ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip -9; css ${(css / 1024).toFixed(1)} KiB gzip`);
	for (const s of sizes.sort((a, b) => b.gz - a.gz)) {
		console.log(`                 ${(s.gz / 1024).toFixed(1).padStart(6)} KiB  ${s.file}`);
	}
	const laterGz = later.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
	if (later.length) {
		console.log(`not counted      ${(laterGz / 1024).toFixed(1)} KiB gzip in ${later.length} module(s) kit fetches after start without awaiting (the root error page)`);
	}
	if (distinct < CARDS) console.log(`warning: the page names ${distinct} of ${CARDS} cards`);
	return `board cards=${CARDS} ssr_p50_ms=${fmt(percentile(times, 50))} js_gzip_kb=${(gz / 1024).toFixed(1)}`;
}

async function cleanUp(): Promise<void> {
	if (server) await stop(server.child);
	await stopAll();
	try {
		await database?.drop();
	} catch (error) {
		console.error('could not drop the bench database', error);
	}
	app?.remove();
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

main().then(
	async (line) => {
		await cleanUp();
		console.log(line);
		process.exit(0);
	},
	async (error: unknown) => {
		console.error(error);
		if (server) console.error(`server output (tail):\n${server.output().slice(-2000)}`);
		await cleanUp();
		process.exit(1);
	}
);
