import type { Actor } from '../../domain/access';
import { commandSchema, type BoardCommand } from '../../domain/commands';
import type { BoardEvent, CardView } from '../../domain/events';
import type { Warnings } from '../../domain/rules';
import type { CommandAckBody } from '../../domain/socket-protocol';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { parseInput, ServiceError } from '../services/errors';
import { pgErrorCode } from '../db/errors';
import { sendNow } from '../db/client';
import { loadCardViews } from '../queries/cards';
import { eventsOfCommand } from '../queries/board';
import { BoardTransaction, RepeatedCommand } from './board-transaction';
import { processPublishOrder as publishOrder } from './publish-order';
import { CommandGroups } from './command-groups';
import { configureBoard, recordRaid } from './board-settings';
import { catchItem, decide, throwBack, throwItem } from './catchball';
import { archiveCard, closeAsLearned, createCard, restoreCard, setEffort, updateCard } from './cards';
import { setLinkedTeams } from './links';
import { moveCard } from './move';
import { addComment, addEvidence, setOwners } from './record';

export interface CommandResult {
	/** The card the command changed (null for board commands: settings, raids). */
	cardId: string | null;
	/** The card after the command, as its home board sees it; null for moves (their events carry the change) and board commands. */
	card: CardView | null;
	/** The events appended, one per board concerned, in commit order (for a repeat: the first attempt's). */
	events: BoardEvent[];
	/** The command id was applied before: this is that first outcome, and nothing was applied now. */
	repeated?: true;
}

