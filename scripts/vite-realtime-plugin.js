// Attaches the same Socket.IO setup to the Vite dev server, so `npm run dev` behaves like production.
import { Server } from 'socket.io';

/** @returns {import('vite').Plugin} */
export function realtimeDevServer() {
	return {
		name: 'catchball-realtime',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer || process.env.VITEST) return;
			const io = new Server(server.httpServer, { serveClient: false });
			/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('catchball.io')] = io;
			// Kit loads hooks only on the first request; wire sockets now so they work before it.
			const bootstrap = await server.ssrLoadModule('/src/lib/server/realtime/bootstrap.ts');
			await bootstrap.startRealtime(io);
		}
	};
}
