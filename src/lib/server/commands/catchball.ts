import { eq } from 'drizzle-orm';
import { canActForSide, type TeamRef } from '../../domain/access';
import { catchballStateOf, sideName, type CatchballEntryView, type SideRef } from '../../domain/catchball';
import type { CatchballKind } from '../../domain/board';
import type { CommandOf } from '../../domain/commands';
import { boards, catchballEntries, teams } from '../db/schema';
import { loadThreads } from '../queries/catchball';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCard, type LockedCard } from './card-access';
import { emitCardEvent } from './emit';

interface Side extends SideRef {
	organisationId: string;
	boardId: string;
}

async function sideOf(bt: BoardTransaction, teamId: string): Promise<Side | null> {
	const [row] = await bt.tx
		.select({
			id: teams.id,
			name: teams.name,
			isLeadership: teams.isLeadership,
			organisationId: teams.organisationId,
			boardId: boards.id
		})
		.from(teams)
		.innerJoin(boards, eq(boards.teamId, teams.id))
		.where(eq(teams.id, teamId));
	return row && row.organisationId === bt.actor.organisationId ? row : null;
}

const asTeamRef = (side: Side): TeamRef => ({ id: side.id, organisationId: side.organisationId, isLeadership: side.isLeadership });

/** The card, its thread so far, and where the item is now. */
async function open(bt: BoardTransaction, cardId: string) {
	if (bt.actor.role === 'viewer') throw new ServiceError('forbidden', 'Viewers follow catchball but do not take part.');
	const locked = await lockCard(bt, cardId);
	const thread = (await loadThreads(bt.tx, [cardId])).get(cardId) ?? [];
	return { locked, thread, state: catchballStateOf(thread) };
}

function requireActsFor(bt: BoardTransaction, side: Side, what: string): void {
	if (!canActForSide(bt.actor, asTeamRef(side))) {
		throw new ServiceError('forbidden', `Only ${side.isLeadership ? 'leaders' : `members of ${side.name}`} can ${what}.`);
	}
}

/**
 * Appends a catchball entry and its events: `card.catchball` on every board the card shows on, and
 * `catchball.noted` on the boards of the sides involved that do not show it, so each log is complete.
 */
async function record(
	bt: BoardTransaction,
	{ card }: LockedCard,
	entry: { kind: CatchballKind; from: Side; to: Side; message?: string; ask?: string; brief?: { will: string; how: string; need: string } }
) {
	const [row] = await bt.tx
		.insert(catchballEntries)
		.values({
			cardId: card.id,
			organisationId: card.organisationId,
			kind: entry.kind,
			fromTeamId: entry.from.id,
			toTeamId: entry.to.id,
			message: entry.message ?? '',
			ask: entry.ask ?? '',
			briefWill: entry.brief?.will ?? '',
			briefHow: entry.brief?.how ?? '',
			briefNeed: entry.brief?.need ?? '',
			actorId: bt.actor.userId,
			at: bt.at
		})
		.returning({ id: catchballEntries.id });
	const view: CatchballEntryView = {
		id: row!.id,
		kind: entry.kind,
		from: { id: entry.from.id, name: entry.from.name, isLeadership: entry.from.isLeadership },
		to: { id: entry.to.id, name: entry.to.name, isLeadership: entry.to.isLeadership },
		message: entry.message ?? '',
		ask: entry.ask ?? '',
		brief: entry.brief ?? null,
		actor: { id: bt.actor.userId, name: bt.actor.name },
		at: bt.at.toISOString()
	};
	const views = await emitCardEvent(bt, card.id, (cardView) => ({ type: 'card.catchball', card: cardView, entry: view }));
	const home = views.get(card.boardId)!;
	const homeTeam = { id: home.homeTeam.id, name: home.homeTeam.name, isLeadership: false };
	const homeSide = await sideOf(bt, home.homeTeam.id);
	if (homeSide) homeTeam.isLeadership = homeSide.isLeadership;
	const elsewhere = [entry.from, entry.to].filter((s, i, all) => !views.has(s.boardId) && all.findIndex((x) => x.id === s.id) === i);
	await bt.lock(elsewhere.map((s) => s.boardId));
	for (const side of elsewhere) {
		await bt.append(side.boardId, { type: 'catchball.noted', cardId: card.id, title: card.title, homeTeam, entry: view });
	}
	bt.notices.push((hub) => hub.publishCatchball(card.organisationId, { cardId: card.id, title: card.title, homeTeam, entry: view }));
	return { cardId: card.id, card: home };
}

