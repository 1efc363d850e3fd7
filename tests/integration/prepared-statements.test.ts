// The app's two reaches past drizzle's public API (src/lib/server/db/prepared.ts). If a drizzle or
// postgres.js upgrade changes what they rely on, these fail loudly instead of the moves silently
// getting slower or mapping rows wrongly.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectOnce } from '../../src/lib/server/db/prepared';
import { boards, teams } from '../../src/lib/server/db/schema';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database';
import { seedOrganisation, type SeededOrganisation } from '../helpers/fixtures';

let database: TestDatabase;
let org: SeededOrganisation;

beforeAll(async () => {
	database = await createTestDatabase();
	org = await seedOrganisation({ db: database.db, realtime: silentHub }, { teams: ['Alpha', 'Beta'] });
});

afterAll(async () => {
	await database?.close();
});

const columns = { boardId: boards.id, teamName: teams.name, isLeadership: teams.isLeadership, lastSeq: boards.lastSeq };
const boardsOfOrganisation = selectOnce<{ boardId: string; teamName: string; isLeadership: boolean; lastSeq: number }>(columns, (qb, selected) =>
	qb
		.select(selected)
		.from(boards)
		.innerJoin(teams, eq(teams.id, boards.teamId))
		.where(eq(boards.organisationId, sql.placeholder('organisationId')))
		.orderBy(asc(teams.name))
);

describe('selectOnce', () => {
	it('returns the rows the same select built by drizzle returns, mapped and typed alike', async () => {
		const built = await database.db
			.select(columns)
			.from(boards)
			.innerJoin(teams, eq(teams.id, boards.teamId))
			.where(eq(boards.organisationId, org.organisationId))
			.orderBy(asc(teams.name));
		const once = await boardsOfOrganisation(database.db, { organisationId: org.organisationId });
		expect(once).toEqual(built);
		expect(once.map((r) => r.teamName)).toEqual(['Alpha', 'Beta', 'Leadership']);
		expect(typeof once[0]!.lastSeq).toBe('number');
	});

	it('runs inside a transaction, seeing its uncommitted writes', async () => {
		const rolledBack = new Error('roll back');
		let seen: string[] = [];
		await database.db
			.transaction(async (tx) => {
				await tx.update(teams).set({ name: 'Gamma' }).where(eq(teams.id, org.teams.Alpha!.teamId));
				seen = (await boardsOfOrganisation(tx, { organisationId: org.organisationId })).map((r) => r.teamName);
				throw rolledBack;
			})
			.catch((error: unknown) => {
				if (error !== rolledBack) throw error;
			});
		expect(seen).toEqual(['Beta', 'Gamma', 'Leadership']);
		const after = await boardsOfOrganisation(database.db, { organisationId: org.organisationId });
		expect(after.map((r) => r.teamName)).toEqual(['Alpha', 'Beta', 'Leadership']);
	});
});

describe.skipIf(!usingPostgres())('on PostgreSQL (needs TEST_DATABASE_URL)', () => {
	/** The statements prepared on the connection running this transaction. */
	const preparedOn = (tx: Parameters<Parameters<TestDatabase['db']['transaction']>[0]>[0]) =>
		tx.execute(sql`select statement from pg_prepared_statements`).then((r) => (r as unknown as { statement: string }[]).map((row) => row.statement));

	it('sends drizzle’s own statements as prepared statements (one round trip each, pipelined)', async () => {
		const statements = await database.db.transaction(async (tx) => {
			await tx.select({ id: boards.id }).from(boards).where(eq(boards.organisationId, org.organisationId));
			return preparedOn(tx);
		});
		expect(statements.some((s) => s.includes('from "boards" where "boards"."organisation_id" = $1'))).toBe(true);
	});

	it('sends a selectOnce statement prepared too', async () => {
		const statements = await database.db.transaction(async (tx) => {
			await boardsOfOrganisation(tx, { organisationId: org.organisationId });
			return preparedOn(tx);
		});
		expect(statements).toContain(boardsOfOrganisation.text);
	});
});
