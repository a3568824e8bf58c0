import * as vscode from 'vscode';
import type { ExtensionExports, TestApi } from '../../src/extension';

export const EXTENSION_ID = 'cic-tasks-dev.cic-tasks';

/** How long the web runner needs to see the console marker and take the picture while the UI stays put. */
const SNAPSHOT_SETTLE_MS = 1500;

/**
 * Asks the web runner (scripts/run-web-tests.mjs) for a screenshot of the workbench as it is now, saved as
 * `$SCREENSHOT_DIR/<name>.png`. Under the desktop runner nobody listens and this only waits.
 */
export async function snapshot(name: string): Promise<void> {
	console.log(`[vsx-snap] ${name}`);
	await delay(SNAPSHOT_SETTLE_MS);
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `probe` until it returns a value: the workbench renders views and loads tree children asynchronously. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) {
			return value;
		}
		if (Date.now() > end) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		}
		await delay(100);
	}
}

export function getExtension(): vscode.Extension<ExtensionExports> {
	const extension = vscode.extensions.getExtension<ExtensionExports>(EXTENSION_ID);
	if (!extension) {
		throw new Error(`extension ${EXTENSION_ID} is not loaded (is engines.vscode above the host's ${vscode.version}?)`);
	}
	return extension;
}

/** Activates the extension and returns its test API, which it exports only when CIC_TEST_MODE is set. */
export async function activateForTest(): Promise<TestApi> {
	const exports = await getExtension().activate();
	const testApi = exports?.testApi;
	if (!testApi) {
		throw new Error(`the extension exports no testApi (CIC_TEST_MODE=${process.env.CIC_TEST_MODE ?? '<unset>'})`);
	}
	return testApi;
}

/** Removes every saved profile (and its keys) without the confirmation dialog. */
export async function removeAllProfiles(api: TestApi): Promise<void> {
	for (const p of api.profiles.list()) {
		await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: p.id, confirm: false });
	}
}

/** Waits until the Tasks view is ready and no load is running, then renders the rows the tests inspect. */
export async function waitIdle(api: TestApi, what = 'the session to finish loading'): Promise<void> {
	await waitFor(what, () => (api.session.state === 'ready' && !api.session.isLoading && api.session.store.hasLoaded ? true : undefined), 30000);
	api.view.provider.rebuildNow();
}
