import { closeAppDatabase } from './db';
import { closeRedis } from './realtime/redis';

const SHUTDOWN = Symbol.for('catchball.shutdown');

/** Lets the production entry (outside the kit bundle) close what the app opened. */
export function registerShutdown(): void {
	(globalThis as { [SHUTDOWN]?: () => Promise<void> })[SHUTDOWN] = async () => {
		await closeRedis();
		await closeAppDatabase();
	};
}
