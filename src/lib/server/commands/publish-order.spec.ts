import { describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../domain/events';
import { PublishOrder } from './publish-order';

const event = (boardId: string, seq: number) => ({ type: 'card.unlinked', cardId: 'c', title: 't', boardId, seq, actor: null, at: '' }) as BoardEvent;

describe('PublishOrder', () => {
	it('holds a later commit until the earlier one is published', () => {
		const order = new PublishOrder();
		const sent: number[] = [];
		const publish = (events: BoardEvent[]) => sent.push(...events.map((e) => e.seq));
		order.reserve('b', 5);
		order.reserve('b', 6);
		order.release([event('b', 6)], publish);
		expect(sent).toEqual([]);
		order.release([event('b', 5)], publish);
		expect(sent).toEqual([5, 6]);
	});

	it('lets a rolled-back seq go, releasing what waited on it', () => {
		const order = new PublishOrder();
		const sent: number[] = [];
		const publish = (events: BoardEvent[]) => sent.push(...events.map((e) => e.seq));
		order.reserve('b', 1);
		order.reserve('b', 2);
		order.release([event('b', 2)], publish);
		order.cancel([{ boardId: 'b', seq: 1 }], publish);
		expect(sent).toEqual([2]);
	});

	it('keeps boards independent', () => {
		const order = new PublishOrder();
		const sent: string[] = [];
		const publish = (events: BoardEvent[]) => sent.push(...events.map((e) => `${e.boardId}${e.seq}`));
		order.reserve('a', 1);
		order.reserve('b', 1);
		order.release([event('b', 1)], publish);
		expect(sent).toEqual(['b1']);
	});
});
