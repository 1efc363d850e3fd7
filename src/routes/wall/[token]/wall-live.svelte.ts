import { io } from 'socket.io-client';
import { BoardSync, type BoardSocket } from '$lib/client/board-sync';
import { watchBoards, type WatchedBoard } from '$lib/components/wall/watch-boards';
import type { BoardState } from '$lib/domain/board-state';
import type { WallBoardView } from '$lib/domain/walls';

export type WallConnection = 'connecting' | 'live' | 'reconnecting' | 'revoked';

export interface WallLiveOptions {
	token: string;
	/** Team walls: the boards to keep in sync (events applied here, in seq order, with catch-up). */
	boards: WallBoardView[];
	/** Organisation walls: the boards to listen to, with the seq the page's data reflects. */
	watch?: WatchedBoard[];
	/** Organisation walls: something changed on a watched board or in catchball; fetch the view again. */
	onChange?: () => void;
	/** Where the server is (the page's own origin by default). */
	origin?: string;
}

/** Most a retry waits, also socket.io's own backoff limit. */
const MAX_DELAY_MS = 30_000;
/** When nothing is drawn (a hidden tab), changes still reach the state this fast. */
const FLUSH_FALLBACK_MS = 250;

/**
 * The live side of a wall display: one read-only socket on the `/wall` namespace, authenticated by the
 * link's token. It reconnects forever with backoff (socket.io's own for lost transports; ours for
 * handshakes the server refused for a passing reason), catches up on every reconnect, and stops for
 * good when the link is revoked. Board changes are applied at most once a frame, so a burst of events
 * costs one render.
 */
export class WallLive {
	status = $state<WallConnection>('connecting');
	/** Since when (epoch ms) the display has been without a connection (null while live). */
	since = $state<number | null>(null);
	boards = $state.raw<Record<string, WallBoardView>>({});

	private socket: BoardSocket | null = null;
	private syncs: BoardSync[] = [];
	private watcher: ReturnType<typeof watchBoards> | null = null;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private retries = 0;
	/** Board states waiting for the next frame, by board. */
	private pending: Record<string, BoardState> = {};
	private frame = 0;
	private flushTimer: ReturnType<typeof setTimeout> | null = null;
	private stopped = false;

	constructor(private readonly options: WallLiveOptions) {
		this.boards = Object.fromEntries(options.boards.map((b) => [b.boardId, b]));
	}

	/** Opens the socket; returns the function that closes it. */
	start(): () => void {
		const socket = io(`${this.options.origin ?? ''}/wall`, {
			auth: { token: this.options.token },
			transports: ['websocket', 'polling'],
			reconnectionDelay: 1_000,
			reconnectionDelayMax: MAX_DELAY_MS
		}) as unknown as BoardSocket;
		this.socket = socket;

		socket.on('connect', this.handleConnect);
		socket.on('disconnect', this.handleDisconnect);
		socket.on('connect_error', this.handleConnectError);
		for (const board of this.options.boards) {
			this.syncs.push(new BoardSync(socket, board.boardId, { onChange: (view) => this.queue(view) }));
		}
		if (this.options.watch) {
			this.watcher = watchBoards(socket, this.options.watch, () => this.options.onChange?.());
		}
		return () => this.stop();
	}

	/** Organisation walls: listen to boards that appeared since (a new team). */
	watch(boards: WatchedBoard[]): void {
		this.watcher?.add(boards);
	}

	stop(): void {
		this.stopped = true;
		for (const sync of this.syncs) sync.stop();
		this.syncs = [];
		this.watcher?.stop();
		this.watcher = null;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		if (this.flushTimer) clearTimeout(this.flushTimer);
		if (this.frame) cancelAnimationFrame(this.frame);
		this.socket?.off();
		this.socket?.close();
		this.socket = null;
	}

	private handleConnect = (): void => {
		this.retries = 0;
		this.status = 'live';
		this.since = null;
	};

	private handleDisconnect = (reason: string): void => {
		if (this.stopped || this.status === 'revoked') return;
		this.lost();
		// The server ended this socket itself (the link was revoked, most likely): socket.io does not
		// reconnect after that, so ask again; the handshake says whether the link still works.
		if (reason === 'io server disconnect') this.retry(500);
	};

	private handleConnectError = (error: Error): void => {
		if (this.stopped) return;
		if (error.message === 'wall_revoked') {
			this.revoked();
			return;
		}
		this.lost();
		// A refused handshake (server_error, …) is not retried by socket.io; a lost transport is.
		if (!this.socket?.active) this.retry();
	};

	private lost(): void {
		if (this.status !== 'reconnecting') this.since = Date.now();
		this.status = 'reconnecting';
	}

	private retry(delay?: number): void {
		if (this.retryTimer || this.stopped) return;
		const backoff = Math.min(MAX_DELAY_MS, 1_000 * 2 ** this.retries++);
		this.retryTimer = setTimeout(() => {
			this.retryTimer = null;
			if (!this.stopped && this.socket && !this.socket.connected) this.socket.connect();
		}, delay ?? backoff * (0.5 + Math.random() / 2));
	}

	private revoked(): void {
		this.status = 'revoked';
		this.since = null;
		this.stop();
	}

	private queue(view: BoardState): void {
		this.pending[view.boardId] = view;
		if (this.frame || this.flushTimer) return;
		this.frame = requestAnimationFrame(this.flush);
		this.flushTimer = setTimeout(this.flush, FLUSH_FALLBACK_MS);
	}

	private flush = (): void => {
		if (this.frame) cancelAnimationFrame(this.frame);
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.frame = 0;
		this.flushTimer = null;
		const pending = Object.entries(this.pending);
		this.pending = {};
		if (this.stopped || pending.length === 0) return;
		const next = { ...this.boards };
		for (const [boardId, view] of pending) {
			const board = next[boardId];
			if (!board) continue;
			// The team's name follows renames; the rest of the team (leadership, time zone) is the page's.
			const team = view.team ? { ...board.team, name: view.team.name } : board.team;
			next[boardId] = { ...board, seq: view.seq, cards: view.cards, settings: view.settings ?? board.settings, team };
		}
		this.boards = next;
	};
}
