import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { TreeNode } from '../../src/views/nodes';
import type { WebviewSnapshot } from '../../src/webview/testProtocol';
import { activateForTest, waitFor, waitIdle } from './helpers';

/*
 * Canary secrets, searched for everywhere a user or another extension can see: settings, globalState, the
 * log, every error and warning notification (driven through the command error boundary and the credentials
 * check), the Tasks view and status bar, the webview panels' HTML, DOM and saved state, and exported files.
 * They may live in SecretStorage only. Temporary keys are used, so the session token is a canary too, and a
 * wrong key typed by the user is treated as a secret like the right one.
 */

const CANARY_KEY = 'SecretsCanaryKey0123456789abcdef';
const CANARY_TOKEN = 'SecretsCanaryToken.0123456789-abc_DEF';
const WRONG_KEY = 'SecretsWrongKey0123456789abcdefX';
const SECRETS = [CANARY_KEY, CANARY_TOKEN, WRONG_KEY];
const SECRET_ID = 'AKIDsecrets0000000000000000000000001';
const ZONE = 'z-secretscanary';
const PROFILE = 'secrets-canary';

/** The first place a secret, or any 8-character run of one, shows up in `text`; undefined if none. */
function leakIn(text: string): string | undefined {
	for (const secret of SECRETS) {
		for (let i = 0; i + 8 <= secret.length; i++) {
			const piece = secret.slice(i, i + 8);
			const at = text.indexOf(piece);
			if (at >= 0) {
				return `…${text.slice(Math.max(0, at - 60), at + 60)}…`;
			}
		}
	}
	return undefined;
}

function assertClean(where: string, text: string): void {
	const leak = leakIn(text);
	assert.equal(leak, undefined, `a secret in ${where}: ${leak}`);
}

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Label, description and tooltip of every node the Tasks view would render, expanded all the way. */
function treeText(api: TestApi): string {
	api.view.provider.rebuildNow();
	const out: string[] = [];
	const visit = (node: TreeNode, depth: number): void => {
		const item = api.view.provider.getTreeItem(node);
		const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
		const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
		out.push(`${label} | ${String(item.description ?? '')} | ${tooltip}`);
		if (depth < 4) {
			for (const child of api.view.provider.children(node)) {
				visit(child, depth + 1);
			}
		}
	};
	for (const node of api.view.provider.rootNodes) {
		visit(node, 0);
	}
	return out.join('\n');
}

function snapshotText(s: WebviewSnapshot): string {
	return [s.html, s.text, JSON.stringify(s.fields), JSON.stringify(s.state ?? null), s.announcement].join('\n');
}

