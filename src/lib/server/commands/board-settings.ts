import { eq } from 'drizzle-orm';
import { canConfigureTeam, canWriteTeam } from '../../domain/access';
import type { CommandOf } from '../../domain/commands';
import { readSettings } from '../../domain/settings';
import { boards, raids, teams } from '../db/schema';
import { loadBoardSettings } from '../queries/board-settings';
import { ServiceError } from '../services/errors';
import type { BoardTransaction, LockedBoard } from './board-transaction';

async function lockBoard(bt: BoardTransaction, boardId: string): Promise<LockedBoard> {
	const board = (await bt.lock([boardId])).get(boardId);
	if (!board || board.organisationId !== bt.actor.organisationId) {
		throw new ServiceError('not_found', 'That board does not exist.');
	}
	return board;
}

const teamRef = (board: LockedBoard) => ({ id: board.teamId, organisationId: board.organisationId, isLeadership: board.isLeadership });

/** Gates, WIP limits and protected capacity of a team's board (leaders and admins). */
export async function configureBoard(bt: BoardTransaction, command: CommandOf<'board.configure'>) {
	const board = await lockBoard(bt, command.boardId);
	if (!canConfigureTeam(bt.actor, teamRef(board))) {
		throw new ServiceError('forbidden', 'Only leaders and admins set a team’s capacity, limits and gates.');
	}
	const before = readSettings(board.settings);
	const [team] = await bt.tx
		.select({ protectedPercent: teams.protectedPercent, hoursPerWeek: teams.hoursPerWeek, timeZone: teams.timeZone })
		.from(teams)
		.where(eq(teams.id, board.teamId));
	const changed: string[] = [];
	if (before.gateMode !== command.settings.gateMode) changed.push('gates');
	if (JSON.stringify([before.columnLimits, before.cellLimits]) !== JSON.stringify([command.settings.columnLimits, command.settings.cellLimits])) {
		changed.push('WIP limits');
	}
	if (
		before.capacityHard !== command.settings.capacityHard ||
		team?.protectedPercent !== command.protectedPercent ||
		team?.hoursPerWeek !== command.hoursPerWeek
	) {
		changed.push('protected capacity');
	}
	if (team?.timeZone !== command.timeZone) changed.push('time zone');
	if (changed.length === 0) throw new ServiceError('conflict', 'Nothing changed.');
	await bt.tx.update(boards).set({ settings: command.settings }).where(eq(boards.id, board.id));
	await bt.tx
		.update(teams)
		.set({ protectedPercent: command.protectedPercent, hoursPerWeek: command.hoursPerWeek, timeZone: command.timeZone })
		.where(eq(teams.id, board.teamId));
	const settings = await loadBoardSettings(bt.tx, board.id, bt.at);
	await bt.append(board.id, { type: 'board.configured', settings, changed });
	return { cardId: null, card: null };
}

/** Records protected time that delivery work took (anyone who writes the board, and leaders). */
export async function recordRaid(bt: BoardTransaction, command: CommandOf<'board.record_raid'>) {
	const board = await lockBoard(bt, command.boardId);
	if (!canWriteTeam(bt.actor, teamRef(board))) {
		throw new ServiceError('forbidden', `You can read the ${board.teamName} board but not record raids on it.`);
	}
	const [row] = await bt.tx
		.insert(raids)
		.values({
			boardId: board.id,
			week: command.week,
			hours: command.hours,
			reason: command.reason,
			recordedBy: bt.actor.userId,
			recordedAt: bt.at
		})
		.returning({ id: raids.id });
	const settings = await loadBoardSettings(bt.tx, board.id, bt.at);
	await bt.append(board.id, {
		type: 'board.raid_recorded',
		raid: {
			id: row!.id,
			week: command.week,
			hours: command.hours,
			reason: command.reason,
			recordedBy: { id: bt.actor.userId, name: bt.actor.name },
			recordedAt: bt.at.toISOString()
		},
		settings
	});
	return { cardId: null, card: null };
}
