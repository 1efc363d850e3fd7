import { z } from 'zod';
import type { Ack, CatchUp, CommandAck } from '../../domain/socket-protocol';
import { commandEnvelope } from '../../domain/commands';
import { ackOf, executeCommand } from '../commands/service';
import type { AppContext } from '../context';
import { findBoard } from '../queries/board';
import { commandRateLimit } from '../rate-limit/socket';
import { parseInput, ServiceError } from '../services/errors';
import { rooms } from './hub';
import { presenceFeature, schedulePresence } from './presence';
import { catchUp, requestError, safeAck, toAckError } from './replies';
import type { AppSocket, SocketFeature } from './types';

const joinRequest = z.object({ boardId: z.uuid(), sinceSeq: z.int().min(0).optional() });
const sinceRequest = z.object({ boardId: z.uuid(), seq: z.int().min(0) });

async function readableBoard(socket: AppSocket, ctx: AppContext, boardId: string) {
	const board = await findBoard(ctx.db, socket.data.actor, boardId);
	if (!board) throw new ServiceError('not_found', 'That board does not exist.');
	return board;
}

/**
 * Board rooms, catch-up and commands. Joining needs read access (everyone in the organisation);
 * commands go through the command service, which checks write access itself.
 */
export const boardFeature: SocketFeature = (socket, getContext) => {
	socket.on('board:join', async (request, ack) => {
		const reply = safeAck<CatchUp>(ack);
		try {
			const { boardId, sinceSeq } = joinRequest.parse(request);
			const ctx = await getContext();
			await readableBoard(socket, ctx, boardId);
			// Join before reading, so no event committed in between is missed; the client skips duplicates.
			await socket.join(rooms.board(boardId));
			const board = await readableBoard(socket, ctx, boardId);
			reply({ ok: true, ...(await catchUp(ctx, boardId, board.lastSeq, sinceSeq)) });
			schedulePresence(socket.nsp.server, boardId);
		} catch (error) {
			reply({ ok: false, error: requestError(error) });
		}
	});

	socket.on('board:leave', async (request) => {
		const parsed = z.object({ boardId: z.uuid() }).safeParse(request);
		if (!parsed.success) return;
		await socket.leave(rooms.board(parsed.data.boardId));
		schedulePresence(socket.nsp.server, parsed.data.boardId);
	});

	socket.on('board:since', async (request, ack) => {
		const reply = safeAck<CatchUp>(ack);
		try {
			const { boardId, seq } = sinceRequest.parse(request);
			const ctx = await getContext();
			const board = await readableBoard(socket, ctx, boardId);
			reply({ ok: true, ...(await catchUp(ctx, boardId, board.lastSeq, seq)) });
		} catch (error) {
			reply({ ok: false, error: requestError(error) });
		}
	});

	socket.on('command', async (command, ack) => {
		const reply = safeAck<CommandAck extends Ack<infer T> ? T : never>(ack);
		try {
			const limited = await commandRateLimit(socket);
			if (limited) return reply({ ok: false, error: limited });
			const { commandId } = parseInput(commandEnvelope, command);
			const ctx = await getContext();
			reply({ ok: true, ...ackOf(await executeCommand(ctx, socket.data.actor, command, { commandId })) });
		} catch (error) {
			reply({ ok: false, error: toAckError(error) });
		}
	});

	presenceFeature(socket, getContext);
};
