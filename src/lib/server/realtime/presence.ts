import type { Server } from 'socket.io';
import { z } from 'zod';
import type { PresenceEntry } from '../../domain/socket-protocol';
import { rooms } from './hub';
import type { SocketFeature } from './types';

const activityRequest = z.object({
	boardId: z.uuid(),
	activity: z.object({ cardId: z.uuid(), kind: z.enum(['dragging', 'editing']) }).nullable()
});

/**
 * Who is on a board: one entry per person however many tabs they have open. Computed from the room's
 * sockets (fetchSockets spans every instance with the Redis adapter), so it can never drift; a dropped
 * connection leaves the room when Socket.IO's heartbeat gives up (≤ 20 s with our ping settings).
 */
async function presenceOf(io: Server, boardId: string): Promise<PresenceEntry[]> {
	const sockets = await io.in(rooms.board(boardId)).fetchSockets();
	const people = new Map<string, PresenceEntry>();
	for (const s of sockets) {
		const data = s.data as { actor?: { userId: string; name: string }; activity?: Record<string, PresenceEntry['activity']> };
		if (!data.actor) continue;
		const activity = data.activity?.[boardId] ?? null;
		const existing = people.get(data.actor.userId);
		if (!existing) people.set(data.actor.userId, { userId: data.actor.userId, name: data.actor.name, activity });
		else if (activity) existing.activity = activity;
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const pending = new Map<string, ReturnType<typeof setTimeout>>();

/** Sends the board's presence soon; bursts (a room of 200 joining) collapse into one update. */
export function schedulePresence(io: Server, boardId: string): void {
	if (pending.has(boardId)) return;
	pending.set(
		boardId,
		setTimeout(async () => {
			pending.delete(boardId);
			try {
				io.to(rooms.board(boardId)).emit('presence', { boardId, people: await presenceOf(io, boardId) });
			} catch (error) {
				console.error('presence update failed', error);
			}
		}, 100)
	);
}

export const presenceFeature: SocketFeature = (socket) => {
	socket.on('presence:activity', (request) => {
		const parsed = activityRequest.safeParse(request);
		if (!parsed.success || !socket.rooms.has(rooms.board(parsed.data.boardId))) return;
		const data = socket.data as typeof socket.data & { activity?: Record<string, PresenceEntry['activity']> };
		data.activity = { ...data.activity, [parsed.data.boardId]: parsed.data.activity };
		schedulePresence(socket.nsp.server, parsed.data.boardId);
	});

	// Rooms are still known while disconnecting; tell each board the person may have left.
	socket.on('disconnecting', () => {
		const boards = [...socket.rooms].filter((r) => r.startsWith('board:')).map((r) => r.slice('board:'.length));
		setImmediate(() => boards.forEach((boardId) => schedulePresence(socket.nsp.server, boardId)));
	});
};
