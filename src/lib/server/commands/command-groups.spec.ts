import { describe, expect, it } from 'vitest';
import { CommandGroups } from './command-groups';

/** A runner that records each group and finishes it when the test says so. */
function recordingRunner() {
	const groups: string[][] = [];
	const finish: (() => void)[] = [];
	const started: (() => void)[] = [];
	const run = (jobs: string[]) =>
		new Promise<void>((resolve) => {
			groups.push(jobs);
			finish.push(resolve);
			started.shift()?.();
		});
	const nextStart = () => new Promise<void>((resolve) => started.push(resolve));
	return { groups, finish, run, nextStart };
}

describe('CommandGroups', () => {
	it('runs a lone command by itself, in the turn it arrived in', async () => {
		const runner = recordingRunner();
		const groups = new CommandGroups<string>(runner.run);
		const start = runner.nextStart();
		groups.submit('board-a', 'move 1');
		expect(runner.groups).toEqual([]); // not before the turn ends
		await start;
		expect(runner.groups).toEqual([['move 1']]);
		runner.finish[0]!();
	});

	it('gathers the commands of one turn, and those that arrive while a group runs, into groups', async () => {
		const runner = recordingRunner();
		const groups = new CommandGroups<string>(runner.run);
		let start = runner.nextStart();
		groups.submit('board-a', 'move 1');
		groups.submit('board-a', 'move 2');
		await start;
		groups.submit('board-a', 'move 3');
		groups.submit('board-a', 'move 4');
		start = runner.nextStart();
		runner.finish[0]!();
		await start;
		expect(runner.groups).toEqual([
			['move 1', 'move 2'],
			['move 3', 'move 4']
		]);
		expect(groups.busy('board-a')).toBe(true);
		runner.finish[1]!();
		await new Promise((resolve) => setImmediate(resolve));
		expect(groups.busy('board-a')).toBe(false);
	});

	it('lets a command that arrives right after a group finishes join the next group', async () => {
		const runner = recordingRunner();
		const groups = new CommandGroups<string>(runner.run);
		let start = runner.nextStart();
		groups.submit('board-a', 'move 1');
		await start;
		groups.submit('board-a', 'move 2'); // waiting while move 1 runs
		start = runner.nextStart();
		runner.finish[0]!();
		// The acks of move 1 set off another command, read in the next turn.
		setImmediate(() => groups.submit('board-a', 'move 3'));
		await start;
		expect(runner.groups[1]).toEqual(['move 2', 'move 3']);
		runner.finish[1]!();
	});

	it('keeps boards apart: one board’s group does not wait for another’s', async () => {
		const runner = recordingRunner();
		const groups = new CommandGroups<string>(runner.run);
		const startA = runner.nextStart();
		const startB = runner.nextStart();
		groups.submit('board-a', 'a1');
		groups.submit('board-b', 'b1');
		await startA;
		await startB;
		expect(runner.groups).toEqual([['a1'], ['b1']]);
		runner.finish.forEach((f) => f());
	});

	it('caps a group, leaving the rest for the next one', async () => {
		const runner = recordingRunner();
		const groups = new CommandGroups<number>(runner.run as unknown as (jobs: number[]) => Promise<void>, 3);
		let start = runner.nextStart();
		for (let i = 1; i <= 5; i++) groups.submit('board-a', i);
		await start;
		start = runner.nextStart();
		runner.finish[0]!();
		await start;
		expect(runner.groups).toEqual([
			[1, 2, 3],
			[4, 5]
		]);
		runner.finish[1]!();
	});
});
