import net, { type AddressInfo } from 'node:net';

export interface TcpProxy {
	/** The target's URL with the proxy's host and port. */
	url: string;
	/** An outage: open connections are cut and new ones refused. */
	cut(): void;
	/** A server that stops answering: connections stay open, nothing passes. */
	stall(): void;
	/** Back to normal (for new connections). */
	restore(): void;
	close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `target` (e.g. Redis), so a test can take the service away. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
	const to = new URL(target);
	let mode: 'up' | 'cut' | 'stalled' = 'up';
	const open = new Set<net.Socket>();
	const server = net.createServer((client) => {
		if (mode === 'cut') return client.destroy();
		const upstream = net.connect(Number(to.port || 6379), to.hostname);
		open.add(client).add(upstream);
		const forget = () => {
			open.delete(client);
			open.delete(upstream);
			client.destroy();
			upstream.destroy();
		};
		client.on('data', (chunk) => mode === 'up' && upstream.write(chunk));
		upstream.on('data', (chunk) => mode === 'up' && client.write(chunk));
		client.on('close', forget).on('error', forget);
		upstream.on('close', forget).on('error', forget);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = new URL(target);
	url.hostname = '127.0.0.1';
	url.port = String((server.address() as AddressInfo).port);
	return {
		url: url.toString(),
		cut() {
			mode = 'cut';
			for (const socket of open) socket.destroy();
		},
		stall() {
			mode = 'stalled';
		},
		restore() {
			mode = 'up';
		},
		async close() {
			for (const socket of open) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
