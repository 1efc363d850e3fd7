import type { Server } from 'socket.io';
import { loadActor } from '../auth/actor';
import { sessionTokenFromCookieHeader } from '../auth/cookies';
import { validateSessionToken } from '../auth/sessions';
import type { AppContext } from '../context';
import { isAllowedOrigin } from './origin';
import { rooms } from './hub';
import type { AppSocket, RealtimeOptions, SocketData, SocketFeature } from './types';
import { attachWallNamespace } from './wall';

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
	attachWallNamespace(io, getContext, options);
	io.use(async (socket, next) => {
		try {
			const headers = socket.handshake.headers;
			const host = headers[(options.hostHeader ?? 'host').toLowerCase()];
			if (!isAllowedOrigin(headers.origin, Array.isArray(host) ? host[0] : host, options.origin)) {
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

	io.on('connection', (raw) => {
		const socket = raw as unknown as AppSocket;
		// An error here must not become an unhandled rejection (which ends the process): drop the socket.
		// Features register their listeners synchronously: a message sent right after connecting must
		// find its handler (Socket.IO drops events that arrive before a listener exists).
		for (const feature of features) feature(socket, getContext);
		void (async () => {
			await socket.join([
				rooms.session(socket.data.sessionId),
				rooms.user(socket.data.actor.userId),
				rooms.organisation(socket.data.actor.organisationId)
			]);
		})().catch((error: unknown) => {
			console.error('socket setup failed', error);
			socket.disconnect(true);
		});
	});
}
