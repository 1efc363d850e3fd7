import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../domain/events';
import { eventBatches } from './event-batches';

const event = (boardId: string, seq: number) =>
	({ type: 'card.unlinked', cardId: 'c', title: 't', boardId, seq, actor: null, at: '' }) as BoardEvent;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('eventBatches', () => {
	it('delivers the events of one turn as one batch per board, in the order published', async () => {
		const delivered: [string, number[]][] = [];
		const publish = eventBatches((boardId, events) => delivered.push([boardId, events.map((e) => e.seq)]));
		publish([event('a', 1), event('b', 7)]);
		publish([event('a', 2)]);
		publish([event('a', 3), event('b', 8)]);
		expect(delivered).toEqual([]);
		await nextTurn();
		expect(delivered).toEqual([
			['a', [1, 2, 3]],
			['b', [7, 8]]
		]);
	});

	it('starts a new batch for events published after a flush', async () => {
		const delivered: number[][] = [];
		const publish = eventBatches((_, events) => delivered.push(events.map((e) => e.seq)));
		publish([event('a', 1)]);
		await nextTurn();
		publish([event('a', 2)]);
		await nextTurn();
		expect(delivered).toEqual([[1], [2]]);
	});

	it('delivers nothing for an empty publish', async () => {
		const delivered: unknown[] = [];
		const publish = eventBatches((boardId) => delivered.push(boardId));
		publish([]);
		await nextTurn();
		expect(delivered).toEqual([]);
	});
});
