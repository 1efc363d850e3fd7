// `npm run bench:wall [-- --events 50000 --warmup 2000 --every 10000 --cards 6 --movers 3 --rebuild]`
//
// Memory of a wall display that stays open for days: the production server (`node server.js`, built) in
// its own process on a throwaway PostgreSQL database, a team wall link made with createWallLink, the wall
// page open in Chromium (1920×1080), and a member moving cards over socket.io commands as fast as the acks
// allow (a few cards within the Problem column, between the Team and System lanes, so no gate or limit
// interferes). After a warm-up and after every `every` events: wait until the page has applied every
// event (its board seq equals the server's), force a GC and read the page's JS heap through CDP
// (HeapProfiler.collectGarbage, Runtime.getHeapUsage), and the server's RSS (/proc/<pid>/status VmRSS).
// At the end the page must show the server's board (seq and the cards in each cell). Writes the samples
// to docs/performance-wall.md; the last line printed is the machine-readable result.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { Lane } from '../src/lib/domain/board';
import type { CommandAck } from '../src/lib/domain/socket-protocol';
import { SESSION_COOKIE } from '../src/lib/server/auth/cookies';
import { executeCommand } from '../src/lib/server/commands/service';
import type { AppContext } from '../src/lib/server/context';
import { silentHub } from '../src/lib/server/realtime/hub';
import { createWallLink } from '../src/lib/server/services/walls';
import { seedOrganisation } from '../tests/helpers/fixtures';
import {
	createBenchDatabase,
	ensureBuild,
	flags,
	machine,
	root,
	serverVersion,
	snapshotApp,
	startServer,
	stop,
	stopAll,
	type BenchDatabase,
	type ServerProcess
} from './lib';

const options = flags({ events: 50_000, warmup: 2_000, every: 10_000, cards: 6, movers: 3 });
const EVENTS = Math.floor(options.events);
const CARDS = Math.max(2, Math.floor(options.cards));
const MOVERS = Math.max(1, Math.min(Math.floor(options.movers), CARDS));
const REPORT = path.join(root, 'docs', 'performance-wall.md');

let database: BenchDatabase | undefined;
let app: ReturnType<typeof snapshotApp> | undefined;
let server: ServerProcess | undefined;
let browser: Browser | undefined;
let mover: Socket | undefined;

interface Sample {
	label: string;
	events: number;
	seconds: number;
	heapMb: number;
	rssMb: number;
}

