import type { BoardEvent } from '../../domain/events';

/**
 * Broadcasts a board's events in seq order. Seqs are assigned under the board's lock, but two commits
 * on different connections can reach Node in either order; an event waits here until every lower seq
 * this process reserved for the board was published or rolled back. (Seqs reserved by other instances
 * are theirs to publish; clients close any gap by catching up.)
 */
export class PublishOrder {
	private readonly reserved = new Map<string, Set<number>>();
	private readonly ready = new Map<string, Map<number, BoardEvent>>();

	reserve(boardId: string, seq: number): void {
		let seqs = this.reserved.get(boardId);
		if (!seqs) this.reserved.set(boardId, (seqs = new Set()));
		seqs.add(seq);
	}

	/** Committed: publish these and whatever they were holding back, in order. */
	release(events: readonly BoardEvent[], publish: (events: BoardEvent[]) => void): void {
		for (const event of events) {
			let ready = this.ready.get(event.boardId);
			if (!ready) this.ready.set(event.boardId, (ready = new Map()));
			ready.set(event.seq, event);
		}
		publish(this.flush(new Set(events.map((e) => e.boardId))));
	}

	/** Rolled back: these seqs will never be published (the board's seq was not advanced either). */
	cancel(reservations: readonly { boardId: string; seq: number }[], publish: (events: BoardEvent[]) => void): void {
		for (const { boardId, seq } of reservations) this.reserved.get(boardId)?.delete(seq);
		publish(this.flush(new Set(reservations.map((r) => r.boardId))));
	}

	private flush(boardIds: Set<string>): BoardEvent[] {
		const out: BoardEvent[] = [];
		for (const boardId of boardIds) {
			const reserved = this.reserved.get(boardId);
			const ready = this.ready.get(boardId);
			if (!reserved || !ready) continue;
			for (const seq of [...reserved].sort((a, b) => a - b)) {
				const event = ready.get(seq);
				if (!event) break; // a lower seq is still in flight
				out.push(event);
				ready.delete(seq);
				reserved.delete(seq);
			}
			if (reserved.size === 0) this.reserved.delete(boardId);
			if (ready.size === 0) this.ready.delete(boardId);
		}
		return out;
	}
}

/**
 * The process's one PublishOrder: every code path that appends to boards' logs (board commands, and
 * other services through `inBoardTransaction`) reserves and releases here, so a board's events leave
 * in seq order whichever path wrote them.
 */
export const processPublishOrder = new PublishOrder();
