// The client side of `npm run bench:realtime`, forked by bench/realtime.ts as its own process: N real
// socket.io clients (websocket transport, session cookie) on one board, M of them moving cards.
// Every timestamp is taken in this one process (performance.now()), so sends and receipts share a clock.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import type { Lane } from '../src/lib/domain/board';
import { applyBoardEvent, boardStateFrom, cardsInCell, type BoardState } from '../src/lib/domain/board-state';
import type { BoardEvent } from '../src/lib/domain/events';
import type { Ack, CatchUp, CommandAck } from '../src/lib/domain/socket-protocol';
import { SESSION_COOKIE } from '../src/lib/server/auth/cookies';

export interface ClientsConfig {
	url: string;
	boardId: string;
	/** One session token per client; the first `movers.length` clients are the movers. */
	tokens: string[];
	/** The cards each mover moves (disjoint subsets, so no two movers race on one card). */
	movers: string[][];
	durationMs: number;
	/** How long after the end deliveries may still arrive before they count as lost. */
	graceMs: number;
}

export interface ClientsResult {
	clients: number;
	moves: number;
	refused: Record<string, number>;
	deliveries: number;
	/** `board:events` messages received in all (events arrive batched when several commit at once). */
	messages: number;
	expected: number;
	lost: number;
	misordered: number;
	/** Distinct seqs that arrived out of order somewhere (one swap on the server shows at every client). */
	misorderedSeqs: number[];
	latency: { p50: number; p90: number; p99: number; max: number; mean: number };
	ack: { p50: number; p99: number; max: number };
	moveSeconds: number;
	drainMs: number;
	connectMs: number;
	cpu: { moving: number; total: number };
}

type Message = { type: 'start'; config: ClientsConfig };

const LANES: Lane[] = ['team', 'system'];

function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(rank, sorted.length) - 1]!;
}

function send(message: unknown): void {
	process.send!(message);
}

interface Client {
	index: number;
	socket: Socket;
	lastSeq: number;
	misordered: number;
}

const misorderedSeqs = new Set<number>();

