import type { CatchballEntryView, CatchballState, SideRef } from '../../domain/catchball';
import type { CatchballPermissions } from './permissions';

/** What GET /api/cards/:cardId/catchball answers. */
export interface CardCatchball {
	cardId: string;
	title: string;
	homeTeam: SideRef;
	thread: CatchballEntryView[];
	state: CatchballState | null;
	can: CatchballPermissions;
}

/**
 * A card's catchball thread from the server. `load(key)` fetches again only when the key changes (the
 * card's catchball state, or the latest entry seen live), so a panel stays live from an effect.
 * Answers to older requests are dropped.
 */
export class ThreadLoader {
	data = $state.raw<CardCatchball | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	private loadedKey: string | null = null;
	private controller: AbortController | null = null;

	constructor(private readonly cardId: () => string) {}

	async load(key: string, force = false): Promise<void> {
		if (!force && key === this.loadedKey) return;
		this.loadedKey = key;
		this.controller?.abort();
		const controller = (this.controller = new AbortController());
		const cardId = this.cardId();
		if (this.data && this.data.cardId !== cardId) this.data = null;
		this.loading = true;
		try {
			const response = await fetch(`/api/cards/${encodeURIComponent(cardId)}/catchball`, {
				signal: controller.signal,
				headers: { accept: 'application/json' }
			});
			if (controller.signal.aborted) return;
			if (!response.ok) {
				const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
				throw new Error(body?.error?.message ?? 'Could not load this card’s catchball.');
			}
			this.data = (await response.json()) as CardCatchball;
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

/** Changes whenever the card's catchball does (every entry moves `since`). */
export function catchballKey(cardId: string, state: CatchballState | null): string {
	return `${cardId}:${state ? `${state.state}:${state.since}:${state.court.id}` : 'none'}`;
}
