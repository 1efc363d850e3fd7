import type { Actor } from '../../domain/access';
import type { BoardEvent } from '../../domain/events';
import type { AppContext } from '../context';
import { pgErrorCode } from '../db/errors';
import { BoardTransaction } from './board-transaction';
import { processPublishOrder } from './publish-order';

// PostgreSQL aborts one of two transactions that deadlock (40P01) or fail to serialise (40001).
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

/**
 * A change by a service other than the board commands that appends to boards' logs (a team renamed):
 * `work` runs in one transaction with a BoardTransaction to lock boards (in id order) and append, the
 * events are broadcast after the commit in each board's seq order, and the whole is run again when
 * PostgreSQL aborts it for a deadlock. Refusals (ServiceError) are thrown as they are.
 */
export async function inBoardTransaction<T>(
	ctx: AppContext,
	actor: Actor,
	work: (bt: BoardTransaction) => Promise<T>
): Promise<T> {
	const publish = (events: BoardEvent[]) => {
		if (events.length) ctx.realtime.publishBoardEvents(events);
	};
	for (let attempt = 1; ; attempt++) {
		const held: { bt?: BoardTransaction } = {};
		try {
			const result = await ctx.db.transaction(async (tx) => {
				const bt = (held.bt = new BoardTransaction(tx, actor, new Date()));
				const outcome = await work(bt);
				await bt.settled();
				// Reserved before the commit, so a later commit on these boards waits for this broadcast.
				for (const r of bt.reservations) processPublishOrder.reserve(r.boardId, r.seq);
				return outcome;
			});
			processPublishOrder.release(held.bt!.events, publish);
			for (const notice of held.bt!.notices) notice(ctx.realtime);
			return result;
		} catch (error) {
			if (held.bt) processPublishOrder.cancel(held.bt.reservations, publish);
			const code = pgErrorCode(error);
			if (attempt < MAX_ATTEMPTS && code && RETRYABLE.has(code)) continue;
			throw error;
		}
	}
}
