import type { IncomingHttpHeaders } from 'node:http';

/** How the client's address is found, as adapter-node reads it (ADDRESS_HEADER, XFF_DEPTH). */
export interface AddressConfig {
	/** The header a trusted proxy sets, e.g. `x-forwarded-for` or `true-client-ip`; unset: the peer. */
	addressHeader: string | undefined;
	/** With `x-forwarded-for`: which entry from the right is the client (1 = the last one added). */
	xffDepth: number;
}

export function addressConfig(env: NodeJS.ProcessEnv = process.env): AddressConfig {
	return {
		addressHeader: env.ADDRESS_HEADER?.trim().toLowerCase() || undefined,
		xffDepth: env.XFF_DEPTH?.trim() ? Number.parseInt(env.XFF_DEPTH, 10) : 1
	};
}

/**
 * The client's address by adapter-node's rules: the configured header (for `x-forwarded-for`, the
 * entry `xffDepth` from the right, since only the proxies' own appends can be trusted), otherwise the
 * connection's peer. A header that is not configured is never read: anyone can send X-Forwarded-For.
 * Throws, as adapter-node does, when the configured header is missing or too short (a proxy set-up that
 * does not match the configuration).
 */
export function clientAddress(headers: IncomingHttpHeaders, peer: string | undefined, config: AddressConfig): string | undefined {
	const name = config.addressHeader;
	if (!name) return peer || undefined;
	const raw = headers[name];
	if (raw === undefined) throw new Error(`ADDRESS_HEADER is ${name}, but the request has no such header`);
	const value = Array.isArray(raw) ? raw.join(',') : raw;
	if (name !== 'x-forwarded-for') return value.trim() || undefined;
	if (!Number.isInteger(config.xffDepth) || config.xffDepth < 1) throw new Error('XFF_DEPTH must be a positive integer');
	const addresses = value.split(',');
	if (config.xffDepth > addresses.length) {
		throw new Error(`XFF_DEPTH is ${config.xffDepth}, but only found ${addresses.length} addresses`);
	}
	return addresses[addresses.length - config.xffDepth]!.trim() || undefined;
}

/** An HTTP request's client address: SvelteKit's adapter-node applies the same rules. */
export function requestAddress(event: { getClientAddress(): string }): string {
	return event.getClientAddress();
}

/** A Socket.IO connection's client address, from its handshake by the same rules. */
export function handshakeAddress(
	handshake: { headers: IncomingHttpHeaders; address: string },
	config: AddressConfig = addressConfig()
): string | undefined {
	return clientAddress(handshake.headers, handshake.address, config);
}
