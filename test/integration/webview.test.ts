import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { DETAIL_VIEW_TYPE, OVERVIEW_VIEW_TYPE } from '../../src/webview/protocol';
import type { WebviewSnapshot } from '../../src/webview/testProtocol';
import type { TaskDetailPanel } from '../../src/webview/taskDetailPanel';
import { FIELD_LIMITS, LABEL_LIMITS, PARAGRAPH_LIMITS, shortText, TOOLTIP_LIMITS } from '../../src/model/shorten';
import { ALIAS_TASK_TYPE, LONG_NAME, LONG_REASON, LONG_STRING_TASKS, MANY_LINES_REASON, SUCCESS_MESSAGE, UNKNOWN_TASK_TYPE } from '../fixtures/longStrings';
import { axeWebviews, describeViolations, invisibleText } from './a11y';
import { activateForTest, delay, removeAllProfiles, snapshot, snapshotWhen, waitFor, waitIdle } from './helpers';

const SECRET_ID = 'AKIDwebview00000000000000000000000001';
const SECRET_KEY = 'WebviewKey0123456789abcdefWEBVIEW1';
const ZONE = 'z-webview';
const XSS_ZONE = 'z-xsspayloads';
const LONG_ZONE = 'z-longstrings';

async function setSetting(section: string, key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

async function connect(api: TestApi, emulator: RunningEmulator, name: string, zoneId: string): Promise<void> {
	await vscode.commands.executeCommand('cicTasks.addCredentials', { name, site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId });
	await waitFor(`profile ${name} active`, () => (api.profiles.active()?.name === name ? true : undefined));
	await waitIdle(api);
}

/** The panel of a task once its page has said "ready" and rendered the task. */
async function openedPanel(api: TestApi, taskId: string): Promise<TaskDetailPanel> {
	const panel = await waitFor(`the panel of ${taskId}`, () => api.panels.get(taskId), 15000);
	await waitFor(`the page of ${taskId} to be ready`, () => (panel.isReady ? true : undefined), 20000);
	return panel;
}

/**
 * Clicks every "Show all" toggle on the page (long values are shortened until then) and returns the snapshot
 * once all of them show their whole value.
 */
async function showAll(source: { snapshot(): Promise<WebviewSnapshot>; click(key: string): Promise<boolean> }): Promise<WebviewSnapshot> {
	const toggles = (await source.snapshot()).keys.filter((k) => k.startsWith('more:'));
	for (const key of toggles) {
		assert.ok(await source.click(key), `the ${key.slice(0, 60)} toggle`);
	}
	const expanded = (x: WebviewSnapshot): boolean => toggles.every((key) => toggleState(x, key) === 'true');
	return snapshotWhen(source, 'every value shown whole', expanded);
}

/** aria-expanded of the toggle with this data-key, from the page's HTML. */
function toggleState(s: WebviewSnapshot, key: string): string | undefined {
	const escaped = key.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	for (const tag of s.html.match(/<button\b[^>]*>/g) ?? []) {
		if (tag.includes(`data-key="${escaped}"`)) {
			return /aria-expanded="(true|false)"/.exec(tag)?.[1];
		}
	}
	return undefined;
}

function webviewTabs(viewType: string): vscode.Tab[] {
	return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** Checks every security property a page must keep whatever data it shows. */
function assertInert(s: WebviewSnapshot, where: string): void {
	assert.equal(s.executed, false, `${where}: a payload ran`);
	assert.deepEqual(s.violations, [], `${where}: CSP violations (something tried to run or load)`);
	assert.equal(s.eventAttributes, 0, `${where}: an element with an on* attribute`);
	// <style> and <link> are left out: the page's stylesheet link and VS Code's own default styles live in <head>.
	for (const tag of ['img', 'iframe', 'a', 'textarea', 'object', 'embed', 'form', 'base']) {
		assert.equal(s.tags[tag] ?? 0, 0, `${where}: a <${tag}> element`);
	}
	// VS Code adds its own acquireVsCodeApi script to <head>; the body holds exactly the page's one.
	assert.equal((s.html.match(/<script\b/gi) ?? []).length, 1, `${where}: exactly the page's own script in the body`);
	assert.ok((s.tags.script ?? 0) <= 2, `${where}: ${s.tags.script} scripts in the document`);
	assert.ok(!/<(img|iframe|textarea|a|style)\b/i.test(s.html), `${where}: markup from data in the body`);
	assert.match(s.csp, /default-src 'none'/);
	assert.match(s.csp, /script-src 'nonce-[A-Za-z0-9+/=_-]+'/);
	assert.ok(!s.csp.includes('unsafe-inline'), `${where}: unsafe-inline in ${s.csp}`);
}

describe('Task detail panels and the overview', function () {
	this.timeout(240000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('cicTasks', 'autoRefresh.interval', 0);
		await setSetting('workbench', 'colorTheme', 'Default Dark Modern');
		emulator = await startEmulator({ tasks: 150, seed: 11, zoneId: ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await connect(api, emulator, 'webview', ZONE);
	});

	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('cicTasks', 'autoRefresh.interval', undefined);
		await setSetting('workbench', 'colorTheme', undefined);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('opens a panel for a task that shows its fields, behind a strict CSP', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Failed' && t.FailureReason.length > 0);
		assert.ok(task, 'the sample has a failed task with a reason');
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const panel = await openedPanel(api, task.TaskId);
		assert.equal(panel.panel.title, `Task ${task.TaskId}`);
		assert.equal(panel.panel.viewType, DETAIL_VIEW_TYPE);
		assert.equal(panel.panel.webview.options.enableCommandUris, false);
		assert.deepEqual(panel.panel.webview.options.localResourceRoots?.map((u) => u.path.replace(/.*\//, '')), ['media']);
		const s = await snapshotWhen(panel, 'the task fields', (x) => x.fields.TaskId === task.TaskId);
		assert.equal(s.fields.statusLabel, 'Failed');
		const words: Record<string, string> = {
			CreateRoleAssignment: 'Create role assignment',
			DeleteRoleAssignment: 'Delete role assignment',
			ProvisionRoleConfiguration: 'Provision role configuration',
			DeprovisionRoleConfiguration: 'Deprovision role configuration',
		};
		assert.equal(s.fields.taskTypeLabel, words[task.TaskType]);
		assert.equal(s.fields.TaskType, task.TaskType);
		assert.equal(s.fields.RoleConfigurationName, task.RoleConfigurationName);
		assert.equal(s.fields.RoleConfigurationId, task.RoleConfigurationId);
		// In English the words for User and Group are the raw values, so only the raw value is shown.
		assert.equal(s.fields.PrincipalType, task.PrincipalType);
		assert.equal(s.fields.PrincipalId, task.PrincipalId);
		assert.equal(s.fields.targetTypeLabel, task.TargetType === 'MemberUin' ? 'Member account' : 'Manager account');
		assert.equal(s.fields.TargetUin, String(task.TargetUin));
		assert.equal(s.fields.FailureReason, task.FailureReason);
		assert.deepEqual(JSON.parse(s.fields.json ?? ''), task);
		assert.match(s.text, /First seen \(observed\)/);
		for (const key of ['refresh', 'copyJson', 'openJson', 'openConsole', 'copy:TaskId', 'copy:FailureReason', 'filter:roleConfiguration', 'filter:principal', 'filter:account', 'summary:json']) {
			assert.ok(s.keys.includes(key), `a ${key} control`);
		}
		assertInert(s, 'detail panel');
		assert.equal(s.styleAttributes, 0, 'no style attributes on the detail page');
		const source = panel.panel.webview.cspSource;
		for (const directive of ['style-src', 'img-src', 'font-src']) {
			assert.ok(s.csp.includes(`${directive} ${source};`), `${directive} only from the extension (${source}) in ${s.csp}`);
		}
		await vscode.commands.executeCommand('notifications.clearAll');
		await delay(1000);
		await snapshot('task-details-dark');
	});

	it('keeps one panel per task, from an id, a tree item or the palette', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Failed' && t.FailureReason.length > 0)!;
		const node = api.view.provider.findTaskNode(task.TaskId);
		assert.ok(node, 'the task is in the tree');
		await vscode.commands.executeCommand('cicTasks.showDetails', node);
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		await delay(500);
		assert.deepEqual(api.panels.openTaskIds, [task.TaskId]);
		assert.equal(webviewTabs(DETAIL_VIEW_TYPE).length, 1);
		const other = api.session.store.tasks().find((t) => t.TaskId !== task.TaskId)!;
		await vscode.commands.executeCommand('cicTasks.showDetails', other.TaskId);
		await openedPanel(api, other.TaskId);
		assert.deepEqual(new Set(api.panels.openTaskIds), new Set([task.TaskId, other.TaskId]));
		assert.equal(webviewTabs(DETAIL_VIEW_TYPE).length, 2);
		api.panels.get(other.TaskId)!.panel.dispose();
		await waitFor('the closed panel to leave the map', () => (api.panels.get(other.TaskId) === undefined ? true : undefined));
		assert.deepEqual(api.panels.openTaskIds, [task.TaskId]);
	});

	it('shows the light theme', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Failed' && t.FailureReason.length > 0)!;
		await setSetting('workbench', 'colorTheme', 'Default Light Modern');
		const panel = await openedPanel(api, task.TaskId);
		panel.reveal();
		await delay(2000);
		await snapshot('task-details-light');
		await setSetting('workbench', 'colorTheme', 'Default Dark Modern');
	});

	it('refreshes in place with GetTaskStatus and announces the change', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'InProgress');
		assert.ok(task, 'the sample has a task in progress');
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const panel = await openedPanel(api, task.TaskId);
		const before = await snapshotWhen(panel, 'the task in progress', (s) => s.fields.statusLabel === 'In progress');
		assert.match(before.fields.elapsed ?? '', /^at least \d+:\d\d/, 'elapsed time while in progress');
		emulator.setTaskStatus(task.TaskId, 'Failed', 'CAM policy quota exceeded on the member account');
		assert.ok(await panel.click('refresh'), 'the Refresh button exists');
		const after = await snapshotWhen(panel, 'the refreshed status', (s) => s.fields.statusLabel === 'Failed');
		assert.equal(after.fields.FailureReason, 'CAM policy quota exceeded on the member account');
		assert.equal(after.fields.elapsed, undefined, 'no elapsed time once finished');
		await waitFor('the announcement', async () => ((await panel.snapshot()).announcement.includes('status changed to Failed') ? true : undefined));
		assert.equal(api.session.store.get(task.TaskId)?.task.Status, 'Failed', 'the tree sees the refreshed status too');
		assert.ok(api.session.store.get(task.TaskId)?.observed.statusChangedAt, 'a status change was observed');
	});

	it('follows the Tasks view polling while the task is in progress', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'InProgress');
		assert.ok(task, 'another task in progress');
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const panel = await openedPanel(api, task.TaskId);
		await snapshotWhen(panel, 'in progress', (s) => s.fields.statusLabel === 'In progress');
		const requestsBefore = emulator.requestLog().length;
		emulator.setTaskStatus(task.TaskId, 'Success');
		await setSetting('cicTasks', 'autoRefresh.interval', 1);
		try {
			await snapshotWhen(panel, 'the polled status', (x) => x.fields.statusLabel === 'Succeeded', 40000);
			await snapshotWhen(panel, 'the announcement', (x) => /status changed to Succeeded/.test(x.announcement));
		} finally {
			await setSetting('cicTasks', 'autoRefresh.interval', 0);
		}
		// Only the tree's poller asked (GetTaskStatus or ListTasks); the panel has no timer of its own.
		assert.ok(emulator.requestLog().length > requestsBefore);
	});

	it('filters the tree for the role configuration, principal and account of a task', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Failed')!;
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const panel = await openedPanel(api, task.TaskId);
		await snapshotWhen(panel, 'rendered', (s) => s.fields.TaskId === task.TaskId);
		assert.ok(await panel.click('filter:roleConfiguration'));
		await waitFor('the role configuration filter', () => (api.session.currentFilter.roleConfigurationIds?.[0] === task.RoleConfigurationId ? true : undefined));
		await waitIdle(api);
		assert.ok(api.session.store.tasks().every((t) => t.RoleConfigurationId === task.RoleConfigurationId));
		assert.ok(await panel.click('filter:principal'));
		await waitFor('the principal filter', () => (api.session.currentFilter.principal?.id === task.PrincipalId ? true : undefined));
		assert.ok(await panel.click('filter:account'));
		await waitFor('the account filter', () => (api.session.currentFilter.target?.uin === task.TargetUin ? true : undefined));
		await waitIdle(api);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
	});

	it('comes back from the state it saved, as after a window reload', async () => {
		const task = api.session.store.tasks().find((t) => t.Status === 'Success')!;
		await vscode.commands.executeCommand('cicTasks.showDetails', task.TaskId);
		const panel = await openedPanel(api, task.TaskId);
		const saved = (await snapshotWhen(panel, 'rendered', (s) => s.fields.TaskId === task.TaskId)).state;
		assert.equal((saved as { taskId?: string }).taskId, task.TaskId);
		panel.panel.dispose();
		await waitFor('closed', () => (api.panels.get(task.TaskId) ? undefined : true));
		// What VS Code does on reload: a fresh panel of the view type, handed to the registered serializer with the saved state.
		const revived = vscode.window.createWebviewPanel(DETAIL_VIEW_TYPE, 'restoring', vscode.ViewColumn.Active, {});
		await api.panels.detailSerializer.deserializeWebviewPanel(revived, saved);
		const restored = await openedPanel(api, task.TaskId);
		assert.equal(restored.panel, revived);
		assert.equal(revived.title, `Task ${task.TaskId}`);
		const s = await snapshotWhen(restored, 'the restored fields', (x) => x.fields.TaskId === task.TaskId);
		assert.equal(s.fields.RoleConfigurationName, task.RoleConfigurationName);
		// A state that is not ours closes the panel instead of showing nothing.
		const junk = vscode.window.createWebviewPanel(DETAIL_VIEW_TYPE, 'junk', vscode.ViewColumn.Active, {});
		// VS Code hands a panel over only once its webview exists; closing one still being set up only logs noise.
		await delay(500);
		let closed = false;
		junk.onDidDispose(() => (closed = true));
		await api.panels.detailSerializer.deserializeWebviewPanel(junk, { v: 1, taskId: 42, __proto__: { taskId: 't-x' } });
		assert.ok(closed, 'an unusable state is refused');
	});

	it('shows the overview, and a click on a bar filters the tree', async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.commands.executeCommand('cicTasks.showOverview');
		const overview = await waitFor('the overview', () => api.panels.currentOverview, 15000);
		await waitFor('the overview page', () => (overview.isReady ? true : undefined), 20000);
		assert.equal(overview.panel.viewType, OVERVIEW_VIEW_TYPE);
		const counts = new Map<string, number>();
		for (const t of emulator.tasks()) {
			counts.set(t.Status, (counts.get(t.Status) ?? 0) + 1);
		}
		const s = await snapshotWhen(overview, 'status counts', (x) => x.fields['count:status:Failed'] === String(counts.get('Failed')));
		for (const [status, count] of counts) {
			assert.equal(s.fields[`count:status:${status}`], String(count), status);
			assert.ok(s.keys.includes(`status:${status}`), `a ${status} bar button`);
		}
		assert.ok(s.keys.some((k) => k.startsWith('rc:')), 'role configuration rows');
		assert.ok(s.keys.some((k) => k.startsWith('cell:')), 'role configuration × status cells');
		assert.ok(s.keys.some((k) => k.startsWith('reason:')), 'failure reasons');
		assert.ok(s.styleAttributes > 0, 'bars sized through CSSOM custom properties');
		assertInert(s, 'overview');
		await vscode.commands.executeCommand('workbench.action.closeSidebar');
		await vscode.commands.executeCommand('notifications.clearAll');
		await delay(1500);
		await snapshot('overview');
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		// One overview: the command reveals the open one.
		await vscode.commands.executeCommand('cicTasks.showOverview');
		assert.equal(webviewTabs(OVERVIEW_VIEW_TYPE).length, 1);

		assert.ok(await overview.click('status:Failed'));
		await waitFor('the status filter', () => (api.session.currentFilter.statuses?.join() === 'Failed' ? true : undefined));
		await waitIdle(api);
		const reasonKey = (await snapshotWhen(overview, 'failed only', (x) => !x.keys.includes('status:Success'))).keys.find((k) => k.startsWith('reason:'))!;
		assert.ok(await overview.click(reasonKey));
		await waitFor('a failure-reason filter', () => ((api.session.currentFilter.roleConfigurationIds?.length ?? 0) > 0 ? true : undefined));
		await waitIdle(api);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		overview.panel.dispose();
		await waitFor('the overview to close', () => (api.panels.currentOverview ? undefined : true));
	});

	describe('with hostile task data', () => {
		let hostile: RunningEmulator;
		const payloads = {
			img: '<img src=x onerror="window.__cicXss=1">',
			script: '"><script>window.__cicXss=1</script>',
			textarea: '</textarea><svg onload=window.__cicXss=1></svg>',
			javascript: 'javascript:window.__cicXss=1//',
			command: 'command:workbench.action.terminal.new',
			markdown: '[click me](command:cicTasks.removeCredentials) ![x](https://example.invalid/x.png) <b>bold</b> **x**',
			rtl: '\u202Egnp.exe\u202C \u200Fעברית\u200E admin',
			long: `${'A'.repeat(20000)}<img src=x onerror=window.__cicXss=1>`,
			template: '${window.__cicXss=1}{{constructor.constructor("window.__cicXss=1")()}}',
			iframe: '<iframe srcdoc="<script>parent.__cicXss=1</script>"></iframe><style>body{display:none}</style>',
		};
		const tasks: TaskInfo[] = [
			{
				TaskId: `t-"><img src=x onerror=window.__cicXss=1>${'\u202E'}evil`,
				RoleConfigurationId: `rc-${payloads.script}`,
				RoleConfigurationName: payloads.markdown,
				TargetUin: 100000000001,
				TargetType: payloads.javascript,
				PrincipalId: `u-${payloads.textarea}`,
				PrincipalType: payloads.img,
				TaskType: payloads.command,
				Status: 'Failed',
				FailureReason: `${payloads.long} ${payloads.rtl}`,
			},
			{
				TaskId: 't-[x](command:workbench.action.quit)',
				RoleConfigurationId: payloads.rtl,
				RoleConfigurationName: payloads.iframe,
				TargetUin: 100000000002,
				TargetType: payloads.markdown,
				PrincipalId: payloads.template,
				PrincipalType: payloads.script,
				TaskType: payloads.iframe,
				Status: 'Failed',
				FailureReason: payloads.markdown,
			},
			{
				TaskId: 't-javascript:alert(1)',
				RoleConfigurationId: payloads.command,
				RoleConfigurationName: payloads.long,
				TargetUin: 100000000003,
				TargetType: payloads.rtl,
				PrincipalId: payloads.javascript,
				PrincipalType: payloads.textarea,
				TaskType: payloads.template,
				Status: 'InProgress',
				FailureReason: payloads.img,
			},
		];
		const STRING_FIELDS = ['TaskId', 'RoleConfigurationId', 'RoleConfigurationName', 'TargetType', 'PrincipalId', 'PrincipalType', 'TaskType', 'FailureReason'] as const;

		before(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			hostile = await startEmulator({ fixture: tasks, zoneId: XSS_ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
			await connect(api, hostile, 'hostile', XSS_ZONE);
			await waitFor('every hostile task loaded', () => (api.session.store.size === tasks.length ? true : undefined), 30000);
		});

		after(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await hostile.close();
		});

		it('keeps tree tooltips untrusted, without HTML, and escaped', () => {
			const unescape = (md: string): string => md.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-!~>])/g, '$1');
			for (const task of tasks) {
				const node = api.view.provider.findTaskNode(task.TaskId);
				assert.ok(node, `${task.TaskId.slice(0, 40)} is in the tree`);
				const tooltip = api.view.provider.getTreeItem(node).tooltip;
				assert.ok(tooltip instanceof vscode.MarkdownString);
				assert.equal(tooltip.isTrusted, false);
				assert.equal(tooltip.supportHtml, false);
				// Link syntax and tags must arrive escaped; words like "javascript:" are harmless plain text.
				assert.ok(!/\]\(|<img |<script>|<iframe |<b>|\*\*x\*\*/.test(tooltip.value), `active markup in ${tooltip.value.slice(0, 300)}`);
				const text = unescape(tooltip.value);
				for (const field of ['TaskId', 'RoleConfigurationId', 'RoleConfigurationName', 'PrincipalId', 'FailureReason'] as const) {
					// Each value as far as the tooltip keeps it: long ones are cut, with a pointer to Show Details.
					assert.ok(text.includes(shortText(task[field], TOOLTIP_LIMITS)), `${field} verbatim in the tooltip`);
				}
				assert.ok(tooltip.value.length < 4000, `a bounded tooltip (${tooltip.value.length} characters)`);
				if ([task.TaskId, task.RoleConfigurationName, task.FailureReason].some((v) => v.length > TOOLTIP_LIMITS.maxChars)) {
					assert.match(unescape(tooltip.value), /Show Details shows them whole/);
				}
			}
		});

		it('renders every hostile value as inert text in the detail panel', async () => {
			for (const task of tasks) {
				const node = api.view.provider.findTaskNode(task.TaskId);
				await vscode.commands.executeCommand('cicTasks.showDetails', node);
				const panel = await openedPanel(api, task.TaskId);
				assert.ok(panel.panel.title.length <= 'Task '.length + 41, 'a long id is cut in the tab title');
				await snapshotWhen(panel, `the hostile task ${task.TaskId.slice(0, 20)}`, (x) => x.fields.TaskId === task.TaskId);
				const s = await showAll(panel);
				assertInert(s, `detail of ${JSON.stringify(task.TaskId.slice(0, 30))}`);
				assert.equal(s.styleAttributes, 0);
				for (const field of STRING_FIELDS) {
					// A FailureReason on a task that did not fail is shown under a neutral label (field "message").
					const shown = field === 'FailureReason' && task.Status !== 'Failed' ? s.fields.message : s.fields[field];
					assert.equal(shown, task[field], `${field} shown verbatim`);
				}
				assert.equal(s.fields.TargetUin, String(task.TargetUin));
				assert.deepEqual(JSON.parse(s.fields.json ?? ''), task, 'raw JSON verbatim');
				// Unknown types cannot be filtered on: the buttons say so instead of sending hostile values to the API.
				assert.ok(s.keys.includes('filter:principal'));
			}
			// The payload-heavy failed task, for the record: every value is plain text.
			api.panels.get(tasks[1].TaskId)!.reveal();
			await vscode.commands.executeCommand('notifications.clearAll');
			await delay(1500);
			await snapshot('task-details-hostile');
		});

		it('renders hostile values as inert text in the overview', async () => {
			await vscode.commands.executeCommand('cicTasks.showOverview');
			const overview = await waitFor('the overview', () => api.panels.currentOverview, 15000);
			await waitFor('the overview page', () => (overview.isReady ? true : undefined), 20000);
			await snapshotWhen(overview, 'hostile rows', (x) => x.fields['count:status:Failed'] === '2');
			const s = await showAll(overview);
			assertInert(s, 'overview');
			const shown = Object.entries(s.fields);
			const values = (prefix: string): string[] => shown.filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
			for (const task of tasks) {
				assert.ok(values('rcName:').includes(task.RoleConfigurationName), 'role configuration name verbatim');
				assert.ok(values('taskType:').includes(task.TaskType), 'task type verbatim');
			}
			for (const reason of tasks.filter((t) => t.Status === 'Failed').map((t) => t.FailureReason)) {
				assert.ok(values('reason:').includes(reason), 'failure reason verbatim');
			}
			await delay(500);
			const again = await overview.snapshot();
			assert.equal(again.executed, false);
		});
	});

	describe('with long strings, task types the docs do not list and every theme (issue 14)', () => {
		let long: RunningEmulator;
		const [failedLong, , failedLines, successMessage, , unknownType] = LONG_STRING_TASKS;

		async function overviewPanel(): Promise<NonNullable<TestApi['panels']['currentOverview']>> {
			await vscode.commands.executeCommand('cicTasks.showOverview');
			const overview = await waitFor('the overview', () => api.panels.currentOverview, 15000);
			await waitFor('the overview page', () => (overview.isReady ? true : undefined), 20000);
			return overview;
		}

		before(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			long = await startEmulator({ fixture: LONG_STRING_TASKS, zoneId: LONG_ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
			await connect(api, long, 'long', LONG_ZONE);
			await waitFor('every long-string task loaded', () => (api.session.store.size === LONG_STRING_TASKS.length ? true : undefined), 30000);
		});

		after(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await setSetting('workbench', 'colorTheme', 'Default Dark Modern');
			api.view.provider.setGroupingMode('statusRoleConfiguration');
			await vscode.commands.executeCommand('cicTasks.clearFilter');
			await long.close();
		});

		it('keeps the tree short: a bounded tooltip that says where the whole value is, and one-line labels', () => {
			const node = api.view.provider.findTaskNode(failedLong.TaskId)!;
			const item = api.view.provider.getTreeItem(node);
			const tooltip = item.tooltip as vscode.MarkdownString;
			assert.ok(tooltip.value.length < 1500, `the tooltip of a 5,000-character name and reason has ${tooltip.value.length} characters`);
			const text = tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-!~>])/g, '$1');
			assert.ok(text.includes(shortText(LONG_NAME, TOOLTIP_LIMITS)), 'it starts the name, cut');
			assert.match(tooltip.value, /…/);
			assert.match(text, /Show Details shows them whole/);
			assert.ok((item.accessibilityInformation?.label.length ?? 0) < 400, 'a bounded accessible name');
			// The role-configuration group row, its label also its tooltip and accessible name.
			const group = api.view.provider.getTreeItem(node.parent!);
			const label = typeof group.label === 'string' ? group.label : group.label?.label ?? '';
			assert.equal(label, shortText(LONG_NAME, LABEL_LIMITS));
			const groupTooltip = typeof group.tooltip === 'string' ? group.tooltip : (group.tooltip?.value ?? '');
			assert.ok(groupTooltip.length < 200, `group tooltip of ${groupTooltip.length} characters`);
		});

		it('keeps the detail panel\'s fields in view under a 5,000-character reason, the whole of it one click away', async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('cicTasks.showDetails', failedLong.TaskId);
			const panel = await openedPanel(api, failedLong.TaskId);
			const s = await snapshotWhen(panel, 'the long task', (x) => x.fields.TaskId === failedLong.TaskId);
			const { layout } = s;
			console.log(`    detail page with a 5,000-character reason: ${layout.scrollHeight} px tall, TargetUin at ${layout.fields.TargetUin?.top} px, viewport ${layout.viewportWidth}×${layout.viewportHeight}`);
			for (const field of ['TaskType', 'RoleConfigurationName', 'RoleConfigurationId', 'PrincipalId', 'TargetUin']) {
				const box = layout.fields[field];
				assert.ok(box && box.bottom <= layout.viewportHeight, `${field} above the fold: ${JSON.stringify(box)} in a ${layout.viewportHeight} px viewport`);
			}
			assert.ok(layout.scrollWidth <= layout.viewportWidth, `no sideways scroll (${layout.scrollWidth} > ${layout.viewportWidth})`);
			assert.equal(s.fields.FailureReason, shortText(LONG_REASON, PARAGRAPH_LIMITS), 'the reason is shortened');
			assert.equal(s.fields.RoleConfigurationName, shortText(LONG_NAME, FIELD_LIMITS), 'the name is shortened');
			// A real button, with its state for assistive technology.
			assert.equal(toggleState(s, 'more:FailureReason'), 'false');
			assert.equal(toggleState(s, 'more:RoleConfigurationName'), 'false');
			assert.ok(await panel.click('more:FailureReason'));
			const whole = await snapshotWhen(panel, 'the whole reason', (x) => x.fields.FailureReason === LONG_REASON);
			assert.equal(toggleState(whole, 'more:FailureReason'), 'true');
			assert.ok(whole.layout.scrollWidth <= whole.layout.viewportWidth, 'the whole reason wraps');
			assert.ok(await panel.click('more:FailureReason'));
			await snapshotWhen(panel, 'the reason folded again', (x) => x.fields.FailureReason === shortText(LONG_REASON, PARAGRAPH_LIMITS) && toggleState(x, 'more:FailureReason') === 'false');
			assert.ok(await panel.click('more:RoleConfigurationName'));
			await snapshotWhen(panel, 'the whole name', (x) => x.fields.RoleConfigurationName === LONG_NAME);
			assert.ok(await panel.click('more:RoleConfigurationName'));
			await vscode.commands.executeCommand('notifications.clearAll');
			await delay(1000);
			await snapshot('task-details-long-strings');

			// 200 short lines are shortened by lines, not only by characters.
			await vscode.commands.executeCommand('cicTasks.showDetails', failedLines.TaskId);
			const lines = await openedPanel(api, failedLines.TaskId);
			const l = await snapshotWhen(lines, 'the many-line reason', (x) => x.fields.TaskId === failedLines.TaskId);
			assert.equal(l.fields.FailureReason, shortText(MANY_LINES_REASON, PARAGRAPH_LIMITS));
			assert.equal((l.fields.FailureReason ?? '').split('\n').length, PARAGRAPH_LIMITS.maxLines);
			assert.ok((l.layout.fields.TargetUin?.bottom ?? Infinity) <= l.layout.viewportHeight, 'the fields stay in view');
		});

		it('keeps the Overview short and within the page with a 5,000-character name and reason', async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			const overview = await overviewPanel();
			const s = await snapshotWhen(overview, 'the long rows', (x) => x.fields['count:status:Failed'] === '2');
			const rc = Object.entries(s.fields).find(([k, v]) => k.startsWith('rcName:') && v.startsWith('Admin-'));
			const nameBox = s.layout.fields[rc?.[0] ?? ''];
			console.log(`    Overview with a 5,000-character name: ${s.layout.scrollHeight} px tall, ${s.layout.scrollWidth} px wide in ${s.layout.viewportWidth}, the name cell ${nameBox ? nameBox.bottom - nameBox.top : '?'} px`);
			assert.ok(s.layout.scrollHeight < 2000, `the Overview is ${s.layout.scrollHeight} px tall`);
			assert.ok(s.layout.scrollWidth <= s.layout.viewportWidth, `no sideways scroll (${s.layout.scrollWidth} > ${s.layout.viewportWidth})`);
			assert.equal(rc?.[1], shortText(LONG_NAME, LABEL_LIMITS), 'the name is one short line');
			// Three lines at most (about 20 px each): the name column keeps its share of the table, not a narrow 32ch.
			const nameRow = s.layout.fields[rc?.[0] ?? ''] ?? { top: 0, bottom: Infinity };
			assert.ok(nameRow.bottom - nameRow.top < 68, `the name cell is ${nameRow.bottom - nameRow.top} px tall`);
			await vscode.commands.executeCommand('workbench.action.closeSidebar');
			await vscode.commands.executeCommand('notifications.clearAll');
			await delay(1500);
			await snapshot('overview-long-strings');
			await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
			const whole = await showAll(overview);
			assert.ok(Object.values(whole.fields).includes(LONG_NAME), 'the whole name one click away');
			assert.ok(Object.values(whole.fields).includes(LONG_REASON), 'the whole reason one click away');
			assert.ok(whole.layout.scrollWidth <= whole.layout.viewportWidth, 'still no sideways scroll when shown whole');
		});

		it('says "1 task", never "1 tasks", in the Overview', async () => {
			const overview = await overviewPanel();
			const s = await snapshotWhen(overview, 'the counts', (x) => x.fields['count:status:InProgress'] === '1');
			assert.equal(s.fields.loaded, `${LONG_STRING_TASKS.length} tasks loaded`);
			assert.doesNotMatch(s.text, /\b1 tasks\b/);
			assert.doesNotMatch(s.html, /\b1 tasks\b/, 'nor in an accessible name');
			assert.match(s.text, /In progress1 \(1 task; show it in the Tasks view\)/, 'a bar\'s accessible name');
			assert.match(s.text, /Failed2 \(2 tasks; show them in the Tasks view\)/);
			assert.match(s.text, /\(1 task\)/, 'the reason\'s hidden label');
			assert.ok(s.keys.filter((k) => k.startsWith('summary:reason:')).length >= 2);
			assert.match(s.text, /1 task(?!s)/, 'a reason\'s task list summary');
		});

		it('shows "Failure reason" only for a failed task; other text under a neutral label', async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('cicTasks.showDetails', successMessage.TaskId);
			const panel = await openedPanel(api, successMessage.TaskId);
			const s = await snapshotWhen(panel, 'the successful task', (x) => x.fields.TaskId === successMessage.TaskId);
			assert.equal(s.fields.statusLabel, 'Succeeded');
			assert.equal(s.fields.message, SUCCESS_MESSAGE);
			assert.equal(s.fields.FailureReason, undefined);
			assert.doesNotMatch(s.text, /Failure reason/);
			assert.match(s.text, /Message/);
			assert.match(s.html, /aria-label="Copy message"/);
			const node = api.view.provider.findTaskNode(successMessage.TaskId)!;
			const item = api.view.provider.getTreeItem(node);
			const tooltip = (item.tooltip as vscode.MarkdownString).value;
			assert.match(tooltip, /\*\*Message:\*\* fielded/);
			assert.doesNotMatch(tooltip, /Failure reason/);
			assert.doesNotMatch(item.contextValue ?? '', /hasReason/, 'no Copy Failure Reason on a task that did not fail');
			const failed = api.view.provider.getTreeItem(api.view.provider.findTaskNode(failedLong.TaskId)!);
			assert.match(failed.contextValue ?? '', /hasReason/);
			assert.match((failed.tooltip as vscode.MarkdownString).value, /\*\*Failure reason:\*\*/);
			const overview = await overviewPanel();
			const o = await snapshotWhen(overview, 'the reasons', (x) => x.keys.some((k) => k.startsWith('reason:')));
			assert.ok(!o.keys.includes(`reason:${SUCCESS_MESSAGE}`), 'the overview lists only failed tasks\' reasons');
			assert.equal(o.keys.filter((k) => k.startsWith('reason:')).length, 2);
		});

		it('reads an alias as its task type and an unknown type verbatim, in panels, tree, groups and filters', async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('cicTasks.showDetails', successMessage.TaskId);
			const alias = await snapshotWhen(await openedPanel(api, successMessage.TaskId), 'the alias', (x) => x.fields.TaskId === successMessage.TaskId);
			assert.equal(alias.fields.taskTypeLabel, 'Delete role assignment');
			assert.equal(alias.fields.TaskType, ALIAS_TASK_TYPE, 'the raw value beside the words');
			await vscode.commands.executeCommand('cicTasks.showDetails', unknownType.TaskId);
			const unknown = await snapshotWhen(await openedPanel(api, unknownType.TaskId), 'the unknown type', (x) => x.fields.TaskId === unknownType.TaskId);
			assert.equal(unknown.fields.TaskType, UNKNOWN_TASK_TYPE);
			assert.equal(unknown.fields.taskTypeLabel, undefined, 'no words for an unknown type');

			const label = (taskId: string): string => {
				const l = api.view.provider.getTreeItem(api.view.provider.findTaskNode(taskId)!).label;
				return typeof l === 'string' ? l : l?.label ?? '';
			};
			assert.equal(label(successMessage.TaskId), 'Delete role assignment');
			assert.equal(label(unknownType.TaskId), UNKNOWN_TASK_TYPE);

			api.view.provider.setGroupingMode('taskTypeStatus');
			const groups = api.view.provider.getChildren().filter((n) => n.type === 'group').map((n) => api.view.provider.getTreeItem(n));
			const byLabel = new Map(groups.map((g) => [typeof g.label === 'string' ? g.label : g.label?.label, g]));
			assert.deepEqual([...byLabel.keys()], ['Create role assignment', 'Delete role assignment', UNKNOWN_TASK_TYPE], 'the alias joins its type; no duplicate group');
			assert.equal(byLabel.get('Delete role assignment')?.description, '2');
			assert.equal((byLabel.get(UNKNOWN_TASK_TYPE)?.iconPath as vscode.ThemeIcon).id, 'symbol-misc', 'a neutral icon');
			assert.equal((byLabel.get('Delete role assignment')?.iconPath as vscode.ThemeIcon).id, 'trash');
			api.view.provider.setGroupingMode('statusRoleConfiguration');

			const overview = await overviewPanel();
			const o = await snapshotWhen(overview, 'the task types', (x) => x.fields['count:taskType:DeleteRoleAssignment'] === '2');
			assert.equal(o.fields[`count:taskType:${UNKNOWN_TASK_TYPE}`], '1');
			assert.ok(Object.values(o.fields).includes(UNKNOWN_TASK_TYPE), 'the unknown type verbatim');
			assert.ok(await overview.click('taskType:DeleteRoleAssignment'));
			await waitFor('the task type filter', () => (api.session.currentFilter.taskTypes?.join() === 'DeleteRoleAssignment' ? true : undefined));
			await waitIdle(api);
			assert.deepEqual(api.session.store.tasks().map((t) => t.TaskType).sort(), ['DeleteRoleAssignment', ALIAS_TASK_TYPE], 'the filter finds both names of the type');
			await vscode.commands.executeCommand('cicTasks.clearFilter');
			await waitIdle(api);
			await waitFor('every task back', () => (api.session.store.size === LONG_STRING_TASKS.length ? true : undefined), 30000);
		});

		it('passes axe-core\'s WCAG 2 A/AA rules, color contrast among them, in Light, Dark and both High Contrast themes', async function () {
			this.timeout(300000);
			const themes: [string, string][] = [
				['Default Light Modern', 'vscode-light'],
				['Default Dark Modern', 'vscode-dark'],
				['Default High Contrast', 'vscode-high-contrast'],
				['Default High Contrast Light', 'vscode-high-contrast-light'],
			];
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await vscode.commands.executeCommand('cicTasks.showDetails', failedLong.TaskId);
			const detail = await openedPanel(api, failedLong.TaskId);
			const overview = await overviewPanel();
			const problems: string[] = [];
			for (const [theme, kind] of themes) {
				await setSetting('workbench', 'colorTheme', theme);
				for (const [name, panel] of [['detail', detail], ['overview', overview]] as const) {
					panel.reveal();
					await delay(300);
					await waitFor(`the ${name} page in ${theme}`, () => (panel.isReady ? true : undefined), 20000);
					await snapshotWhen(panel, `${name} in ${theme}`, (x) => x.themeKind === kind && x.keys.length > 0, 30000);
					// Theme colours arrive as a style update after the kind; let them apply.
					await delay(750);
					if (theme === 'Default High Contrast' && name === 'detail') {
						await vscode.commands.executeCommand('notifications.clearAll');
						await snapshot('task-details-hc-dark');
					}
					const frames = await axeWebviews();
					const frame = frames.find((f) => (name === 'detail' ? f.taskId === failedLong.TaskId : f.title === 'CIC Tasks Overview'));
					assert.ok(frame, `axe ran in the ${name} page (${frames.map((f) => f.title).join(', ')})`);
					assert.ok(frame.rules > 20, `${frame.rules} rules ran`);
					assert.equal(frame.themeKind, kind);
					if (frame.violations.length > 0 || invisibleText(frame).length > 0) {
						problems.push(`${name} in ${theme}:\n${describeViolations(frame)}`);
					}
				}
			}
			assert.deepEqual(problems, [], problems.join('\n\n').slice(0, 20000));
		});
	});
});