/** The side holding an item that is not in the air: its owner, or (never thrown) the card's own team. */
async function holder(bt: BoardTransaction, locked: LockedCard, state: ReturnType<typeof catchballStateOf>): Promise<Side> {
	const side = await sideOf(bt, state?.court.id ?? locked.home.teamId);
	if (!side) throw new ServiceError('not_found', 'That card’s team no longer exists.');
	return side;
}

export async function throwItem(bt: BoardTransaction, command: CommandOf<'catchball.throw'>) {
	const { locked, state } = await open(bt, command.cardId);
	if (state?.state === 'in_air') {
		throw new ServiceError('conflict', `This item is already in the air, in ${sideName(state.court)}’s court; it must be caught or thrown back first.`);
	}
	const from = await holder(bt, locked, state);
	const to = await sideOf(bt, command.toTeamId);
	if (!to) throw new ServiceError('invalid_input', 'There is no such team in your organisation.', { toTeamId: ['Choose a team of your organisation.'] });
	if (to.id === from.id) {
		throw new ServiceError('invalid_input', 'An item cannot be thrown to the side that holds it.', { toTeamId: ['Choose another team, or leadership.'] });
	}
	requireActsFor(bt, from, 'throw this item');
	return record(bt, locked, { kind: 'throw', from, to, message: command.message, ask: command.ask });
}

/** The side whose court an in-the-air item is in, after checking the actor may act for it. */
async function courtInTheAir(bt: BoardTransaction, state: ReturnType<typeof catchballStateOf>, what: string): Promise<Side> {
	if (state?.state !== 'in_air') throw new ServiceError('conflict', 'This item is not in the air: there is nothing to catch or throw back.');
	const court = await sideOf(bt, state.court.id);
	if (!court) throw new ServiceError('not_found', 'That team no longer exists.');
	requireActsFor(bt, court, what);
	return court;
}

export async function catchItem(bt: BoardTransaction, command: CommandOf<'catchball.catch'>) {
	const { locked, thread, state } = await open(bt, command.cardId);
	const court = await courtInTheAir(bt, state, 'catch this item');
	const thrower = await sideOf(bt, thread.at(-1)!.from.id);
	return record(bt, locked, {
		kind: 'catch',
		from: court,
		to: thrower ?? court,
		brief: { will: command.will, how: command.how, need: command.need }
	});
}

export async function throwBack(bt: BoardTransaction, command: CommandOf<'catchball.throw_back'>) {
	const { locked, thread, state } = await open(bt, command.cardId);
	const court = await courtInTheAir(bt, state, 'throw this item back');
	const thrower = await sideOf(bt, thread.at(-1)!.from.id);
	if (!thrower || thrower.id === court.id) throw new ServiceError('conflict', 'There is nobody to throw this back to.');
	return record(bt, locked, { kind: 'throw_back', from: court, to: thrower, message: command.question });
}

/** Leadership decides on an item in its court; the decision goes to the card's team as a throw. */
export async function decide(bt: BoardTransaction, command: CommandOf<'catchball.decide'>) {
	const { locked, state } = await open(bt, command.cardId);
	if (!state?.court.isLeadership) {
		throw new ServiceError('conflict', 'Leadership decides on items in its own court: this one is not.');
	}
	const leadership = await sideOf(bt, state.court.id);
	if (!leadership || !(bt.actor.role === 'leader' || bt.actor.role === 'admin')) {
		throw new ServiceError('forbidden', 'Only leaders record leadership decisions.');
	}
	const team = await sideOf(bt, locked.home.teamId);
	if (!team || team.id === leadership.id) {
		throw new ServiceError('conflict', 'This is leadership’s own card: decide by adopting it on the leadership board.');
	}
	return record(bt, locked, { kind: 'decision', from: leadership, to: team, message: command.decision, ask: command.rationale });
}

