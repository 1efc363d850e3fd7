import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { CatchUp } from '../../domain/socket-protocol';
import { catchUpWithoutNames } from '../../domain/privacy';
import type { AppContext } from '../context';
import { boardOnWall, findWallByToken, type WallLink } from '../queries/walls';
import { rooms, WALL_NAMESPACE } from './hub';
import { isAllowedOrigin } from './origin';
import { catchUp, requestError, safeAck } from './replies';
import type { RealtimeOptions } from './types';

type WallSocket = Socket & { data: { wall: WallLink } };

const joinRequest = z.object({ boardId: z.uuid(), sinceSeq: z.int().min(0).optional() });
const sinceRequest = z.object({ boardId: z.uuid(), seq: z.int().min(0) });

const notCovered = { code: 'not_found', message: 'This wall link does not cover that board.' };

/**
 * The namespace wall displays use: authenticated by the wall link's token (no person's session), it may
 * join only the boards its link covers and sends no command. Revoking the link disconnects it.
 */
export function attachWallNamespace(io: Server, getContext: () => Promise<AppContext>, options: RealtimeOptions): void {
	const walls = io.of(WALL_NAMESPACE);
	walls.use(async (socket, next) => {
		try {
			const headers = socket.handshake.headers;
			const host = headers[(options.hostHeader ?? 'host').toLowerCase()];
			if (!isAllowedOrigin(headers.origin, Array.isArray(host) ? host[0] : host, options.origin)) {
				return next(new Error('origin_not_allowed'));
			}
			const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
			if (typeof token !== 'string') return next(new Error('unauthenticated'));
			const wall = await findWallByToken((await getContext()).db, token);
			if (!wall) return next(new Error('wall_revoked'));
			socket.data = { wall };
			next();
		} catch (error) {
			console.error('wall handshake failed', error);
			next(new Error('server_error'));
		}
	});

	walls.on('connection', (raw) => {
		const socket = raw as WallSocket;
		const { wall } = socket.data;
		// A link that hides names listens in the rooms whose events have the names taken out.
		const roomFor = (room: string) => (wall.showNames ? room : rooms.anonymous(room));
		const forWall = (reply: CatchUp) => (wall.showNames ? reply : catchUpWithoutNames(reply));
		void socket.join([rooms.wall(wall.id), ...(wall.scope === 'organisation' ? [roomFor(rooms.organisation(wall.organisationId))] : [])]);

		socket.on('board:join', async (request: unknown, ack: unknown) => {
			const reply = safeAck<CatchUp>(ack);
			try {
				const { boardId, sinceSeq } = joinRequest.parse(request);
				const ctx = await getContext();
				if (!(await boardOnWall(ctx.db, wall, boardId))) return reply({ ok: false, error: notCovered });
				await socket.join(roomFor(rooms.board(boardId)));
				const board = await boardOnWall(ctx.db, wall, boardId);
				reply({ ok: true, ...forWall(await catchUp(ctx, boardId, board!.lastSeq, sinceSeq)) });
			} catch (error) {
				reply({ ok: false, error: requestError(error) });
			}
		});

		socket.on('board:since', async (request: unknown, ack: unknown) => {
			const reply = safeAck<CatchUp>(ack);
			try {
				const { boardId, seq } = sinceRequest.parse(request);
				const ctx = await getContext();
				const board = await boardOnWall(ctx.db, wall, boardId);
				if (!board) return reply({ ok: false, error: notCovered });
				reply({ ok: true, ...forWall(await catchUp(ctx, boardId, board.lastSeq, seq)) });
			} catch (error) {
				reply({ ok: false, error: requestError(error) });
			}
		});

		socket.on('board:leave', async (request: unknown) => {
			const parsed = z.object({ boardId: z.uuid() }).safeParse(request);
			if (parsed.success) await socket.leave(roomFor(rooms.board(parsed.data.boardId)));
		});

		// A wall is read-only: commands are answered, never run.
		socket.on('command', (_command: unknown, ack: unknown) => {
			safeAck<never>(ack)({ ok: false, error: { code: 'forbidden', message: 'A wall display is read-only.' } });
		});
	});
}
