// `npm run bench:realtime [-- --clients 200 --duration 10 --movers 5 --cards 50 --rebuild]`
//
// The production server (`node server.js`, built) in its own process on a fresh PostgreSQL database
// (stock settings: synchronous commit on; events are broadcast only after commit), and N real socket.io
// clients on one board in another process (bench/realtime-clients.ts). M of the clients move cards
// within the Problem column (between the Team and System lanes and positions: no gates), each awaiting
// the ack before its next move. Latency = a mover's send → receipt of the event at every other client.
// Lost = deliveries still missing 5 s after the end. Misordered = a client receiving a seq that is not
// its previous seq + 1. The last line printed is the machine-readable result.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { executeCommand } from '../src/lib/server/commands/service';
import { silentHub } from '../src/lib/server/realtime/hub';
import { seedOrganisation, type PersonSpec } from '../tests/helpers/fixtures';
import {
	backendPids,
	cpuSeconds,
	createBenchDatabase,
	ensureBuild,
	exitOf,
	flags,
	fmt,
	machine,
	root,
	serverVersion,
	snapshotApp,
	startServer,
	stop,
	stopAll,
	track,
	type BenchDatabase,
	type ServerProcess
} from './lib';
import type { ClientsConfig, ClientsResult } from './realtime-clients';

const options = flags({ clients: 200, duration: 10, movers: 5, cards: 50, grace: 5 });
const N = Math.floor(options.clients);
const M = Math.floor(options.movers);
const CARDS = Math.floor(options.cards);
if (N < 2 || M < 1 || M > N || CARDS < M) throw new Error('need clients ≥ 2, 1 ≤ movers ≤ clients, cards ≥ movers');

let database: BenchDatabase | undefined;
let app: ReturnType<typeof snapshotApp> | undefined;
let server: ServerProcess | undefined;
let clientsProcess: ChildProcess | undefined;

