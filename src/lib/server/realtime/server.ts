import type { Server, Socket } from 'socket.io';
import type { Actor } from '../../domain/access';
import { loadActor } from '../auth/actor';
import { sessionTokenFromCookieHeader } from '../auth/cookies';
import { validateSessionToken } from '../auth/sessions';
import type { AppContext } from '../context';
import { isAllowedOrigin } from './origin';
import { rooms } from './hub';

export interface SocketData {
	sessionId: string;
	actor: Actor;
}

export type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

export interface RealtimeOptions {
	/** The configured public origin (ORIGIN), if any. */
	origin: string | undefined;
}

/** A handler that adds socket commands (board commands, presence, ...) once a socket is authenticated. */
export type SocketFeature = (socket: AppSocket, ctx: AppContext) => void;

/**
 * Authenticates every socket in the handshake from the session cookie and checks its Origin, then
 * joins it to its session and person rooms, so ending a session or changing access reaches it.
 */
export function attachRealtime(
	io: Server,
	getContext: () => Promise<AppContext>,
	options: RealtimeOptions,
	features: readonly SocketFeature[] = []
): void {
	io.use(async (socket, next) => {
		try {
			const headers = socket.handshake.headers;
			if (!isAllowedOrigin(headers.origin, headers.host, options.origin)) {
				return next(new Error('origin_not_allowed'));
			}
			const token = sessionTokenFromCookieHeader(headers.cookie);
			if (!token) return next(new Error('unauthenticated'));
			const { db } = await getContext();
			const result = await validateSessionToken(db, token);
			if (!result) return next(new Error('unauthenticated'));
			const actor = await loadActor(db, result.user.id);
			if (!actor) return next(new Error('no_organisation'));
			socket.data = { sessionId: result.session.id, actor } satisfies SocketData;
			next();
		} catch (error) {
			console.error('socket handshake failed', error);
			next(new Error('server_error'));
		}
	});

	io.on('connection', async (raw) => {
		const socket = raw as unknown as AppSocket;
		await socket.join([rooms.session(socket.data.sessionId), rooms.user(socket.data.actor.userId)]);
		const ctx = await getContext();
		for (const feature of features) feature(socket, ctx);
	});
}
