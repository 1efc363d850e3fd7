import type { Column, Lane } from '../domain/board';
import { boardStateFrom, cardsByCell, type BoardState } from '../domain/board-state';
import type { BoardCommandInput, CardFields } from '../domain/commands';
import { isFullCard } from '../domain/card-summary';
import type { CardSummary, CardView, TeamRefView } from '../domain/events';
import type { BoardSettingsView } from '../domain/capacity';
import { cellKey, effortInUse, limitStatus, type LimitStatus } from '../domain/limits';
import type { AckError, CommandAck, PresenceEntry } from '../domain/socket-protocol';
import { BoardSync, type BoardSocket, type ConnectionStatus } from './board-sync';
import { filterCells, type CardFilter } from './filter';
import { KeyedLoader } from './keyed-loader.svelte';
import { judgeMoveHere } from './judge';
import { warningsInWords, type Decision } from '../domain/rules';

export interface Notice {
	id: number;
	kind: 'error' | 'warning' | 'info';
	message: string;
	/** For a refused gate: the card whose checklist to open. */
	cardId?: string;
}

const NO_CARDS: CardSummary[] = [];

interface LastMove {
	cardId: string;
	column: Column;
	lane: Lane;
	index: number;
	/** The seq of the move's event on this board: an undo names it. */
	seq: number;
}

/**
 * The board page's state: the synced board (server state + own pending changes), presence, what is
 * selected or open, the filter, and notices for refused changes.
 *
 * The board holds card summaries (the page's data); an event that changes more than a summary shows
 * carries the whole card, and the entry then is that card. The open card's whole record is loaded when
 * its panel opens and shown under the live entry (`openRecord`).
 */
export class BoardStore {
	cards = $state.raw<Record<string, CardSummary>>({});
	seq = $state(0);
	settings = $state.raw<BoardSettingsView>(undefined as unknown as BoardSettingsView);
	/** The board's team as its header and the page title show it (renamed live). */
	team = $state.raw<TeamRefView>(undefined as unknown as TeamRefView);
	presence = $state.raw<PresenceEntry[]>([]);
	status = $state<ConnectionStatus>('connecting');
	notices = $state<Notice[]>([]);
	selectedId = $state<string | null>(null);
	openCardId = $state<string | null>(null);
	/** The column a refused move aimed at, so the opened checklist lists every gate up to it. */
	openTarget = $state<Column | null>(null);
	filter = $state<CardFilter>({ text: '', ownerId: '', category: '' });
	/** The open card's entry on the board (a summary, or the whole card once an event brought it). */
	readonly openCard = $derived<CardSummary | null>(this.openCardId ? (this.cards[this.openCardId] ?? null) : null);
	/** The open card's whole record from GET /api/cards/:cardId, loaded when a panel opens (`loadOpenRecord`). */
	readonly record = new KeyedLoader<CardView>(
		() => `/api/cards/${encodeURIComponent(this.openCardId ?? '')}?boardId=${encodeURIComponent(this.boardId)}`,
		'this card'
	);
	/**
	 * The open card as its panel shows it: the loaded record under the live entry. The entry's fields are
	 * current (events keep them so); every event that changes a field it lacks carries the whole card, so
	 * the record's other fields are never older than what the board knows. Null while loading.
	 */
	readonly openRecord = $derived.by<CardView | null>(() => {
		const entry = this.openCard;
		if (!entry) return null;
		if (isFullCard(entry)) return entry;
		const record = this.record.data;
		return record && record.id === entry.id ? { ...record, ...entry } : null;
	});
	/** Every active card by cell, in order: computed once per change of the board, not per cell asked. */
	private readonly cells = $derived(cardsByCell(this.cards));
	/** The same with the filter applied (the filter hides, it never reorders). */
	private readonly visibleCells = $derived(filterCells(this.cells, this.filter));
	/** Moves made here, newest last, for ctrl+z. */
	private history: LastMove[] = [];
	private sync: BoardSync | null = null;
	/** The server's board as last confirmed (no pending changes): where a new sync starts from. */
	private confirmed: BoardState;
	/** Whether the board has been live since the page loaded. */
	private joined = false;
	private noticeId = 0;

	constructor(
		readonly boardId: string,
		readonly canWrite: boolean,
		initial: { seq: number; cards: CardSummary[]; settings: BoardSettingsView; team: TeamRefView }
	) {
		const team = { id: initial.team.id, name: initial.team.name };
		this.confirmed = boardStateFrom(boardId, initial.seq, initial.cards, initial.settings, team);
		this.seq = initial.seq;
		this.cards = this.confirmed.cards;
		this.settings = initial.settings;
		this.team = team;
	}

