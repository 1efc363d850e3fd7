import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { canReadTeam, type Actor } from '../../domain/access';
import type { BoardSettingsView, RaidView } from '../../domain/capacity';
import type { CatchballState } from '../../domain/catchball';
import type { CardSummary, PersonRef, TeamRefView } from '../../domain/events';
import { isoDateIn } from '../../domain/gates';
import { lastIsoWeeks } from '../../domain/weeks';
import { rowsOf, type DbOrTx } from '../db/client';
import type { BoardHeader } from './board';
import { settingsView } from './board-settings';

/** Everything the board page (`/teams/[teamId]`) is given, read at one instant. */
export interface BoardPage {
	board: BoardHeader;
	/** The seq of the board's log the cards and settings reflect (events after it apply on top). */
	seq: number;
	/** The board's active cards (learned and archived ones live on the Learned page), as summaries. */
	cards: CardSummary[];
	settings: BoardSettingsView;
	/** The organisation's people (owners, the owner filter). */
	people: PersonRef[];
	/** The organisation's teams the person may read (linked teams in the card panel). */
	teams: { id: string; name: string; isLeadership: boolean }[];
	/** Today in the team's time zone. */
	today: string;
}

const uuid = z.uuid();

/** An ISO timestamp exactly as `Date.prototype.toISOString` writes it. */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A text with something in it besides what `String.prototype.trim` strips (the same test as
 * `hypothesisWritten` in domain/gates.ts): JS white space and line terminators.
 */
const WRITTEN = '[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const written = (column: SQL) => sql`(${column} <> '' and ${column} ~ ${WRITTEN})`;

/** A card row of the board page's statement (see `loadBoardPage`). */
interface CardRow {
	id: string;
	/** Null for the board's own cards (most of them): the board's id and team. */
	homeBoardId: string | null;
	homeTeam: unknown;
	version: number;
	column: CardSummary['column'];
	lane: CardSummary['lane'];
	position: string;
	title: string;
	category: CardSummary['category'];
	problemObserved: string;
	hypothesisBelieve: string;
	experimentPlan: string;
	hypothesisWritten: boolean;
	timeboxEnd: string | null;
	effort: number | string;
	enteredAt: string;
	/** What most cards lack, when a card has some of it. */
	extras: unknown;
	board: null;
}

/** The one row about the board itself. */
interface BoardRow {
	board: unknown;
}

