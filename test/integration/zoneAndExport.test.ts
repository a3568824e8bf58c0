import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { defaultExportUri } from '../../src/commands/exportTasks';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, removeAllProfiles, waitFor, waitIdle } from './helpers';

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
		await waitFor('state zoneNotFound', () => (api.session.state === 'zoneNotFound' ? true : undefined), 20000);
		const message = await waitFor('the zone message', () => api.view.treeView.message || undefined);
		assert.ok(message.includes(MISSING_ZONE), `the message names the zone: ${message}`);
		assert.ok(message.includes('"zone-check"'), `the message names the profile: ${message}`);
		assert.ok(message.includes('Select Zone…'), `the message points to Select Zone…: ${message}`);
		await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
		await waitIdle(api);
		assert.ok(!(api.view.treeView.message ?? '').includes(MISSING_ZONE), 'the zone message goes once the zone is right');
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
