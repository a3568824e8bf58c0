import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { TaskNode, TreeNode } from '../../src/views/nodes';
import { activateForTest, delay, queryWorkbench, removeAllProfiles, snapshot, waitFor, waitForWorkbenchElement, waitIdle, type WorkbenchElement } from './helpers';
import { keys, quickInputShown, waitForQuickInput } from './quickInput';
import { accountNameLabel, principalNameLabel, taskAccessibilityLabel, taskDescription, taskTooltip } from '../../src/host/presentation';
import { accountSearchStep, principalSearchStep } from '../../src/commands/directoryPicks';
import { LABEL_LIMITS } from '../../src/model/shorten';
import { assertInert, HOSTILE } from '../unit/model/hostileStrings';
import { FakeNames } from '../unit/model/fakeNames';
import { TasksTreeProvider } from '../../src/views/tasksTreeProvider';
import type { TasksSession } from '../../src/host/session';

/*
 * Issue 10 item 4, as a person sees it: names (not only IDs) in the tree's rows, group rows and tooltips, in Search
 * Loaded Tasks and in the pickers of Filter Tasks… (fed by ListUsers / ListGroups / DescribeOrganizationMembers as
 * the user types), and in exports; hostile names stay text everywhere.
 */

const ZONE = 'z-namesui0001';
const ALICE_UIN = 100000243611;
const HOSTILE_UIN = 100000000666;
const LINK = '[click me](command:cicTasks.removeCredentials)';
const HOSTILE_USER = `$(zap) Mallory ${LINK}`;
const HOSTILE_EMAIL = '<img src=x onerror=alert(1)>@example.com';
const HOSTILE_ACCOUNT = `=HYPERLINK("https://evil.example") ${LINK}`;

function task(id: string, principalId: string, principalType: string, targetUin: number, status = 'Failed'): TaskInfo {
	return {
		TaskId: id,
		RoleConfigurationId: 'rc-namesui',
		RoleConfigurationName: 'ReadOnly',
		TargetUin: targetUin,
		TargetType: 'MemberUin',
		PrincipalId: principalId,
		PrincipalType: principalType,
		TaskType: 'DeleteRoleAssignment',
		Status: status,
		FailureReason: status === 'Failed' ? 'quota' : '',
	};
}

const TASKS = [
	task('t-names1', 'u-alice0001', 'User', ALICE_UIN),
	task('t-names2', 'g-devs00001', 'Group', 100000000002),
	task('t-names3', 'u-gone00001', 'User', ALICE_UIN),
	task('t-names4', 'u-mallory01', 'User', HOSTILE_UIN),
];

const FIXTURE = {
	tasks: TASKS,
	users: [
		{ UserId: 'u-alice0001', UserName: 'alice', DisplayName: 'Alice Wang', Email: 'alice@example.com' },
		{ UserId: 'u-mallory01', UserName: LINK, DisplayName: HOSTILE_USER, Email: HOSTILE_EMAIL },
		{ UserId: 'u-zoe000001', UserName: 'zoe', DisplayName: 'Zoe Directory', Email: 'zoe@example.com' },
	],
	groups: [{ GroupId: 'g-devs00001', GroupName: 'Developers', Members: ['u-alice0001'] }],
	accounts: [
		{ MemberUin: ALICE_UIN, Name: 'Prod Web' },
		{ MemberUin: 100000000002, Name: 'Staging' },
		{ MemberUin: HOSTILE_UIN, Name: HOSTILE_ACCOUNT },
		{ MemberUin: 100000000777, Name: 'Finance Directory' },
	],
};

function item(api: TestApi, node: TreeNode): vscode.TreeItem {
	return api.view.provider.getTreeItem(node);
}

function labelOf(api: TestApi, node: TreeNode): string {
	const label = item(api, node).label;
	return typeof label === 'string' ? label : label?.label ?? '';
}

