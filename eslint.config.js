import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The layers (DEVELOPERS.md): the domain is pure, browser code never reaches into the server, and routes
// and socket handlers leave SQL to queries and services. Each rule's message says where the code belongs.
// The patterns catch `$lib/…` and relative paths alike (`../server/…`, `../db/schema`).
const DOMAIN_ONLY = {
	// Anything outside the (flat) domain folder, except fixtures in tests/helpers for its specs.
	regex: String.raw`^(\$lib/(?!domain(/|$))|\$(app|env)/|\.\./(?!(\.\./)*tests/helpers/))`,
	message:
		'src/lib/domain is pure TypeScript shared by browser and server: it imports only the domain. Move the type or rule it needs into src/lib/domain; I/O belongs in src/lib/server, browser state in src/lib/client.'
};
const NO_IO_LIBRARIES = {
	group: ['svelte', 'svelte/*', '@sveltejs/*', 'socket.io', 'socket.io-client', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*', 'node:*'],
	message: 'src/lib/domain does no I/O and knows no framework: keep this in src/lib/server (I/O) or src/lib/client (browser state).'
};
const BROWSER_MESSAGE =
	'Browser code (components, src/lib/client, .svelte files, route modules that are not *.server.ts) never imports server code: put the shared rule or type in src/lib/domain, and load data in a +page.server.ts or +server.ts through src/lib/server/queries.';
const NO_SERVER = { regex: String.raw`^(\$lib/server|(\.\./)+(lib/)?server|.*/lib/server)(/|$)`, message: BROWSER_MESSAGE };
const NO_SERVER_LIBRARIES = { group: ['drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'], message: BROWSER_MESSAGE };
const SQL_MESSAGE =
	'Routes and socket handlers run no SQL and know no table: put reads in src/lib/server/queries/ and writes in src/lib/server/services/ (or the command service, src/lib/server/commands/), and call those.';
const NO_SQL = { regex: String.raw`^(\$lib/server/db|(\.\./)+(server/)?db|.*/server/db)(/|$)`, message: SQL_MESSAGE };
const NO_SQL_LIBRARIES = { group: ['drizzle-orm', 'drizzle-orm/*', 'postgres', '@electric-sql/*'], message: SQL_MESSAGE };
const SERVER_ROUTE_FILES = ['src/routes/**/*.server.ts', 'src/routes/**/+server.ts'];
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'drizzle/meta/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Links go through resolve() where the route is dynamic; plain hrefs to static routes are fine here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	// Layers. A file gets exactly one of these entries (a later entry would replace an earlier one's patterns).
	{ files: ['src/lib/domain/**'], rules: restrict(DOMAIN_ONLY, NO_IO_LIBRARIES) },
	{ files: ['src/lib/server/realtime/**', ...SERVER_ROUTE_FILES], rules: restrict(NO_SQL, NO_SQL_LIBRARIES) },
	{
		files: ['src/lib/components/**', 'src/lib/client/**', 'src/**/*.svelte', 'src/**/*.svelte.ts', 'src/routes/**', 'src/params/**'],
		// Specs run the real server to test browser code against (tests/helpers).
		ignores: [...SERVER_ROUTE_FILES, 'src/**/*.spec.ts'],
		rules: restrict(NO_SERVER, NO_SERVER_LIBRARIES)
	},
	// Small modules with one job. Data (the demo organisation's content) is exempt.
	{
		files: ['src/**', 'bench/**', 'scripts/**'],
		ignores: ['src/lib/server/demo/content.ts'],
		rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] }
	}
);
