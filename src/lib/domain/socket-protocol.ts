import type { BoardEvent, CardView, TeamRefView } from './events';
import type { Warnings } from './rules';
import type { BoardSettingsView } from './capacity';
import type { CatchballEntryView, SideRef } from './catchball';

/** What a refused command or request returns (docs/protocol.md lists the codes). */
export interface AckError {
	code: string;
	message: string;
	fields?: Record<string, string[]>;
	details?: unknown;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: AckError };

export interface BoardSnapshot {
	boardId: string;
	seq: number;
	cards: CardView[];
	settings: BoardSettingsView;
	/** The board's team (its header); null only for a board that no longer exists. */
	team: TeamRefView | null;
}

/** The answer to a join or a catch-up: the missing events when few enough, else a fresh snapshot. */
export type CatchUp = { mode: 'events'; events: BoardEvent[] } | { mode: 'snapshot'; snapshot: BoardSnapshot };

export interface PresenceEntry {
	userId: string;
	name: string;
	/** What the person is doing to a card right now, if anything. */
	activity: { cardId: string; kind: 'dragging' | 'editing' } | null;
}

/** Catch-up by events stops being worth it past this many; the client then takes a snapshot. */
export const MAX_CATCH_UP_EVENTS = 1000;

export interface ClientToServerEvents {
	'board:join': (request: { boardId: string; sinceSeq?: number }, ack: (reply: Ack<CatchUp>) => void) => void;
	'board:leave': (request: { boardId: string }) => void;
	'board:since': (request: { boardId: string; seq: number }, ack: (reply: Ack<CatchUp>) => void) => void;
	command: (command: unknown, ack: (reply: CommandAck) => void) => void;
	'presence:activity': (request: {
		boardId: string;
		activity: { cardId: string; kind: 'dragging' | 'editing' } | null;
	}) => void;
}

export interface ServerToClientEvents {
	/** New events of one board, in seq order (those committed in the same moment arrive together). */
	'board:events': (events: BoardEvent[]) => void;
	/** A catchball move anywhere in the organisation (inbox counts, session views). */
	catchball: (update: { cardId: string; title: string; homeTeam: SideRef; entry: CatchballEntryView }) => void;
	presence: (update: { boardId: string; people: PresenceEntry[] }) => void;
}

/**
 * A command's answer: the card after it (null for moves, whose events carry the change, and for board
 * commands), the seq of the event it added on each board concerned, what it was allowed despite on each
 * board (advisory gates, soft limits), and whether it repeats a command id applied before.
 */
export interface CommandAckBody {
	cardId: string | null;
	card: CardView | null;
	seqs: Record<string, number>;
	warnings?: Record<string, Warnings>;
	repeated?: true;
}

export type CommandAck = Ack<CommandAckBody>;
