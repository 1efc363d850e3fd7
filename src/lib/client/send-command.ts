import type { Socket } from 'socket.io-client';
import type { BoardCommandInput } from '../domain/commands';
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from '../domain/socket-protocol';

/** How long a command waits for its answer before the client calls it lost. */
export const COMMAND_TIMEOUT_MS = 15_000;

/** A uuid v4 for a command (crypto.randomUUID needs a secure context; a LAN address over http is not one). */
export function newCommandId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one place the browser sends a command: with its command id (the same id when the same command is
 * sent again, so the server applies it at most once), answered by the server's ack or by a client-side
 * refusal (`offline`, `timeout`).
 */
export function sendCommand(
	socket: Socket<ServerToClientEvents, ClientToServerEvents> | null,
	command: BoardCommandInput,
	commandId: string = newCommandId()
): Promise<CommandAck> {
	if (!socket?.connected) {
		return Promise.resolve({ ok: false, error: { code: 'offline', message: 'You are offline; nothing was sent. Try again when connected.' } });
	}
	return new Promise((resolve) => {
		socket.timeout(COMMAND_TIMEOUT_MS).emit('command', { ...command, commandId }, (err: Error | null, reply: CommandAck) => {
			resolve(err ? { ok: false, error: { code: 'timeout', message: 'The server did not answer; try again.' } } : reply);
		});
	});
}