interface BoardJson {
	id: string;
	organisationId: string;
	lastSeq: number | string;
	settings: unknown;
	teamId: string;
	teamName: string;
	isLeadership: boolean;
	timeZone: string;
	hoursPerWeek: number;
	protectedPercent: number;
	people: number;
	raids: RaidView[];
	directory: PersonRef[];
	teams: { id: string; name: string; isLeadership: boolean }[];
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/** How many values a card row has before `board` (the board's own row fills them with nulls). */
const CARD_COLUMNS = 17;

/**
 * The board page's statement, built once. Prepared by name on each connection (postgres.js), so the
 * database plans it once there rather than on every request (planning it costs more than a
 * millisecond); rows come back as the driver reads them, with no mapping on top.
 */
const BOARD_PAGE = new PgDialect().sqlToQuery(sql`
		with board as materialized (
			select b.id, b.organisation_id, b.last_seq, b.settings, t.id as team_id, t.name, t.is_leadership,
				t.time_zone, t.hours_per_week, t.protected_percent
			from teams t join boards b on b.team_id = t.id
			where t.id = ${sql.placeholder('teamId')} and t.organisation_id = ${sql.placeholder('organisationId')}
		), placed as materialized (
			-- Every card placed on the board (the few learned and archived ones are dropped below), with
			-- its id as the key of the lookups.
			select p.card_id, p.card_id::text as key, p.board_id, p.position, p.effort_share
			from card_placements p
			where p.board_id = (select id from board)
		), extras as (
			-- What most cards lack (owners, links to other teams, evidence, catchball), gathered once for
			-- the board's cards into one map and looked up per card: { owners, linkedTeams, evidenceCount,
			-- catchball }, each only when there is some.
			select jsonb_object_agg(card_id, parts) as by_card from (
				select card_id, jsonb_object_agg(kind, value) as parts from (
					select o.card_id, 'owners' as kind,
						jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name) order by u.name) as value
					from placed join card_owners o on o.card_id = placed.card_id join users u on u.id = o.user_id
					group by o.card_id
					union all
					select lp.card_id, 'linkedTeams', jsonb_agg(jsonb_build_object('id', lt.id, 'name', lt.name) order by lt.name)
					from placed
						join cards lc on lc.id = placed.card_id
						join card_placements lp on lp.card_id = placed.card_id and lp.board_id <> lc.board_id
						join boards lb on lb.id = lp.board_id
						join teams lt on lt.id = lb.team_id
					group by lp.card_id
					union all
					select e.card_id, 'evidenceCount', to_jsonb(count(*))
					from placed join evidence_entries e on e.card_id = placed.card_id
					group by e.card_id
					union all
					-- The latest entry of each thread decides where the item is (catchballStateOf).
					select * from (
						select distinct on (e.card_id) e.card_id, 'catchball', jsonb_build_object(
							'state', case when e.kind = 'catch' then 'owned' else 'in_air' end,
							'court', case when e.kind = 'catch'
								then jsonb_build_object('id', ft.id, 'name', ft.name, 'isLeadership', ft.is_leadership)
								else jsonb_build_object('id', tt.id, 'name', tt.name, 'isLeadership', tt.is_leadership) end,
							'since', ${iso(sql`e.at`)},
							'last', jsonb_build_object(
								'kind', e.kind,
								'message', case when e.kind = 'catch' then e.brief_will else e.message end,
								'by', u.name))
						from placed
							join catchball_entries e on e.card_id = placed.card_id
							join teams ft on ft.id = e.from_team_id
							join teams tt on tt.id = e.to_team_id
							left join users u on u.id = e.actor_id
						order by e.card_id, e.at desc, e.id desc) latest
				) x
				group by card_id) y
		)
		select c.id,
			nullif(c.board_id, p.board_id) as "homeBoardId",
			case when c.board_id <> p.board_id then json_build_object('id', ht.id, 'name', ht.name) end as "homeTeam",
			c.version, c."column",
			case when c.board_id = p.board_id then c.lane else 'cross_team' end as lane,
			p.position, c.title, c.category,
			c.problem_observed as "problemObserved", c.hypothesis_believe as "hypothesisBelieve", c.experiment_plan as "experimentPlan",
			(${written(sql`c.hypothesis_believe`)} and ${written(sql`c.hypothesis_result`)} and ${written(sql`c.hypothesis_signal`)}) as "hypothesisWritten",
			to_char(c.timebox_end, 'YYYY-MM-DD') as "timeboxEnd",
			p.effort_share as effort,
			coalesce(c.column_entered_at ->> c."column"::text, ${iso(sql`c.created_at`)}) as "enteredAt",
			(select by_card from extras) -> p.key as extras,
			null::json as board
		from placed p
			join cards c on c.id = p.card_id
			join boards hb on hb.id = c.board_id
			join teams ht on ht.id = hb.team_id
		where c.status = 'active'
		union all
		select ${sql.raw(Array(CARD_COLUMNS).fill('null').join(', '))},
			json_build_object(
				'id', b.id, 'organisationId', b.organisation_id, 'lastSeq', b.last_seq, 'settings', b.settings,
				'teamId', b.team_id, 'teamName', b.name, 'isLeadership', b.is_leadership, 'timeZone', b.time_zone,
				'hoursPerWeek', b.hours_per_week, 'protectedPercent', b.protected_percent,
				'people', case when b.is_leadership
					then (select count(*) from members m where m.organisation_id = b.organisation_id and m.role = 'leader')
					else (select count(*) from team_members tm where tm.team_id = b.team_id) end,
				'raids', (
					select coalesce(json_agg(json_build_object(
							'id', r.id, 'week', r.week, 'hours', r.hours, 'reason', r.reason,
							'recordedBy', case when u.id is null then null else json_build_object('id', u.id, 'name', u.name) end,
							'recordedAt', ${iso(sql`r.recorded_at`)}
						) order by r.recorded_at desc), '[]'::json)
					from raids r left join users u on u.id = r.recorded_by
					where r.board_id = b.id and r.week >= ${sql.placeholder('fromWeek')}),
				'directory', (
					select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name), '[]'::json)
					from members m join users u on u.id = m.user_id
					where m.organisation_id = b.organisation_id),
				'teams', (
					select coalesce(json_agg(json_build_object('id', ot.id, 'name', ot.name, 'isLeadership', ot.is_leadership)
						order by ot.is_leadership desc, ot.name), '[]'::json)
					from teams ot join boards ob on ob.team_id = ot.id
					where ot.organisation_id = b.organisation_id)
			)
		from board b
`);

async function runBoardPage(db: DbOrTx, values: { teamId: string; organisationId: string; fromWeek: string }) {
	return rowsOf<CardRow | BoardRow>(await db._.session.prepareQuery(BOARD_PAGE, undefined, 'board_page', false).execute(values));
}

/**
 * The board page of a team, or null when the team is unknown or not the actor's to read.
 *
 * One statement, so the cards, the settings and the seq are of one instant (a client applies the
 * events after `seq` and misses none) and cost one round trip: a row about the board (its settings and
 * capacity, the raids of the last four weeks, the organisation's people and teams) and a row per active
 * card with what its summary needs. Owners, linked teams, catchball and evidence, which most cards
 * lack, are gathered once for the board's cards and looked up per card (no query per card). Rows,
 * not JSON built by the database: building 500 JSON objects costs the database more than the driver
 * spends parsing the rows.
 */
export async function loadBoardPage(db: DbOrTx, actor: Actor, teamId: string, now = new Date()): Promise<BoardPage | null> {
	if (!uuid.safeParse(teamId).success) return null;
	// Raids of the four ISO weeks up to today in the team's time zone. The zone comes with the row, so
	// read from the first week any zone could be in (today is yesterday somewhere; ISO weeks compare as
	// text) and keep the team's four below.
	const fromWeek = lastIsoWeeks(new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10), 4).at(-1)!;
	const rows = await runBoardPage(db, { teamId, organisationId: actor.organisationId, fromWeek });

