import { error } from '@sveltejs/kit';
import { eq, inArray } from 'drizzle-orm';
import { cardWithoutNames, organisationViewWithoutNames, settingsWithoutNames } from '$lib/components/wall/privacy';
import { isoDateIn } from '$lib/domain/gates';
import { appContext } from '$lib/server/context';
import { boards, teams } from '$lib/server/db/schema';
import { loadBoardSnapshot } from '$lib/server/queries/board';
import { organisationView } from '$lib/server/queries/organisation-view';
import { findWallByToken } from '$lib/server/services/walls';
import type { PageServerLoad } from './$types';
import type { WallBoardView } from './wall-live.svelte';

/**
 * A wall display: no sign-in, the link's token is the only key. An unknown or revoked token is the same
 * plain 404 (nothing says a link existed). Team and rotation walls get their boards; organisation walls
 * the organisation view. With names hidden, no person's name is in what the page is given.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const { db } = await appContext();
	const wall = await findWallByToken(db, params.token);
	if (!wall) error(404, 'Not found');
	// The token is in the URL: never cached by anyone, never sent on as a referrer.
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex' });
	const now = new Date();
	const options = { name: wall.name, scope: wall.scope, theme: wall.theme, showNames: wall.showNames, rotateSeconds: wall.rotateSeconds };

	if (wall.scope === 'organisation') {
		const [view, seqs] = await Promise.all([
			organisationView(db, wall.organisationId, now),
			db.select({ boardId: boards.id, seq: boards.lastSeq }).from(boards).where(eq(boards.organisationId, wall.organisationId))
		]);
		return {
			wall: options,
			now: now.toISOString(),
			boards: [],
			organisation: wall.showNames ? view : organisationViewWithoutNames(view),
			watch: seqs
		};
	}

	// The link's teams, in its order (a team deleted since is left out).
	const rows = wall.teamIds.length
		? await db
				.select({ teamId: teams.id, name: teams.name, isLeadership: teams.isLeadership, timeZone: teams.timeZone, boardId: boards.id, organisationId: teams.organisationId })
				.from(teams)
				.innerJoin(boards, eq(boards.teamId, teams.id))
				.where(inArray(teams.id, wall.teamIds))
		: [];
	const ordered = wall.teamIds
		.map((id) => rows.find((r) => r.teamId === id && r.organisationId === wall.organisationId))
		.filter((r) => r !== undefined);
	const wallBoards: (WallBoardView & { today: string })[] = [];
	for (const row of ordered) {
		const snapshot = await loadBoardSnapshot(db, row.boardId);
		const cards = wall.showNames ? snapshot.cards : snapshot.cards.map(cardWithoutNames);
		wallBoards.push({
			boardId: row.boardId,
			team: { id: row.teamId, name: row.name, isLeadership: row.isLeadership, timeZone: row.timeZone },
			seq: snapshot.seq,
			cards: Object.fromEntries(cards.map((c) => [c.id, c])),
			settings: wall.showNames ? snapshot.settings : settingsWithoutNames(snapshot.settings),
			today: isoDateIn(row.timeZone, now)
		});
	}
	return { wall: options, now: now.toISOString(), boards: wallBoards, organisation: null, watch: [] };
};
