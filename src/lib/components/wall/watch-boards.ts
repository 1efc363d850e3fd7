import type { BoardSocket } from '../../client/board-sync';

export interface WatchedBoard {
	boardId: string;
	/** The seq the page's data reflects. */
	seq: number;
}

/**
 * Listens to boards without keeping their state (the organisation view re-fetches its aggregate
 * instead): joins each board's room on every connect, asking for the events after the seq the page has,
 * and calls `onChange` when any arrive, live or in a catch-up after a reconnect, and on catchball moves.
 */
export function watchBoards(socket: BoardSocket, boards: readonly WatchedBoard[], onChange: () => void) {
	const seqs = new Map<string, number>();

	const join = (boardId: string) => {
		const sinceSeq = seqs.get(boardId);
		socket.emit('board:join', { boardId, sinceSeq }, (reply) => {
			if (!reply.ok) return;
			if (reply.mode === 'snapshot') {
				seqs.set(boardId, reply.snapshot.seq);
				onChange();
			} else if (reply.events.length) {
				seqs.set(boardId, Math.max(seqs.get(boardId) ?? 0, reply.events.at(-1)!.seq));
				onChange();
			}
		});
	};
	const onConnect = () => {
		for (const boardId of seqs.keys()) join(boardId);
	};
	const onEvents = (events: { boardId: string; seq: number }[]) => {
		let watched = false;
		for (const event of events) {
			const seq = seqs.get(event.boardId);
			if (seq === undefined) continue;
			watched = true;
			if (event.seq > seq) seqs.set(event.boardId, event.seq);
		}
		if (watched) onChange();
	};
	const onCatchball = () => onChange();

	const add = (more: readonly WatchedBoard[]) => {
		for (const board of more) {
			if (seqs.has(board.boardId)) continue;
			seqs.set(board.boardId, board.seq);
			if (socket.connected) join(board.boardId);
		}
	};

	socket.on('connect', onConnect);
	socket.on('board:events', onEvents);
	socket.on('catchball', onCatchball);
	add(boards);

	return {
		add,
		stop() {
			socket.off('connect', onConnect);
			socket.off('board:events', onEvents);
			socket.off('catchball', onCatchball);
		}
	};
}

/** Calls `run` at most once every `ms` (the first call waits for the end of the current quiet time). */
export function throttled(run: () => void | Promise<void>, ms: number) {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let last = 0;
	return {
		call() {
			if (timer) return;
			timer = setTimeout(
				() => {
					timer = null;
					last = Date.now();
					void run();
				},
				Math.max(0, last + ms - Date.now())
			);
		},
		cancel() {
			if (timer) clearTimeout(timer);
			timer = null;
		}
	};
}
