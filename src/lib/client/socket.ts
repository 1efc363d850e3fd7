import { io } from 'socket.io-client';
import type { BoardSocket } from './board-sync';

/**
 * The browser's one socket to the app (same origin; the session cookie authenticates it). It
 * reconnects forever with backoff; the board sync catches up after every reconnect.
 */
let shared: BoardSocket | null = null;

export function appSocket(): BoardSocket {
	shared ??= io({
		transports: ['websocket', 'polling'],
		reconnectionDelay: 500,
		reconnectionDelayMax: 10_000,
		withCredentials: true
	}) as BoardSocket;
	return shared;
}
