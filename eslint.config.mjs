// Lint for the TypeScript sources: type-aware rules that tsc does not have (floating and misused promises, ...)
// and the layer rules of DEVELOPERS.md. Import cycles are checked by dependency-cruiser
// (.dependency-cruiser.cjs), because the cycle rule of eslint-plugin-import(-x) skips type-only imports, and a
// type-only import still ties two files together.
//
// The layers, lowest first. A file may import its own folder and the folders listed for it, nothing else:
//
//   src/api        -> (nothing)                          HTTP, signing, paging, rate limits, retries, errors
//   src/model      -> api                                task logic, store, grouping, filters
//   src/emulator   -> api                                the sample-data server, a bundle of its own
//   src/host       -> api, model, ids; emulator types    VS Code glue: progress, context keys, secrets, settings
//   src/views      -> api, model, host, ids              the tree
//   src/webview    -> api, model, host, ids              the panels (their VS Code side)
//   src/commands   -> api, model, host, ids, views, webview
//   src/extension.ts -> anything; it only wires, and nothing imports it
//
// views and webview are siblings: neither imports the other, nor commands. What both use (presentation, the task
// actions) lives in a layer both may import (host or model). commands sit above both, because a command may open
// a panel or reveal the tree, while nothing in a view or a panel needs a command's code (they run a command by
// its id from src/ids.ts).
//
// src/webview/ui/** is the browser side of the panels: another bundle, another tsconfig (tsconfig.webview.json).
// It imports its own files and the files in BROWSER_SHARED (src/webview/protocol.ts) only: never vscode, Node,
// or the extension's code.
//
// Top-level files beside extension.ts (src/ids.ts) are leaves: they import nothing, so every VS Code-side layer
// (host, views, webview, commands, extension) may import them. api, model and emulator do not: the manifest's
// identifiers are the VS Code side's business, and the issue keeps model's imports to api alone.
// (.d.ts files there, like buildFlags.d.ts, are leaves too.)
//
// `vscode` is imported by host, views, webview, commands and extension.ts only.
//
// The layer patterns match import specifiers, not resolved paths. That is exact here because every project
// import is relative, specifiers must be normalised (no `./..` or `x/..`), and no subfolder is named like a
// top-level one. Dynamic import() is banned in src/ so no import escapes these rules.

import path from 'node:path';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * Files outside src/webview/ui/ that the browser scripts may import (paths below src/, no extension). Add one only if
 * it is pure, with no vscode and no Node: tsconfig.webview.json (DOM, no Node types) then type-checks it, and all
 * it imports, for the browser.
 */
const BROWSER_SHARED = ['webview/protocol', 'webview/testProtocol', 'webview/text', 'model/shorten', 'model/plural'];

const FOLDERS = ['api', 'model', 'emulator', 'host', 'views', 'webview', 'commands'];
const LEAVES = ['ids'];

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regex of a relative specifier that reaches `name` (a top-level folder or file of src/) from a folder below src/. */
const reaching = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

const vscodeBanned = { name: 'vscode', message: 'Below the host nothing imports vscode: keep this layer testable under plain mocha.' };
const extensionBanned = {
	regex: reaching(['extension']),
	message: 'Nothing imports src/extension.ts: it only wires. Move what you need to the layer it belongs to.',
};
const unnormalised = {
	regex: '(^|/)(?!\\.\\.(/|$))[^/]+/\\.\\.(/|$)',
	message: 'Write the import path normalised (no `./..` or `x/..`): the layer rules read the path as written.',
};

/** Options of @typescript-eslint/no-restricted-imports for a folder that may import `allowed` (its own folder is always allowed). */
function layer(folder, allowed, { vscode, typeOnly = [] }) {
	const mayImport = new Set([folder, ...allowed]);
	const forbidden = [...FOLDERS, ...LEAVES].filter((name) => !mayImport.has(name) && !typeOnly.includes(name));
	const patterns = [
		extensionBanned,
		unnormalised,
		{
			regex: reaching(forbidden),
			message: `src/${folder} may import only ${allowed.length > 0 ? allowed.join(', ') : 'its own folder'} (layer order in eslint.config.mjs).`,
		},
	];
	for (const name of typeOnly) {
		patterns.push({
			regex: reaching([name]),
			allowTypeImports: true,
			message: `src/${folder} may import only types from src/${name}: its code is a separate bundle, loaded at run time.`,
		});
	}
	return ['error', { paths: vscode ? [] : [vscodeBanned], patterns }];
}

