import type { BoardEvent, CommentView } from '$lib/domain/events';

export interface CardActivityData {
	comments: CommentView[];
	history: BoardEvent[];
}

/**
 * A card's comments and history from GET /api/cards/:cardId/activity. `load(key)` fetches again only
 * when the key changes (the card's version and comment count: every event about it changes one), so a
 * panel stays live by calling it from an effect; no timers. Answers to older requests are dropped.
 */
export class ActivityLoader {
	data = $state.raw<CardActivityData | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	private loadedKey: string | null = null;
	private controller: AbortController | null = null;

	constructor(
		private readonly cardId: () => string,
		private readonly boardId: () => string
	) {}

	async load(key: string, force = false): Promise<void> {
		if (!force && key === this.loadedKey) return;
		this.loadedKey = key;
		this.controller?.abort();
		const controller = (this.controller = new AbortController());
		this.loading = true;
		try {
			const url = `/api/cards/${encodeURIComponent(this.cardId())}/activity?boardId=${encodeURIComponent(this.boardId())}`;
			const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
			if (controller.signal.aborted) return;
			if (!response.ok) {
				const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
				throw new Error(body?.error?.message ?? 'Could not load this card’s activity.');
			}
			this.data = (await response.json()) as CardActivityData;
			this.error = null;
		} catch (error) {
			if (controller.signal.aborted) return;
			this.loadedKey = null;
			this.error = error instanceof Error && error.message !== 'Failed to fetch' ? error.message : 'Could not reach the server.';
		} finally {
			if (this.controller === controller) {
				this.loading = false;
				this.controller = null;
			}
		}
	}

	stop(): void {
		this.controller?.abort();
	}
}

/** What changes whenever an event about the card arrives (comments do not bump the version). */
export function activityKey(card: { id: string; version: number; commentCount: number }): string {
	return `${card.id}:${card.version}:${card.commentCount}`;
}
