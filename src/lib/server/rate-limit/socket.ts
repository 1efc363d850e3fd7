import type { AckError } from '../../domain/socket-protocol';
import type { AppSocket } from '../realtime/types';
import { handshakeAddress } from './address';
import { appRateLimits } from './app';
import type { RateLimits } from './limits';
import { describeWait } from './wait';

const addresses = new WeakMap<object, string | null>();
let warned = false;

/** The socket's client address, read once from its handshake. */
function addressOf(socket: AppSocket): string | null {
	let address = addresses.get(socket);
	if (address === undefined) {
		try {
			address = handshakeAddress(socket.handshake) ?? null;
		} catch (error) {
			// ADDRESS_HEADER does not match the proxy: the per-session budget still holds.
			if (!warned) console.error(`rate limits: no client address for sockets: ${(error as Error).message}`);
			warned = true;
			address = null;
		}
		addresses.set(socket, address);
	}
	return address;
}

/**
 * Takes one board command from the session's and the address's budgets; the refusal to send back when
 * either is spent (the command is then not run at all), or null.
 */
export async function commandRateLimit(socket: AppSocket, limits: RateLimits = appRateLimits()): Promise<AckError | null> {
	const address = addressOf(socket);
	const verdicts = await Promise.all([
		limits.take('socket.session', socket.data.sessionId),
		address ? limits.take('socket.address', address) : ({ allowed: true } as const)
	]);
	const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfterMs]));
	if (!waits.length) return null;
	const retryAfterMs = Math.max(...waits);
	return {
		code: 'rate_limited',
		message: `Too many changes at once. Try again in ${describeWait(retryAfterMs)}.`,
		details: { retryAfterMs }
	};
}