async function run(config: ClientsConfig): Promise<ClientsResult> {
	const n = config.tokens.length;
	const cpuStart = process.cpuUsage();
	/** seq → receipt time at each client (NaN until received). */
	const receipts = new Map<number, Float64Array>();
	let deliveries = 0;
	let messages = 0;
	let lastDelivery = 0;

	const clients: Client[] = [];
	const connectStarted = performance.now();

	const open = (index: number) =>
		new Promise<Client>((resolve, reject) => {
			const socket = connect(config.url, {
				transports: ['websocket'],
				extraHeaders: { cookie: `${SESSION_COOKIE}=${config.tokens[index]}` },
				reconnection: false,
				forceNew: true
			});
			const client: Client = { index, socket, lastSeq: 0, misordered: 0 };
			const receive = (event: BoardEvent, now: number) => {
				if (event.boardId !== config.boardId) return;
				if (event.seq !== client.lastSeq + 1) {
					client.misordered++;
					misorderedSeqs.add(event.seq);
				}
				if (event.seq > client.lastSeq) client.lastSeq = event.seq;
				let row = receipts.get(event.seq);
				if (!row) {
					row = new Float64Array(n).fill(NaN);
					receipts.set(event.seq, row);
				}
				if (Number.isNaN(row[index])) {
					row[index] = now;
					deliveries++;
					lastDelivery = now;
				}
			};
			socket.on('board:events', (events: BoardEvent[]) => {
				const now = performance.now();
				messages++;
				for (const event of events) receive(event, now);
			});
			socket.once('connect_error', (error) => reject(new Error(`client ${index}: ${error.message}`)));
			socket.once('connect', () => {
				socket.emit('board:join', { boardId: config.boardId }, (reply: Ack<CatchUp>) => {
					if (!reply.ok) return reject(new Error(`client ${index} join: ${reply.error.code}`));
					if (reply.mode !== 'snapshot') return reject(new Error(`client ${index} join: expected a snapshot`));
					client.lastSeq = Math.max(client.lastSeq, reply.snapshot.seq);
					(client as Client & { snapshot?: BoardState }).snapshot = boardStateFrom(
						config.boardId,
						reply.snapshot.seq,
						reply.snapshot.cards
					);
					resolve(client);
				});
			});
			socket.on('disconnect', (reason) => {
				if (!stopping) console.error(`client ${index} disconnected: ${reason}`);
			});
		});

	let stopping = false;
	// Connect and join in small waves, as a room of people arriving would (the handshake reads the session).
	const WAVE = 20;
	for (let i = 0; i < n; i += WAVE) {
		const wave = await Promise.all(Array.from({ length: Math.min(WAVE, n - i) }, (_, k) => open(i + k)));
		clients.push(...wave);
	}
	const connectMs = performance.now() - connectStarted;
	send({ type: 'joined', connectMs });
	// Let the presence burst of everyone joining pass before measuring.
	await new Promise((r) => setTimeout(r, 1500));

	// Movers: each keeps the board by applying events in seq order and moves its own cards.
	const sendTimes = new Map<number, { at: number; mover: number }>();
	const ackTimes: number[] = [];
	const refused: Record<string, number> = {};
	let moves = 0;
	const moversStarted = performance.now();
	const deadline = moversStarted + config.durationMs;
	const cpuMoving = process.cpuUsage();
	send({ type: 'moving' });

	const mover = async (index: number, cardIds: string[]) => {
		const client = clients[index]!;
		let state = (client as Client & { snapshot?: BoardState }).snapshot!;
		const early: BoardEvent[] = [];
		client.socket.on('board:events', (events: BoardEvent[]) => {
			early.push(...events.filter((event) => event.seq > state.seq));
			early.sort((a, b) => a.seq - b.seq);
			while (early.length && early[0]!.seq === state.seq + 1) state = applyBoardEvent(state, early.shift()!);
		});
		let turn = 0;
		while (performance.now() < deadline) {
			const cardId = cardIds[turn++ % cardIds.length]!;
			const card = state.cards[cardId]!;
			const lane = LANES[Math.floor(Math.random() * LANES.length)]!;
			const cell = cardsInCell(state.cards, 'problem', lane).filter((c) => c.id !== cardId);
			const command = {
				commandId: randomUUID(),
				type: 'card.move',
				boardId: config.boardId,
				cardId,
				version: card.version,
				column: 'problem',
				lane,
				index: Math.floor(Math.random() * (cell.length + 1))
			};
			const sentAt = performance.now();
			const reply = await new Promise<CommandAck>((resolve) =>
				client.socket.timeout(15_000).emit('command', command, (err: Error | null, ack: CommandAck) =>
					resolve(err ? { ok: false, error: { code: 'timeout', message: err.message } } : ack)
				)
			);
			ackTimes.push(performance.now() - sentAt);
			if (!reply.ok) {
				refused[reply.error.code] = (refused[reply.error.code] ?? 0) + 1;
				continue;
			}
			moves++;
			sendTimes.set(reply.seqs[config.boardId]!, { at: sentAt, mover: index });
			// Our own event normally arrives before the ack; if not, the ack's card is the newer truth.
			const known = state.cards[cardId]!;
			if (reply.card && reply.card.version > known.version) state = { ...state, cards: { ...state.cards, [cardId]: reply.card } };
		}
	};
	await Promise.all(config.movers.map((cardIds, i) => mover(i, cardIds)));
	const moveEnded = performance.now();
	const cpuMovingUsed = process.cpuUsage(cpuMoving);
	send({ type: 'moved' });

	// Wait for the deliveries still in flight, at most graceMs after the end.
	const expected = sendTimes.size * (n - 1);
	const received = () => {
		let k = 0;
		for (const [seq, { mover }] of sendTimes) {
			const row = receipts.get(seq);
			if (!row) continue;
			for (let i = 0; i < n; i++) if (i !== mover && !Number.isNaN(row[i])) k++;
		}
		return k;
	};
	while (performance.now() - moveEnded < config.graceMs && received() < expected) {
		await new Promise((r) => setTimeout(r, 50));
	}
	const got = received();
	stopping = true;

	// Latency of every delivery: a mover's send → receipt at each other client.
	const latencies = new Float64Array(got);
	let k = 0;
	let sum = 0;
	for (const [seq, { at, mover }] of sendTimes) {
		const row = receipts.get(seq);
		if (!row) continue;
		for (let i = 0; i < n; i++) {
			if (i === mover || Number.isNaN(row[i])) continue;
			const ms = row[i]! - at;
			latencies[k++] = ms;
			sum += ms;
		}
	}
	latencies.sort();
	const acks = Float64Array.from(ackTimes).sort();
	for (const client of clients) client.socket.close();
	const cpuTotal = process.cpuUsage(cpuStart);
	return {
		clients: n,
		moves,
		refused,
		deliveries,
		messages,
		expected,
		lost: expected - got,
		misordered: clients.reduce((s, c) => s + c.misordered, 0),
		misorderedSeqs: [...misorderedSeqs].sort((a, b) => a - b).slice(0, 20),
		latency: {
			p50: percentile(latencies, 50),
			p90: percentile(latencies, 90),
			p99: percentile(latencies, 99),
			max: latencies.length ? latencies[latencies.length - 1]! : NaN,
			mean: got ? sum / got : NaN
		},
		ack: { p50: percentile(acks, 50), p99: percentile(acks, 99), max: acks.length ? acks[acks.length - 1]! : NaN },
		moveSeconds: (moveEnded - moversStarted) / 1000,
		drainMs: Math.max(0, lastDelivery - moveEnded),
		connectMs,
		cpu: {
			moving: (cpuMovingUsed.user + cpuMovingUsed.system) / 1e6,
			total: (cpuTotal.user + cpuTotal.system) / 1e6
		}
	};
}

process.on('message', (message: Message) => {
	if (message.type !== 'start') return;
	run(message.config).then(
		(result) => {
			send({ type: 'result', result });
			process.disconnect?.();
			setTimeout(() => process.exit(0), 200).unref();
		},
		(error: unknown) => {
			send({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
			setTimeout(() => process.exit(1), 200).unref();
		}
	);
});
// Without a parent (run by hand), there is nothing to do.
if (!process.send) {
	console.error('bench/realtime-clients.ts is started by bench/realtime.ts');
	process.exit(2);
}
// Exit normally when the bench stops us, so `--cpu-prof` (BENCH_CLIENT_ARGS) still writes its profile.
process.on('SIGTERM', () => process.exit(0));
