// The Socket.IO server's options, shared by server.js, the dev server's plugin and the tests, so all
// three behave alike (docs/protocol.md, Connecting).

/** The largest message a socket accepts: larger ones close the connection (Socket.IO's own rule). */
export const MAX_MESSAGE_BYTES = 1_000_000;

/** @type {Partial<import('socket.io').ServerOptions>} */
export const socketOptions = {
	serveClient: false,
	// A dropped connection is noticed within 20 s: presence lists and reconnects depend on it.
	pingInterval: 10_000,
	pingTimeout: 10_000,
	// Set explicitly (it is also Socket.IO's default): the largest valid command (a card edit with every
	// field at its limit) is under 200 KB in UTF-8, so no valid message comes near it.
	maxHttpBufferSize: MAX_MESSAGE_BYTES
};
