import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { TreeNode } from '../../src/views/nodes';
import { activateForTest, delay, removeAllProfiles, snapshot, waitFor, waitIdle } from './helpers';

// A SecretKey that must never appear anywhere but SecretStorage; searched for at the end.
const CANARY_KEY = 'CanaryKey0123456789abcdefCANARY42';
const SECRET_ID = 'AKIDintegration0000000000000000000001';
const ZONE = 'z-integration';

async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('cicTasks').update(key, value, vscode.ConfigurationTarget.Global);
}

function labelOf(api: TestApi, node: TreeNode): string {
	const label = api.view.provider.getTreeItem(node).label;
	return typeof label === 'string' ? label : (label?.label ?? '');
}

function descriptionOf(api: TestApi, node: TreeNode): string {
	const d = api.view.provider.getTreeItem(node).description;
	return typeof d === 'string' ? d : '';
}

function groups(api: TestApi): TreeNode[] {
	api.view.provider.rebuildNow();
	return api.view.provider.rootNodes.filter((n) => n.type === 'group');
}

function countByStatus(emulator: RunningEmulator): Map<string, number> {
	const counts = new Map<string, number>();
	for (const t of emulator.tasks()) {
		counts.set(t.Status, (counts.get(t.Status) ?? 0) + 1);
	}
	return counts;
}

