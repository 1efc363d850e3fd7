import { eq, inArray } from 'drizzle-orm';
import type { CardView } from '../../domain/events';
import { isoDateIn } from '../../domain/gates';
import { cardWithoutNames, organisationViewWithoutNames, settingsWithoutNames } from '../../domain/privacy';
import type { WallBoardView, WallView } from '../../domain/walls';
import { splitToken, constantTimeEqual, hashSecret } from '../auth/tokens';
import type { DbOrTx } from '../db';
import { boards, teams, wallLinks } from '../db/schema';
import { boardSeqsOf, loadBoardSnapshot } from './board';
import { organisationView } from './organisation-view';

export interface WallLink extends WallView {
	organisationId: string;
}

/** The live (not revoked) link a token opens, or null. */
export async function findWallByToken(db: DbOrTx, token: string): Promise<WallLink | null> {
	const parts = splitToken(token);
	if (!parts) return null;
	const [link] = await db.select().from(wallLinks).where(eq(wallLinks.id, parts.id));
	if (!link || link.revokedAt || !constantTimeEqual(hashSecret(parts.secret), link.secretHash)) return null;
	return {
		id: link.id,
		organisationId: link.organisationId,
		name: link.name,
		scope: link.scope,
		teamIds: link.teamIds,
		rotateSeconds: link.rotateSeconds,
		theme: link.theme,
		showNames: link.showNames
	};
}

/** The board's seq, if the wall's link covers it (its team, or any board of its organisation). */
export async function boardOnWall(db: DbOrTx, wall: WallLink, boardId: string): Promise<{ lastSeq: number } | null> {
	const [board] = await db
		.select({ teamId: boards.teamId, organisationId: boards.organisationId, lastSeq: boards.lastSeq })
		.from(boards)
		.where(eq(boards.id, boardId));
	if (!board || board.organisationId !== wall.organisationId) return null;
	if (wall.scope !== 'organisation' && !wall.teamIds.includes(board.teamId)) return null;
	return { lastSeq: board.lastSeq };
}

type WallPageBoard = WallBoardView<CardView> & { today: string };

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
		const [view, watch] = await Promise.all([organisationView(db, wall.organisationId, now), boardSeqsOf(db, wall.organisationId)]);
		return {
			wall: options,
			now: now.toISOString(),
			boards: [] as WallPageBoard[],
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
	const wallBoards: WallPageBoard[] = [];
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
