import { socketOptions } from '../../socket-options.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { AppContext } from '../../src/lib/server/context';
import { socketHub, type RealtimeHub } from '../../src/lib/server/realtime/hub';
import { attachRealtime } from '../../src/lib/server/realtime/server';
import { features } from '../../src/lib/server/realtime/features';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import type { Db } from '../../src/lib/server/db';

export interface TestRealtimeServer {
	url: string;
	port: number;
	io: Server;
	context: AppContext;
	close(): Promise<void>;
}

/**
 * A real Socket.IO server on an ephemeral port, wired exactly as the app wires it, over `db`.
 * Pass `port` to restart on the same address (a server-restart test).
 */
export async function startRealtimeServer(
	db: Db,
	options: {
		origin?: string;
		port?: number;
		/** Wraps the hub services tell after commit (a test that holds broadcasts back). */
		hub?: (hub: RealtimeHub) => RealtimeHub;
	} = {}
): Promise<TestRealtimeServer> {
	const httpServer = http.createServer((_req, res) => {
		res.statusCode = 404;
		res.end();
	});
	const io = new Server(httpServer, socketOptions);
	const hub = socketHub(io);
	const context: AppContext = { db, realtime: options.hub ? options.hub(hub) : hub };
	attachRealtime(io, async () => context, { origin: options.origin }, features);
	await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (httpServer.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		io,
		context,
		// Like a process that stops: transports close without a disconnect packet, so clients reconnect.
		close: async () => {
			await new Promise<void>((resolve) => io.close(() => resolve()));
			httpServer.closeAllConnections();
		}
	};
}

export interface ClientOptions {
	token?: string;
	origin?: string;
	/** Reconnect automatically (default off, so a refused handshake ends the test's wait). */
	reconnection?: boolean;
}

/** A real socket.io-client, authenticated by the session cookie like a browser. */
export function connectClient(url: string, options: ClientOptions = {}): Socket {
	const extraHeaders: Record<string, string> = {};
	if (options.token) extraHeaders.cookie = `${SESSION_COOKIE}=${options.token}`;
	if (options.origin) extraHeaders.origin = options.origin;
	return connect(url, {
		transports: ['websocket'],
		extraHeaders,
		reconnection: options.reconnection ?? false,
		forceNew: true
	});
}

/** Resolves when the socket connects; rejects with the server's refusal message. */
export function connected(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve();
		socket.once('connect', () => resolve());
		socket.once('connect_error', (error) => reject(error));
	});
}

/** Resolves with the refusal message of a handshake the server rejects. */
export function refused(socket: Socket): Promise<string> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => reject(new Error('connected, but should have been refused')));
		socket.once('connect_error', (error) => resolve(error.message));
	});
}

/** Resolves with the reason when the server disconnects the socket. */
export function disconnected(socket: Socket): Promise<string> {
	return new Promise((resolve) => {
		if (!socket.connected) return resolve('not connected');
		socket.once('disconnect', (reason) => resolve(reason));
	});
}

/**
 * A functional bound on something the test awaits: resolves with it, or fails saying what did not happen
 * (a generous limit, so a slow machine passes and only a lost event fails; never a measured duration).
 */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms / 1000} s`)), ms);
	});
	return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
