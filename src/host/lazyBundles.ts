import * as path from 'node:path';
import type * as CredentialImport from '../api/credentialImport';
import type * as ErrorAdviceTable from '../api/errorAdviceTable';
import type * as ExportTasks from '../model/exportTasks';
import type * as WebviewPanels from '../webview/panels';

/**
 * Self-contained modules that only one rarely used command (or only an error, or only an open panel) needs ship as bundles of their own beside
 * dist/extension.js (esbuild.js builds them), the way the emulator does (emulatorLoader.ts): activation
 * then neither reads nor compiles them, and dist/extension.js stays within its size budget. Each is
 * required on first use; Node's module cache keeps it after that.
 */
interface LazyBundles {
	credentialImport: typeof CredentialImport;
	errorAdvice: typeof ErrorAdviceTable;
	exportTasks: typeof ExportTasks;
	webviewPanels: typeof WebviewPanels;
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
	errorAdvice: ['ERROR_ADVICE'],
	exportTasks: ['toCsv', 'toJson'],
	webviewPanels: ['OverviewPanel', 'TaskDetailPanel'],
};

export function loadBundle<K extends keyof LazyBundles>(extensionPath: string, name: K): LazyBundles[K] {
	const file = path.join(extensionPath, 'dist', `${name}.js`);
	// A computed path keeps esbuild from inlining the module into the extension bundle.
	const loaded: unknown = require(file);
	const exports = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : {};
	// Functions and classes, or (the advice table) plain data: anything else means the wrong file.
	const missing = EXPECTED[name].filter((key) => typeof exports[key] !== 'function' && (typeof exports[key] !== 'object' || exports[key] === null));
	if (missing.length > 0) {
		throw new Error(`${file} does not export ${missing.join(', ')}`);
	}
	return loaded as LazyBundles[K];
}