function taskNode(api: TestApi, id: string): TaskNode {
	const node = api.view.provider.findTaskNode(id);
	assert.ok(node, `no row for ${id}`);
	return node;
}

function allNodes(api: TestApi): TreeNode[] {
	const out: TreeNode[] = [];
	const walk = (nodes: readonly TreeNode[]): void => {
		for (const node of nodes) {
			out.push(node);
			walk(api.view.provider.getChildren(node));
		}
	};
	walk(api.view.provider.getChildren());
	return out;
}

/** Labels render as <a class="label-name"> without an href; a link is an anchor that goes somewhere. */
function assertNoLink(element: WorkbenchElement, where: string): void {
	assert.deepEqual(element.links.filter((l) => l.href !== null), [], `${where}: links ${JSON.stringify(element.links)}`);
	assert.ok(!/<a\b[^>]*\shref=/i.test(element.outerHTML), `${where}: an <a href> in ${element.outerHTML.slice(0, 500)}`);
	assert.ok(!/<img\b/i.test(element.outerHTML), `${where}: an <img> in ${element.outerHTML.slice(0, 500)}`);
	assert.ok(!element.outerHTML.includes('codicon-zap'), `${where}: an icon from a name`);
}

async function closeQuickInput(): Promise<void> {
	for (let i = 0; i < 5 && (await quickInputShown()); i++) {
		await keys({ press: 'Escape' });
	}
}

