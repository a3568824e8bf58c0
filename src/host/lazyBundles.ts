import * as path from 'node:path';
import type * as CredentialImport from '../api/credentialImport';
import type * as ExportTasks from '../model/exportTasks';

/**
 * Self-contained modules that only one rarely used command needs ship as bundles of their own beside
 * dist/extension.js (esbuild.js builds them), the way the emulator does (emulatorLoader.ts): activation
 * then neither reads nor compiles them, and dist/extension.js stays within its size budget. Each is
 * required on first use; Node's module cache keeps it after that.
 */
interface LazyBundles {
	credentialImport: typeof CredentialImport;
	exportTasks: typeof ExportTasks;
}

/** Exports checked on load, so a missing or stale bundle fails with a clear message instead of "x is not a function". */
const EXPECTED: { readonly [K in keyof LazyBundles]: readonly (keyof LazyBundles[K] & string)[] } = {
	credentialImport: [
		'defaultTccliProfile',
		'importFromEnvironment',
		'importTccliProfile',
		'importTencentCloudCredentials',
		'listTccliProfiles',
		'tccliDirectory',
		'tencentCloudCredentialsPaths',
	],
	exportTasks: ['toCsv', 'toJson'],
};

export function loadBundle<K extends keyof LazyBundles>(extensionPath: string, name: K): LazyBundles[K] {
	const file = path.join(extensionPath, 'dist', `${name}.js`);
	// A computed path keeps esbuild from inlining the module into the extension bundle.
	const loaded: unknown = require(file);
	const exports = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : {};
	const missing = EXPECTED[name].filter((key) => typeof exports[key] !== 'function');
	if (missing.length > 0) {
		throw new Error(`${file} does not export ${missing.join(', ')}`);
	}
	return loaded as LazyBundles[K];
}
