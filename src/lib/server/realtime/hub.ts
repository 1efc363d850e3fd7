import type { Server } from 'socket.io';
import type { BoardEvent } from '../../domain/events';
import type { CatchballEntryView, SideRef } from '../../domain/catchball';
import { catchballUpdateWithoutNames, eventWithoutNames } from '../../domain/privacy';
import { eventBatches } from './event-batches';

/** What services tell the realtime layer; everything here happens after the transaction committed. */
export interface RealtimeHub {
	/** New events in boards' logs, to deliver to those boards' rooms. */
	publishBoardEvents(events: readonly BoardEvent[]): void;
	/** Sessions that ended (sign-out, password change or reset): drop their sockets. */
	sessionsEnded(sessionIds: readonly string[]): void;
	/** A person's access changed (role, teams, removal): drop their sockets so they re-authorise. */
	accessChanged(userId: string): void;
	/** A catchball move, for inboxes and session views across the organisation. */
	publishCatchball(organisationId: string, update: CatchballUpdate): void;
	/** A wall link was revoked: disconnect every display using it. */
	wallRevoked(wallId: string): void;
}

export interface CatchballUpdate {
	cardId: string;
	title: string;
	homeTeam: SideRef;
	entry: CatchballEntryView;
}

export const silentHub: RealtimeHub = {
	publishBoardEvents() {},
	sessionsEnded() {},
	accessChanged() {},
	publishCatchball() {},
	wallRevoked() {}
};

export const rooms = {
	board: (boardId: string) => `board:${boardId}`,
	session: (sessionId: string) => `session:${sessionId}`,
	user: (userId: string) => `user:${userId}`,
	organisation: (organisationId: string) => `org:${organisationId}`,
	wall: (wallId: string) => `wall:${wallId}`,
	/** Walls whose link hides people's names listen here, and get events with the names taken out. */
	anonymous: (room: string) => `${room}:anonymous`
};

/** Wall displays connect to their own namespace: token-scoped, read-only (src/lib/server/realtime/wall.ts). */
export const WALL_NAMESPACE = '/wall';

/** The hub backed by a Socket.IO server (with the Redis adapter, rooms span every instance). */
export function socketHub(io: Server): RealtimeHub {
	const walls = io.of(WALL_NAMESPACE);
	const publishBoardEvents = eventBatches((boardId, events) => {
		const room = rooms.board(boardId);
		io.to(room).emit('board:events', events);
		walls.to(room).emit('board:events', events);
		walls.to(rooms.anonymous(room)).emit('board:events', events.map(eventWithoutNames));
	});
	return {
		publishBoardEvents,
		sessionsEnded(sessionIds) {
			if (sessionIds.length) io.in(sessionIds.map(rooms.session)).disconnectSockets(true);
		},
		accessChanged(userId) {
			io.in(rooms.user(userId)).disconnectSockets(true);
		},
		publishCatchball(organisationId, update) {
			io.to(rooms.organisation(organisationId)).emit('catchball', update);
			const room = rooms.organisation(organisationId);
			io.of(WALL_NAMESPACE).to(room).emit('catchball', update);
			io.of(WALL_NAMESPACE).to(rooms.anonymous(room)).emit('catchball', catchballUpdateWithoutNames(update));
		},
		wallRevoked(wallId) {
			io.of(WALL_NAMESPACE).in(rooms.wall(wallId)).disconnectSockets(true);
		}
	};
}
