import type { Environment } from 'vitest/environments';

/**
 * Node, but modules are transformed as for the browser: Svelte compiles `.svelte.ts` for the client and
 * `svelte` resolves to its client runtime, so `$effect` runs and `flushSync` flushes. Packages outside
 * the app (socket.io-client, ...) still load their Node builds.
 */
export default {
	name: 'client-runes',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
} satisfies Environment;
