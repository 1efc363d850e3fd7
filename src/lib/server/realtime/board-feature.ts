import { z } from 'zod';
import { MAX_CATCH_UP_EVENTS, type Ack, type AckError, type CatchUp, type CommandAck } from '../../domain/socket-protocol';
import { commandEnvelope } from '../../domain/commands';
import { ackOf, executeCommand } from '../commands/service';
import type { AppContext } from '../context';
import { eventsSince, findBoard, loadBoardSnapshot } from '../queries/board';
import { commandRateLimit } from '../rate-limit/socket';
import { parseInput, ServiceError } from '../services/errors';
import { rooms } from './hub';
import { presenceFeature, schedulePresence } from './presence';
import type { AppSocket, SocketFeature } from './server';

const joinRequest = z.object({ boardId: z.uuid(), sinceSeq: z.int().min(0).optional() });
const sinceRequest = z.object({ boardId: z.uuid(), seq: z.int().min(0) });

export function toAckError(error: unknown): AckError {
	if (error instanceof ServiceError) {
		return {
			code: error.code,
			message: error.message,
			...(Object.keys(error.fieldErrors).length ? { fields: error.fieldErrors } : {}),
			...(error.details !== undefined ? { details: error.details } : {})
		};
	}
	console.error('socket request failed', error);
	return { code: 'server_error', message: 'Something went wrong on the server; try again.' };
}

/** Acks are optional for clients that do not care; a missing or non-function ack is ignored. */
export function safeAck<T>(ack: unknown): (reply: Ack<T>) => void {
	return typeof ack === 'function' ? (ack as (reply: Ack<T>) => void) : () => {};
}

/** Events after `seq` when there are few enough, otherwise a fresh snapshot. */
export async function catchUp(ctx: AppContext, boardId: string, lastSeq: number, sinceSeq: number | undefined): Promise<CatchUp> {
	if (sinceSeq !== undefined && sinceSeq <= lastSeq && lastSeq - sinceSeq <= MAX_CATCH_UP_EVENTS) {
		const events = await eventsSince(ctx.db, boardId, sinceSeq, MAX_CATCH_UP_EVENTS);
		// Only a complete, gap-free run of events may replace a snapshot.
		if (events.length === 0 || events[0]!.seq === sinceSeq + 1) return { mode: 'events', events };
	}
	const snapshot = await loadBoardSnapshot(ctx.db, boardId);
	return { mode: 'snapshot', snapshot: { boardId, ...snapshot } };
}

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
			reply({ ok: false, error: error instanceof z.ZodError ? invalid() : toAckError(error) });
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
			reply({ ok: false, error: error instanceof z.ZodError ? invalid() : toAckError(error) });
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

function invalid(): AckError {
	return { code: 'invalid_input', message: 'That request is not well formed.' };
}
