import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { defaultExportUri } from '../../src/commands/exportTasks';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, queryWorkbench, removeAllProfiles, waitFor, waitForState, waitForWorkbenchElement, waitIdle } from './helpers';
import { keys, quickInputShown, waitForQuickInput } from './quickInput';

const SECRET_ID = 'AKIDzoneexport000000000000000000000001';
const SECRET_KEY = 'ZoneExportKey0123456789abcdefZONE42';
const ZONE = 'z-zoneexport';
const MISSING_ZONE = 'z-nosuchzone';

describe('Zone errors and export defaults', function () {
	this.timeout(120000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		emulator = await startEmulator({ tasks: 20, seed: 3, zoneId: ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
	});

	after(async () => {
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('names the missing zone and the profile in the view, and points to Select Zone…', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'zone-check', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId: MISSING_ZONE, skipCheck: true,
		});
		await waitForState(api, 'zoneNotFound');
		const message = await waitFor('the zone message', () => api.view.treeView.message || undefined);
		assert.ok(message.includes(MISSING_ZONE), `the message names the zone: ${message}`);
		assert.ok(message.includes('"zone-check"'), `the message names the profile: ${message}`);
		assert.ok(message.includes('Select Zone…'), `the message points to Select Zone…: ${message}`);
		await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
		await waitIdle(api);
		assert.ok(!(api.view.treeView.message ?? '').includes(MISSING_ZONE), 'the zone message goes once the zone is right');
	});

	it('offers the zone DescribeIdentityCenter finds in Select Zone…, and says why when it finds none', async () => {
		await vscode.commands.executeCommand('cicTasks.selectZone', MISSING_ZONE);
		await waitForState(api, 'zoneNotFound');
		const found = `${emulator.zoneName} (${ZONE})`;
		let running = vscode.commands.executeCommand('cicTasks.selectZone');
		const view = await waitForQuickInput('Select Zone', (v) => v.rows.some((r) => r.includes(found)));
		assert.ok(view.rows[0]?.includes(found), `the zone found comes first: ${JSON.stringify(view.rows)}`);
		assert.ok(view.rows.some((r) => r.includes(MISSING_ZONE)), 'the current zone is offered too');
		assert.ok(view.rows.some((r) => r.includes('Type a Zone ID…')), 'and typing an ID');
		await keys({ press: 'Enter' });
		await running;
		assert.equal(api.profiles.active()?.zoneId, ZONE);
		assert.equal(api.profiles.active()?.zoneName, emulator.zoneName, 'the name comes with it: no second lookup');
		await waitForState(api, 'ready');
		await waitIdle(api);

		emulator.setCicEnabled(false);
		try {
			running = vscode.commands.executeCommand('cicTasks.selectZone');
			await waitForWorkbenchElement('the reason on the typing item', '.quick-input-widget .quick-input-list', (e) => e.text.includes('CIC is not enabled for this account yet.'));
			const list = await queryWorkbench('.quick-input-widget .quick-input-list');
			assert.ok(!list.some((e) => e.text.includes(`$(organization)`)), 'no zone offered that was not found');
			await keys({ press: 'Escape' });
			await running;
			await waitFor('the picker closed', async () => ((await quickInputShown()) ? undefined : true));
			assert.equal(api.profiles.active()?.zoneId, ZONE, 'dismissing changes nothing');
		} finally {
			emulator.setCicEnabled(true);
		}
	});

	it('opens the export save dialog in the workspace folder (or home), with the chosen format\'s extension', () => {
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
		const json = defaultExportUri(ZONE, 'json');
		const csv = defaultExportUri(ZONE, 'csv');
		assert.equal(json.fsPath, path.join(folder, `cic-tasks-${ZONE}.json`));
		assert.equal(csv.fsPath, path.join(folder, `cic-tasks-${ZONE}.csv`));
		assert.notEqual(path.dirname(json.fsPath), path.parse(json.fsPath).root, 'never the filesystem root');
	});
});
