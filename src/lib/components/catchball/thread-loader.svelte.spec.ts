import { afterEach, describe, expect, it } from 'vitest';
import type { CatchballState } from '../../domain/catchball';
import { startJsonServer, type JsonServer } from '../../../../tests/helpers/json-server';
import { ThreadLoader, catchballKey } from './thread-loader.svelte';

let server: JsonServer | null = null;

afterEach(async () => {
	await server?.close();
	server = null;
});

const leadership = { id: 'lead', name: 'Leadership', isLeadership: true };
const platform = { id: 'platform', name: 'Platform', isLeadership: false };
const state = (court = leadership, since = '2026-11-20T10:00:00.000Z', kind: 'in_air' | 'owned' = 'in_air'): CatchballState => ({
	state: kind,
	court,
	since,
	last: { kind: kind === 'owned' ? 'catch' : 'throw', message: 'Please decide', by: 'Mia' }
});

describe('ThreadLoader', () => {
	it('asks for the card’s catchball thread', async () => {
		const body = { cardId: 'c 1', title: 'T', thread: [], state: null, can: { throw: true, catch: false, throwBack: false, decide: false } };
		server = await startJsonServer(() => ({ body }));
		const loader = new ThreadLoader(() => 'c 1', server.fetch);
		await loader.load(catchballKey('c 1', null));
		expect(server.requests).toEqual(['/api/cards/c%201/catchball']);
		expect(loader.data).toEqual(body);
	});
});

describe('catchballKey', () => {
	it('changes whenever the item moves: thrown, caught, thrown on, and for another card', () => {
		const keys = [
			catchballKey('c', null),
			catchballKey('c', state()),
			catchballKey('c', state(leadership, '2026-11-20T10:00:00.000Z', 'owned')),
			catchballKey('c', state(platform, '2026-11-21T10:00:00.000Z')),
			catchballKey('d', state())
		];
		expect(new Set(keys).size).toBe(keys.length);
		expect(catchballKey('c', state())).toBe(keys[1]);
	});
});
