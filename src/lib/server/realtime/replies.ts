import { z } from 'zod';
import { MAX_CATCH_UP_EVENTS, type Ack, type AckError, type CatchUp } from '../../domain/socket-protocol';
import type { AppContext } from '../context';
import { eventsSince, loadBoardSnapshot } from '../queries/board';
import { ServiceError } from '../services/errors';

// What the board and wall namespaces answer alike: acks, errors and catch-up.

export const INVALID_REQUEST: AckError = { code: 'invalid_input', message: 'That request is not well formed.' };

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

/** A request that failed: malformed (its schema refused it) or refused by a service, or a server error. */
export function requestError(error: unknown): AckError {
	return error instanceof z.ZodError ? INVALID_REQUEST : toAckError(error);
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
