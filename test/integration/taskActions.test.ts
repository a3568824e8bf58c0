import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { activateForTest, delay, removeAllProfiles, waitFor, waitIdle } from './helpers';

const ZONE = 'z-actions';

describe('task actions, navigation and profiles', function () {
	this.timeout(90000);
	let api: TestApi;
	let emulator: RunningEmulator;
	let other: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		emulator = await startEmulator({ tasks: 120, seed: 21, zoneId: ZONE, language: 'en-US' });
		other = await startEmulator({ tasks: 15, seed: 22, zoneId: 'z-other', language: 'en-US' });
		await vscode.workspace.getConfiguration('cicTasks').update('autoRefresh.interval', 0, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'actions', site: 'custom', endpoint: emulator.url, zoneId: ZONE, ...emulator.credentials,
		});
		await vscode.commands.executeCommand('cicTasks.addCredentials', {
			name: 'other', site: 'custom', endpoint: other.url, zoneId: 'z-other', ...other.credentials,
		});
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
	});

	after(async () => {
		await removeAllProfiles(api);
		await vscode.workspace.getConfiguration('cicTasks').update('autoRefresh.interval', undefined, vscode.ConfigurationTarget.Global);
		await emulator.close();
		await other.close();
	});

	it('switches profiles, clearing the tree at once and reloading the other account', async () => {
		await waitIdle(api);
		assert.equal(api.session.zoneId, 'z-other', 'the last added profile is active');
		assert.equal(api.session.store.size, 15);
		assert.match(api.statusBar.profileText, /other/);
		const switching = vscode.commands.executeCommand('cicTasks.switchProfile', 'actions');
		await switching;
		// Nothing of the previous account may stay visible while the new one loads.
		assert.ok(api.session.store.tasks().every((t) => emulator.tasks().some((e) => e.TaskId === t.TaskId)));
		await waitIdle(api);
		assert.equal(api.session.zoneId, ZONE);
		assert.equal(api.session.store.size, 120);
		assert.match(api.statusBar.profileText, /actions/);
	});

	it('goes to a task by ID and selects it in the tree', async () => {
		const target = emulator.tasks().find((t) => t.Status === 'Failed')!;
		await vscode.commands.executeCommand('cicTasks.goToTask', target.TaskId);
		const selected = await waitFor('the selection', () => {
			const node = api.view.treeView.selection[0];
			return node && node.type === 'task' ? node : undefined;
		});
		assert.ok(selected.type === 'task');
		assert.equal(selected.task.TaskId, target.TaskId);
	});

	it('selects the task even when data changes ask for a rebuild while it is being revealed, and rebuilds after', async () => {
		const targets = emulator.tasks().filter((t) => t.Status === 'Failed');
		assert.ok(targets.length > 0, 'the fixture has failed tasks');
		// Names arriving or a poll ask for a rebuild at any moment; these offsets sweep the reveal's whole course.
		for (const [i, offsetMs] of [0, 5, 20, 50, 100, 200].entries()) {
			const target = targets[i % targets.length];
			const before = api.log.lineCount;
			let askedAt = Number.POSITIVE_INFINITY;
			let rebuiltAfterAsking = false;
			const watch = api.view.provider.onDidChangeTreeData(() => {
				rebuiltAfterAsking ||= performance.now() > askedAt;
			});
			try {
				const going = vscode.commands.executeCommand('cicTasks.goToTask', target.TaskId);
				await delay(offsetMs);
				askedAt = performance.now();
				api.view.provider.scheduleRebuild();
				await going;
				const selected = await waitFor(`the selection of ${target.TaskId} (rebuild asked at ${offsetMs} ms)`, () => {
					const node = api.view.treeView.selection[0];
					return node && node.type === 'task' && node.task.TaskId === target.TaskId ? node : undefined;
				});
				assert.equal(selected.type, 'task');
				await waitFor('the rebuild that was asked for', () => rebuiltAfterAsking || undefined);
				assert.deepEqual(api.log.linesSince(before).filter((l) => /goToTask failed/.test(l)), []);
			} finally {
				watch.dispose();
			}
		}
	});

	it('reports an unknown task ID with what went wrong', async () => {
		const before = api.log.lineCount;
		await vscode.commands.executeCommand('cicTasks.goToTask', 't-doesnotexist');
		const lines = api.log.linesSince(before);
		assert.ok(lines.some((l) => /goToTask failed: .*t-doesnotexist does not exist in zone z-actions/.test(l)), lines.join('\n'));
	});

	it('copies task fields, and several selected tasks as a JSON array', async () => {
		const [a, b] = api.session.store.tasks();
		const nodeA = api.view.provider.findTaskNode(a.TaskId)!;
		const nodeB = api.view.provider.findTaskNode(b.TaskId)!;
		await vscode.commands.executeCommand('cicTasks.copyTaskId', nodeA);
		assert.equal(await vscode.env.clipboard.readText(), a.TaskId);
		await vscode.commands.executeCommand('cicTasks.copyTargetUin', nodeA);
		assert.equal(await vscode.env.clipboard.readText(), String(a.TargetUin));
		await vscode.commands.executeCommand('cicTasks.copyAsJson', nodeA, [nodeA, nodeB]);
		const copied = JSON.parse(await vscode.env.clipboard.readText()) as { TaskId: string }[];
		assert.deepEqual(copied.map((t) => t.TaskId), [a.TaskId, b.TaskId]);
	});

	it('filters by a task\'s role configuration, principal and account from its context menu', async () => {
		const task = api.session.store.tasks()[0];
		const node = api.view.provider.findTaskNode(task.TaskId)!;
		await vscode.commands.executeCommand('cicTasks.filterByRoleConfiguration', node);
		await waitIdle(api);
		assert.deepEqual(api.session.currentFilter.roleConfigurationIds, [task.RoleConfigurationId]);
		assert.ok(api.session.store.tasks().every((t) => t.RoleConfigurationId === task.RoleConfigurationId));
		await vscode.commands.executeCommand('cicTasks.filterByAccount', api.view.provider.findTaskNode(task.TaskId)!);
		await waitIdle(api);
		assert.ok(api.session.store.tasks().every((t) => t.TargetUin === task.TargetUin && t.RoleConfigurationId === task.RoleConfigurationId));
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		assert.equal(api.session.store.size, 120);
	});

	it('shows Load more / Load all for a group larger than the threshold, and loads the rest', async () => {
		await vscode.workspace.getConfiguration('cicTasks').update('loadAllThreshold', 5, vscode.ConfigurationTarget.Global);
		await vscode.workspace.getConfiguration('cicTasks').update('pageSize', 10, vscode.ConfigurationTarget.Global);
		try {
			await waitFor('a partial group', () => api.session.store.statusGroups().find((s) => !s.complete && s.loaded > 0), 30000);
			await waitIdle(api);
			const partial = api.session.store.statusGroups().find((s) => !s.complete)!;
			const groupNode = api.view.provider.rootNodes.find((n) => n.type === 'group' && n.statusState?.status === partial.status)!;
			const footer = api.view.provider.children(groupNode).filter((n) => n.type === 'load');
			assert.equal(footer.length, 2);
			const loadAll = footer.find((n) => n.type === 'load' && n.mode === 'all')!;
			const item = api.view.provider.getTreeItem(loadAll);
			assert.match(typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), new RegExp(`\\(${partial.total! - partial.loaded} remaining\\)`));
			await vscode.commands.executeCommand('cicTasks.loadAll', loadAll);
			assert.ok(api.session.store.groupState(partial.status).complete);
		} finally {
			await vscode.workspace.getConfiguration('cicTasks').update('loadAllThreshold', undefined, vscode.ConfigurationTarget.Global);
			await vscode.workspace.getConfiguration('cicTasks').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
		}
		await waitIdle(api);
	});

	it('explains a bad endpoint setting in the view and sends nothing, then recovers when it is fixed', async () => {
		const config = vscode.workspace.getConfiguration('cicTasks');
		await config.update('endpoint', 'http://example.com', vscode.ConfigurationTarget.Global);
		try {
			await vscode.commands.executeCommand('cicTasks.addCredentials', {
				name: 'site-profile', site: 'china', zoneId: ZONE, skipCheck: true, ...emulator.credentials,
			});
			await waitFor('state connectionError', () => (api.session.state === 'connectionError' ? true : undefined), 20000);
			assert.match(api.session.connectionError ?? '', /http|endpoint/i);
			assert.equal(api.session.endpoint, undefined, 'no client, so nothing can be sent');
			await config.update('endpoint', emulator.url, vscode.ConfigurationTarget.Global);
			await waitIdle(api);
			assert.equal(api.session.store.size, 120);
		} finally {
			await config.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
		}
	});
});
