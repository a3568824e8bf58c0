import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { canonicalTaskType } from '../../src/model/taskTypes';
import type { TreeNode } from '../../src/views/nodes';
import { activateForTest, snapshot, snapshotWhen, waitFor, waitForWorkbenchElement, waitIdle } from './helpers';

const ZONE = 'z-newcomer';
const PROFILE = 'newcomer-polish';
/** Small enough that Success and In progress open partial; Failed still loads whole (ten times this). */
const THRESHOLD = 40;

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

function descriptionOf(api: TestApi, node: TreeNode): string {
	const d = api.view.provider.getTreeItem(node).description;
	return typeof d === 'string' ? d : '';
}

function labelOf(api: TestApi, node: TreeNode): string {
	const label = api.view.provider.getTreeItem(node).label;
	return typeof label === 'string' ? label : (label?.label ?? '');
}

function roots(api: TestApi): readonly TreeNode[] {
	api.view.provider.rebuildNow();
	return api.view.provider.rootNodes;
}

function count(emulator: RunningEmulator, pick: (t: TaskInfo) => boolean): number {
	return emulator.tasks().filter(pick).length;
}

// Issue 14 (what a new user tripped over), items 3, 4, 6 and 16, as a person sees them.
describe('Newcomer polish: totals, retries, overview and the background check', function () {
	this.timeout(180_000);
	let api: TestApi;
	let emulator: RunningEmulator;
	/** The runner turns the background check off for the whole suite; put its value back afterwards. */
	let backgroundCheckSetting: unknown;

	before(async () => {
		api = await activateForTest();
		backgroundCheckSetting = vscode.workspace.getConfiguration('cicTasks').inspect('autoRefresh.backgroundCheckInterval')?.globalValue;
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await setSetting('autoRefresh.interval', 0);
		await setSetting('autoRefresh.backgroundCheckInterval', 0);
		await setSetting('loadAllThreshold', THRESHOLD);
		// Pages of 10, so a listing's first page does not already hold most of its share.
		await setSetting('pageSize', 10);
		await setSetting('groupBy', 'taskTypeStatus');
		emulator = await startEmulator({ tasks: 500, seed: 14, zoneId: ZONE, language: 'en-US' });
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: PROFILE, site: 'custom', endpoint: emulator.url, zoneId: ZONE, ...emulator.credentials,
		});
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await waitIdle(api);
		await waitFor('Task type grouping', () => (api.view.provider.groupingMode === 'taskTypeStatus' ? true : undefined));
	});

	after(async () => {
		emulator.setFaults(0);
		emulator.setLatency(0);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		for (const key of ['autoRefresh.interval', 'loadAllThreshold', 'pageSize', 'groupBy', 'notifyOn']) {
			await setSetting(key, undefined);
		}
		await setSetting('autoRefresh.backgroundCheckInterval', backgroundCheckSetting);
		api.panels.currentOverview?.panel.dispose();
		for (const p of api.profiles.list().filter((p) => p.name === PROFILE)) {
			await vscode.commands.executeCommand('cicTasks.removeCredentials', { profileId: p.id, confirm: false });
		}
		await emulator.close();
	});

	it('item 3: in Task type grouping with a filter, partial groups say "N loaded of M" and hold their own load rows', async () => {
		await vscode.commands.executeCommand('cicTasks.filter', { statuses: ['Success', 'InProgress'] });
		await waitIdle(api);
		const top = roots(api);
		assert.ok(!top.some((n) => n.type === 'load'), `no load row at the top level: ${top.map((n) => n.id).join(', ')}`);
		const typeGroups = top.filter((n): n is Extract<TreeNode, { type: 'group' }> => n.type === 'group' && n.group?.kind === 'taskType');
		assert.ok(typeGroups.length >= 2);
		let partial: { status: string; node: TreeNode; type: string } | undefined;
		for (const node of typeGroups) {
			const type = node.group?.key ?? '';
			const ofType = (t: TaskInfo): boolean => canonicalTaskType(t.TaskType) === type && (t.Status === 'Success' || t.Status === 'InProgress');
			const total = count(emulator, ofType);
			assert.match(descriptionOf(api, node), new RegExp(`^(\\d+ loaded of ${total}|${total})$`), `${labelOf(api, node)}: "${descriptionOf(api, node)}"`);
			for (const child of api.view.provider.children(node)) {
				if (child.type !== 'group' || !child.group) {
					continue;
				}
				const status = child.group.key;
				const share = count(emulator, (t) => canonicalTaskType(t.TaskType) === type && t.Status === status);
				const description = descriptionOf(api, child);
				const rows = api.view.provider.children(child);
				const loads = rows.filter((r) => r.type === 'load');
				if (description === String(share)) {
					assert.equal(loads.length, 0, 'a whole share has no load rows');
				} else {
					assert.equal(description, `${child.group.count} loaded of ${share}`);
					assert.deepEqual(loads.map((l) => (l.type === 'load' ? `${l.mode}:${l.taskType}:${l.remaining}` : '')), [`more:${type}:${share - child.group.count}`, `all:${type}:${share - child.group.count}`]);
					partial ??= { status, node: child, type };
				}
			}
		}
		assert.ok(partial, 'some share is partial at this threshold');
		await snapshot('task-type-totals');
		const loadAll = api.view.provider.children(partial.node).find((r) => r.type === 'load' && r.mode === 'all');
		await vscode.commands.executeCommand('cicTasks.loadAll', loadAll);
		await waitIdle(api);
		const share = count(emulator, (t) => canonicalTaskType(t.TaskType) === partial?.type && t.Status === partial.status);
		const typeNode = roots(api).find((n) => n.type === 'group' && n.group?.kind === 'taskType' && n.group.key === partial?.type);
		assert.ok(typeNode);
		const shareNode = api.view.provider.children(typeNode).find((n) => n.type === 'group' && n.group?.key === partial?.status);
		assert.ok(shareNode);
		assert.equal(descriptionOf(api, shareNode), String(share), 'the share is whole after its Load all');
		assert.ok(!api.view.provider.children(shareNode).some((r) => r.type === 'load'));
	});

	it('item 6: the Overview gives exact task-type counts, marks loaded-only figures, and Load All makes them whole', async () => {
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		assert.ok(!api.session.store.statusGroups().every((g) => g.complete), 'partial at this threshold');
		await vscode.commands.executeCommand('cicTasks.showOverview');
		const overview = await waitFor('the overview', () => api.panels.currentOverview, 15000);
		await waitFor('the overview page', () => (overview.isReady ? true : undefined), 20000);
		const create = count(emulator, (t) => canonicalTaskType(t.TaskType) === 'CreateRoleAssignment');
		const s = await snapshotWhen(overview, 'exact type counts', (x) => x.fields['count:taskType:CreateRoleAssignment'] === String(create));
		assert.equal(s.fields['loadedOnly:types'], undefined, 'task-type counts are exact: not marked');
		assert.match(s.fields['loadedOnly:roleConfigurations'] ?? '', new RegExp(`Counts only the ${api.session.store.size} loaded tasks`));
		assert.ok(s.fields['loadedOnly:reasons']);
		assert.ok(s.keys.includes('loadAll:roleConfigurations'));
		await snapshot('overview-loaded-only');
		assert.ok(await overview.click('loadAll:roleConfigurations'));
		await waitFor('every group loaded whole', () => (api.session.store.statusGroups().every((g) => g.complete) && !api.session.isLoading ? true : undefined), 60000);
		overview.update();
		const whole = await snapshotWhen(overview, 'no marks', (x) => x.fields['loadedOnly:roleConfigurations'] === undefined);
		assert.equal(whole.fields['loadedOnly:reasons'], undefined);
		assert.equal(api.session.store.size, emulator.tasks().length);
		overview.panel.dispose();
	});

	it('item 4: "Retrying (n of m)…" shows in the view message while a retry waits, never a raw code, and is gone after the load', async () => {
		const seen = new Set<string>();
		const watcher = setInterval(() => seen.add(api.view.treeView.message ?? ''), 50);
		try {
			emulator.setLatency(100);
			emulator.setFaults(0.4, ['http503', 'internalError', 'truncated']);
			const refresh = vscode.commands.executeCommand('cicTasks.refresh');
			await waitFor('a retry in the view message', () => ([...seen].some((m) => /Retrying \(\d+ of \d+\)…/.test(m)) ? true : undefined), 30000);
			await refresh;
			await waitIdle(api);
			emulator.setFaults(0);
			await new Promise((resolve) => setTimeout(resolve, 300));
		} finally {
			clearInterval(watcher);
		}
		const retrying = [...seen].filter((m) => m.includes('Retrying'));
		for (const message of retrying) {
			assert.doesNotMatch(message, /503|InternalError|ClientError|InvalidResponse|not valid JSON/, message);
		}
		assert.doesNotMatch(api.view.treeView.message ?? '', /Retrying/, 'gone once the load is done');
		assert.ok(!roots(api).some((n) => n.type === 'message' && n.id !== 'message:stale'), 'no retry row in the tree');
	});

	it('small items: Copy Failure Reason on a task that did not fail speaks of a message, not "FailureReason"', async () => {
		const succeeded = api.session.store.tasks().find((t) => t.Status === 'Success' && t.FailureReason === '');
		assert.ok(succeeded);
		await vscode.commands.executeCommand('cicTasks.copyFailureReason', succeeded.TaskId);
		const toast = await waitForWorkbenchElement('the notification', '.notifications-toasts .notification-list-item-message', (e) => e.text.includes('has no'));
		assert.match(toast.text, /The selected task has no Message\./);
		assert.doesNotMatch(toast.text, /FailureReason|Failure reason/);
		await vscode.commands.executeCommand('notifications.clearAll');
	});

	it('item 16: the background check finds tasks made elsewhere, loads them, and notifies', async () => {
		await vscode.commands.executeCommand('cicTasks.refresh');
		await waitIdle(api);
		await setSetting('notifyOn', 'failed');
		assert.ok(api.session.store.groupState('Failed').complete, 'Failed is loaded whole');
		const template = emulator.tasks().find((t) => t.Status === 'Failed');
		assert.ok(template);
		const created: TaskInfo = { ...template, TaskId: `${template.TaskId.slice(0, -6)}c0ffee`, Status: 'Failed', FailureReason: 'Made in the console meanwhile' };
		assert.ok(!emulator.tasks().some((t) => t.TaskId === created.TaskId));
		emulator.addTasks([created]);
		api.notifier.lastMessage = undefined;
		const result = await api.autoRefresh.backgroundCheck.checkNow();
		assert.equal(result.kind, 'moved');
		assert.ok(api.session.store.get(created.TaskId), 'the new task is loaded');
		assert.equal(api.session.store.total('Failed'), count(emulator, (t) => t.Status === 'Failed'));
		await waitFor('the notification', () => api.notifier.lastMessage, 10000);
		assert.match(api.notifier.lastMessage ?? '', new RegExp(`${created.TaskId} failed: Made in the console meanwhile`));
		const quiet = await api.autoRefresh.backgroundCheck.checkNow();
		assert.equal(quiet.kind, 'unchanged', 'nothing moved: only the counts were read');
	});
});