describe('Names in the tree, tooltips, QuickPicks and exports', function () {
	this.timeout(180000);
	let api: TestApi;
	let emulator: RunningEmulator;
	const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-names-export-'));

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		await vscode.workspace.getConfiguration('cicTasks').update('autoRefresh.interval', 0, vscode.ConfigurationTarget.Global);
		emulator = await startEmulator({ fixture: FIXTURE, zoneId: ZONE, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await vscode.commands.executeCommand('cicTasks.addCredentials', { name: 'names', site: 'custom', endpoint: emulator.url, zoneId: ZONE, ...emulator.credentials });
		await waitFor('the profile active', () => (api.profiles.active()?.name === 'names' ? true : undefined));
		await waitIdle(api);
		await waitFor('all tasks loaded', () => (api.session.store.tasks().length === TASKS.length ? true : undefined), 30000);
		// No rebuildNow(): the rows must follow names.onDidChange on their own (checked in the rendered DOM below).
		await api.session.service.resolveNames();
	});

	afterEach(async () => {
		await closeQuickInput();
	});

	after(async () => {
		await vscode.workspace.getConfiguration('cicTasks').update('autoRefresh.interval', undefined, vscode.ConfigurationTarget.Global);
		await vscode.workspace.getConfiguration('cicTasks').update('groupBy', undefined, vscode.ConfigurationTarget.Global);
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await removeAllProfiles(api);
		await emulator.close();
		fs.rmSync(exportDir, { recursive: true, force: true });
	});

	it('reads a row as "Alice Wang (alice) → Prod Web · 100000243611", with groups, deleted and hostile names', async () => {
		await vscode.workspace.getConfiguration('cicTasks').update('groupBy', 'flat', vscode.ConfigurationTarget.Global);
		await waitFor('the flat list', () => (api.view.provider.groupingMode === 'flat' ? true : undefined));
		// Failed is expanded by default; the names arrived after the first paint, and the rendered rows follow them.
		const row = await waitForWorkbenchElement('the Alice row', '.monaco-list-row', (e) => e.text.includes('Alice Wang (alice)'));
		assert.match(row.text, /Prod Web · 100000243611/);
		assert.equal(item(api, taskNode(api, 't-names1')).description, `Alice Wang (alice) → Prod Web · ${ALICE_UIN}`);
		assert.equal(item(api, taskNode(api, 't-names2')).description, 'Developers (g-devs00001) → Staging · 100000000002');
		assert.equal(item(api, taskNode(api, 't-names3')).description, `u-gone00001 (not found) → Prod Web · ${ALICE_UIN}`);
		const hostile = String(item(api, taskNode(api, 't-names4')).description);
		assert.ok(hostile.endsWith(` · ${HOSTILE_UIN}`), hostile);
		const mallory = await waitForWorkbenchElement('the hostile row', '.monaco-list-row', (e) => e.text.includes('Mallory'));
		assertNoLink(mallory, 'the hostile row');
		await snapshot('names-tree');
	});

	it('redraws rows in place when names arrive, with no store change', async () => {
		const names = new FakeNames();
		const one = task('t-late1', 'u-late0001', 'User', 100000000055);
		const quiet = (): vscode.Disposable => new vscode.Disposable(() => undefined);
		// Only what the provider reads of a session: one loaded task that never changes, and the names.
		const session = {
			state: 'ready',
			currentTarget: { kind: 'none' },
			currentFilter: {},
			onDidChange: quiet,
			service: { names },
			store: { tasks: () => [one], statusGroups: () => [], isLoading: false, hasLoaded: true, stale: undefined, onDidChange: quiet },
		} as unknown as TasksSession;
		const provider = new TasksTreeProvider(session, 'flat');
		try {
			let redraws = 0;
			provider.onDidChangeTreeData(() => redraws++);
			const row = (): string => String(provider.getTreeItem(provider.getChildren()[0]).description);
			assert.equal(row(), 'u-late0001 → 100000000055');
			names.user('u-late0001', 'late', 'Late Arrival').named(100000000055, 'Sandbox');
			await waitFor('a redraw after the names arrived', () => (redraws > 0 ? true : undefined), 5000);
			assert.equal(row(), 'Late Arrival (late) → Sandbox · 100000000055');
		} finally {
			provider.dispose();
		}
	});

	it('shows user name, display name, email and account name in the tooltip, as untrusted Markdown', () => {
		const tooltip = item(api, taskNode(api, 't-names1')).tooltip;
		assert.ok(tooltip instanceof vscode.MarkdownString);
		assert.equal(tooltip.isTrusted, false);
		assert.equal(tooltip.supportHtml, false);
		// As the hover reads it: appendText escapes Markdown and keeps spaces as &nbsp;.
		const read = tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
		for (const expected of ['User name: alice', 'Display name: Alice Wang', 'Email: alice@example.com', 'Account name: Prod Web', 'User u-alice0001', String(ALICE_UIN)]) {
			assert.ok(read.replace(/\*\*/g, '').includes(expected), `${expected} in ${read}`);
		}
		const gone = item(api, taskNode(api, 't-names3')).tooltip;
		assert.ok(gone instanceof vscode.MarkdownString);
		assert.match(gone.value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'), /User u-gone00001 \(not found\)/, 'the deleted user is marked');
		const hostile = item(api, taskNode(api, 't-names4')).tooltip;
		assert.ok(hostile instanceof vscode.MarkdownString);
		assert.equal(hostile.isTrusted, false);
		// appendText escapes Markdown: no "](" link joint and no raw "<img" survive unescaped.
		assert.ok(!/(^|[^\\])\]\(/.test(hostile.value), `a link in ${hostile.value}`);
		// "<" stays, but every ">" is escaped: no tag or <autolink> can close (and the string is not HTML-enabled).
		assert.ok(!/(^|[^\\])>/.test(hostile.value), `an unescaped ">" in ${hostile.value}`);
	});

	it('groups by principal and by account with names, named ones first', async () => {
		await vscode.workspace.getConfiguration('cicTasks').update('groupBy', 'statusPrincipal', vscode.ConfigurationTarget.Global);
		await waitFor('principal grouping', () => (api.view.provider.groupingMode === 'statusPrincipal' ? true : undefined));
		api.view.provider.rebuildNow();
		const principals = allNodes(api).filter((n) => n.type === 'group' && n.group?.kind === 'principal').map((n) => labelOf(api, n));
		// Users before groups; named users before the one the directory no longer has.
		assert.ok(principals.includes('Alice Wang (alice)'), JSON.stringify(principals));
		assert.ok(principals.indexOf('u-gone00001 (not found)') > principals.indexOf('Alice Wang (alice)'), JSON.stringify(principals));
		assert.equal(principals[principals.length - 1], 'Developers (g-devs00001)', JSON.stringify(principals));
		await vscode.workspace.getConfiguration('cicTasks').update('groupBy', 'statusTargetAccount', vscode.ConfigurationTarget.Global);
		await waitFor('account grouping', () => (api.view.provider.groupingMode === 'statusTargetAccount' ? true : undefined));
		api.view.provider.rebuildNow();
		const accounts = allNodes(api).filter((n) => n.type === 'group' && n.group?.kind === 'targetAccount').map((n) => labelOf(api, n));
		assert.ok(accounts.includes(`Prod Web · ${ALICE_UIN}`), JSON.stringify(accounts));
		assert.ok(accounts.includes('Staging · 100000000002'), JSON.stringify(accounts));
		// The group's row, not one of its task rows ("… → Prod Web · …"), which may be drawn first; it names the
		// account's member type.
		await waitForWorkbenchElement(
			'the account group row, with its member type',
			'.monaco-list-row',
			(e) => e.text.includes('Prod Web · 100000243611') && !e.text.includes('→') && e.text.includes('Member account'),
		);
		await snapshot('names-group-by-account');
	});

	it('finds tasks by name in Search Loaded Tasks, and shows a hostile name as text', async () => {
		const running = vscode.commands.executeCommand('cicTasks.searchLoaded');
		await waitForQuickInput('Search Loaded Tasks');
		await keys({ type: 'wang' });
		const taskRows = (rows: readonly string[]): string[] => rows.filter((r) => /^t-names\d$/.test(r));
		const found = await waitForQuickInput('Search Loaded Tasks', (v) => taskRows(v.rows).length === 1);
		assert.deepEqual(taskRows(found.rows), ['t-names1']);
		assert.ok(found.rows.includes(`Alice Wang (alice) → Prod Web · ${ALICE_UIN} · quota`), JSON.stringify(found.rows));
		await keys({ press: 'Escape' });
		await running;
		const again = vscode.commands.executeCommand('cicTasks.searchLoaded');
		await waitForQuickInput('Search Loaded Tasks');
		await keys({ type: 'mallory' });
		await waitForQuickInput('Search Loaded Tasks', (v) => taskRows(v.rows).length === 1 && v.rows[0] === 't-names4');
		const [list] = await waitFor('the list', async () => {
			const rows = await queryWorkbench('.quick-input-widget .quick-input-list');
			return rows.length > 0 ? rows : undefined;
		});
		assertNoLink(list, 'the search list');
		assert.ok(list.text.includes('Mallory'), list.text.slice(0, 300));
		await keys({ press: 'Escape' });
		await again;
	});

	it('searches the directory as the user types in Filter Tasks…, for principal and account', async () => {
		const running = vscode.commands.executeCommand('cicTasks.filter');
		// Statuses, task types, role configurations: keep them as they are.
		for (let step = 1; step <= 3; step++) {
			await waitForQuickInput(`Filter Tasks (${step}/6)`);
			await keys({ press: 'Enter' });
		}
		await waitForQuickInput('Filter Tasks (4/6)');
		// Zoe has no task: only ListUsers can offer her.
		await keys({ type: 'zoe' });
		const principals = await waitForQuickInput('Filter Tasks (4/6)', (v) => v.rows.some((r) => r.startsWith('Zoe Directory')));
		assert.equal(principals.rows[0], 'Zoe Directory (zoe)', JSON.stringify(principals.rows));
		await keys({ press: 'Enter' });
		await waitForQuickInput('Filter Tasks (5/6)');
		await keys({ type: 'finance' });
		const accounts = await waitForQuickInput('Filter Tasks (5/6)', (v) => v.rows.some((r) => r.startsWith('Finance Directory')));
		assert.equal(accounts.rows[0], 'Finance Directory · 100000000777', JSON.stringify(accounts.rows));
		await keys({ press: 'Enter' });
		await waitForQuickInput('Filter Tasks (6/6)');
		await keys({ press: 'Enter' });
		await running;
		assert.deepEqual(api.session.currentFilter.principal, { type: 'User', id: 'u-zoe000001' });
		assert.deepEqual(api.session.currentFilter.target, { type: 'MemberUin', uin: 100000000777 });
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		await waitFor('all tasks again', () => (api.session.store.tasks().length === TASKS.length ? true : undefined), 30000);
		await api.session.service.resolveNames();
	});

	it('still takes a typed ID in Filter Tasks…, and shows hostile directory names as text', async () => {
		const running = vscode.commands.executeCommand('cicTasks.filter');
		for (let step = 1; step <= 3; step++) {
			await waitForQuickInput(`Filter Tasks (${step}/6)`);
			await keys({ press: 'Enter' });
		}
		await waitForQuickInput('Filter Tasks (4/6)');
		await keys({ type: 'mallory' });
		await waitForQuickInput('Filter Tasks (4/6)', (v) => v.rows.some((r) => r.includes('Mallory')));
		const [list] = await queryWorkbench('.quick-input-widget .quick-input-list');
		assertNoLink(list, 'the principal picker');
		await keys({ press: 'Escape' });
		await running.then(undefined, () => undefined);
		const typed = vscode.commands.executeCommand('cicTasks.filter');
		for (let step = 1; step <= 3; step++) {
			await waitForQuickInput(`Filter Tasks (${step}/6)`);
			await keys({ press: 'Enter' });
		}
		await waitForQuickInput('Filter Tasks (4/6)');
		// An ID no loaded task has and the directory does not know: typed, it is still taken.
		await keys({ type: 'u-typed00001' });
		await waitForQuickInput('Filter Tasks (4/6)', (v) => v.rows.includes('No users or groups in the directory match.') && v.rows.some((r) => r.startsWith('Use ID u-typed00001')));
		await keys({ press: 'Enter' });
		await waitForQuickInput('Filter Tasks (5/6)');
		await keys({ type: String(ALICE_UIN) });
		// VS Code ranks the loaded "Prod Web · 100000243611" first; the typed UIN is made the active item all the same.
		await waitForQuickInput('Filter Tasks (5/6)', (v) => v.rows.some((r) => r.startsWith(`Use account ${ALICE_UIN}`)) && v.rows.some((r) => r.startsWith('Prod Web')));
		await delay(500);
		await keys({ press: 'Enter' });
		// Only a typed UIN asks whether it is a member or the manager account: Enter took the typed item.
		await waitForQuickInput('Filter Tasks (6/6)', (v) => v.rows.includes('Member account'));
		await keys({ press: 'Enter' });
		await waitForQuickInput('Filter Tasks (6/6)', (v) => v.rows.some((r) => r.includes('Apply Filter')));
		await keys({ press: 'Enter' });
		await typed;
		assert.deepEqual(api.session.currentFilter.principal, { type: 'User', id: 'u-typed00001' });
		assert.deepEqual(api.session.currentFilter.target, { type: 'MemberUin', uin: ALICE_UIN });
		await vscode.commands.executeCommand('cicTasks.clearFilter');
		await waitIdle(api);
		await waitFor('all tasks again', () => (api.session.store.tasks().length === TASKS.length ? true : undefined), 30000);
		await api.session.service.resolveNames();
	});

	it('keeps the whole hostile corpus inert in every name field: labels, tooltips, picker items', () => {
		const base = { title: 'Filter Tasks', step: 4, totalSteps: 6, placeholder: '' };
		for (const { name, value } of HOSTILE) {
			const names = new FakeNames().user('u-h', value, value, value).group('g-h', value).named(100000000001, value);
			const tasks = [task('t-h1', 'u-h', 'User', 100000000001), task('t-h2', 'g-h', 'Group', 100000000001)];
			for (const t of tasks) {
				for (const label of [taskDescription(t, names), principalNameLabel(t.PrincipalType, t.PrincipalId, names), accountNameLabel(t.TargetUin, names), taskAccessibilityLabel(t, names)]) {
					assert.ok(!/[\r\n\u2028\u2029]/.test(label), `${name}: a label is one line`);
					assert.ok([...label].length <= 3 * (LABEL_LIMITS.maxChars + 1) + 200, `${name}: a label is bounded (${[...label].length})`);
				}
				assert.ok(taskDescription(t, names).endsWith(' · 100000000001'), `${name}: the UIN stays in the row`);
				const tooltip = taskTooltip(t, names);
				assert.equal(tooltip.isTrusted, false, `${name}: untrusted tooltip`);
				assert.equal(tooltip.supportHtml, false, `${name}: no HTML in the tooltip`);
				assert.ok(!/(^|[^\\])\]\(/.test(tooltip.value), `${name}: a link joint in the tooltip`);
				assert.ok(!/(^|[^\\])>/.test(tooltip.value), `${name}: an unescaped ">" in the tooltip`);
				assert.ok(tooltip.value.length < 8000, `${name}: the tooltip is bounded (${tooltip.value.length})`);
			}
			const principals = principalSearchStep(api.session, tasks, names, api.log, base, undefined);
			const accounts = accountSearchStep(api.session, tasks, names, api.log, { ...base, step: 5 }, undefined);
			for (const pick of [...principals.itemsFor(''), ...accounts.itemsFor('')]) {
				assertInert(pick.label, `${name}: picker label`, ['circle-slash', 'edit']);
				assertInert(pick.description, `${name}: picker description`);
				assertInert(pick.detail, `${name}: picker detail`);
			}
		}
	});

	it('exports name columns in CSV and name fields in JSON, hostile names guarded', async () => {
		const csvPath = path.join(exportDir, 'names.csv');
		const jsonPath = path.join(exportDir, 'names.json');
		await vscode.commands.executeCommand('cicTasks.exportTasks', { path: csvPath, format: 'csv' });
		await vscode.commands.executeCommand('cicTasks.exportTasks', { path: jsonPath });
		const csv = fs.readFileSync(csvPath, 'utf8');
		const header = csv.split('\r\n')[0];
		assert.match(header, /PrincipalNameState,PrincipalName,PrincipalDisplayName,PrincipalEmail,AccountNameState,AccountName,ZoneId/);
		const alice = csv.split('\r\n').find((l) => l.startsWith('t-names1,'));
		assert.ok(alice?.includes(',found,alice,Alice Wang,alice@example.com,found,Prod Web,'), alice);
		const gone = csv.split('\r\n').find((l) => l.startsWith('t-names3,'));
		assert.ok(gone?.includes(',notFound,,,,found,Prod Web,'), gone);
		assert.ok(csv.includes(`"'=HYPERLINK`), 'the formula-like account name is neutralised');
		const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as { tasks: Record<string, unknown>[] };
		const byId = new Map(json.tasks.map((t) => [t.TaskId, t]));
		assert.equal(byId.get('t-names1')?.PrincipalDisplayName, 'Alice Wang');
		assert.equal(byId.get('t-names2')?.PrincipalName, 'Developers');
		assert.equal(byId.get('t-names4')?.AccountName, HOSTILE_ACCOUNT, 'JSON keeps the exact value');
		assert.equal(byId.get('t-names3')?.PrincipalNameState, 'notFound');
	});
});
