import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { WALL_SCOPES, WALL_THEMES } from '../../../domain/board';
import { users } from './accounts';
import { organisations } from './organisations';

export const wallScopeEnum = pgEnum('wall_scope', WALL_SCOPES);
export const wallThemeEnum = pgEnum('wall_theme', WALL_THEMES);

/**
 * A revocable link for a wall display (a TV): read-only, no person's login on the screen. The token is
 * `${id}.${secret}`; only a hash of the secret is kept.
 */
export const wallLinks = pgTable(
	'wall_links',
	{
		id: text('id').primaryKey(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		secretHash: text('secret_hash').notNull(),
		name: text('name').notNull(),
		scope: wallScopeEnum('scope').notNull(),
		/** The team (scope team) or teams in rotation order (scope rotation); empty for the organisation view. */
		teamIds: jsonb('team_ids').$type<string[]>().notNull().default([]),
		rotateSeconds: integer('rotate_seconds').notNull().default(60),
		theme: wallThemeEnum('theme').notNull().default('dark'),
		showNames: boolean('show_names').notNull().default(true),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('wall_links_organisation_idx').on(t.organisationId)]
);
