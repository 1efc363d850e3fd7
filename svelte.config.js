import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Open pages (wall displays, for days) notice a new version of the app and reload onto it.
		version: { pollInterval: 60_000 }
	}
};

export default config;
