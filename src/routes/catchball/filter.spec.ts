import { describe, expect, it } from 'vitest';
import { chosenTeams, matchesTeams, teamsSearch } from './filter';

const item = (home: string, court: string) => ({ homeTeam: { id: home }, state: { court: { id: court } } });

describe('the session view’s team filter', () => {
	it('reads ?teams= as a comma list or repeated, without blanks or repeats', () => {
		expect(chosenTeams(new URLSearchParams(''))).toEqual([]);
		expect(chosenTeams(new URLSearchParams('teams=a,b'))).toEqual(['a', 'b']);
		expect(chosenTeams(new URLSearchParams('teams=a&teams=b&teams=a&teams='))).toEqual(['a', 'b']);
	});

	it('shows everything for the whole organisation, else items whose team or court is chosen', () => {
		expect(matchesTeams(item('a', 'lead'), [])).toBe(true);
		expect(matchesTeams(item('a', 'lead'), ['a'])).toBe(true);
		expect(matchesTeams(item('a', 'lead'), ['lead'])).toBe(true);
		expect(matchesTeams(item('a', 'lead'), ['b'])).toBe(false);
	});

	it('keeps the choice in the URL, and drops it for the whole organisation', () => {
		const url = new URL('http://x/catchball?teams=a&other=1');
		expect(teamsSearch(url, ['a', 'b'])).toBe('/catchball?teams=a,b&other=1');
		expect(teamsSearch(url, [])).toBe('/catchball?other=1');
	});
});
