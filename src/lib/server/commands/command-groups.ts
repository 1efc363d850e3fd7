/**
 * Group commit for one board's commands. The commands of a board are serialised by its row lock, and
 * each used to pay its own transaction, its own WAL flush and its own broadcast (a write to every
 * socket in the room and a wake-up of every client). Here, commands on the same key (a board) that
 * arrive while that key's group is running wait in line and then run together, in arrival order, as
 * the next group: one transaction, one flush, one message per socket.
 *
 * Nothing waits on a timer. A group starts at the end of the event-loop turn its first command arrived
 * in, so commands read from several sockets in one turn go together, and a lone command is a group of
 * one. Between two groups the queue lets one more turn pass: the finished group's broadcast goes out
 * first, and the commands its acks set off (the next moves of a standup) are read and join the next
 * group instead of trailing it as a group of their own.
 */
export class CommandGroups<Job> {
	private readonly queues = new Map<string, Job[]>();

	/**
	 * @param runGroup runs the jobs in order and settles every one of them (it must not reject).
	 * @param maxGroup at most this many jobs share a transaction (each holds a savepoint).
	 */
	constructor(
		private readonly runGroup: (jobs: Job[]) => Promise<void>,
		private readonly maxGroup = 32
	) {}

	submit(key: string, job: Job): void {
		const queue = this.queues.get(key);
		if (queue) {
			queue.push(job);
			return;
		}
		const waiting = [job];
		this.queues.set(key, waiting);
		setImmediate(() => void this.drain(key, waiting));
	}

	/** Whether a key has jobs running or waiting. */
	busy(key: string): boolean {
		return this.queues.has(key);
	}

	private async drain(key: string, queue: Job[]): Promise<void> {
		for (;;) {
			const group = queue.splice(0, this.maxGroup);
			try {
				await this.runGroup(group);
			} catch (error) {
				// runGroup settles its jobs itself; reaching here is a bug, and the queue must go on.
				console.error('command group failed', error);
			}
			if (queue.length === 0) break;
			await afterNextTurn();
		}
		this.queues.delete(key);
	}
}

/** After the immediates already queued (the broadcast) and one more poll for I/O (the next commands). */
const afterNextTurn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