describe('Tasks view against the emulator', function () {
	this.timeout(120000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		emulator = await startEmulator({ tasks: 300, seed: 7, zoneId: ZONE, secretId: SECRET_ID, secretKey: CANARY_KEY, language: 'en-US' });
		await setSetting('autoRefresh.interval', 0);
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
	});

	after(async () => {
		await setSetting('autoRefresh.interval', undefined);
		await setSetting('groupBy', undefined);
		await setSetting('savedViews', undefined);
		await setSetting('notifyOn', undefined);
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('shows the "no credentials" welcome state with no profile', async () => {
		await waitFor('state noCredentials', () => (api.session.state === 'noCredentials' ? true : undefined));
		assert.equal(api.view.provider.rootNodes.length, 0, 'the tree must be empty so the welcome view shows');
		await snapshot('welcome');
	});

	it('stores credentials in SecretStorage, and finds the zone with DescribeIdentityCenter', async () => {
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'integration',
			site: 'custom',
			endpoint: emulator.url,
			secretId: SECRET_ID,
			secretKey: CANARY_KEY,
		});
		const profile = api.profiles.active();
		assert.ok(profile, 'the profile was saved and made active');
		assert.equal(profile.secretIdHint, 'AKID…0001');
		const stored = await api.profiles.credentials(profile.id);
		assert.equal(stored?.secretKey, CANARY_KEY);
		// No zone was given: DescribeIdentityCenter named the account's one zone (issue 10 item 6).
		assert.equal(profile.zoneId, ZONE);
		await waitFor('state ready', () => (api.session.state === 'ready' ? true : undefined));
	});

	it('loads the tree with exact counts per status once a zone is selected', async () => {
		await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
		await waitFor('state ready', () => (api.session.state === 'ready' ? true : undefined));
		await waitIdle(api);
		const expected = countByStatus(emulator);
		const roots = groups(api);
		const statuses = roots.map((n) => (n.type === 'group' ? n.statusState?.status : undefined));
		assert.deepEqual(statuses, ['Failed', 'InProgress', 'Success'].filter((s) => expected.has(s)));
		for (const node of roots) {
			assert.ok(node.type === 'group' && node.statusState);
			assert.equal(node.statusState.total, expected.get(node.statusState.status));
			assert.equal(descriptionOf(api, node), String(expected.get(node.statusState.status)));
		}
		const failed = roots[0];
		assert.equal(api.view.provider.getTreeItem(failed).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
		assert.equal(labelOf(api, failed), 'Failed');
		assert.equal(api.view.treeView.badge?.value, expected.get('Failed'));
		// The zone's name (DescribeIdentityCenter) joins its ID once it has arrived, after the tasks.
		assert.match(api.view.treeView.description ?? '', /integration · (cic-sample \()?z-integration\)? · updated \d+ s ago/);
		// Role configuration groups under Failed: name as label, "rc-… · count" as description.
		const rcGroups = api.view.provider.children(failed);
		assert.ok(rcGroups.length > 0);
		const first = rcGroups[0];
		assert.ok(first.type === 'group' && first.group);
		assert.equal(descriptionOf(api, first), `${first.group.key} · ${first.group.count}`);
		const task = api.view.provider.children(first)[0];
		assert.equal(task.type, 'task');
		const item = api.view.provider.getTreeItem(task);
		assert.match(String(item.contextValue), /^task status-Failed/);
		assert.ok(item.tooltip instanceof vscode.MarkdownString);
		assert.equal(item.tooltip.isTrusted, false);
		await vscode.commands.executeCommand('cicTasks.tasks.focus');
		assert.equal(api.view.treeView.visible, true);
		// The workbench renders a refreshed tree a moment after the extension host hands it over.
		await delay(2500);
		await api.view.treeView.reveal(task, { select: true, focus: true, expand: true });
		await delay(500);
		await snapshot('tasks-view');
	});

	it('groups by every mode', async () => {
		const firstLevel: Record<string, string | undefined> = {
			statusRoleConfiguration: undefined,
			roleConfigurationStatus: 'roleConfiguration',
			statusTargetAccount: undefined,
			statusPrincipal: undefined,
			taskTypeStatus: 'taskType',
		};
		for (const [mode, kind] of Object.entries(firstLevel)) {
			await setSetting('groupBy', mode);
			await waitFor(`grouping ${mode}`, () => (api.view.provider.groupingMode === mode ? true : undefined));
			const roots = groups(api);
			assert.ok(roots.length > 0, `${mode} has groups`);
			for (const node of roots) {
				assert.ok(node.type === 'group');
				if (kind) {
					assert.equal(node.group?.kind, kind, `${mode} first level`);
				} else {
					assert.ok(node.statusState, `${mode} starts with status groups`);
				}
			}
			const total = roots.reduce((sum, n) => sum + (n.type === 'group' ? n.group?.count ?? 0 : 0), 0);
			assert.equal(total, emulator.tasks().length, `${mode} shows every task once`);
		}
		await setSetting('groupBy', 'flat');
		await waitFor('flat', () => (api.view.provider.groupingMode === 'flat' ? true : undefined));
		api.view.provider.rebuildNow();
		assert.equal(api.view.provider.rootNodes.filter((n) => n.type === 'task').length, emulator.tasks().length);
		await setSetting('groupBy', 'statusRoleConfiguration');
		await waitFor('default grouping', () => (api.view.provider.groupingMode === 'statusRoleConfiguration' ? true : undefined));
	});

	it('filters on the server, clears, and applies a saved view', async () => {
		await vscode.commands.executeCommand('cicTasks.filter', { statuses: ['Failed'] });
		await waitIdle(api);
		let roots = groups(api);
		assert.deepEqual(roots.map((n) => (n.type === 'group' ? n.statusState?.status : '')), ['Failed']);
		assert.match(api.view.treeView.description ?? '', /Failed/);
		const onlyFailed = api.session.store.tasks();
		assert.ok(onlyFailed.length > 0 && onlyFailed.every((t) => t.Status === 'Failed'));

		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		roots = groups(api);
		assert.equal(roots.length, countByStatus(emulator).size);

		const rc = emulator.tasks()[0].RoleConfigurationId;
		await setSetting('savedViews', [{ label: 'One role', filter: { roleConfigurationIds: [rc] } }]);
		await vscode.commands.executeCommand('cicTasks.applySavedView', 'One role');
		await waitIdle(api);
		const tasks = api.session.store.tasks();
		assert.ok(tasks.length > 0);
		assert.ok(tasks.every((t) => t.RoleConfigurationId === rc));
		assert.equal(tasks.length, emulator.tasks().filter((t) => t.RoleConfigurationId === rc).length);

		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		// A filter that matches nothing says so and offers Clear Filter.
		await vscode.commands.executeCommand('cicTasks.filter', { principal: { type: 'User', id: 'u-nobodyatall' } });
		await waitIdle(api);
		api.view.provider.rebuildNow();
		const empty = api.view.provider.rootNodes.find((n) => n.type === 'message' && n.id === 'message:empty');
		assert.ok(empty, 'an empty-state node');
		assert.match(labelOf(api, empty), /No tasks match these filters/);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
	});

	it('refreshes, and auto-refresh notices a task that fails and notifies once', async () => {
		const inProgress = emulator.tasks().find((t) => t.Status === 'InProgress');
		assert.ok(inProgress, 'the sample has a task in progress');
		await vscode.commands.executeCommand('cicTasks.refresh');
		await waitIdle(api);
		assert.equal(api.session.store.get(inProgress.TaskId)?.task.Status, 'InProgress');
		await setSetting('notifyOn', 'failed');
		emulator.setTaskStatus(inProgress.TaskId, 'Failed', 'CAM policy quota exceeded on the member account');
		await setSetting('autoRefresh.interval', 1);
		await waitFor('auto-refresh to see the failure', () => (api.session.store.get(inProgress.TaskId)?.task.Status === 'Failed' ? true : undefined), 30000);
		// An earlier suite may have left its own notification as the last one: wait for this task's.
		const expected = new RegExp(`${inProgress.TaskId} failed: CAM policy quota exceeded`);
		await waitFor('the notification', () => (expected.test(api.notifier.lastMessage ?? '') ? true : undefined), 10000);
		assert.match(api.notifier.lastMessage ?? '', expected);
		assert.match(api.statusBar.text, /failed/);
		await setSetting('autoRefresh.interval', 0);
	});

	it('exports the loaded tasks to JSON and CSV', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-export-'));
		try {
			const jsonPath = path.join(dir, 'tasks.json');
			await vscode.commands.executeCommand('cicTasks.exportTasks', { path: jsonPath });
			const parsed = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as { meta: { zoneId: string; exportedAt: string; count: number }; tasks: { TaskId: string }[] };
			assert.equal(parsed.meta.zoneId, ZONE);
			assert.equal(parsed.tasks.length, api.session.store.size);
			assert.ok(!Number.isNaN(Date.parse(parsed.meta.exportedAt)));
			const csvPath = path.join(dir, 'tasks.csv');
			await vscode.commands.executeCommand('cicTasks.exportTasks', { path: csvPath, format: 'csv' });
			const lines = fs.readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
			assert.match(lines[0], /^TaskId,Status,TaskType/);
			assert.ok(lines.length >= api.session.store.size + 1);
			for (const file of [jsonPath, csvPath]) {
				assert.ok(!fs.readFileSync(file, 'utf8').includes(CANARY_KEY), `${file} holds the secret`);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('shows the CIC-not-enabled and zone-not-found welcome states', async () => {
		emulator.setCicEnabled(false);
		await vscode.commands.executeCommand('cicTasks.selectZone', 'z-otherzone');
		await waitFor('state cicNotOpen', () => (api.session.state === 'cicNotOpen' ? true : undefined), 20000);
		await snapshot('welcome-cic-not-open');
		emulator.setCicEnabled(true);
		await vscode.commands.executeCommand('cicTasks.refresh');
		await waitFor('state zoneNotFound', () => (api.session.state === 'zoneNotFound' ? true : undefined), 20000);
		await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
		await waitFor('ready again', () => (api.session.state === 'ready' ? true : undefined));
		await waitIdle(api);
	});

	it('keeps old data marked stale when a refresh fails, and marks rejected credentials', async () => {
		const before = api.session.store.size;
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'integration', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: 'WrongKey0123456789abcdefWRONG0000', zoneId: ZONE, skipCheck: true,
		});
		await waitFor('the attention mark', () => api.profiles.active()?.needsAttention, 20000);
		assert.match(api.profiles.active()?.needsAttention ?? '', /Signature/i);
		// Fixing the key reloads the same profile by itself.
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'integration', site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: CANARY_KEY, zoneId: ZONE,
		});
		await waitFor('the mark to clear', () => (api.profiles.active()?.needsAttention === undefined ? true : undefined), 20000);
		await waitIdle(api);
		assert.equal(api.session.store.size, before);

		emulator.setFaults(1, ['http503']);
		await api.session.refresh();
		assert.ok(api.session.store.stale, 'marked stale');
		assert.equal(api.session.store.size, before, 'old data kept');
		api.view.provider.rebuildNow();
		assert.ok(api.view.provider.rootNodes.some((n) => n.id === 'message:stale'));
		emulator.setFaults(0);
		await api.session.refresh();
		assert.equal(api.session.store.stale, undefined);
	});

	it('runs on sample data and restores the profile afterwards', async () => {
		const started = Date.now();
		// Not awaited: the command resolves only when the whole first refresh is done, later than the first paint.
		const exploring = vscode.commands.executeCommand('cicTasks.exploreSampleData', { tasks: 5000, seed: 3, evolveIntervalMs: 0 });
		await waitFor(
			'the first tasks of the sample',
			() => (api.session.currentTarget.kind === 'sample' && api.session.state === 'ready' && api.session.store.size > 0 && groups(api).length > 0 ? true : undefined),
			30000,
		);
		const firstPaint = Date.now() - started;
		await exploring;
		const firstRefresh = Date.now() - started;
		await waitIdle(api);
		const loadStart = Date.now();
		for (const state of api.session.store.statusGroups()) {
			if (!state.complete) {
				await api.session.loadGroup(state.status, 'all');
			}
		}
		const fullLoad = Date.now() - loadStart;
		assert.equal(api.session.store.size, 5000);
		console.log(`[cic-measure] sample 5000 tasks: first paint ${firstPaint} ms, first refresh done ${firstRefresh} ms, then load of the rest ${fullLoad} ms (full load ${firstRefresh + fullLoad} ms)`);
		assert.match(api.view.treeView.description ?? '', /^Sample data · (cic-sample \()?z-sample/);
		await delay(2500);
		await snapshot('sample-data');
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await waitFor('the profile back', () => (api.session.currentTarget.kind === 'profile' && api.session.state === 'ready' ? true : undefined));
		await waitIdle(api);
	});

	it('never lets the canary SecretKey out of SecretStorage', async () => {
		await delay(200);
		const config = vscode.workspace.getConfiguration('cicTasks');
		const settingsText = JSON.stringify(Object.fromEntries(Object.keys(config).map((k) => [k, config.inspect(k)])));
		assert.ok(!settingsText.includes(CANARY_KEY), 'settings');
		for (const key of api.globalState.keys()) {
			assert.ok(!JSON.stringify(api.globalState.get(key)).includes(CANARY_KEY), `globalState ${key}`);
		}
		const lines = api.log.recentLines();
		assert.ok(lines.length > 10, 'the log has lines');
		assert.deepEqual(lines.filter((l) => l.includes(CANARY_KEY)), [], 'log lines');
		assert.ok(!(api.notifier.lastMessage ?? '').includes(CANARY_KEY), 'notification');
		assert.ok(!(api.view.treeView.description ?? '').includes(CANARY_KEY), 'view description');
	});
});
