import { readConfig } from '../config';
import { openDatabase, type Database } from './client';

export type { Database, Db, DbOrTx, Tx } from './client';

// The dev server loads this module through more than one module graph (vite plugin and kit), and the
// production entry needs it to shut down: keep the one instance on globalThis.
const KEY = Symbol.for('catchball.database');
type Holder = { [KEY]?: Promise<Database> };

/** Opens (once) the app's database from the environment and applies migrations. */
export function openAppDatabase(): Promise<Database> {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const config = readConfig();
		holder[KEY] = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
		holder[KEY].catch(() => {
			delete holder[KEY];
		});
	}
	return holder[KEY];
}

export async function closeAppDatabase(): Promise<void> {
	const holder = globalThis as Holder;
	const pending = holder[KEY];
	delete holder[KEY];
	if (pending) await (await pending).close();
}