export interface CommandOptions {
	/** When the command happened; only the demo seed back-dates. */
	at?: Date;
	/** The client's id for this command (a uuid): a repeat of an applied id is answered, not applied again. */
	commandId?: string;
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


// PostgreSQL aborts one of two transactions that deadlock (40P01) or fail to serialise (40001);
// the command is simply run again.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

interface Job {
	actor: Actor;
	command: BoardCommand;
	options: CommandOptions;
	resolve(result: CommandResult): void;
	reject(error: unknown): void;
}

/**
 * The one write path for boards: validate → (in one transaction) lock the boards concerned, authorise,
 * check the rules, apply, append to each board's event log → after commit, broadcast.
 *
 * Commands on one board (or else one card) queue behind that key's running transaction and run as a
 * group in the next one (CommandGroups); a lone command is a group of one.
 */
export async function executeCommand(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	options: CommandOptions = {}
): Promise<CommandResult> {
	const command = parseInput(commandSchema, input);
	return new Promise((resolve, reject) => groupsOf(ctx).submit(groupKey(command), { actor, command, options, resolve, reject }));
}

/** Commands that would take the same lock queue together: by board when they name one, else by card. */
function groupKey(command: BoardCommand): string {
	return 'boardId' in command ? `board:${command.boardId}` : `card:${command.cardId}`;
}

// One set of queues per database and hub (tests run several apps in one process).
const groups = new WeakMap<AppContext['db'], WeakMap<AppContext['realtime'], CommandGroups<Job>>>();

function groupsOf(ctx: AppContext): CommandGroups<Job> {
	let byHub = groups.get(ctx.db);
	if (!byHub) groups.set(ctx.db, (byHub = new WeakMap()));
	let found = byHub.get(ctx.realtime);
	if (!found) byHub.set(ctx.realtime, (found = new CommandGroups((jobs) => runGroup(ctx, jobs))));
	return found;
}

const publisherOf = (ctx: AppContext) => (ready: BoardEvent[]) => ready.length && ctx.realtime.publishBoardEvents(ready);

/** A refusal or a repeat: the command's own answer, which rolls back that command alone. */
const answersAlone = (error: unknown) => error instanceof ServiceError || error instanceof RepeatedCommand;

type Settled = { job: Job; bt: BoardTransaction; outcome: Outcome } | { job: Job; error: unknown };

/**
 * Runs commands in one transaction. In a group of several, each runs in a savepoint: a refusal
 * (ServiceError) or a repeat rolls back that command alone. Any other failure (a deadlock, a lost
 * connection, a statement that failed) ends the group; its commands then run again one by one. A group
 * of one needs no savepoint, and is run again when PostgreSQL aborts it for a deadlock.
 */
async function runGroup(ctx: AppContext, jobs: Job[], attempt = 1): Promise<void> {
	const publish = publisherOf(ctx);
	const alone = jobs.length === 1;
	const reserved: BoardTransaction['reservations'] = [];
	let settled: Settled[];
	try {
		settled = await ctx.db.transaction(async (tx) => {
			const results: Settled[] = [];
			for (const job of jobs) {
				const bt = new BoardTransaction(tx, job.actor, job.options.at ?? new Date(), job.options.commandId ?? null);
				// Sent now, ahead of the command's first statement and in the same round trip.
				const savepoint = alone ? null : sendNow(tx.execute(sql`savepoint command`));
				try {
					// Its appends are not waited for: the next command's statements follow them on the wire.
					const outcome = await (handlers[job.command.type] as Handler)(bt, job.command);
					await savepoint;
					// Reserved before the commit, so a later commit on the board waits for this one's broadcast.
					for (const r of bt.reservations) publishOrder.reserve(r.boardId, r.seq);
					reserved.push(...bt.reservations);
					results.push({ job, bt, outcome });
				} catch (error) {
					if (alone || !answersAlone(error)) throw error;
					await savepoint;
					await tx.execute(sql`rollback to savepoint command`);
					results.push({ job, error });
				}
			}
			for (const result of results) if ('bt' in result) await result.bt.settled();
			return results;
		});
	} catch (error) {
		publishOrder.cancel(reserved, publish);
		if (!alone) {
			for (const job of jobs) await runGroup(ctx, [job]);
			return;
		}
		const code = pgErrorCode(error);
		if (attempt < MAX_ATTEMPTS && code && RETRYABLE.has(code)) return runGroup(ctx, jobs, attempt + 1);
		settled = [{ job: jobs[0]!, error }];
	}
	publishOrder.release(
		settled.flatMap((s) => ('bt' in s ? s.bt.events : [])),
		publish
	);
	for (const s of settled) {
		if ('error' in s) {
			if (s.error instanceof RepeatedCommand) await answerRepeat(ctx, s.job, s.error.commandId);
			else s.job.reject(s.error);
			continue;
		}
		for (const notice of s.bt.notices) notice(ctx.realtime);
		s.job.resolve({ ...s.outcome, events: s.bt.events });
	}
}

/** A repeated command id: the first attempt's events and the card as it is now. */
async function answerRepeat(ctx: AppContext, job: Job, commandId: string): Promise<void> {
	try {
		const events = await eventsOfCommand(ctx.db, commandId);
		const first = events[0];
		const cardId = first ? cardIdOf(first) : null;
		const card = cardId && job.command.type !== 'card.move' ? homeView(await loadCardViews(ctx.db, cardId)) : null;
		job.resolve({ cardId, card, events, repeated: true });
	} catch (error) {
		job.reject(error);
	}
}

function cardIdOf(event: BoardEvent): string | null {
	if ('card' in event) return event.card.id;
	return 'cardId' in event ? event.cardId : null;
}

const homeView = (views: Map<string, CardView>) => [...views.entries()].find(([boardId, view]) => boardId === view.homeBoardId)?.[1] ?? null;

/** A command's answer to its client (docs/protocol.md, `CommandAck`). */
export function ackOf(result: CommandResult): CommandAckBody {
	const seqs = Object.fromEntries(result.events.map((e) => [e.boardId, e.seq]));
	const warned = result.events.filter((e) => 'warnings' in e && e.warnings);
	const warnings = Object.fromEntries(warned.map((e) => [e.boardId, (e as { warnings: Warnings }).warnings]));
	return {
		cardId: result.cardId,
		card: result.card,
		seqs,
		...(warned.length ? { warnings } : {}),
		...(result.repeated ? { repeated: true as const } : {})
	};
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
	const card = result.card ?? homeView(views!);
	if (!card) throw new Error('the card no longer shows on its board');
	return { ...result, cardId: result.cardId, card };
}
