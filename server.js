// Production entry: one HTTP server on one port serving SvelteKit (adapter-node) and Socket.IO.
import http from 'node:http';
import { Server } from 'socket.io';

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

// Socket.IO must exist before the app loads: the app's init hook finds it on globalThis and wires it.
const io = new Server(server, { serveClient: false, pingInterval: 10_000, pingTimeout: 10_000 });
globalThis[Symbol.for('catchball.io')] = io;

const { handler } = await import('./build/handler.js');
appHandler = handler;

server.listen(port, host, () => {
	console.log(`Catchball listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

let stopping = false;
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal} received: shutting down`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	server.close();
	io.disconnectSockets(true);
	await new Promise((resolve) => io.close(() => resolve(undefined)));
	server.closeAllConnections?.();
	const close = globalThis[Symbol.for('catchball.shutdown')];
	if (close) await close();
	console.log('stopped');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
