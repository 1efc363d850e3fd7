import { KeyedLoader } from '../../client/keyed-loader.svelte';
import type { CatchballPermissions } from '../../domain/access';
import type { CatchballEntryView, CatchballState, SideRef } from '../../domain/catchball';

/** What GET /api/cards/:cardId/catchball answers. */
export interface CardCatchball {
	cardId: string;
	title: string;
	homeTeam: SideRef;
	thread: CatchballEntryView[];
	state: CatchballState | null;
	can: CatchballPermissions;
}

/** A card's catchball thread from GET /api/cards/:cardId/catchball (see KeyedLoader). */
export class ThreadLoader extends KeyedLoader<CardCatchball> {
	constructor(cardId: () => string, fetcher?: typeof fetch) {
		super(() => `/api/cards/${encodeURIComponent(cardId())}/catchball`, 'this card’s catchball', fetcher);
	}
}

/** Changes whenever the card's catchball does (every entry moves `since`). */
export function catchballKey(cardId: string, state: CatchballState | null): string {
	return `${cardId}:${state ? `${state.state}:${state.since}:${state.court.id}` : 'none'}`;
}
