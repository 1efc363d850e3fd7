import type { BoardSocket } from '../../client/board-sync';
import type { BoardCommandInput } from '../../domain/commands';
import type { CommandAck } from '../../domain/socket-protocol';

/** Sends a command over the app's socket outside a board page; the answer, or a client-side refusal. */
export function sendCommand(socket: BoardSocket | null, command: BoardCommandInput): Promise<CommandAck> {
	if (!socket?.connected) {
		return Promise.resolve({ ok: false, error: { code: 'offline', message: 'You are offline; nothing was sent. Try again when connected.' } });
	}
	return new Promise((resolve) => {
		socket.timeout(15_000).emit('command', command, (err: Error | null, reply: CommandAck) => {
			resolve(err ? { ok: false, error: { code: 'timeout', message: 'The server did not answer; try again.' } } : reply);
		});
	});
}
