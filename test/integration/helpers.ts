import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionExports, TestApi } from '../../src/extension';
import type { WebviewSnapshot } from '../../src/webview/testProtocol';

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

/** One element of the workbench page as the web runner saw it: its HTML, its text and every link in it. */
export interface WorkbenchElement {
	outerHTML: string;
	text: string;
	links: { href: string | null; text: string }[];
}

let domQueries = 0;

/**
 * The elements of the workbench page (not a webview) that match a CSS selector, as rendered now: the web runner
 * (scripts/run-web-tests.mjs) sees the `[vsx-dom]` marker, evaluates the selector with Playwright and writes the
 * answer to $CIC_TEST_DOM_DIR. The extension host has no other way to read what VS Code rendered.
 */
export async function queryWorkbench(selector: string, timeoutMs = 10000): Promise<WorkbenchElement[]> {
	const dir = process.env.CIC_TEST_DOM_DIR;
	if (!dir) {
		throw new Error('reading the workbench DOM needs the web runner, which sets CIC_TEST_DOM_DIR (scripts/run-web-tests.mjs)');
	}
	const id = `dom-${process.pid}-${++domQueries}`;
	const file = path.join(dir, `${id}.json`);
	// base64url: the marker crosses the workbench's console formatting, which would eat "%c" and the like.
	console.log(`[vsx-dom] ${id} ${Buffer.from(selector, 'utf8').toString('base64url')}`);
	const answer = await waitFor(`the runner's answer to ${selector}`, () =>
		fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { elements?: WorkbenchElement[]; error?: string }) : undefined, timeoutMs);
	if (answer.error !== undefined || !answer.elements) {
		throw new Error(`the workbench could not evaluate ${selector}: ${answer.error}`);
	}
	return answer.elements;
}

/** Queries the workbench until `pick` finds an element: notifications and views render asynchronously. */
export async function waitForWorkbenchElement(
	what: string,
	selector: string,
	pick: (element: WorkbenchElement) => boolean,
	timeoutMs = 15000,
): Promise<WorkbenchElement> {
	const end = Date.now() + timeoutMs;
	let seen: WorkbenchElement[] = [];
	for (;;) {
		seen = await queryWorkbench(selector);
		const found = seen.find(pick);
		if (found) {
			return found;
		}
		if (Date.now() > end) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${selector} matched: ${JSON.stringify(seen.map((e) => e.text)).slice(0, 1000)}`);
		}
		await delay(250);
	}
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

/** Waits for the view's state; a timeout says where it stayed and what the extension logged last. */
export async function waitForState(api: TestApi, state: TestApi['session']['state'], timeoutMs = 20000): Promise<void> {
	try {
		await waitFor(`state ${state}`, () => (api.session.state === state ? true : undefined), timeoutMs);
	} catch (error) {
		const where = `state ${api.session.state}, zone ${api.session.zoneId ?? 'none'}, active profile zone ${api.profiles.active()?.zoneId ?? 'none'}`;
		throw new Error(`${error instanceof Error ? error.message : String(error)}; ${where}; last log lines:\n${api.log.recentLines().slice(-20).join('\n')}`);
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

/** Snapshots a webview until `accept` holds (the page renders each posted state asynchronously); the last fields on a timeout. */
export async function snapshotWhen(source: { snapshot(): Promise<WebviewSnapshot> }, what: string, accept: (s: WebviewSnapshot) => boolean, timeoutMs = 20000): Promise<WebviewSnapshot> {
	let last: WebviewSnapshot | undefined;
	try {
		return await waitFor(what, async () => {
			last = await source.snapshot();
			return accept(last) ? last : undefined;
		}, timeoutMs);
	} catch (error) {
		throw new Error(`${(error as Error).message}; last fields: ${JSON.stringify(last?.fields ?? {}).slice(0, 3000)}`);
	}
}
