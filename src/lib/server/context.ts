import type { Server } from 'socket.io';
import { openAppDatabase, type Db } from './db';
import { silentHub, socketHub, type RealtimeHub } from './realtime/hub';

/** What every service needs: the database and the realtime hub it tells after commit. */
export interface AppContext {
	db: Db;
	realtime: RealtimeHub;
}

const IO_KEY = Symbol.for('catchball.io');
type IoHolder = { [IO_KEY]?: Server };

/** The Socket.IO server created by the production entry or the dev plugin, if any. */
export function sharedIo(): Server | undefined {
	return (globalThis as IoHolder)[IO_KEY];
}

// One hub per Socket.IO server: the hub batches what is published in the same moment.
const hubs = new WeakMap<Server, RealtimeHub>();

function hubOf(io: Server): RealtimeHub {
	let hub = hubs.get(io);
	if (!hub) hubs.set(io, (hub = socketHub(io)));
	return hub;
}

/** The running app's context: its database, and the hub of its Socket.IO server when there is one. */
export async function appContext(): Promise<AppContext> {
	const database = await openAppDatabase();
	const io = sharedIo();
	return { db: database.db, realtime: io ? hubOf(io) : silentHub };
}
