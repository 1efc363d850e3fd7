import {
	boolean,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ROLES } from '../../../domain/roles';
import { users } from './accounts';

export const roleEnum = pgEnum('organisation_role', ROLES);

export const organisations = pgTable('organisations', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** A person belongs to at most one organisation, with exactly one role in it. */
export const members = pgTable(
	'members',
	{
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
			.unique(),
		role: roleEnum('role').notNull(),
		joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] })]
);

/**
 * A team. Each organisation has exactly one leadership team (`isLeadership`), whose people are the
 * organisation's leaders (derived from the role, not from team_members).
 */
export const teams = pgTable(
	'teams',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		isLeadership: boolean('is_leadership').notNull().default(false),
		timeZone: text('time_zone').notNull().default('UTC'),
		/** Share of people's time protected for improvement, in percent. */
		protectedPercent: integer('protected_percent').notNull().default(15),
		hoursPerWeek: integer('hours_per_week').notNull().default(40),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('teams_organisation_idx').on(t.organisationId),
		uniqueIndex('teams_name_per_org').on(t.organisationId, sql`lower(${t.name})`),
		uniqueIndex('teams_one_leadership_per_org')
			.on(t.organisationId)
			.where(sql`${t.isLeadership}`)
	]
);

export const teamMembers = pgTable(
	'team_members',
	{
		teamId: uuid('team_id')
			.notNull()
			.references(() => teams.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)]
);

/** An expiring invite link carrying the role and teams the invited person gets. */
export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		secretHash: text('secret_hash').notNull(),
		role: roleEnum('role').notNull(),
		teamIds: jsonb('team_ids').$type<string[]>().notNull().default([]),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('invites_organisation_idx').on(t.organisationId)]
);

/** Who changed what in accounts and organisations, and when. */
export const auditEntries = pgTable(
	'audit_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'cascade'
		}),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		/** Human-readable summary, written when the entry is made (names may change later). */
		summary: text('summary').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('audit_entries_organisation_idx').on(t.organisationId, t.at)]
);
