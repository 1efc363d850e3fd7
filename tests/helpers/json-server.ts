import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonReply {
	status?: number;
	body: unknown;
}

export interface JsonServer {
	/** Paths and queries asked for, in order. */
	requests: string[];
	/** `fetch` for relative URLs, as a page on this server would fetch them. */
	fetch: typeof fetch;
	close(): Promise<void>;
}

/** A real HTTP server on an ephemeral port answering JSON as `answer` says (it may wait before answering). */
export async function startJsonServer(answer: (path: string) => JsonReply | Promise<JsonReply>): Promise<JsonServer> {
	const requests: string[] = [];
	const server = http.createServer(async (req, res) => {
		requests.push(req.url ?? '');
		const reply = await answer(req.url ?? '');
		res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(reply.body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		requests,
		fetch: (input, init) => fetch(new URL(String(input), base), init),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}