	connect(socket: BoardSocket): () => void {
		// Starting from the page's board, joining asks only for the events since (not a whole snapshot).
		this.sync = new BoardSync(
			socket,
			this.boardId,
			{
				onChange: (view, sync) => {
					this.cards = view.cards;
					this.seq = view.seq;
					if (view.settings) this.settings = view.settings;
					if (view.team) this.team = view.team;
					if (sync.state) this.confirmed = sync.state;
				},
				onPresence: (people) => (this.presence = people),
				// The first join replays the events since the page's data: still "connecting" to the person.
				onStatus: (status) => {
					if (status === 'live') this.joined = true;
					this.status = status === 'catching-up' && !this.joined ? 'connecting' : status;
				},
				onRefused: (error, command) => this.refused(error, command)
			},
			this.confirmed
		);
		return () => {
			this.sync?.stop();
			this.sync = null;
		};
	}

	/** The visible cards of a cell, in order (the filter hides, it never reorders). */
	cell(column: Column, lane: Lane): CardSummary[] {
		return this.visibleCells.get(cellKey(column, lane)) ?? NO_CARDS;
	}

	/** Every active card of a cell, filtered or not (indexes for moves count them all). */
	fullCell(column: Column, lane: Lane): CardSummary[] {
		return this.cells.get(cellKey(column, lane)) ?? NO_CARDS;
	}

	/** Effort in use on this board (its share of every active card). */
	get effortInUse(): number {
		return effortInUse(Object.values(this.cards).filter((c) => c.status === 'active'));
	}

	/** A cell's or column's limit and whether the board is over it now. */
	cellLimit(column: Column, lane: Lane): LimitStatus | null {
		return limitStatus(this.settings?.cellLimits[cellKey(column, lane)], this.fullCell(column, lane).length);
	}

	columnLimit(column: Column): LimitStatus | null {
		const limit = this.settings?.columnLimits[column];
		if (!limit) return null;
		return limitStatus(limit, Object.values(this.cards).filter((c) => c.status === 'active' && c.column === column).length);
	}

	/** The decision on moving a card to `to` on this board: a hint before trying (the server decides). */
	judgeMove(card: CardView, to: Column): Decision {
		return judgeMoveHere({ boardId: this.boardId, cards: this.cards, settings: this.settings }, card, to);
	}

	/** Loads the open card's whole record, unless the board already holds it (call from an effect). */
	loadOpenRecord(): void {
		const entry = this.openCard;
		if (entry && !isFullCard(entry)) void this.record.load(entry.id);
	}

	indexOf(card: CardSummary): number {
		return this.fullCell(card.column, card.lane).findIndex((c) => c.id === card.id);
	}

	async move(cardId: string, column: Column, lane: Lane, index: number, undoes?: number): Promise<CommandAck> {
		const card = this.cards[cardId];
		if (!this.sync || !card) return { ok: false, error: { code: 'offline', message: 'Not connected.' } };
		const from = { cardId, column: card.column, lane: card.lane, index: this.indexOf(card) };
		const reply = this.tellWarnings(await this.sync.move(cardId, column, lane, index, undoes));
		const seq = reply.ok ? reply.seqs[this.boardId] : undefined;
		if (seq !== undefined && !undoes) this.history.push({ ...from, seq });
		return reply;
	}

	/** Undoes this person's own last move (ctrl+z): the card goes back, keeping its days in that column. */
	async undo(): Promise<void> {
		const last = this.history.pop();
		if (!last) return this.notify('info', 'Nothing to undo.');
		const reply = await this.move(last.cardId, last.column, last.lane, last.index, last.seq);
		if (reply.ok) this.notify('info', 'Move undone.');
	}

	update(cardId: string, changes: Partial<CardFields>, version?: number): Promise<CommandAck> {
		if (!this.sync) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected.' } });
		return this.sync.update(cardId, changes, version).then((reply) => this.tellWarnings(reply));
	}

	command(command: BoardCommandInput): Promise<CommandAck> {
		if (!this.sync) return Promise.resolve({ ok: false, error: { code: 'offline', message: 'Not connected.' } });
		return this.sync.command(command).then((reply) => this.tellWarnings(reply));
	}

	/** What the server let a change through despite (advisory gates, soft limits): the person who made it is told. */
	private tellWarnings(reply: CommandAck): CommandAck {
		const warnings = reply.ok ? reply.warnings?.[this.boardId] : undefined;
		if (warnings) this.notify('warning', `Done. ${warningsInWords(warnings)}`);
		return reply;
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
		setTimeout(() => this.dismiss(notice.id), kind === 'info' ? 3000 : 8000);
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