async function main(): Promise<string> {
	console.log(`bench:realtime — ${N} clients, ${M} movers, ${options.duration} s, ${CARDS} cards`);
	console.log(`machine: ${machine()}`);
	console.log(`database: ${await serverVersion()}`);
	const build = await ensureBuild(options.rebuild);
	console.log(`build: ${build === 'fresh' ? 'build/ is newer than its sources, reused' : 'rebuilt'}`);
	app = snapshotApp();

	// Seed through the real services: an org with one team, N people with sessions (movers are members
	// of the team so they may write; watchers are viewers), and the cards (created by the admin).
	const seedStarted = Date.now();
	database = await createBenchDatabase('rt');
	const ctx = { db: database.db, realtime: silentHub };
	const people: PersonSpec[] = Array.from({ length: N }, (_, i) =>
		i < M
			? { name: `Mover ${i + 1}`, role: 'member', teams: ['Bench'] }
			: { name: `Watcher ${i - M + 1}`, role: 'viewer' }
	);
	const org = await seedOrganisation(ctx, { name: 'Realtime bench', teams: ['Bench'], people });
	const { boardId } = org.teams.Bench!;
	const cardIds: string[] = [];
	for (let i = 0; i < CARDS; i++) {
		const lane = i % 2 === 0 ? 'team' : 'system';
		const result = await executeCommand(ctx, org.admin.actor, { type: 'card.create', boardId, title: `Bench card ${i + 1}`, lane });
		cardIds.push(result.cardId!);
	}
	await database.release();
	console.log(`seeded ${N} people and ${CARDS} cards in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (database ${database.name})`);

	server = await startServer(app.dir, database.url);
	console.log(`server: pid ${server.pid} at ${server.url}`);

	// The clients, in a process of their own.
	const config: ClientsConfig = {
		url: server.url,
		boardId,
		tokens: people.map((p) => org.people[p.name]!.token),
		movers: Array.from({ length: M }, (_, m) => cardIds.filter((_, i) => i % M === m)),
		durationMs: options.duration * 1000,
		graceMs: options.grace * 1000
	};
	const child = track(
		fork(path.join(root, 'bench', 'realtime-clients.ts'), [], {
			cwd: root,
			// BENCH_CLIENT_ARGS: extra node flags for the clients process (e.g. `--cpu-prof`).
			execArgv: ['--import', 'tsx', ...(process.env.BENCH_CLIENT_ARGS?.split(/\s+/).filter(Boolean) ?? [])],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		})
	);
	clientsProcess = child;
	const serverPid = server.pid;
	let cpu = { server: 0, clients: 0, postgres: 0, window: 0 };
	let pgPids: number[] = [];
	const pgCpu = () => pgPids.reduce((s, pid) => s + cpuSeconds(pid), 0);
	let mark = { server: 0, clients: 0, postgres: 0, at: 0 };
	let pgDone: Promise<void> = Promise.resolve();
	const result = await new Promise<ClientsResult>((resolve, reject) => {
		child.on('message', (message: { type: string; result?: ClientsResult; message?: string; connectMs?: number }) => {
			switch (message.type) {
				case 'joined':
					console.log(`connected and joined ${N} clients in ${((message.connectMs ?? 0) / 1000).toFixed(1)} s`);
					break;
				case 'moving':
					void backendPids(database!.name).then((pids) => {
						pgPids = pids;
						mark = { server: cpuSeconds(serverPid), clients: cpuSeconds(child.pid!), postgres: pgCpu(), at: Date.now() };
					});
					break;
				case 'moved': {
					const window = (Date.now() - mark.at) / 1000;
					const known = new Set(pgPids);
					const before = mark.postgres;
					const postgres = pgCpu() - before;
					cpu = { server: cpuSeconds(serverPid) - mark.server, clients: cpuSeconds(child.pid!) - mark.clients, postgres, window };
					// Connections the pool opened while moving count whole.
					pgDone = backendPids(database!.name).then((pids) => {
						const added = pids.filter((pid) => !known.has(pid));
						cpu.postgres += added.reduce((s, pid) => s + cpuSeconds(pid), 0);
					});
					break;
				}
				case 'result':
					resolve(message.result!);
					break;
				case 'error':
					reject(new Error(`clients process failed: ${message.message}`));
					break;
			}
		});
		void exitOf(child).then(({ code, signal }) => reject(new Error(`clients process exited (${code ?? signal})`)));
		child.send({ type: 'start', config });
	});

	await pgDone.catch(() => {});
	const pct = (s: number) => `${((100 * s) / Math.max(cpu.window, 0.001)).toFixed(0)}%`;
	console.log('');
	console.log(`moves accepted   ${result.moves} in ${result.moveSeconds.toFixed(1)} s (${(result.moves / result.moveSeconds).toFixed(0)}/s)` +
		(Object.keys(result.refused).length ? `; refused ${JSON.stringify(result.refused)}` : '; none refused'));
	console.log(`deliveries       ${result.expected - result.lost} of ${result.expected} expected (${result.deliveries} events received in all, in ${result.messages} board:events messages)`);
	console.log(`latency (ms)     p50 ${fmt(result.latency.p50)}  p90 ${fmt(result.latency.p90)}  p99 ${fmt(result.latency.p99)}  max ${fmt(result.latency.max)}  mean ${fmt(result.latency.mean)}`);
	console.log(`ack (ms)         p50 ${fmt(result.ack.p50)}  p99 ${fmt(result.ack.p99)}  max ${fmt(result.ack.max)}  (send → ack at the mover)`);
	console.log(`drain            last delivery ${fmt(result.drainMs)} ms after the movers stopped`);
	console.log(`cpu while moving server ${pct(cpu.server)}, clients ${pct(cpu.clients)}, postgres backends ${pct(cpu.postgres)} of one core (2 cores = 200%)`);
	const misorderedAt = result.misordered
		? ` (seqs ${result.misorderedSeqs.join(', ')}: events the server broadcast out of seq order reach every client so)`
		: '';
	console.log(`lost ${result.lost}, misordered ${result.misordered}${misorderedAt}`);
	return `realtime clients=${result.clients} moves=${result.moves} p50_ms=${fmt(result.latency.p50)} p99_ms=${fmt(result.latency.p99)} lost=${result.lost} misordered=${result.misordered}`;
}

async function cleanUp(): Promise<void> {
	if (clientsProcess) await stop(clientsProcess);
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