const layerRules = [
	{ files: ['src/api/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': layer('api', [], { vscode: false }) } },
	{ files: ['src/model/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': layer('model', ['api'], { vscode: false }) } },
	{ files: ['src/emulator/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': layer('emulator', ['api'], { vscode: false }) } },
	{
		files: ['src/host/**/*.ts'],
		rules: { '@typescript-eslint/no-restricted-imports': layer('host', ['api', 'model', 'ids'], { vscode: true, typeOnly: ['emulator'] }) },
	},
	{ files: ['src/views/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': layer('views', ['api', 'model', 'host', 'ids'], { vscode: true }) } },
	{
		files: ['src/webview/**/*.ts'],
		ignores: ['src/webview/ui/**'],
		rules: { '@typescript-eslint/no-restricted-imports': layer('webview', ['api', 'model', 'host', 'ids'], { vscode: true }) },
	},
	{
		files: ['src/commands/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': layer('commands', ['api', 'model', 'host', 'ids', 'views', 'webview'], { vscode: true }),
		},
	},
	{
		// Leaves: nothing relative, nothing from VS Code.
		files: ['src/*.ts'],
		ignores: ['src/extension.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [vscodeBanned],
					patterns: [{ regex: '^\\.', message: 'Top-level files of src/ are leaves every layer may import: they import nothing from the project.' }],
				},
			],
		},
	},
	{
		files: ['src/extension.ts'],
		rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [unnormalised] }] },
	},
	// The browser scripts, at each depth below src/webview/ui/: a specifier that climbs out of ui/ must name one
	// of BROWSER_SHARED exactly.
	...[0, 1, 2, 3].map((depth) => {
		const here = `src/webview/ui${'/sub'.repeat(depth)}`;
		const allowed = BROWSER_SHARED.map((file) => escapeRegex(path.posix.relative(here, `src/${file}`)));
		return {
			files: [`src/webview/ui/${'*/'.repeat(depth)}*.ts`],
			rules: {
				'@typescript-eslint/no-restricted-imports': [
					'error',
					{
						paths: [{ name: 'vscode', message: 'Webview scripts run in the browser: talk to the extension through protocol.ts messages.' }],
						patterns: [
							unnormalised,
							{
								regex: `^(?!(${allowed.join('|')})$)(\\.\\./){${depth + 1}}`,
								message: `Webview scripts are a browser bundle: they import their own files and ${BROWSER_SHARED.map((f) => `src/${f}.ts`).join(', ')} only (BROWSER_SHARED in eslint.config.mjs).`,
							},
							{ regex: '^node:', message: 'Webview scripts run in the browser: no Node modules.' },
						],
					},
				],
			},
		};
	}),
];

export default defineConfig([
	globalIgnores(['node_modules/', 'dist/', 'out/', '.out*/', '.vscode-test/', '.bench/', '**/*.js', '**/*.mjs', '**/*.cjs']),
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommendedTypeChecked],
		languageOptions: {
			parserOptions: {
				// The browser scripts have their own tsconfig (DOM, no Node or vscode types); protocol.ts is in both.
				project: ['./tsconfig.json', './tsconfig.webview.json'],
				tsconfigRootDir: import.meta.dirname,
			},
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			// Named here because the issue relies on them; all are in recommendedTypeChecked already.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/await-thenable': 'error',
			'@typescript-eslint/no-unnecessary-type-assertion': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			// tsc already fails on unused locals and parameters (noUnusedLocals, noUnusedParameters); one judge is enough.
			'@typescript-eslint/no-unused-vars': 'off',
			// The typescript-eslint version below also sees `import x = require()` and knows type-only imports.
			'no-restricted-imports': 'off',
		},
	},
	{
		files: ['src/**/*.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{ selector: 'ImportExpression', message: 'No dynamic import() in src/: it would escape the layer rules and the bundle. Import statically.' },
			],
		},
	},
	...layerRules,
	{
		files: ['test/**/*.ts'],
		rules: {
			// Test doubles implement async interfaces (a fake client, a poller tick) with bodies that have nothing to
			// await; `async` is what makes them return a Promise like the real thing. Product code keeps the rule.
			'@typescript-eslint/require-await': 'off',
		},
	},
	{
		files: ['test/unit/**/*.ts', 'test/emulator/**/*.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ paths: [{ name: 'vscode', message: 'Unit and emulator tests run under plain mocha, where there is no vscode module: test the layer below.' }] },
			],
		},
	},
]);
