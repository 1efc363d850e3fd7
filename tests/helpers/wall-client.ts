import { io as connect, type Socket } from 'socket.io-client';

/** A real socket.io client on the wall namespace, authenticated by a wall link's token (no cookie). */
export function connectWall(url: string, token: string, options: { origin?: string } = {}): Socket {
	return connect(`${url}/wall`, {
		transports: ['websocket'],
		auth: { token },
		extraHeaders: options.origin ? { origin: options.origin } : {},
		reconnection: false,
		forceNew: true
	});
}
