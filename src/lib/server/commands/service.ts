import type { Actor } from '../../domain/access';
import { commandSchema, type BoardCommand } from '../../domain/commands';
import type { BoardEvent, CardView } from '../../domain/events';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import { parseInput, ServiceError } from '../services/errors';
import { pgErrorCode } from '../db/errors';
import { sendNow } from '../db/client';
import { loadCardViews } from '../queries/cards';
import { BoardTransaction } from './board-transaction';
import { PublishOrder } from './publish-order';
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
 * Commands naming a board (or else a card) queue behind that key's running transaction and run as a
 * group in the next one (CommandGroups): each still locks, authorises, checks and applies on its own,
 * inside a savepoint, so a refused command changes nothing and the others commit.
 */
export async function executeCommand(
	ctx: AppContext,
	actor: Actor,
	input: unknown,
	options: CommandOptions = {}
): Promise<CommandResult> {
	const command = parseInput(commandSchema, input);
	const key = groupKey(command);
	if (!key) return runAlone(ctx, actor, command, options);
	return new Promise((resolve, reject) => groupsOf(ctx).submit(key, { actor, command, options, resolve, reject }));
}

/** Commands that would take the same lock queue together: by board when they name one, else by card. */
function groupKey(command: BoardCommand): string | null {
	if ('boardId' in command) return `board:${command.boardId}`;
	if ('cardId' in command) return `card:${command.cardId}`;
	return null;
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

/** One command in its own transaction, run again when PostgreSQL aborts it for a deadlock. */
async function runAlone(ctx: AppContext, actor: Actor, command: BoardCommand, options: CommandOptions): Promise<CommandResult> {
	const handler = handlers[command.type] as Handler;
	const publish = publisherOf(ctx);
	for (let attempt = 1; ; attempt++) {
		try {
			const at = options.at ?? new Date();
			let events: BoardEvent[] = [];
			let notices: BoardTransaction['notices'] = [];
			let reservations: BoardTransaction['reservations'] = [];
			let result: Awaited<ReturnType<Handler>>;
			try {
				result = await ctx.db.transaction(async (tx) => {
					const bt = new BoardTransaction(tx, actor, at);
					reservations = bt.reservations;
					const outcome = await handler(bt, command);
					await bt.settled();
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

type Settled = { job: Job; bt: BoardTransaction; outcome: Outcome } | { job: Job; error: unknown };

/**
 * Several commands in one transaction, each in a savepoint: a refusal (ServiceError) rolls back that
 * command alone. Any other failure (a deadlock, a lost connection, a statement that failed) ends the
 * group; its commands then run one by one, each with its own retries and its own answer.
 */
async function runGroup(ctx: AppContext, jobs: Job[]): Promise<void> {
	if (jobs.length === 1) {
		const [job] = jobs as [Job];
		await runAlone(ctx, job.actor, job.command, job.options).then(job.resolve, job.reject);
		return;
	}
	const publish = publisherOf(ctx);
	const reserved: BoardTransaction['reservations'] = [];
	let settled: Settled[];
	try {
		settled = await ctx.db.transaction(async (tx) => {
			const results: Settled[] = [];
			for (const job of jobs) {
				const bt = new BoardTransaction(tx, job.actor, job.options.at ?? new Date());
				// Sent now, ahead of the command's first statement and in the same round trip.
				const savepoint = sendNow(tx.execute(sql`savepoint command`));
				try {
					// Its appends are not waited for: the next command's statements follow them on the wire.
					const outcome = await (handlers[job.command.type] as Handler)(bt, job.command);
					await savepoint;
					for (const r of bt.reservations) publishOrder.reserve(r.boardId, r.seq);
					reserved.push(...bt.reservations);
					results.push({ job, bt, outcome });
				} catch (error) {
					if (!(error instanceof ServiceError)) throw error;
					await savepoint;
					await tx.execute(sql`rollback to savepoint command`);
					results.push({ job, error });
				}
			}
			for (const result of results) if ('bt' in result) await result.bt.settled();
			return results;
		});
	} catch {
		publishOrder.cancel(reserved, publish);
		for (const job of jobs) await runAlone(ctx, job.actor, job.command, job.options).then(job.resolve, job.reject);
		return;
	}
	publishOrder.release(
		settled.flatMap((s) => ('bt' in s ? s.bt.events : [])),
		publish
	);
	for (const s of settled) {
		if ('error' in s) {
			s.job.reject(s.error);
			continue;
		}
		for (const notice of s.bt.notices) notice(ctx.realtime);
		s.job.resolve({ ...s.outcome, events: s.bt.events });
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
