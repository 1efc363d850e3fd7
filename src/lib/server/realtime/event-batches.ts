import type { BoardEvent } from '../../domain/events';

/**
 * Gathers the events published during one turn of the event loop and delivers them per board, in the
 * order they were published (seq order: the command service publishes each board's events in order).
 *
 * Why: one message to each socket in a board's room costs a write on the server and a wake-up and a
 * read on every client, whatever it carries. When moves come fast, several commits finish in the same
 * turn; sending them as one message per socket cuts that cost by the batch size. A lone event goes out
 * at the end of the turn it was published in (`setImmediate`), so nothing waits on a timer.
 */
export function eventBatches(deliver: (boardId: string, events: BoardEvent[]) => void) {
	let pending = new Map<string, BoardEvent[]>();
	let scheduled = false;

	const flush = () => {
		const batches = pending;
		pending = new Map();
		scheduled = false;
		for (const [boardId, events] of batches) deliver(boardId, events);
	};

	return (events: readonly BoardEvent[]) => {
		for (const event of events) {
			const batch = pending.get(event.boardId);
			if (batch) batch.push(event);
			else pending.set(event.boardId, [event]);
		}
		if (!scheduled && pending.size) {
			scheduled = true;
			setImmediate(flush);
		}
	};
}
