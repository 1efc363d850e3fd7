import type { Socket } from 'socket.io';
import type { Actor } from '../../domain/access';
import type { ClientToServerEvents, ServerToClientEvents } from '../../domain/socket-protocol';
import type { AppContext } from '../context';

// The shapes the realtime modules share, apart from the modules that implement them (so that the
// namespaces, features and the server that wires them import one another in one direction only).

export interface SocketData {
	sessionId: string;
	actor: Actor;
}

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeOptions {
	/** The configured public origin (ORIGIN), if any. */
	origin: string | undefined;
	/**
	 * The header that carries the host the browser opened, when ORIGIN is unset (HOST_HEADER, as in
	 * adapter-node, e.g. `x-forwarded-host` behind a proxy); `host` by default.
	 */
	hostHeader?: string;
}

/** A handler that adds socket commands (board commands, presence, ...) once a socket is authenticated. */
export type SocketFeature = (socket: AppSocket, getContext: () => Promise<AppContext>) => void;
