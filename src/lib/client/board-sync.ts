import type { Socket } from 'socket.io-client';
import type { Column, Lane } from '../domain/board';
import { applyBoardEvent, boardStateFrom, cardsInCell, type BoardState } from '../domain/board-state';
import type { BoardCommandInput, CardFields } from '../domain/commands';
import type { BoardEvent, CardSummary } from '../domain/events';
import { keyForIndex } from '../domain/ordering';
import { sendCommand } from './send-command';
import type {
	Ack,
	AckError,
	CatchUp,
	CommandAck,
	ClientToServerEvents,
	PresenceEntry,
	ServerToClientEvents
} from '../domain/socket-protocol';

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'live' | 'catching-up' | 'offline';

export interface BoardSyncListener {
	/** The board as it should be shown: the server's state with this client's pending changes on top. */
	onChange?(view: BoardState, sync: BoardSync): void;
	onRefused?(error: AckError, command: BoardCommandInput): void;
	onPresence?(people: PresenceEntry[]): void;
	onStatus?(status: ConnectionStatus): void;
	/** A full snapshot replaced the state (joined, or too far behind for events). */
	onSnapshot?(): void;
}

type CommandReply = CommandAck;

interface PendingChange {
	id: number;
	apply(cards: Record<string, CardSummary>): void;
}

/**
 * Keeps one board in sync with the server: applies the board's events in seq order, catches up after a
 * gap or a reconnect (events when few, a snapshot otherwise), and shows this client's own commands at
 * once as pending changes until the server acknowledges (kept) or refuses them (rolled back).
 */
export class BoardSync {
	private confirmed: BoardState | null = null;
	private pending: PendingChange[] = [];
	private nextPendingId = 1;
	private catchingUp = false;
	private buffered: BoardEvent[] = [];
	private status: ConnectionStatus = 'connecting';
	private stopped = false;
	/** The last command sent (or waiting to be sent) per card; the next one on that card waits for it. */
	private inFlightByCard = new Map<string, Promise<CommandReply>>();
	/** Accepted commands whose events have not arrived yet: settled once the board reaches their seq. */
	private awaitingSeq: { seq: number; settle(): void }[] = [];
	/** How many snapshots were loaded (the first join counts): a replay by events adds none. */
	snapshots = 0;

	constructor(
		private readonly socket: BoardSocket,
		readonly boardId: string,
		private readonly listener: BoardSyncListener = {},
		/** The board as the page was given it: joining then asks only for the events after its seq. */
		initial: BoardState | null = null
	) {
		this.confirmed = initial;
		socket.on('board:events', this.handleEvents);
		socket.on('presence', this.handlePresence);
		socket.on('connect', this.handleConnect);
		socket.on('disconnect', this.handleDisconnect);
		if (socket.connected) this.handleConnect();
	}

	get state(): BoardState | null {
		return this.confirmed;
	}

	get seq(): number {
		return this.confirmed?.seq ?? 0;
	}

	get connection(): ConnectionStatus {
		return this.status;
	}

	/** The board with pending changes applied. */
	get view(): BoardState | null {
		if (!this.confirmed) return null;
		if (this.pending.length === 0) return this.confirmed;
		const cards = { ...this.confirmed.cards };
		for (const change of this.pending) change.apply(cards);
		return { ...this.confirmed, cards };
	}

	get hasPending(): boolean {
		return this.pending.length > 0;
	}

	stop(): void {
		this.stopped = true;
		this.socket.off('board:events', this.handleEvents);
		this.socket.off('presence', this.handlePresence);
		this.socket.off('connect', this.handleConnect);
		this.socket.off('disconnect', this.handleDisconnect);
		if (this.socket.connected) this.socket.emit('board:leave', { boardId: this.boardId });
		this.settleAwaiting(true);
	}

