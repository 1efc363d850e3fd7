import type { Socket } from 'socket.io-client';
import { BoardSync, type BoardSocket } from '../../src/lib/client/board-sync';
import type { BoardState } from '../../src/lib/domain/board-state';
import type { AckError } from '../../src/lib/domain/socket-protocol';
import { connectClient, connected } from './realtime';

export interface BoardClient {
	socket: Socket;
	sync: BoardSync;
	refusals: AckError[];
	/** Resolves once the client's board satisfies `predicate` (checked now and on every change). */
	until(predicate: (state: BoardState) => boolean, what?: string): Promise<BoardState>;
	close(): void;
}

/** A real socket.io client running the browser's own sync engine on one board. */
export async function openBoardClient(
	url: string,
	token: string,
	boardId: string,
	options: {
		reconnection?: boolean;
		/** Start from this board, as the board page starts from its data (joining then asks for the events since). */
		initial?: BoardState;
	} = {}
): Promise<BoardClient> {
	const socket = connectClient(url, { token, reconnection: options.reconnection });
	const waiters = new Set<() => void>();
	const refusals: AckError[] = [];
	const sync = new BoardSync(socket as unknown as BoardSocket, boardId, {
		onChange: () => waiters.forEach((w) => w()),
		onRefused: (error) => refusals.push(error)
	}, options.initial ?? null);
	await connected(socket);
	const client: BoardClient = {
		socket,
		sync,
		refusals,
		until(predicate, what = 'the expected board') {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`timed out waiting for ${what}`));
				}, 20_000);
				const check = () => {
					const state = sync.state;
					if (state && !sync.hasPending && predicate(state)) {
						clearTimeout(timer);
						waiters.delete(check);
						resolve(state);
					}
				};
				waiters.add(check);
				check();
			});
		},
		close() {
			sync.stop();
			socket.close();
		}
	};
	// Joined: the first snapshot (or the events since `initial`) applied, and live events flowing.
	await client.until(() => sync.connection === 'live', 'the first join');
	return client;
}
