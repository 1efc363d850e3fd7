import { afterEach, describe, expect, it } from 'vitest';
import { startJsonServer, type JsonServer } from '../../../../tests/helpers/json-server';
import { ActivityLoader, activityKey } from './activity.svelte';

let server: JsonServer | null = null;

afterEach(async () => {
	await server?.close();
	server = null;
});

describe('ActivityLoader', () => {
	it('asks for the card’s activity as this board shows it, and follows the card it is given now', async () => {
		server = await startJsonServer(() => ({ body: { comments: [], history: [] } }));
		let cardId = 'card/1';
		const loader = new ActivityLoader(() => cardId, () => 'board 1', server.fetch);
		await loader.load('a');
		cardId = 'card-2';
		await loader.load('b');
		expect(server.requests).toEqual(['/api/cards/card%2F1/activity?boardId=board%201', '/api/cards/card-2/activity?boardId=board%201']);
		expect(loader.data).toEqual({ comments: [], history: [] });
	});
});

describe('activityKey', () => {
	const card = { id: 'c', version: 3, commentCount: 1 };

	it('changes with every event about the card, comments included (they do not bump the version)', () => {
		expect(activityKey({ ...card, version: 4 })).not.toBe(activityKey(card));
		expect(activityKey({ ...card, commentCount: 2 })).not.toBe(activityKey(card));
		expect(activityKey({ ...card, id: 'd' })).not.toBe(activityKey(card));
		expect(activityKey({ ...card })).toBe(activityKey(card));
	});
});
