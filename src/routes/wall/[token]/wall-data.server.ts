import { eq, inArray } from 'drizzle-orm';
import { cardWithoutNames, organisationViewWithoutNames, settingsWithoutNames } from '$lib/domain/privacy';
import { isoDateIn } from '$lib/domain/gates';
import type { CardView } from '$lib/domain/events';
import type { DbOrTx } from '$lib/server/db';
import { boards, teams } from '$lib/server/db/schema';
import { loadBoardSnapshot } from '$lib/server/queries/board';
import { organisationView } from '$lib/server/queries/organisation-view';
import { findWallByToken } from '$lib/server/services/walls';
import type { WallBoardView } from './wall-live.svelte';

/**
 * What a wall display is given for its token, or null for an unknown or revoked one. Team and rotation
 * walls get their boards (in the link's order; a team deleted since is left out) with today's date in
 * each team's time zone; organisation walls the organisation view and every board's seq (to listen for
 * changes). With names hidden, no person's name is in any of it.
 */
export async function wallPageData(db: DbOrTx, token: string, now = new Date()) {
	const wall = await findWallByToken(db, token);
	if (!wall) return null;
	const options = { name: wall.name, scope: wall.scope, theme: wall.theme, showNames: wall.showNames, rotateSeconds: wall.rotateSeconds };

	if (wall.scope === 'organisation') {
		const [view, watch] = await Promise.all([
			organisationView(db, wall.organisationId, now),
			db.select({ boardId: boards.id, seq: boards.lastSeq }).from(boards).where(eq(boards.organisationId, wall.organisationId))
		]);
		return {
			wall: options,
			now: now.toISOString(),
			boards: [] as (WallBoardView<CardView> & { today: string })[],
			organisation: wall.showNames ? view : organisationViewWithoutNames(view),
			watch
		};
	}

	const rows = wall.teamIds.length
		? await db
				.select({
					teamId: teams.id,
					organisationId: teams.organisationId,
					name: teams.name,
					isLeadership: teams.isLeadership,
					timeZone: teams.timeZone,
					boardId: boards.id
				})
				.from(teams)
				.innerJoin(boards, eq(boards.teamId, teams.id))
				.where(inArray(teams.id, wall.teamIds))
		: [];
	const wallBoards: (WallBoardView<CardView> & { today: string })[] = [];
	for (const id of wall.teamIds) {
		const row = rows.find((r) => r.teamId === id && r.organisationId === wall.organisationId);
		if (!row) continue;
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
	return { wall: options, now: now.toISOString(), boards: wallBoards, organisation: null, watch: [] as { boardId: string; seq: number }[] };
}
