import type { Socket } from 'socket.io-client';
import { BoardStore } from '../../src/lib/client/board-store.svelte';
import type { BoardSocket } from '../../src/lib/client/board-sync';
import type { Db } from '../../src/lib/server/db';
import { loadBoardSnapshot } from '../../src/lib/server/queries/board';
import { connectClient, connected } from './realtime';
import { until } from './runes.svelte';

export interface OpenBoardStore {
	store: BoardStore;
	socket: Socket;
	close(): void;
}

/** A board page's store as the browser has it: made from the board as the page loads it, connected, live. */
export async function openBoardStore(db: Db, url: string, token: string, boardId: string, canWrite = true): Promise<OpenBoardStore> {
	const snapshot = await loadBoardSnapshot(db, boardId);
	const store = new BoardStore(boardId, canWrite, snapshot);
	const socket = connectClient(url, { token });
	await connected(socket);
	const disconnect = store.connect(socket as unknown as BoardSocket);
	await until(() => store.status === 'live', 'the board to be live');
	return {
		store,
		socket,
		close() {
			disconnect();
			socket.close();
		}
	};
}