interface SoakCard {
	id: string;
	version: number;
	lane: Lane;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;

function rssMb(pid: number): number {
	const kb = Number(/VmRSS:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
	return Math.round((kb / 1024) * 10) / 10;
}

async function pageSeq(page: Page): Promise<number> {
	return page.evaluate(() => Number(document.querySelector('[data-board-seq]')?.getAttribute('data-board-seq') ?? -1));
}

/** Waits until the wall has applied every event up to `seq`. */
async function caughtUp(page: Page, seq: number, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const shown = await pageSeq(page);
		if (shown === seq) return;
		if (Date.now() > deadline) throw new Error(`the wall shows seq ${shown}, the server is at ${seq}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

async function heapMb(cdp: CDPSession): Promise<number> {
	// Twice: the first collection can leave finalisation work behind for the second.
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return mb(usedSize);
}

async function main(): Promise<string> {
	console.log(`bench:wall — ${EVENTS} events (after ${options.warmup} warm-up) to a team wall in Chromium, ${CARDS} cards, ${MOVERS} movers`);
	console.log(`machine: ${machine()}`);
	const databaseVersion = await serverVersion();
	console.log(`database: ${databaseVersion}`);
	const build = await ensureBuild(options.rebuild);
	console.log(`build: ${build === 'fresh' ? 'build/ is newer than its sources, reused' : 'rebuilt'}`);
	app = snapshotApp();

	database = await createBenchDatabase('wall');
	const ctx: AppContext = { db: database.db, realtime: silentHub };
	const org = await seedOrganisation(ctx, {
		teams: ['Soak'],
		people: [
			{ name: 'Lee', role: 'leader' },
			{ name: 'Mo', role: 'member', teams: ['Soak'] }
		]
	});
	const { boardId, teamId } = org.teams.Soak!;
	const mo = org.people.Mo!;
	const cards: SoakCard[] = [];
	let seededSeq = 0;
	for (let i = 1; i <= CARDS; i++) {
		const created = await executeCommand(ctx, mo.actor, { type: 'card.create', boardId, title: `Soak card ${i}: test data is refreshed by hand` });
		cards.push({ id: created.cardId!, version: created.card!.version, lane: 'team' });
		seededSeq = Math.max(seededSeq, ...created.events.filter((e) => e.boardId === boardId).map((e) => e.seq));
	}
	const link = await createWallLink(ctx, org.people.Lee!.actor, { name: 'Soak TV', scope: 'team', teamIds: [teamId] });
	await database.release();

	server = await startServer(app.dir, database.url);
	console.log(`server: pid ${server.pid} at ${server.url}`);

	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
	});
	const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
	const pageErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(String(error)));
	let reloads = -1;
	page.on('load', () => reloads++);
	await page.goto(`${server.url}${link.path}`);
	await page.waitForSelector('[data-testid="wall-status"][data-state="live"]', { timeout: 30_000 });
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.enable');

	mover = io(server.url, { transports: ['websocket'], extraHeaders: { cookie: `${SESSION_COOKIE}=${mo.token}` }, reconnection: false });
	await new Promise<void>((resolve, reject) => {
		mover!.once('connect', resolve);
		mover!.once('connect_error', reject);
	});

	let sent = 0;
	let done = 0;
	/** Moves sent and not refused (accepted or still in flight). */
	let issued = 0;
	let serverSeq = seededSeq;
	const refused: Record<string, number> = {};
	const move = (card: SoakCard) =>
		new Promise<boolean>((resolve, reject) => {
			const lane: Lane = card.lane === 'team' ? 'system' : 'team';
			mover!.timeout(15_000).emit(
				'command',
				{ type: 'card.move', boardId, cardId: card.id, version: card.version, column: 'problem', lane, index: 0 },
				(err: Error | null, ack: CommandAck) => {
					if (err) return reject(err);
					if (!ack || typeof ack !== 'object') return reject(new Error(`unexpected ack ${JSON.stringify(ack)}`));
					if (ack.ok) {
						// A move answers without the card (the hot path): its version went up by one.
						card.version = ack.card?.version ?? card.version + 1;
						card.lane = lane;
						serverSeq = Math.max(serverSeq, ack.seqs[boardId] ?? 0);
						done++;
					} else {
						refused[ack.error.code] = (refused[ack.error.code] ?? 0) + 1;
						const current = (ack.error.details as { card?: { version: number; lane: Lane } } | undefined)?.card;
						if (current) Object.assign(card, { version: current.version, lane: current.lane });
					}
					resolve(ack.ok);
				}
			);
		});
	/** Moves until exactly `target` more events were accepted; each mover owns its cards (no stale versions). */
	const stream = async (target: number) => {
		const goal = issued + target;
		await Promise.all(
			Array.from({ length: MOVERS }, async (_, m) => {
				const mine = cards.filter((_, i) => i % MOVERS === m);
				for (let k = 0; issued < goal; k++) {
					issued++;
					sent++;
					if (!(await move(mine[k % mine.length]!))) issued--;
				}
			})
		);
	};

	const started = performance.now();
	const samples: Sample[] = [];
	const sample = async (label: string, events: number) => {
		await caughtUp(page, serverSeq);
		const s = { label, events, seconds: Math.round((performance.now() - started) / 100) / 10, heapMb: await heapMb(cdp), rssMb: rssMb(server!.pid) };
		samples.push(s);
		console.log(`${label.padEnd(10)} events ${String(events).padStart(6)}  t ${String(s.seconds).padStart(6)} s  page heap ${s.heapMb.toFixed(2)} MB  server rss ${s.rssMb.toFixed(1)} MB`);
	};

	await sample('start', 0);
	await stream(options.warmup);
	await sample('warm-up', 0);
	const measuredFrom = done;
	const sentBefore = sent;
	const streamStarted = performance.now();
	while (done - measuredFrom < EVENTS) {
		await stream(Math.min(options.every, EVENTS - (done - measuredFrom)));
		await sample('streaming', done - measuredFrom);
	}
	const streamSeconds = (performance.now() - streamStarted) / 1000;

	// The page shows the server's board: the same seq, and each cell holds the cards the server has there.
	const { default: postgres } = await import('postgres');
	const sql = postgres(database.url, { max: 1, onnotice: () => {} });
	let lastSeq = 0;
	try {
		const [row] = await sql`select last_seq from boards where id = ${boardId}`;
		lastSeq = Number(row!.last_seq);
	} finally {
		await sql.end({ timeout: 5 });
	}
	const shownSeq = await pageSeq(page);
	if (shownSeq !== lastSeq) throw new Error(`the wall shows seq ${shownSeq}, the database has ${lastSeq}`);
	const expected = { team: cards.filter((c) => c.lane === 'team').length, system: cards.filter((c) => c.lane === 'system').length };
	// (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
	const [team, system] = await page.evaluate((keys) =>
		keys.map((key) => Number(/: (\d+) cards?$/.exec(document.querySelector(`[data-cell="${key}"]`)?.getAttribute('aria-label') ?? '')?.[1] ?? -1)),
		['problem:team', 'problem:system']
	);
	const shown = { team, system };
	if (shown.team !== expected.team || shown.system !== expected.system) {
		throw new Error(`the wall shows ${JSON.stringify(shown)} cards per cell, the server has ${JSON.stringify(expected)}`);
	}
	if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.slice(0, 3).join(' | ')}`);
	const status = await page.getAttribute('[data-testid="wall-status"]', 'data-state');

	const warm = samples.find((s) => s.label === 'warm-up')!;
	const end = samples.at(-1)!;
	const growth = Math.round(((end.heapMb - warm.heapMb) / warm.heapMb) * 1000) / 10;
	const rate = Math.round((done - measuredFrom) / streamSeconds);
	console.log('');
	console.log(`streamed ${done - measuredFrom} events in ${streamSeconds.toFixed(1)} s (${rate}/s), ${sent - sentBefore} move commands sent, refused ${JSON.stringify(refused)}`);
	console.log(`page: seq ${shownSeq} = database ${lastSeq}, cells ${JSON.stringify(shown)}, status ${status}, reloads ${reloads}, no page errors`);
	console.log(`heap after warm-up ${warm.heapMb.toFixed(2)} MB, after the run ${end.heapMb.toFixed(2)} MB: ${growth >= 0 ? '+' : ''}${growth}% (limit ±20%)`);

	writeReport(samples, { growth, rate, streamSeconds, lastSeq, reloads, database: databaseVersion });
	if (Math.abs(growth) > 20) console.log('warning: the page heap grew by more than 20%');
	return `wall events=${done - measuredFrom} heap_warm_mb=${warm.heapMb.toFixed(2)} heap_end_mb=${end.heapMb.toFixed(2)} growth_pct=${growth} server_rss_start_mb=${warm.rssMb.toFixed(1)} server_rss_end_mb=${end.rssMb.toFixed(1)}`;
}

function writeReport(
	samples: Sample[],
	run: { growth: number; rate: number; streamSeconds: number; lastSeq: number; reloads: number; database: string }
) {
	const rows = samples.map((s) => `| ${s.label} | ${s.events} | ${s.seconds} | ${s.heapMb.toFixed(2)} | ${s.rssMb.toFixed(1)} |`);
	const text = `## Wall display: memory over 50,000 events

A wall display stays open for days; its memory must stay flat. \`npm run bench:wall\` (bench/wall-soak.ts) runs
the production server (\`node server.js\`, built) in its own process on a throwaway PostgreSQL database,
opens a team wall link (made with \`createWallLink\`) in Chromium at 1920×1080, and has a member move cards
over socket.io commands as fast as the acks allow (${CARDS} cards within the Problem column, between the Team
and System lanes, ${MOVERS} movers each with their own cards). After a warm-up of ${options.warmup} events and after every
${options.every} events it waits until the page has applied every event (its board seq equals the server's), forces a GC
and reads the page's JS heap through CDP (\`HeapProfiler.collectGarbage\`, \`Runtime.getHeapUsage\`: used
size), and the server's RSS (\`/proc/<pid>/status\` VmRSS). At the end the page shows the server's board:
seq ${run.lastSeq} on both sides, and each cell holds the cards the server has there.

- Machine: ${machine()} (the load average includes whatever else ran on the machine)
- Database: ${run.database}
- Command: \`npm run bench:wall\` (${new Date().toISOString().slice(0, 10)})
- Streamed ${EVENTS} events in ${run.streamSeconds.toFixed(1)} s (${run.rate} events/s); the page reloaded ${run.reloads} times and stayed live.

| sample | events (after warm-up) | time (s) | page JS heap (MB) | server RSS (MB) |
|---|---:|---:|---:|---:|
${rows.join('\n')}

Page heap after the run vs after warm-up: **${run.growth >= 0 ? '+' : ''}${run.growth}%** (target: within 20%).

What keeps it flat: the wall holds one state per board (the sync engine's confirmed state, replaced per
event, never a log), applies a burst of events in one render per frame, renders only the cards that fit
each cell, and keeps no per-event history.
`;
	writeFileSync(REPORT, text);
	console.log(`wrote ${path.relative(root, REPORT)}`);
}

async function cleanUp(): Promise<void> {
	mover?.close();
	await browser?.close().catch(() => {});
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
// Whatever goes wrong, the server, the browser and the database go too.
process.on('uncaughtException', (error) => {
	console.error(error);
	void cleanUp().then(() => process.exit(1));
});

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
