/**
 * Resolves with the first truthy value `read` gives, checked now and whenever the state it reads
 * changes (an effect, not a timer); rejects after a generous bound so a broken promise fails the test
 * with what it was waiting for.
 */
export function until<T>(read: () => T | null | undefined | false, what: string, ms = 5_000): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let done = false;
		const stop = $effect.root(() => {
			$effect(() => {
				const value = read();
				if (!value || done) return;
				done = true;
				clearTimeout(timer);
				queueMicrotask(() => stop());
				resolve(value);
			});
		});
		const timer = setTimeout(() => {
			if (done) return;
			done = true;
			stop();
			reject(new Error(`Timed out waiting for ${what}.`));
		}, ms);
	});
}
