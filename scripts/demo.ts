// `npm run demo`: seeds the demo organisation into the app's database (DATABASE_URL, or the embedded
// database in DATA_DIR, exactly as the app opens it) and prints the accounts to sign in with.
// With the embedded database, stop the app first: only one process can open it at a time.
import path from 'node:path';
import { readConfig } from '../src/lib/server/config';
import { closeAppDatabase, openAppDatabase } from '../src/lib/server/db';
import { DEMO_CARDS, DEMO_ORGANISATION_NAME, DEMO_TEAMS } from '../src/lib/server/demo/content';
import { DEMO_PASSWORD, demoAccounts, seedDemo, type DemoAccount } from '../src/lib/server/demo/seed';
import { silentHub } from '../src/lib/server/realtime/hub';
import { ServiceError } from '../src/lib/server/services/errors';
import { ROLE_LABELS } from '../src/lib/domain/roles';

function table(accounts: DemoAccount[]): string {
	const rows = [
		['Role', 'Name', 'Email', 'Team'],
		...accounts.map((a) => [ROLE_LABELS[a.role], a.name, a.email, a.team ?? ''])
	];
	const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
	const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
	return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
	const config = readConfig();
	const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${path.resolve(config.dataDir)}`;
	console.log(`Seeding the demo organisation into ${where}…`);
	try {
		const database = await openAppDatabase();
		const started = Date.now();
		const { accounts } = await seedDemo({ db: database.db, realtime: silentHub });
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		const others = demoAccounts({ everyone: true }).filter((a) => !accounts.some((b) => b.email === a.email));
		console.log(
			`\nSeeded “${DEMO_ORGANISATION_NAME}” in ${seconds} s: the leadership board and ${DEMO_TEAMS.length} teams, ${DEMO_CARDS.length} cards with weeks of history.\n`
		);
		console.log(table(accounts));
		console.log(`\nEvery demo account uses the password: ${DEMO_PASSWORD}`);
		if (others.length) {
			console.log(`Also in the organisation, same password: ${others.map((a) => `${a.name} <${a.email}>`).join(', ')}.`);
		}
		const admin = accounts.find((a) => a.role === 'admin') ?? accounts[0]!;
		console.log(`\nStart the app with npm start (or npm run dev) and sign in as ${admin.email} (password ${DEMO_PASSWORD}).`);
		return 0;
	} catch (error) {
		if (error instanceof ServiceError) {
			console.error(error.message);
		} else {
			console.error(`The demo could not be seeded: ${error instanceof Error ? error.message : String(error)}`);
		}
		return 1;
	} finally {
		await closeAppDatabase();
	}
}

process.exitCode = await main();
