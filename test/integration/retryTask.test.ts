import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { RETRY_LINKS_KEY, retryLinkStorage } from '../../src/host/retryLinkStorage';
import { readSettings } from '../../src/host/settings';
import { parseRetryLinks, RetryLinks } from '../../src/model/retryLinks';
import { activateForTest, waitFor, waitIdle } from './helpers';
import { keys, quickInputShown, waitForQuickInput } from './quickInput';

/*
 * Issue 11 in a real VS Code: Retry Task… sends nothing while cicTasks.allowChanges is off (and a workspace cannot
 * turn it on); with it on, the modal confirmation decides: Cancel sends nothing, Retry starts a new task that the
 * tree tracks to its end, and the old task's panel links to it. Writes are counted at the emulator.
 */

const ZONE = 'z-retrytask0001';
const PROFILE = 'retry-task';
const SECRET_ID = 'AKIDretrytask00000000000000000000001';
const SECRET_KEY = 'RetryTaskKey0123456789abcdefghij';
const WRITES = ['CreateRoleAssignment', 'DeleteRoleAssignment', 'ProvisionRoleConfiguration', 'DismantleRoleConfiguration'];

async function setUserSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

function failedCreate(id: string, user: string, uin: number, rc: { RoleConfigurationId: string; RoleConfigurationName: string }): TaskInfo {
	return { TaskId: id, ...rc, TargetUin: uin, TargetType: 'MemberUin', PrincipalId: user, PrincipalType: 'User', TaskType: 'CreateRoleAssignment', Status: 'Failed', FailureReason: 'The number of policies exceeds the quota.' };
}

