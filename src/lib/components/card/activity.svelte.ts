import { KeyedLoader } from '$lib/client/keyed-loader.svelte';
import type { BoardEvent, CommentView } from '$lib/domain/events';

export interface CardActivityData {
	comments: CommentView[];
	history: BoardEvent[];
}

/** A card's comments and history from GET /api/cards/:cardId/activity (see KeyedLoader). */
export class ActivityLoader extends KeyedLoader<CardActivityData> {
	constructor(cardId: () => string, boardId: () => string, fetcher?: typeof fetch) {
		super(
			() => `/api/cards/${encodeURIComponent(cardId())}/activity?boardId=${encodeURIComponent(boardId())}`,
			'this card’s activity',
			fetcher
		);
	}
}

/** What changes whenever an event about the card arrives (comments do not bump the version). */
export function activityKey(card: { id: string; version: number; commentCount: number }): string {
	return `${card.id}:${card.version}:${card.commentCount}`;
}
