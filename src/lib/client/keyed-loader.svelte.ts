/**
 * JSON from one endpoint, fetched again only when a key changes (a panel calls `load(key)` from an
 * effect, with a key that changes whenever an event about its subject arrives: no timers). Answers to
 * older requests are dropped; switching to another URL forgets the previous subject's data.
 */
export class KeyedLoader<T> {
	data = $state.raw<T | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	private loadedKey: string | null = null;
	private loadedUrl: string | null = null;
	private controller: AbortController | null = null;

	constructor(
		private readonly url: () => string,
		/** For messages: "Could not load <what>." */
		private readonly what: string,
		/** How to fetch (the browser's own by default). */
		private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)
	) {}

	async load(key: string, force = false): Promise<void> {
		if (!force && key === this.loadedKey) return;
		this.loadedKey = key;
		this.controller?.abort();
		const controller = (this.controller = new AbortController());
		const url = this.url();
		if (this.loadedUrl !== url) this.data = null;
		this.loadedUrl = url;
		this.loading = true;
		try {
			const response = await this.fetcher(url, { signal: controller.signal, headers: { accept: 'application/json' } });
			if (controller.signal.aborted) return;
			if (!response.ok) {
				const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
				throw new Error(body?.error?.message ?? `Could not load ${this.what}.`);
			}
			this.data = (await response.json()) as T;
			this.error = null;
		} catch (error) {
			if (controller.signal.aborted) return;
			this.loadedKey = null;
			this.error = error instanceof Error && error.message !== 'Failed to fetch' ? error.message : 'Could not reach the server.';
		} finally {
			if (this.controller === controller) {
				this.loading = false;
				this.controller = null;
			}
		}
	}

	stop(): void {
		this.controller?.abort();
	}
}