	const boardRow = rows.find((r): r is BoardRow => r.board != null);
	if (!boardRow) return null;
	const row = json<BoardJson>(boardRow.board);
	if (!canReadTeam(actor, { id: row.teamId, organisationId: row.organisationId, isLeadership: row.isLeadership })) return null;

	const today = isoDateIn(row.timeZone, now);
	const weeks = lastIsoWeeks(today, 4);
	const capacity = {
		people: Number(row.people),
		hoursPerWeek: row.hoursPerWeek,
		protectedPercent: row.protectedPercent,
		timeZone: row.timeZone
	};
	const board: BoardHeader = {
		id: row.id,
		organisationId: row.organisationId,
		lastSeq: Number(row.lastSeq),
		team: { id: row.teamId, name: row.teamName, isLeadership: row.isLeadership, timeZone: row.timeZone }
	};
	return {
		board,
		seq: board.lastSeq,
		cards: summariesOf(rows, board),
		settings: settingsView(
			json<unknown>(row.settings),
			capacity,
			weeks,
			row.raids.filter((r) => weeks.includes(r.week))
		),
		people: row.directory,
		teams: row.teams.filter((t) => canReadTeam(actor, { ...t, organisationId: row.organisationId })),
		today
	};
}

/** The state in the key order of catchballStateOf (the database's jsonb orders keys its own way). */
function catchballState(c: CatchballState): CatchballState {
	return {
		state: c.state,
		court: { id: c.court.id, name: c.court.name, isLeadership: c.court.isLeadership },
		since: c.since,
		last: { kind: c.last.kind, message: c.last.message, by: c.last.by }
	};
}

/**
 * The card rows as summaries (CARD_SUMMARY_KEYS, in order), with one object per team and per person
 * across the cards: the page data serialiser writes an object that recurs once.
 */
function summariesOf(rows: readonly (CardRow | BoardRow)[], board: BoardHeader): CardSummary[] {
	const refs = new Map<string, PersonRef | TeamRefView>();
	const share = <T extends { id: string; name: string }>(ref: T): T => {
		const key = `${ref.id}:${ref.name}`;
		const known = refs.get(key);
		if (known) return known as T;
		refs.set(key, ref);
		return ref;
	};
	const boardTeam = share({ id: board.team.id, name: board.team.name });
	const cards: CardSummary[] = [];
	for (const row of rows) {
		if (row.board != null) continue;
		const r = row as CardRow;
		const extras = r.extras ? json<Extras>(r.extras) : null;
		cards.push({
			id: r.id,
			homeBoardId: r.homeBoardId ?? board.id,
			homeTeam: r.homeTeam ? share(json<TeamRefView>(r.homeTeam)) : boardTeam,
			version: r.version,
			status: 'active',
			column: r.column,
			lane: r.lane,
			position: r.position,
			title: r.title,
			category: r.category,
			problemObserved: r.problemObserved,
			hypothesisBelieve: r.hypothesisBelieve,
			experimentPlan: r.experimentPlan,
			hypothesisWritten: r.hypothesisWritten,
			evidenceCount: extras?.evidenceCount ?? 0,
			timeboxEnd: r.timeboxEnd,
			effort: Number(r.effort),
			columnEnteredAt: { [r.column]: r.enteredAt },
			owners: extras?.owners?.map(share) ?? [],
			linkedTeams: extras?.linkedTeams?.map(share) ?? [],
			catchball: extras?.catchball ? catchballState(extras.catchball) : null
		});
	}
	return cards;
}

/** A card's extras (see the statement), each present only when the card has some. */
interface Extras {
	owners?: PersonRef[];
	linkedTeams?: TeamRefView[];
	evidenceCount?: number;
	catchball?: CatchballState;
}
