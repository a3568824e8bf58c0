import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, removeAllProfiles, waitFor, waitForWorkbenchElement, waitIdle } from './helpers';
import { keys, quickInputShown, waitForQuickInput } from './quickInput';

/*
 * Issue 14 item 10 and issue 10 item 6, as a person meets them: Add Credentials… typed into the real QuickInput (the
 * web runner's keyboard), and the zone found with DescribeIdentityCenter against the emulator.
 */

const SECRET_ID = 'AKIDcredinput0000000000000000000000001';
const SECRET_KEY = 'CredInputKey0123456789abcdefINPUT42';
const WRONG_KEY = 'WrongCredInputKey0123456789abcdefXX';
const ZONE = 'z-credinput000';
const ZONE_NAME = 'acme-identity';
const TOASTS = '.notifications-toasts .notification-toast';

async function closeQuickInput(): Promise<void> {
	for (let i = 0; i < 5 && (await quickInputShown()); i++) {
		await keys({ press: 'Escape' });
	}
}

describe('Add Credentials in the QuickInput, and zone discovery', function () {
	this.timeout(180000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		emulator = await startEmulator({ tasks: 20, seed: 4, zoneId: ZONE, zoneName: ZONE_NAME, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
	});

	afterEach(async () => {
		await closeQuickInput();
		await vscode.commands.executeCommand('notifications.clearAll');
	});

	after(async () => {
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('pre-fills a name no profile has, and asks before an existing profile is replaced', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'default', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId: ZONE, skipCheck: true,
		});
		const before = api.profiles.list().map((p) => `${p.name} ${p.secretIdHint}`);
		const running = vscode.commands.executeCommand('cicTasks.addCredentials');
		const first = await waitForQuickInput('Add Credentials: Profile Name');
		assert.equal(first.value, 'default-2', 'the pre-filled name is new');
		// The pre-filled value is selected: typing replaces it, as a person would.
		await keys({ type: 'default' }, { press: 'Enter' });
		// Enter on an existing name asks first, with keeping both as the answer Enter gives.
		const question = await waitForQuickInput('Add Credentials: Replace Profile?', (v) => v.rows.length === 2);
		assert.equal(question.placeholder, 'A profile named "default" exists. Replace its keys?');
		assert.deepEqual(question.rows, ['Choose another name', 'Replace its keys']);
		await keys({ press: 'Enter' });
		const again = await waitForQuickInput('Add Credentials: Profile Name');
		assert.equal(again.value, 'default-2', 'declining comes back to a new name');
		// Agreeing goes on to the next step with the existing name.
		await keys({ type: 'default' }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: Replace Profile?', (v) => v.rows.length === 2);
		await keys({ press: 'ArrowDown' }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: Site');
		await keys({ press: 'Escape' });
		await running;
		assert.deepEqual(api.profiles.list().map((p) => `${p.name} ${p.secretIdHint}`), before, 'nothing was replaced');
	});

	it('after a failed check, Edit and Retry comes back with everything but the SecretKey', async () => {
		const running = vscode.commands.executeCommand('cicTasks.addCredentials');
		await waitForQuickInput('Add Credentials: Profile Name');
		await keys({ type: 'retry-me' }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: Site', (v) => v.rows.length >= 3);
		await keys({ type: 'Custom endpoint' }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: Endpoint');
		await keys({ type: emulator.url }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: SecretId');
		await keys({ type: SECRET_ID }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: SecretKey');
		await keys({ type: WRONG_KEY }, { press: 'Enter' });
		await waitForQuickInput('Add Credentials: Session Token (Optional)');
		await keys({ press: 'Enter' });
		const toast = await waitForWorkbenchElement('the failed check', TOASTS, (e) => e.text.includes('Edit and Retry'), 30000);
		assert.match(toast.text, /Signature rejected/);
		assert.ok(!toast.text.includes(WRONG_KEY), 'the key is not shown');
		await keys({ click: { selector: `${TOASTS} .monaco-button`, text: 'Edit and Retry' } });

		assert.equal((await waitForQuickInput('Add Credentials: Profile Name')).value, 'retry-me');
		await keys({ press: 'Enter' });
		const site = await waitForQuickInput('Add Credentials: Site', (v) => v.rows.length >= 3);
		assert.equal(site.rows[0], 'Custom endpoint…', 'the site chosen before comes first');
		await keys({ press: 'Enter' });
		assert.equal((await waitForQuickInput('Add Credentials: Endpoint')).value, emulator.url);
		await keys({ press: 'Enter' });
		assert.equal((await waitForQuickInput('Add Credentials: SecretId')).value, SECRET_ID);
		await keys({ press: 'Enter' });
		assert.equal((await waitForQuickInput('Add Credentials: SecretKey')).value, '', 'the SecretKey is typed again');
		await keys({ press: 'Escape' });
		await running;
		assert.ok(!api.profiles.list().some((p) => p.name === 'retry-me'), 'a failed check saves nothing');
	});

	it('finds the zone with DescribeIdentityCenter, stores its name, and the view shows it', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', { name: 'discovered', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY });
		const profile = api.profiles.list().find((p) => p.name === 'discovered');
		assert.equal(profile?.zoneId, ZONE);
		assert.equal(profile?.zoneName, ZONE_NAME);
		await waitIdle(api);
		const label = `${ZONE_NAME} (${ZONE})`;
		assert.ok(api.view.treeView.description?.includes(label), `description: ${api.view.treeView.description}`);
		assert.ok(api.view.treeView.message?.includes(label), `message: ${api.view.treeView.message}`);
	});

	it('explains a CIC that is not open, and saves the keys without a zone', async () => {
		emulator.setCicEnabled(false);
		try {
			await vscode.commands.executeCommand('cicTasks.addCredentials', { name: 'not-open', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY });
			const toast = await waitForWorkbenchElement('the not-open explanation', TOASTS, (e) => e.text.includes('Identity Center is not enabled'));
			assert.match(toast.text, /Enable it in the Organization console/);
			assert.match(toast.text, /Select Zone…/, 'and where to choose the zone once it is');
			const profile = api.profiles.list().find((p) => p.name === 'not-open');
			assert.ok(profile, 'the keys work, so they are saved');
			assert.equal(profile.zoneId, undefined);
		} finally {
			emulator.setCicEnabled(true);
		}
	});

	it('learns the name of a zone typed by hand on its first successful load', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'typed-zone', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId: ZONE, skipCheck: true,
		});
		assert.equal(api.profiles.list().find((p) => p.name === 'typed-zone')?.zoneName, undefined);
		await waitIdle(api);
		await waitFor('the zone name stored', () => api.profiles.list().find((p) => p.name === 'typed-zone')?.zoneName, 15000);
		assert.equal(api.profiles.list().find((p) => p.name === 'typed-zone')?.zoneName, ZONE_NAME);
		await waitFor('the name in the view', () => (api.view.treeView.description?.includes(ZONE_NAME) ? true : undefined));
	});

	it('asks for the zone ID, naming the CAM action to allow, when DescribeIdentityCenter is denied', async () => {
		// A service whose CAM policy denies DescribeIdentityCenter; ListTasks answers for the keys (the probe zone does not exist).
		const denying = http.createServer((request, response) => {
			const action = String(request.headers['x-tc-action']);
			const error = action === 'DescribeIdentityCenter'
				? { Code: 'UnauthorizedOperation', Message: 'not allowed' }
				: { Code: 'FailedOperation.ZoneIdNotExist', Message: 'no such zone' };
			request.resume();
			response.setHeader('Content-Type', 'application/json');
			response.end(JSON.stringify({ Response: { Error: error, RequestId: 'r-denied' } }));
		});
		await new Promise<void>((resolve) => denying.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(denying.address() as AddressInfo).port}`;
		try {
			const running = vscode.commands.executeCommand('cicTasks.addCredentials');
			await waitForQuickInput('Add Credentials: Profile Name');
			await keys({ type: 'denied' }, { press: 'Enter' });
			await waitForQuickInput('Add Credentials: Site', (v) => v.rows.length >= 3);
			await keys({ type: 'Custom endpoint' }, { press: 'Enter' });
			await waitForQuickInput('Add Credentials: Endpoint');
			await keys({ type: url }, { press: 'Enter' });
			await waitForQuickInput('Add Credentials: SecretId');
			await keys({ type: SECRET_ID }, { press: 'Enter' });
			await waitForQuickInput('Add Credentials: SecretKey');
			await keys({ type: SECRET_KEY }, { press: 'Enter' });
			await waitForQuickInput('Add Credentials: Session Token (Optional)');
			await keys({ press: 'Enter' });
			const zoneStep = await waitForQuickInput('Add Credentials: Zone ID', (v) => v.message.length > 0, 30000);
			assert.match(zoneStep.message, /organization:DescribeIdentityCenter/, zoneStep.message);
			assert.match(zoneStep.message, /zone ID/);
			await keys({ type: 'z-typedbyhand0' }, { press: 'Enter' });
			await running;
			const profile = api.profiles.list().find((p) => p.name === 'denied');
			assert.equal(profile?.zoneId, 'z-typedbyhand0', 'the typed zone is the fallback');
			assert.equal(profile?.zoneName, undefined);
		} finally {
			denying.close();
		}
	});

	it('says for every import source whether it was found, the SDK credentials file too', async () => {
		const running = vscode.commands.executeCommand('cicTasks.importCredentials');
		const picker = await waitForQuickInput('Import Credentials', (v) => v.rows.some((r) => r.includes('.tencentcloud')));
		const statuses = picker.rows.filter((r) => /^(Found|Not found|Incomplete|Not readable):/.test(r));
		assert.ok(statuses.length >= 3, `a status for each source: ${JSON.stringify(picker.rows)}`);
		assert.ok(statuses.some((r) => r.includes('TENCENTCLOUD_SECRET_ID')), 'the environment');
		assert.ok(statuses.some((r) => r.includes('.tccli')), 'tccli');
		const file = statuses.find((r) => r.includes('.tencentcloud/credentials'));
		assert.ok(file, `the SDK credentials file: ${JSON.stringify(picker.rows)}`);
		await keys({ press: 'Escape' });
		await running;
	});

	it('blames the variable, not the user, when imported keys are rejected', async () => {
		await vscode.commands.executeCommand('cicTasks.importCredentials', {
			source: 'env', name: 'env-bad', site: 'custom', endpoint: emulator.url,
			env: { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: WRONG_KEY },
		});
		const toast = await waitForWorkbenchElement('the rejected import', TOASTS, (e) => e.text.includes('TENCENTCLOUD_SECRET_KEY'), 30000);
		assert.doesNotMatch(toast.text, /Re-enter/i);
		assert.ok(!toast.text.includes(WRONG_KEY), 'the key is not shown');
		assert.ok(!api.profiles.list().some((p) => p.name === 'env-bad'));
	});
});
