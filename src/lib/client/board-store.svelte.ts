import type { Column, Lane } from '../domain/board';
import { boardStateFrom, cardsInCell } from '../domain/board-state';
import type { BoardCommandInput, CardFields } from '../domain/commands';
import type { CardView } from '../domain/events';
import { cellKey } from '../domain/limits';
import type { BoardSettingsView } from '../domain/capacity';
import { effortInUse } from '../domain/rules';
import type { AckError, CommandAck, PresenceEntry } from '../domain/socket-protocol';
import { BoardSync, type BoardSocket, type ConnectionStatus } from './board-sync';
import { matchesFilter, type CardFilter } from './filter';

export interface Notice {
	id: number;
	kind: 'error' | 'info';
	message: string;
	/** For a refused gate: the card whose checklist to open. */
	cardId?: string;
}

interface LastMove {
	cardId: string;
	column: Column;
	lane: Lane;
	index: number;
}

/**
 * The board page's state: the synced board (server state + own pending changes), presence, what is
 * selected or open, the filter, and notices for refused changes.
 */
export class BoardStore {
	cards = $state.raw<Record<string, CardView>>({});
	seq = $state(0);
	settings = $state.raw<BoardSettingsView>(undefined as unknown as BoardSettingsView);
	presence = $state.raw<PresenceEntry[]>([]);
	status = $state<ConnectionStatus>('connecting');
	notices = $state<Notice[]>([]);
	selectedId = $state<string | null>(null);
	openCardId = $state<string | null>(null);
	/** The column a refused move aimed at, so the opened checklist lists every gate up to it. */
	openTarget = $state<Column | null>(null);
	filter = $state<CardFilter>({ text: '', ownerId: '', category: '' });
	/** Moves made here, newest last, for ctrl+z. */
	private history: LastMove[] = [];
	private sync: BoardSync | null = null;
	private noticeId = 0;

	constructor(
		readonly boardId: string,
		readonly canWrite: boolean,
		initial: { seq: number; cards: CardView[]; settings: BoardSettingsView }
	) {
		this.seq = initial.seq;
		this.cards = boardStateFrom(boardId, initial.seq, initial.cards).cards;
		this.settings = initial.settings;
	}

	connect(socket: BoardSocket): () => void {
		this.sync = new BoardSync(socket, this.boardId, {
			onChange: (view) => {
				this.cards = view.cards;
				this.seq = view.seq;
				if (view.settings) this.settings = view.settings;
			},
			onPresence: (people) => (this.presence = people),
			onStatus: (status) => (this.status = status),
			onRefused: (error, command) => this.refused(error, command)
		});
		return () => {
			this.sync?.stop();
			this.sync = null;
		};
	}

	/** The visible cards of a cell, in order (the filter hides, it never reorders). */
	cell(column: Column, lane: Lane): CardView[] {
		return cardsInCell(this.cards, column, lane).filter((c) => matchesFilter(c, this.filter));
	}

	/** Every active card of a cell, filtered or not (indexes for moves count them all). */
	fullCell(column: Column, lane: Lane): CardView[] {
		return cardsInCell(this.cards, column, lane);
	}

	/** Effort in use on this board (its share of every active card). */
	get effortInUse(): number {
		return effortInUse(Object.values(this.cards).filter((c) => c.status === 'active'));
	}

	/** A cell's or column's limit and whether the board is over it now. */
	cellLimit(column: Column, lane: Lane): { limit: number; hard: boolean; count: number; over: boolean } | null {
		const limit = this.settings?.cellLimits[cellKey(column, lane)];
		if (!limit) return null;
		const count = this.fullCell(column, lane).length;
		return { ...limit, count, over: count > limit.limit };
	}

	columnLimit(column: Column): { limit: number; hard: boolean; count: number; over: boolean } | null {
		const limit = this.settings?.columnLimits[column];
		if (!limit) return null;
		const count = Object.values(this.cards).filter((c) => c.status === 'active' && c.column === column).length;
		return { ...limit, count, over: count > limit.limit };
	}

	get openCard(): CardView | null {
		return this.openCardId ? (this.cards[this.openCardId] ?? null) : null;
	}

	indexOf(card: CardView): number {
		return this.fullCell(card.column, card.lane).findIndex((c) => c.id === card.id);
	}

	async move(cardId: string, column: Column, lane: Lane, index: number, remember = true): Promise<CommandAck> {
		const card = this.cards[cardId];
		if (!this.sync || !card) return { ok: false, error: { code: 'offline', message: 'Not connected.' } };
		const from = { cardId, column: card.column, lane: card.lane, index: this.indexOf(card) };
		const reply = await this.sync.move(cardId, column, lane, index);
		if (reply.ok && remember) this.history.push(from);
		return reply;
	}

	/** Undoes this person's own last move (ctrl+z). */
	async undo(): Promise<void> {
		const last = this.history.pop();
		if (!last) return this.notify('info', 'Nothing to undo.');
		const reply = await this.move(last.cardId, last.column, last.lane, last.index, false);
		if (reply.ok) this.notify('info', 'Move undone.');
	}

	update(cardId: string, changes: Partial<CardFields>, version?: number): Promise<CommandAck> {
		if (!this.sync) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected.' } });
		return this.sync.update(cardId, changes, version);
	}

	command(command: BoardCommandInput): Promise<CommandAck> {
		if (!this.sync) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected.' } });
		return this.sync.command(command);
	}

	/** Tells others what this person is doing to a card (shown on their screens). */
	setActivity(activity: { cardId: string; kind: 'dragging' | 'editing' } | null, socket: BoardSocket): void {
		if (socket.connected) socket.emit('presence:activity', { boardId: this.boardId, activity });
	}

	activityOn(cardId: string, selfId: string): PresenceEntry | undefined {
		return this.presence.find((p) => p.userId !== selfId && p.activity?.cardId === cardId);
	}

	notify(kind: Notice['kind'], message: string, cardId?: string): void {
		const notice = { id: ++this.noticeId, kind, message, cardId };
		this.notices = [...this.notices.slice(-3), notice];
		setTimeout(() => this.dismiss(notice.id), kind === 'error' ? 8000 : 3000);
	}

	dismiss(id: number): void {
		this.notices = this.notices.filter((n) => n.id !== id);
	}

	private refused(error: AckError, command: BoardCommandInput): void {
		const cardId = 'cardId' in command ? command.cardId : undefined;
		// A stale edit is shown side by side in the card panel; a toast would only repeat it.
		if (error.code !== 'stale' || command.type !== 'card.update') {
			this.notify('error', error.message, error.code === 'gate_blocked' ? cardId : undefined);
		}
		// A refused gate opens the card's checklist, so the person sees what is missing.
		if (error.code === 'gate_blocked' && cardId) {
			this.openTarget = command.type === 'card.move' ? command.column : null;
			this.openCardId = cardId;
		}
	}
}
