// Production entry: one HTTP server on one port serving SvelteKit (adapter-node) and Socket.IO.
import http from 'node:http';
import { Server } from 'socket.io';
import { socketOptions } from './socket-options.js';

// A variable set to nothing counts as unset (adapter-node would refuse an empty ORIGIN, `PORT=` would
// listen on a random port).
for (const name of ['PORT', 'HOST', 'ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER', 'DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'ADDRESS_HEADER', 'XFF_DEPTH']) {
	if (process.env[name]?.trim() === '') delete process.env[name];
}

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

// Without ORIGIN, adapter-node would assume https and refuse http form posts. This server speaks plain
// http, so say so on every request unless a proxy header was configured (see README, Configuration).
const protocolHeader = 'x-catchball-protocol';
const markPlainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (markPlainHttp) process.env.PROTOCOL_HEADER = protocolHeader;

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let appHandler = (_req, res) => {
	res.statusCode = 503;
	res.end('starting');
};
const server = http.createServer((req, res) => {
	if (markPlainHttp) req.headers[protocolHeader] = 'http';
	appHandler(req, res);
});
server.on('error', (error) => {
	console.error(`Catchball could not listen on ${host}:${port}:`, error.message);
	process.exit(1);
});

// Socket.IO must exist before the app loads: the app's init hook finds it on globalThis and wires it.
const io = new Server(server, socketOptions);
globalThis[Symbol.for('catchball.io')] = io;

/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

let stopping = false;
/** @param {string} signal */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: shutting down`);
	const force = setTimeout(() => {
		console.error('shutdown took too long: exiting');
		process.exit(1);
	}, 10_000);
	force.unref();
	try {
		// Stop accepting connections; resolves once every open connection has ended.
		const httpClosed = new Promise((resolve) => server.close(() => resolve(undefined)));
		// Close this instance's sockets only: `io.disconnectSockets()` would, with the Redis adapter, drop
		// every instance's clients, and its explicit disconnect tells clients not to reconnect. Closed
		// transports make clients reconnect (to another instance, or to this one once it is back).
		const ioClosed = io.close();
		server.closeIdleConnections();
		// Requests in flight get a moment to finish; then whatever is left is cut.
		await Promise.race([Promise.all([httpClosed, ioClosed]), delay(3_000)]);
		server.closeAllConnections();
		await Promise.race([ioClosed, delay(1_000)]);
		const close = /** @type {(() => Promise<void>) | undefined} */ (
			globalThis[Symbol.for('catchball.shutdown')]
		);
		if (close) await close();
	} catch (error) {
		console.error('shutdown failed', error);
		process.exit(1);
	}
	console.log('stopped');
	process.exit(0);
}
// Registered before the app loads, so a signal during start-up (migrations) still ends the process cleanly.
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

const { handler } = await import('./build/handler.js');
appHandler = handler;

if (!stopping) {
	server.listen(port, host, () => {
		console.log(`Catchball listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	});
}