	/** Moves a card to `index` in a cell, at once on screen; the server decides. */
	move(cardId: string, column: Column, lane: Lane, index: number, undoes?: number): Promise<CommandReply> {
		const card = this.confirmed?.cards[cardId];
		if (!card) return Promise.resolve(missingCard());
		const view = this.view!;
		const cell = cardsInCell(view.cards, column, lane).filter((c) => c.id !== cardId);
		const { position } = keyForIndex(cell, index);
		return this.send(
			() => ({ type: 'card.move', boardId: this.boardId, cardId, version: this.versionOf(cardId, card.version), column, lane, index, ...(undoes ? { undoes } : {}) }),
			(cards) => {
				const current = cards[cardId];
				if (current) cards[cardId] = { ...current, column, lane, position };
			},
			cardId
		);
	}

	/** Edits fields of a card, carrying the version they were made on (a stale edit is refused). */
	update(cardId: string, changes: Partial<CardFields>, version?: number): Promise<CommandReply> {
		const card = this.confirmed?.cards[cardId];
		if (!card) return Promise.resolve(missingCard());
		return this.send(
			() => ({ type: 'card.update', cardId, version: version ?? this.versionOf(cardId, card.version), changes }),
			(cards) => {
				const current = cards[cardId];
				if (current) cards[cardId] = { ...current, ...changes };
			},
			cardId
		);
	}

	/** Any other command, without an optimistic change. */
	command(command: BoardCommandInput): Promise<CommandReply> {
		return this.send(() => command, null);
	}

	private versionOf(cardId: string, fallback: number): number {
		return this.confirmed?.cards[cardId]?.version ?? fallback;
	}

	/**
	 * Shows the change at once; sends the command when its card's previous command (if any) has
	 * settled, building it then, so two quick moves of one card (shift+arrow twice) carry the version
	 * the first produced instead of being refused as stale.
	 */
	private send(
		build: () => BoardCommandInput,
		apply: PendingChange['apply'] | null,
		cardId?: string
	): Promise<CommandReply> {
		const change = apply ? { id: this.nextPendingId++, apply } : null;
		if (change) {
			this.pending.push(change);
			this.changed();
		}
		const dispatch = () => this.dispatch(build(), change);
		if (!cardId) return dispatch();
		const previous = this.inFlightByCard.get(cardId);
		const sent = previous ? previous.then(dispatch) : dispatch();
		this.inFlightByCard.set(cardId, sent);
		void sent.then(() => {
			if (this.inFlightByCard.get(cardId) === sent) this.inFlightByCard.delete(cardId);
		});
		return sent;
	}

	private dispatch(command: BoardCommandInput, change: PendingChange | null): Promise<CommandReply> {
		return new Promise((resolve) => {
			const settle = (reply: CommandReply) => {
				if (change) this.pending = this.pending.filter((p) => p.id !== change.id);
				if (!reply.ok) this.listener.onRefused?.(reply.error, command);
				if (change || !reply.ok) this.changed();
				resolve(reply);
			};
			// The ack can overtake the command's own event (another socket message, or another instance's
			// broadcast): the change stays pending, and the caller waits, until the board has the event,
			// so the card does not jump back for a moment and the next command carries the new version.
			const settleWhenApplied = (reply: CommandReply) => {
				const seq = reply.ok ? reply.seqs[this.boardId] : undefined;
				if (seq === undefined || this.stopped || !this.socket.connected || (this.confirmed?.seq ?? 0) >= seq) {
					settle(reply);
					return;
				}
				// Should the broadcast be lost (and nothing after it come to show the gap), ask for it.
				const timer = setTimeout(() => this.catchUp(), EVENT_AFTER_ACK_MS);
				this.awaitingSeq.push({ seq, settle: () => (clearTimeout(timer), settle(reply)) });
			};
			void sendCommand(this.socket, command).then((reply) => {
				if (reply.ok) settleWhenApplied(reply);
				else settle(reply);
			});
		});
	}

	private changed(): void {
		const view = this.view;
		if (view) this.listener.onChange?.(view, this);
	}

