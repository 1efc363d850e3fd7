import { z } from 'zod';
import { WALL_SCOPES, WALL_THEMES, type WallScope, type WallTheme } from './board';
import type { BoardSettingsView } from './capacity';
import type { CardSummary } from './events';
import { withoutNul } from './text';

export const createWallLinkInput = z
	.object({
		name: withoutNul(
			z.string().trim().min(1, 'Name the display, e.g. “Corridor TV, 3rd floor”.').max(80, 'Use at most 80 characters.')
		),
		scope: z.enum(WALL_SCOPES, 'Choose what the wall shows.'),
		teamIds: z
			.array(z.uuid('Choose a team.'))
			.default([])
			.transform((ids) => [...new Set(ids)]),
		rotateSeconds: z.coerce
			.number('Enter a number of seconds.')
			.int('Use whole seconds.')
			.min(10, 'Rotate every 10 seconds at the fastest.')
			.max(3600, 'Rotate at least once an hour.')
			.default(60),
		theme: z.enum(WALL_THEMES).default('dark'),
		showNames: z.boolean().default(true)
	})
	.superRefine((input, ctx) => {
		if (input.scope === 'team' && input.teamIds.length !== 1) {
			ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'Choose exactly one team.' });
		}
		if (input.scope === 'rotation' && input.teamIds.length < 2) {
			ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'Choose at least two teams to rotate through.' });
		}
	});
export type CreateWallLinkInput = z.input<typeof createWallLinkInput>;

export const revokeWallLinkInput = z.object({ wallId: withoutNul(z.string().min(1).max(64)) });

export const WALL_SCOPE_LABELS: Record<WallScope, string> = {
	team: 'One team’s board',
	rotation: 'A rotation of team boards',
	organisation: 'The organisation view'
};

/** What a display knows about its link. */
export interface WallView {
	id: string;
	name: string;
	scope: WallScope;
	teamIds: string[];
	rotateSeconds: number;
	theme: WallTheme;
	showNames: boolean;
}

/** A team board as a wall shows it (a card face needs no more than a summary; the page is given whole cards). */
export interface WallBoardView<C extends CardSummary = CardSummary> {
	boardId: string;
	team: { id: string; name: string; isLeadership: boolean; timeZone: string };
	seq: number;
	cards: Readonly<Record<string, C>>;
	settings: BoardSettingsView;
}
