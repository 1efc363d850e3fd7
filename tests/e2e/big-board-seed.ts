// Seeds a PGlite folder with a 500-card board (the benchmark's board), while no server has it open:
// `tsx tests/e2e/big-board-seed.ts <dataDir>`. Prints one line of JSON.
import { openDatabase } from '../../src/lib/server/db/client';
import { silentHub } from '../../src/lib/server/realtime/hub';
import { seedBoard } from '../../bench/seed-board';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: tsx tests/e2e/big-board-seed.ts <dataDir>');
const database = await openDatabase({ dataDir });
const { org, bench } = await seedBoard({ db: database.db, realtime: silentHub }, 500, 50);
await database.close();
console.log(JSON.stringify({ teamId: bench.teamId, token: org.people.Reader!.token }));