	private handleConnect = (): void => {
		this.setStatus(this.confirmed ? 'catching-up' : 'connecting');
		this.catchingUp = true;
		this.socket.emit('board:join', { boardId: this.boardId, sinceSeq: this.confirmed?.seq }, (reply) =>
			this.finishCatchUp(reply)
		);
	};

	private handleDisconnect = (): void => {
		this.setStatus('offline');
		// The catch-up after reconnecting brings those events; nothing waits for it.
		this.settleAwaiting(true);
	};

	/** Settles the accepted commands the board has caught up with (or all of them). */
	private settleAwaiting(all = false): void {
		if (this.awaitingSeq.length === 0) return;
		const seq = this.confirmed?.seq ?? 0;
		const ready = all ? this.awaitingSeq : this.awaitingSeq.filter((w) => w.seq <= seq);
		if (ready.length === 0) return;
		this.awaitingSeq = all ? [] : this.awaitingSeq.filter((w) => w.seq > seq);
		for (const waiter of ready) waiter.settle();
	}

	private handlePresence = (update: { boardId: string; people: PresenceEntry[] }): void => {
		if (update.boardId === this.boardId) this.listener.onPresence?.(update.people);
	};

	private handleEvents = (events: BoardEvent[]): void => {
		let changed = false;
		for (const event of events) changed = this.receive(event) || changed;
		// One batch, one render.
		if (changed) this.changed();
		this.settleAwaiting();
	};

	/** Takes in one live event; true when the confirmed board changed. */
	private receive(event: BoardEvent): boolean {
		if (event.boardId !== this.boardId || this.stopped) return false;
		if (this.catchingUp || !this.confirmed) {
			this.buffered.push(event);
			return false;
		}
		if (event.seq <= this.confirmed.seq) return false;
		if (event.seq === this.confirmed.seq + 1) {
			this.confirmed = applyBoardEvent(this.confirmed, event);
			return true;
		}
		// A gap: some event did not reach us. Ask for what is missing, keep this one for after.
		this.buffered.push(event);
		this.catchUp();
		return false;
	}

	/** Asks for the events after the confirmed seq (applied by finishCatchUp). */
	private catchUp(): void {
		if (this.catchingUp || !this.confirmed || this.stopped || !this.socket.connected) return;
		this.catchingUp = true;
		this.setStatus('catching-up');
		this.socket.emit('board:since', { boardId: this.boardId, seq: this.confirmed.seq }, (reply) =>
			this.finishCatchUp(reply)
		);
	}

	private finishCatchUp(reply: Ack<CatchUp>): void {
		if (this.stopped) return;
		if (!reply.ok) {
			this.catchingUp = false;
			this.listener.onRefused?.(reply.error, { type: 'card.archive', cardId: '' });
			this.setStatus(this.socket.connected ? 'live' : 'offline');
			return;
		}
		if (reply.mode === 'snapshot') {
			this.snapshots++;
			this.confirmed = boardStateFrom(this.boardId, reply.snapshot.seq, reply.snapshot.cards, reply.snapshot.settings, reply.snapshot.team);
			this.listener.onSnapshot?.();
		} else if (this.confirmed) {
			for (const event of reply.events) {
				if (event.seq === this.confirmed.seq + 1) this.confirmed = applyBoardEvent(this.confirmed, event);
			}
		}
		this.catchingUp = false;
		const buffered = this.buffered.sort((a, b) => a.seq - b.seq);
		this.buffered = [];
		for (const event of buffered) this.receive(event);
		if (!this.catchingUp) this.setStatus('live');
		this.changed();
		this.settleAwaiting();
	}

	private setStatus(status: ConnectionStatus): void {
		if (this.status === status) return;
		this.status = status;
		this.listener.onStatus?.(status);
	}
}

/** How long an accepted command waits for its event before the client asks for the events it lacks. */
const EVENT_AFTER_ACK_MS = 3000;

function missingCard(): CommandReply {
	return { ok: false, error: { code: 'not_found', message: 'That card is no longer on this board.' } };
}
