import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CommandOf } from '../../domain/commands';
import type { TeamRefView } from '../../domain/events';
import { keyForIndex } from '../../domain/ordering';
import { boards, cardPlacements, cards, teams } from '../db/schema';
import { ServiceError } from '../services/errors';
import type { BoardTransaction } from './board-transaction';
import { lockCardForWrite, requireActive } from './card-access';
import { cellOnBoard } from './cells';
import { emitCardEvent } from './emit';
import { decideOrRefuse, loadArrivals, warningsOn } from './decision';

/**
 * Sets the other teams a card involves. It then shows on each of their boards in the Cross-team lane
 * (at the end of its cell there); a team unlinked stops seeing it, and its board's log says so.
 */
export async function setLinkedTeams(bt: BoardTransaction, command: CommandOf<'card.set_linked_teams'>) {
	const { card, boards: placedOn, home } = await lockCardForWrite(bt, command.cardId);
	requireActive(card);
	const wanted = [...new Set(command.teamIds)].filter((id) => id !== home.teamId);
	const targets = wanted.length
		? await bt.tx
				.select({ teamId: teams.id, teamName: teams.name, boardId: boards.id })
				.from(teams)
				.innerJoin(boards, eq(boards.teamId, teams.id))
				.where(and(eq(teams.organisationId, bt.actor.organisationId), inArray(teams.id, wanted)))
		: [];
	if (targets.length !== wanted.length) {
		throw new ServiceError('invalid_input', 'Linked teams must be teams of your organisation.', {
			teamIds: ['Linked teams must be teams of your organisation.']
		});
	}
	await bt.lock(targets.map((t) => t.boardId));
	// Linked, the card counts in the Cross-team lane of each new board (with no effort share yet).
	const newBoards = targets.filter((t) => !placedOn.some((b) => b.id === t.boardId));
	const arrivals = await loadArrivals(
		bt,
		card.id,
		newBoards.map((t) => ({ boardId: t.boardId, column: card.column, lane: 'cross_team' as const, effort: 0, from: null }))
	);
	const warnings = decideOrRefuse('link', undefined, arrivals);

	const current = placedOn.filter((b) => b.id !== home.id);
	const added: TeamRefView[] = [];
	for (const target of targets) {
		if (current.some((b) => b.id === target.boardId)) continue;
		const cell = await cellOnBoard(bt.tx, target.boardId, card.column, 'cross_team');
		const { position } = keyForIndex(cell, cell.length);
		await bt.tx.insert(cardPlacements).values({ cardId: card.id, boardId: target.boardId, position });
		added.push({ id: target.teamId, name: target.teamName });
	}
	const removed: TeamRefView[] = [];
	for (const board of current) {
		if (targets.some((t) => t.boardId === board.id)) continue;
		await bt.tx
			.delete(cardPlacements)
			.where(and(eq(cardPlacements.cardId, card.id), eq(cardPlacements.boardId, board.id)));
		await bt.append(board.id, { type: 'card.unlinked', cardId: card.id, title: card.title });
		removed.push({ id: board.teamId, name: board.teamName });
	}
	if (added.length === 0 && removed.length === 0) {
		throw new ServiceError('conflict', 'Those are already the linked teams.');
	}
	await bt.tx
		.update(cards)
		.set({ version: sql`${cards.version} + 1`, updatedAt: bt.at })
		.where(eq(cards.id, card.id));
	const views = await emitCardEvent(bt, card.id, (view, boardId) => ({
		type: 'card.linked_teams_set',
		card: view,
		added,
		removed,
		...warningsOn(warnings, boardId)
	}));
	return { cardId: card.id, card: views.get(card.boardId)! };
}
