import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, removeAllProfiles, snapshot, waitFor, waitForWorkbenchElement, waitIdle, type WorkbenchElement } from './helpers';

/*
 * Issue 13 item 1, as a person sees it: hostile text from the API and from the workspace's settings reaches a
 * notification and the status bar, and the rendered workbench (read back through the web runner's [vsx-dom]
 * marker) shows it as text, with no link to click and no icon it did not earn.
 */

const ZONE = 'z-untrustedtext';
const CLICK_ME = '[click me](command:cicTasks.removeCredentials)';
const REPAIR = '[Repair saved views](command:cicTasks.exportTasks?{"path":"/tmp/cic-untrusted-export.json"})';
const PROFILE = '$(zap) Fake [admin](command:cicTasks.removeCredentials)';
const TOASTS = '.notifications-toasts .notification-list-item-message';

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

function assertNoLink(element: WorkbenchElement, where: string): void {
	assert.deepEqual(element.links, [], `${where}: links ${JSON.stringify(element.links)} in ${element.outerHTML.slice(0, 500)}`);
	assert.ok(!/<a\b/i.test(element.outerHTML), `${where}: an <a> in ${element.outerHTML.slice(0, 500)}`);
	assert.ok(!/href="command:/i.test(element.outerHTML), `${where}: a command href`);
}

describe('Untrusted text in notifications and the status bar (rendered DOM)', function () {
	this.timeout(120000);
	let api: TestApi;
	let emulator: RunningEmulator;
	const task: TaskInfo = {
		TaskId: 't-untrusted1',
		RoleConfigurationId: 'rc-untrusted',
		RoleConfigurationName: 'ReadOnly',
		TargetUin: 100012345678,
		TargetType: 'MemberUin',
		PrincipalId: 'u-untrusted',
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'InProgress',
		FailureReason: '',
	};

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		await setSetting('autoRefresh.interval', 0);
		await setSetting('notifyOn', 'failed');
		emulator = await startEmulator({ fixture: [task], zoneId: ZONE, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await vscode.commands.executeCommand('cicTasks.addCredentials', { name: PROFILE, site: 'custom', endpoint: emulator.url, zoneId: ZONE, ...emulator.credentials });
		await waitFor('the hostile profile active', () => (api.profiles.active()?.name === PROFILE ? true : undefined));
		await waitIdle(api);
	});

	after(async () => {
		await vscode.commands.executeCommand('notifications.clearAll');
		await setSetting('autoRefresh.interval', undefined);
		await setSetting('notifyOn', undefined);
		await setSetting('savedViews', undefined);
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('shows a FailureReason holding a command link as plain text when the task fails', async () => {
		await vscode.commands.executeCommand('notifications.clearAll');
		emulator.setTaskStatus(task.TaskId, 'Failed', CLICK_ME);
		await setSetting('autoRefresh.interval', 1);
		try {
			await waitFor('the poll to see the failure', () => (api.session.store.get(task.TaskId)?.task.Status === 'Failed' ? true : undefined), 30000);
			await waitFor('the notification', () => api.notifier.lastMessage, 10000);
		} finally {
			await setSetting('autoRefresh.interval', 0);
		}
		const toast = await waitForWorkbenchElement('the failure toast', TOASTS, (e) => e.text.includes(task.TaskId));
		assertNoLink(toast, 'the failure toast');
		// Still readable: every word of the reason is there, only the "](" pair is broken.
		assert.match(toast.text, /failed: \[click me\] \(command:cicTasks\.removeCredentials\)/);
		assert.equal(api.profiles.list().length, 1, 'nothing was removed');
		await snapshot('untrusted-failure-notification');
	});

	it('reports a saved view labelled with a command link as plain text', async () => {
		await vscode.commands.executeCommand('notifications.clearAll');
		// In the attack this came from a cloned repository's .vscode/settings.json; user settings render the same
		// and leave the workspace folder to the workspace-settings suite, which needs it without a settings file.
		await setSetting('savedViews', [{ label: REPAIR, filter: { statuses: ['Broken'] } }]);
		await vscode.commands.executeCommand('cicTasks.applySavedView');
		const warning = await waitForWorkbenchElement('the saved-view warning', TOASTS, (e) => e.text.includes('Repair saved views'));
		assertNoLink(warning, 'the saved-view warning');
		assert.match(warning.text, /skipped: Saved view 1 "\[Repair saved views\] \(command:cicTasks\.exportTasks/);
		await snapshot('untrusted-saved-view-warning');
	});

	it('shows a hostile profile name in the status bar without its icon or link', async () => {
		const item = await waitForWorkbenchElement('the profile status-bar item', '.statusbar-item', (e) => e.text.includes('Fake'));
		assert.ok(item.outerHTML.includes('codicon-account'), 'our own account icon');
		assert.ok(!item.outerHTML.includes('codicon-zap'), `an icon from the name in ${item.outerHTML.slice(0, 500)}`);
		assert.ok(item.links.every((l) => !l.href?.startsWith('command:')), JSON.stringify(item.links));
		assert.match(item.text, /\$ \(zap\) Fake \[admin\] \(command:/);
	});
});
