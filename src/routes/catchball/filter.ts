import type { CatchballState, SideRef } from '$lib/domain/catchball';

/** A row of the session view. */
export interface SessionItem {
	cardId: string;
	title: string;
	homeTeam: SideRef;
	state: CatchballState;
}

/** The session view's team filter, kept in the URL as ?teams=id,id (or repeated ?teams= from the form). */

export function chosenTeams(params: URLSearchParams): string[] {
	return [...new Set(params.getAll('teams').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

/** An item shows when no team is chosen (whole organisation), or its team or its court is chosen. */
export function matchesTeams(item: { homeTeam: { id: string }; state: { court: { id: string } } }, chosen: readonly string[]): boolean {
	return chosen.length === 0 || chosen.includes(item.homeTeam.id) || chosen.includes(item.state.court.id);
}

export function teamsSearch(url: URL, chosen: readonly string[]): string {
	const next = new URL(url);
	if (chosen.length) next.searchParams.set('teams', chosen.join(','));
	else next.searchParams.delete('teams');
	// Commas read better than %2C in a link someone shares in the meeting chat.
	return `${next.pathname}${next.search.replaceAll('%2C', ',')}`;
}