describe('Secrets: a canary SecretKey and token stay in SecretStorage', function () {
	this.timeout(180000);
	let api: TestApi;
	let emulator: RunningEmulator;
	let home: string;
	let shownBefore = 0;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('autoRefresh.interval', 0);
		emulator = await startEmulator({ tasks: 120, seed: 21, zoneId: ZONE, secretId: SECRET_ID, secretKey: CANARY_KEY, token: CANARY_TOKEN, language: 'en-US' });
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-secrets-'));
		shownBefore = api.log.displayedMessages().length;
	});

	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('autoRefresh.interval', undefined);
		// Only the profiles this file made: the other suites manage their own.
		for (const p of api.profiles.list().filter((p) => p.name === PROFILE || p.name.startsWith('secrets-'))) {
			await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: p.id, confirm: false });
		}
		await emulator.close();
		fs.rmSync(home, { recursive: true, force: true });
	});

	it('stores temporary keys in SecretStorage and loads with them', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: PROFILE, site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: CANARY_KEY, token: CANARY_TOKEN, zoneId: ZONE,
		});
		const profile = await waitFor('the canary profile', () => (api.profiles.active()?.name === PROFILE ? api.profiles.active() : undefined));
		await waitIdle(api);
		assert.equal(api.session.store.size, emulator.tasks().length);
		// The one place the secrets belong; also proves the search below would recognise them.
		const stored = await api.profiles.credentials(profile.id);
		assert.deepEqual(stored, { secretId: SECRET_ID, secretKey: CANARY_KEY, token: CANARY_TOKEN });
		assert.ok(leakIn(JSON.stringify(stored)), 'the search finds the secrets where they are');
	});

	it('shows no secret in the error and warning messages of failing commands', async () => {
		const run = async (command: string, ...args: unknown[]): Promise<void> => {
			await vscode.commands.executeCommand(command, ...args);
		};
		// Through the command error boundary: input checks that see the secret, then API errors.
		await run('cicTasks.addCredentials', { name: 'secrets-typo', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: `${CANARY_KEY.slice(0, 10)} ${CANARY_KEY.slice(10)}` });
		await run('cicTasks.addCredentials', { name: 'secrets-typo', site: 'custom', endpoint: `http://${SECRET_ID}:${CANARY_KEY}@127.0.0.1:1`, secretId: SECRET_ID, secretKey: CANARY_KEY });
		await run('cicTasks.addCredentials', { name: 'secrets-typo', site: 'custom', endpoint: emulator.url, secretId: CANARY_KEY, secretKey: CANARY_KEY });
		await run('cicTasks.addCredentials', { name: 'secrets-typo', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: CANARY_KEY, token: `${CANARY_TOKEN}\n` });
		await run('cicTasks.selectZone', `${CANARY_KEY}`);
		const tccli = path.join(home, '.tccli');
		fs.mkdirSync(tccli, { recursive: true });
		fs.writeFileSync(path.join(tccli, 'broken.credential'), `{"secretId": "${SECRET_ID}", "secretKey": "${CANARY_KEY}" "token": "${CANARY_TOKEN}"}`);
		fs.writeFileSync(path.join(tccli, 'spaced.credential'), JSON.stringify({ secretId: SECRET_ID, secretKey: `${CANARY_KEY} ` }));
		await run('cicTasks.importCredentials', { source: 'tccli', profile: 'broken', home });
		await run('cicTasks.importCredentials', { source: 'tccli', profile: 'spaced', home });
		// The live check rejects a wrong key sent with the right token ("The credentials were not saved. …").
		await run('cicTasks.addCredentials', { name: 'secrets-wrong', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: WRONG_KEY, token: CANARY_TOKEN });
		assert.equal(api.profiles.list().find((p) => p.name === 'secrets-wrong'), undefined, 'the rejected keys were not saved');
		// An API error from a command: Identity Center switched off under a loaded view.
		emulator.setCicEnabled(false);
		const task = api.session.store.tasks()[0];
		await run('cicTasks.goToTask', task.TaskId);
		await api.session.refresh();
		assert.ok(api.session.store.stale, 'the failed refresh marked the view stale');
		assertClean('the Tasks view after a failed refresh', treeText(api));
		emulator.setCicEnabled(true);
		await api.session.refresh();
		assert.equal(api.session.store.stale, undefined);

		const shown = await waitFor('the notifications', () => {
			const all = api.log.displayedMessages().slice(shownBefore);
			return all.length >= 9 ? all : undefined;
		});
		for (const expected of [
			/SecretKey contains no spaces/,
			/must not contain a user name or password/,
			/looks like a SecretKey/,
			/spaces around the session token/,
			/zone ID starts with "z-"/,
			/tccli profile "broken" .* is not valid JSON/,
			/tccli profile "spaced" .*"secretKey" has spaces or a line break around it/,
			/The credentials were not saved\. Signature rejected/,
			/^Identity Center is not enabled/,
		]) {
			assert.ok(shown.some((m) => expected.test(m)), `a notification matching ${expected}; shown: ${JSON.stringify(shown)}`);
		}
		for (const message of shown) {
			assertClean('a notification', message);
		}
	});

	it('keeps rejected keys out of globalState while the profile needs attention', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: PROFILE, site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: WRONG_KEY, token: CANARY_TOKEN, zoneId: ZONE, skipCheck: true,
		});
		const attention = await waitFor('the attention mark', () => api.profiles.active()?.needsAttention, 20000);
		assertClean('the attention mark', attention);
		for (const key of api.globalState.keys()) {
			assertClean(`globalState ${key} while the profile needs attention`, JSON.stringify(api.globalState.get(key)));
		}
		assertClean('the Tasks view while the profile needs attention', treeText(api));
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: PROFILE, site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: CANARY_KEY, token: CANARY_TOKEN, zoneId: ZONE,
		});
		await waitFor('the mark to clear', () => (api.profiles.active()?.needsAttention === undefined ? true : undefined), 20000);
		await waitIdle(api);
	});

	it('renders no secret in the webview panels: HTML, DOM or saved state', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Failed') ?? api.session.store.tasks()[0];
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const detail = await waitFor('the detail panel', () => api.panels.get(task.TaskId), 15000);
		await waitFor('the detail page', () => (detail.isReady ? true : undefined), 20000);
		const shown = await waitFor('the task on the page', async () => {
			const s = await detail.snapshot();
			return s.fields.TaskId === task.TaskId ? s : undefined;
		}, 20000);
		assertClean('the detail panel HTML set by the host', detail.panel.webview.html);
		assertClean('the detail panel page', snapshotText(shown));

		await vscode.commands.executeCommand('cicTasks.showOverview');
		const overview = await waitFor('the overview panel', () => api.panels.currentOverview, 15000);
		await waitFor('the overview page', () => (overview.isReady ? true : undefined), 20000);
		const page = await waitFor('the overview content', async () => {
			const s = await overview.snapshot();
			return s.text.includes(String(api.session.store.size)) ? s : undefined;
		}, 20000);
		assertClean('the overview panel HTML set by the host', overview.panel.webview.html);
		assertClean('the overview page', snapshotText(page));
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	it('writes no secret into exported files', async () => {
		const files = [path.join(home, 'export.json'), path.join(home, 'export.csv')];
		await vscode.commands.executeCommand('cicTasks.exportTasks', { path: files[0] });
		await vscode.commands.executeCommand('cicTasks.exportTasks', { path: files[1], format: 'csv' });
		for (const file of files) {
			const text = fs.readFileSync(file, 'utf8');
			assert.ok(text.includes(ZONE) && text.includes(api.session.store.tasks()[0].TaskId), `${file} holds the export`);
			assertClean(file, text);
		}
	});

	it('finds the secrets nowhere else: settings, globalState, log, notifications, view and status bar', async () => {
		const config = vscode.workspace.getConfiguration('cicTasks');
		assertClean('settings', JSON.stringify(Object.fromEntries(Object.keys(config).map((k) => [k, config.inspect(k)]))));
		for (const key of api.globalState.keys()) {
			assertClean(`globalState ${key}`, JSON.stringify(api.globalState.get(key)));
		}
		const lines = api.log.recentLines();
		assert.ok(lines.some((l) => l.includes('ListTasks')), 'the log recorded the API calls');
		for (const line of lines) {
			assertClean('a log line', line);
		}
		for (const message of api.log.displayedMessages()) {
			assertClean('a notification', message);
		}
		assertClean('the transition notification', api.notifier.lastMessage ?? '');
		assertClean('the Tasks view', [api.view.treeView.title, api.view.treeView.description, api.view.treeView.message, treeText(api)].join('\n'));
		assertClean('the status bar', `${api.statusBar.text} ${api.statusBar.profileText}`);
	});
});
