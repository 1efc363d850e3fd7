import type { Actor } from '../../domain/access';
import { commandSchema, type BoardCommand } from '../../domain/commands';
import type { BoardEvent, CardView } from '../../domain/events';
import type { AppContext } from '../context';
import { parseInput } from '../services/errors';
import { pgErrorCode } from '../db/errors';
import { loadCardViews } from '../queries/cards';
import { BoardTransaction } from './board-transaction';
import { PublishOrder } from './publish-order';
import { configureBoard, recordRaid } from './board-settings';
import { catchItem, decide, throwBack, throwItem } from './catchball';
import { archiveCard, closeAsLearned, createCard, restoreCard, setEffort, updateCard } from './cards';
import { setLinkedTeams } from './links';
import { moveCard } from './move';
import { addComment, addEvidence, setOwners } from './record';

export interface CommandResult {
	/** The card the command changed (null for board commands: settings, raids). */
	cardId: string | null;
	/** The card after the command, as its home board sees it. */
	card: CardView | null;
	/** The events appended, one per board concerned, in commit order. */
	events: BoardEvent[];
}

export interface CommandOptions {
	/** When the command happened; only the demo seed back-dates. */
	at?: Date;
}

type Outcome = { cardId: string | null; card: CardView | null };
type Handler = (bt: BoardTransaction, command: BoardCommand) => Promise<Outcome>;

const handlers: { [T in BoardCommand['type']]: (bt: BoardTransaction, c: Extract<BoardCommand, { type: T }>) => Promise<Outcome> } = {
	'card.create': createCard,
	'card.update': updateCard,
	'card.set_effort': setEffort,
	'card.move': moveCard,
	'card.add_evidence': addEvidence,
	'card.comment': addComment,
	'card.set_owners': setOwners,
	'card.set_linked_teams': setLinkedTeams,
	'card.archive': archiveCard,
	'card.restore': restoreCard,
	'card.close_learned': closeAsLearned,
	'board.configure': configureBoard,
	'board.record_raid': recordRaid,
	'catchball.throw': throwItem,
	'catchball.catch': catchItem,
	'catchball.throw_back': throwBack,
	'catchball.decide': decide
};

/** One per process: the order this process's commits are broadcast in (see PublishOrder). */
const publishOrder = new PublishOrder();

// PostgreSQL aborts one of two transactions that deadlock (40P01) or fail to serialise (40001);
// the command is simply run again.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

/**
 * The one write path for boards: validate → (in one transaction) lock the boards concerned, authorise,
 * check the rules, apply, append to each board's event log → after commit, broadcast.
 */
export async function executeCommand(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	options: CommandOptions = {}
): Promise<CommandResult> {
	const command = parseInput(commandSchema, input);
	const handler = handlers[command.type] as Handler;
	for (let attempt = 1; ; attempt++) {
		try {
			const at = options.at ?? new Date();
			let events: BoardEvent[] = [];
			let notices: BoardTransaction['notices'] = [];
			let reservations: BoardTransaction['reservations'] = [];
			const publish = (ready: BoardEvent[]) => ready.length && ctx.realtime.publishBoardEvents(ready);
			let result: Awaited<ReturnType<Handler>>;
			try {
				result = await ctx.db.transaction(async (tx) => {
					const bt = new BoardTransaction(tx, actor, at);
					reservations = bt.reservations;
					const outcome = await handler(bt, command);
					// Reserved before the commit, so a later commit on the board waits for this one's broadcast.
					for (const r of bt.reservations) publishOrder.reserve(r.boardId, r.seq);
					events = bt.events;
					notices = bt.notices;
					return outcome;
				});
			} catch (error) {
				publishOrder.cancel(reservations, publish);
				throw error;
			}
			publishOrder.release(events, publish);
			for (const notice of notices) notice(ctx.realtime);
			return { ...result, events };
		} catch (error) {
			const code = pgErrorCode(error);
			if (attempt < MAX_ATTEMPTS && code && RETRYABLE.has(code)) continue;
			throw error;
		}
	}
}

/** A card command (tests, the demo seed): the same path, with the card it changed guaranteed. */
export async function executeCardCommand(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	options: CommandOptions = {}
): Promise<CommandResult & { cardId: string; card: CardView }> {
	const result = await executeCommand(ctx, actor, input, options);
	if (!result.cardId) throw new Error('expected a card command');
	// Moves answer without the card (their events carry the change); load it for the caller.
	const views = result.card ? null : await loadCardViews(ctx.db, result.cardId);
	const card = result.card ?? [...views!.entries()].find(([boardId, view]) => boardId === view.homeBoardId)?.[1] ?? null;
	if (!card) throw new Error('the card no longer shows on its board');
	return { ...result, cardId: result.cardId, card };
}
