import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, waitFor, waitIdle } from './helpers';

const ZONE = 'z-pollcancel';
const PROFILE = 'poll-cancel';
/** Longer than any wait below: a poll that finishes within the test was cancelled, not answered. */
const SLOW_MS = 25_000;

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

// Issue 13 item 4: Cancel Loading did not reach the auto-refresh poll, so a poll paging without end ran on.
describe('Cancel Loading stops an auto-refresh poll', function () {
	this.timeout(90_000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await setSetting('autoRefresh.interval', 0);
		emulator = await startEmulator({ tasks: 120, seed: 31, zoneId: ZONE, language: 'en-US' });
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: PROFILE, site: 'custom', endpoint: emulator.url, zoneId: ZONE, ...emulator.credentials,
		});
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await waitIdle(api);
	});

	after(async () => {
		await setSetting('autoRefresh.interval', undefined);
		emulator.setLatency(0);
		// Only the profile this file made: the other suites manage their own.
		for (const p of api.profiles.list().filter((p) => p.name === PROFILE)) {
			await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: p.id, confirm: false });
		}
		await emulator.close();
	});

	it('offers Cancel Loading for a long poll, aborts it, and the next tick polls again', async () => {
		const running = api.session.store.inProgressIds();
		assert.ok(running.length > 0, 'the sample has tasks in progress, so auto-refresh polls');
		emulator.setLatency(SLOW_MS);
		await setSetting('autoRefresh.interval', 1);
		// A poll counts as loading (and shows Cancel Loading) once it has run for a second.
		await waitFor('a poll long enough to offer Cancel Loading', () => (api.session.isLoading ? true : undefined), 15_000);
		const cancelled = Date.now();
		await vscode.commands.executeCommand('cicTasks.cancelLoading');
		await waitFor('the poll to stop', () => (api.session.isLoading ? undefined : true), 5_000);
		const took = Date.now() - cancelled;
		assert.ok(took < SLOW_MS / 5, `the poll stopped ${took} ms after Cancel Loading`);
		assert.equal(api.session.store.stale, undefined, 'a cancelled poll is not a failure');
		assert.ok(api.autoRefresh.scheduler.isRunning, 'auto-refresh is still on');

		// The next tick polls again, and finds what changed on the server.
		emulator.setLatency(0);
		emulator.setTaskStatus(running[0], 'Success');
		await waitFor('the next tick to see the change', () => (api.session.store.get(running[0])?.task.Status === 'Success' ? true : undefined), 45_000);
		await setSetting('autoRefresh.interval', 0);
	});
});
