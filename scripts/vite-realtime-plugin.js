// Attaches the same Socket.IO setup to the Vite dev server, so `npm run dev` behaves like production.
import { Server } from 'socket.io';
import { socketOptions } from '../socket-options.js';

const IO_KEY = Symbol.for('catchball.io');
const SHUTDOWN_KEY = Symbol.for('catchball.shutdown');

/** @returns {import('vite').Plugin} */
export function realtimeDevServer() {
	/** @type {Server | null} */
	let io = null;
	return {
		name: 'catchball-realtime',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			io = new Server(server.httpServer, socketOptions);
			/** @type {Record<symbol, unknown>} */ (globalThis)[IO_KEY] = io;
			// Kit loads hooks only on the first request; wire sockets now so they work before it, and know
			// how to close what the app opens (its database) when the dev server stops or restarts.
			const shutdown = await server.ssrLoadModule('/src/lib/server/shutdown.ts');
			shutdown.registerShutdown();
			const bootstrap = await server.ssrLoadModule('/src/lib/server/realtime/bootstrap.ts');
			await bootstrap.startRealtime(io);
			const jobs = await server.ssrLoadModule('/src/lib/server/jobs/app.ts');
			await jobs.startJobs();
		},
		// Runs when the dev server closes (Ctrl-C, SIGTERM, or a restart after a config change).
		async buildEnd() {
			const closing = io;
			if (!closing) return;
			io = null;
			const holder = /** @type {Record<symbol, unknown>} */ (globalThis);
			// Closed transports (not a disconnect packet): browsers reconnect once the server is back.
			void closing.close();
			// On a restart the new dev server has already put its own io here, and its app keeps the database.
			if (holder[IO_KEY] !== closing) return;
			delete holder[IO_KEY];
			const close = /** @type {(() => Promise<void>) | undefined} */ (holder[SHUTDOWN_KEY]);
			await close?.().catch((error) => console.error('closing the app failed', error));
		}
	};
}