describe('Retry Task: off until allowed, confirmed before anything changes', function () {
	this.timeout(180000);
	let api: TestApi;
	let emulator: RunningEmulator;
	let tasks: TaskInfo[];
	let failedDelete: TaskInfo;
	let settingsFile: string;
	let createdDir = false;
	let vscodeDir: string;

	const writesSent = (): number => emulator.requestLog().filter((e) => WRITES.includes(e.action)).length;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		const folder = vscode.workspace.workspaceFolders?.[0];
		assert.ok(folder, 'the harness opens a workspace folder');
		vscodeDir = path.join(folder.uri.fsPath, '.vscode');
		settingsFile = path.join(vscodeDir, 'settings.json');
		createdDir = !fs.existsSync(vscodeDir);

		// A tasks-only fixture: the emulator generates the users, accounts and role configuration they name.
		const rc = { RoleConfigurationId: 'rc-retryadmin01', RoleConfigurationName: 'Retry Admins' };
		tasks = [failedCreate('t-retryfirst01', 'u-retryalice01', 100000000501, rc), failedCreate('t-retryother02', 'u-retrybob0002', 100000000502, rc)];
		// An assignment made, then a deletion of it that failed: the assignment is still there to delete.
		const made = { ...failedCreate('t-retrymade003', 'u-retrycarol3', 100000000503, rc), Status: 'Success', FailureReason: '' };
		failedDelete = { ...made, TaskId: 't-retrydel0004', TaskType: 'DeleteRoleAssignment', Status: 'Failed', FailureReason: 'The assignment is in use.' };
		tasks.push(made, failedDelete);
		emulator = await startEmulator({ fixture: tasks, zoneId: ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US', writeTaskDelayMs: 1500 });
		await setUserSetting('autoRefresh.interval', 2);
		await setUserSetting('endpoint', emulator.url);
		await vscode.commands.executeCommand('cicTasks.addCredentials', { name: PROFILE, site: 'china', secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId: ZONE });
		await waitFor('the profile', () => (api.profiles.active()?.name === PROFILE ? true : undefined), 20000);
		await waitIdle(api);
		assert.equal(api.session.store.size, 4);
	});

	after(async () => {
		if (fs.existsSync(settingsFile)) {
			fs.rmSync(settingsFile);
		}
		if (createdDir) {
			fs.rmSync(vscodeDir, { recursive: true, force: true });
		}
		for (const key of ['endpoint', 'autoRefresh.interval', 'allowChanges']) {
			await setUserSetting(key, undefined);
		}
		for (const p of api.profiles.list().filter((p) => p.name === PROFILE)) {
			await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: p.id, confirm: false });
		}
		await emulator?.close();
	});

	// VS Code's test harness refuses every dialog (it answers as if dismissed), so the confirmation's answer comes
	// from the test hook where a test needs "Retry"; the real modal path is what a dismissed dialog exercises.
	it('with the setting off, explains what it would do and sends nothing (also when the hook says confirm)', async () => {
		assert.equal(readSettings().allowChanges, false);
		const before = emulator.requestLog().length;
		await vscode.commands.executeCommand('cicTasks.retryTask', tasks[0].TaskId);
		await vscode.commands.executeCommand('cicTasks.retryTask', { taskIds: [tasks[0].TaskId], confirm: true });
		assert.equal(writesSent(), 0);
		// Nothing of the preflight either (its state checks); the name directory may read names meanwhile.
		assert.equal(emulator.requestLog().slice(before).filter((e) => e.action === 'ListRoleAssignments' || e.action === 'ListRoleConfigurationProvisionings').length, 0, 'not even the preflight ran');
		assert.equal(api.log.recentLines().filter((l) => l.includes('cicTasks.allowChanges is off; nothing sent')).length, 2);
	});

	it('a workspace setting cannot turn changes on', async () => {
		fs.mkdirSync(vscodeDir, { recursive: true });
		fs.writeFileSync(settingsFile, JSON.stringify({ 'cicTasks.allowChanges': true, cicTasks: { allowChanges: true } }));
		await waitFor('VS Code to read the workspace settings', () => (vscode.workspace.getConfiguration('cicTasks').get('allowChanges') === true || vscode.workspace.getConfiguration('cicTasks').inspect('allowChanges')?.workspaceValue !== undefined ? true : undefined), 20000).catch(() => undefined);
		assert.equal(readSettings().allowChanges, false);
		await vscode.commands.executeCommand('cicTasks.retryTask', { taskIds: [tasks[0].TaskId], confirm: true });
		assert.equal(writesSent(), 0);
		fs.rmSync(settingsFile);
	});

	it('on: dismissing the confirmation sends nothing', async () => {
		await setUserSetting('allowChanges', true);
		await waitFor('the setting', () => (readSettings().allowChanges ? true : undefined));
		// The real modal, which the harness refuses to show (nothing can answer it), then the hook's Cancel.
		await vscode.commands.executeCommand('cicTasks.retryTask', tasks[1].TaskId);
		assert.equal(writesSent(), 0);
		await vscode.commands.executeCommand('cicTasks.retryTask', { taskIds: [tasks[1].TaskId], confirm: false });
		assert.equal(writesSent(), 0);
		assert.ok(api.log.recentLines().some((l) => l.includes('test mode answers the confirmation (Cancel)')));
		assert.ok(api.log.recentLines().some((l) => l.includes('cancelled at the confirmation')));
	});

	it('on: retrying a deletion asks what happens to the deployment, and says which answer it confirms', async () => {
		await setUserSetting('allowChanges', true);
		await waitFor('the setting', () => (readSettings().allowChanges ? true : undefined));
		const question = 'What happens to the deployment when a deletion removes the last assignment on an account?';
		// Escape: nothing chosen, nothing checked, nothing sent.
		const mark = api.log.lineCount;
		const dismissed = vscode.commands.executeCommand('cicTasks.retryTask', failedDelete.TaskId);
		// Each choice is a label and its detail, which names the DeprovisionStrategy it sends.
		const picker = await waitForQuickInput('Retry Task: Deployment', (v) => v.rows.length === 4);
		assert.equal(picker.placeholder, question);
		assert.deepEqual(picker.rows, [
			'Keep the deployment',
			'DeprovisionStrategy None: the role configuration stays deployed on the account.',
			'Also remove the deployment if no assignment is left',
			'DeprovisionStrategy DeprovisionForLastRoleAssignmentOnAccount: when this is the last assignment of the role configuration on the account, its deployment is removed too.',
		]);
		await keys({ press: 'Escape' });
		await dismissed;
		assert.ok(api.log.linesSince(mark).some((l) => l.includes('no DeprovisionStrategy chosen; nothing sent')));
		assert.ok(!api.log.linesSince(mark).some((l) => l.includes('confirmation')), 'no confirmation after a dismissed picker');
		// The second answer reaches the confirmation, which the harness refuses to show (the command then fails): still
		// nothing sent.
		const mark2 = api.log.lineCount;
		const picked = vscode.commands.executeCommand('cicTasks.retryTask', failedDelete.TaskId);
		await waitForQuickInput('Retry Task: Deployment', (v) => v.rows.length === 4);
		await keys({ press: 'ArrowDown' }, { press: 'Enter' });
		await picked;
		const lines = api.log.linesSince(mark2);
		assert.ok(lines.some((l) => l.includes('ListRoleAssignments') && l.includes(`PrincipalId=${failedDelete.PrincipalId}`)), 'the check before it ran');
		const asked = lines.find((l) => l.includes('asking to confirm'));
		assert.equal(asked, `Retry Task: asking to confirm DeleteRoleAssignment with DeprovisionStrategy DeprovisionForLastRoleAssignmentOnAccount for ${failedDelete.TaskId}`);
		assert.ok(lines.some((l) => l.includes('refused to show dialog') && l.includes('Retry this failed task?')), 'the modal confirmation was next');
		assert.equal(await quickInputShown(), false);
		assert.equal(writesSent(), 0);
	});

	it('on: a retry the service refuses says what happened and what to do once, starts nothing, and is logged with its RequestId', async () => {
		await setUserSetting('allowChanges', true);
		await waitFor('the setting', () => (readSettings().allowChanges ? true : undefined));
		await vscode.commands.executeCommand('notifications.clearAll');
		emulator.setAuthorizationLimit(0);
		try {
			const before = emulator.requestLog().filter((e) => e.action === 'CreateRoleAssignment').length;
			const shownBefore = api.log.displayedMessages().length;
			await vscode.commands.executeCommand('cicTasks.retryTask', { taskIds: [tasks[1].TaskId], confirm: true });
			assert.equal(emulator.requestLog().filter((e) => e.action === 'CreateRoleAssignment').length, before + 1, 'one request, not re-sent');
			assert.deepEqual(api.session.service.retryLinks.retriedAs(tasks[1].TaskId), []);
			// The workbench renders no toasts in this suite (a probe showErrorMessage rendered none either), so the text
			// is read where the extension keeps every error notification it shows.
			const shown = await waitFor('the refusal', () => api.log.displayedMessages().slice(shownBefore).find((m) => m.includes('failed')), 10000);
			assert.match(shown, /^1 failed: Too many assignments: .*Remove assignments that are no longer needed, then try again\. \(RequestId [0-9a-f-]{36}\)$/, shown);
			assert.doesNotMatch(shown, /FailedOperation/, 'words, not the raw code');
			assert.equal(api.log.displayedMessages().slice(shownBefore).length, 1, 'one notification');
			const audit = api.log.recentLines().find((l) => l.includes('Retry Task: CreateRoleAssignment') && l.includes('RoleConfigurationAuthorizationOverLimit'));
			assert.ok(audit && /RequestId [0-9a-f-]{36}/.test(audit) && audit.includes(tasks[1].TaskId), audit);
		} finally {
			emulator.setAuthorizationLimit(undefined);
			await vscode.commands.executeCommand('notifications.clearAll');
		}
	});

	it('on: Retry starts a new task that appears, ends, and the old task\'s panel links to it', async () => {
		await setUserSetting('allowChanges', true);
		await waitFor('the setting', () => (readSettings().allowChanges ? true : undefined));
		const old = tasks[0];
		const panel = api.panels.showTask(api.session.store.get(old.TaskId)?.task ?? old);
		await waitFor('the panel', () => (panel.isReady ? true : undefined), 20000);
		await waitFor('the Retry Task button', async () => ((await panel.snapshot()).keys.includes('retryTask') ? true : undefined), 20000);
		const before = await waitFor('the Now answer before the retry', async () => {
			const s = await panel.snapshot();
			const answer = s.fields['now:assignment'];
			return answer !== undefined && answer !== 'Checking…' ? answer : undefined;
		}, 20000);
		assert.equal(before, 'Does not exist', 'the failed create left no assignment');
		const createsBefore = emulator.requestLog().filter((e) => e.action === 'CreateRoleAssignment').length;
		await vscode.commands.executeCommand('cicTasks.retryTask', { taskIds: [old.TaskId], confirm: true });
		assert.equal(emulator.requestLog().filter((e) => e.action === 'CreateRoleAssignment').length, createsBefore + 1);
		const [newId] = api.session.service.retryLinks.retriedAs(old.TaskId);
		assert.ok(newId, 'the old task links to a new one');
		assert.ok(api.session.store.get(newId), 'the new task is in the tree');
		await waitFor('the new task to end in the tree', () => (api.session.store.get(newId)?.task.Status === 'Success' ? true : undefined), 30000);
		const shown = await waitFor('the link in the old task\'s panel', async () => {
			const s = await panel.snapshot();
			return s.keys.includes(`openTask:${newId}`) ? s : undefined;
		}, 20000);
		assert.match(shown.fields.retryLinks ?? '', new RegExp(newId));
		// The Now section of the old task's panel shows the assignment in place once the new task succeeded.
		assert.ok(await panel.click('checkNow'));
		await waitFor('the assignment in place in the Now section', async () => ((await panel.snapshot()).fields['now:assignment'] === 'Exists' ? true : undefined), 20000);
		assert.ok(await panel.click(`openTask:${newId}`));
		await waitFor('the new task\'s panel', () => (api.panels.openTaskIds.includes(newId) ? true : undefined), 20000);
		const audit = api.log.recentLines().find((l) => l.includes('Retry Task: CreateRoleAssignment') && l.includes(newId));
		assert.ok(audit && audit.includes('RequestId') && audit.includes(old.TaskId) && audit.includes(old.PrincipalId) && audit.includes(String(old.TargetUin)), audit);
	});

	it('keeps the link for the next window in globalState, and Remove Credentials forgets it', async () => {
		const old = tasks[0];
		const [newId] = api.session.service.retryLinks.retriedAs(old.TaskId);
		assert.ok(newId, 'the retry above linked a new task');
		const stored = parseRetryLinks(api.globalState.get(RETRY_LINKS_KEY), Date.now());
		assert.deepEqual(stored.map((r) => [r.zoneId, r.oldTaskId, r.newTaskIds]), [[ZONE, old.TaskId, [newId]]], 'zone and task IDs only');
		// What the next window reads: the same storage, a new RetryLinks.
		const nextWindow = new RetryLinks(retryLinkStorage(api.globalState, api.log));
		assert.deepEqual(nextWindow.retriedAs(old.TaskId), [newId]);
		assert.equal(nextWindow.retryOf(newId), old.TaskId);
		nextWindow.dispose();
		const profile = api.profiles.list().find((p) => p.name === PROFILE);
		assert.ok(profile);
		await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: profile.id, confirm: false });
		assert.deepEqual(parseRetryLinks(api.globalState.get(RETRY_LINKS_KEY), Date.now()), []);
		assert.deepEqual(api.session.service.retryLinks.retriedAs(old.TaskId), []);
	});
});
