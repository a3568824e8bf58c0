import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskInfo } from '../../src/api/types';
import type { TestApi } from '../../src/extension';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { NAME_WHOLE_LIMIT } from '../../src/webview/contextView';
import type { WebviewSnapshot } from '../../src/webview/testProtocol';
import type { TaskDetailPanel } from '../../src/webview/taskDetailPanel';
import { axeWebviews, describeViolations, invisibleText } from './a11y';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activateForTest, delay, getExtension, removeAllProfiles, snapshot, snapshotWhen, waitFor, waitIdle } from './helpers';

/** The detail panel's who-and-where and Now sections (issue 10, item 5) in a real VS Code. */

const SECRET_ID = 'AKIDdetailctx000000000000000000000001';
const SECRET_KEY = 'DetailContextKey0123456789abcdefXYZ';
const ZONE = 'z-detailcontext';
const HOSTILE_ZONE = 'z-detailhostile';

/** The hostile corpus of the webview tests (test/fixtures/hostile-strings.json) plus markup that would run if parsed. */
function hostileNames(): string[] {
	const file = path.join(getExtension().extensionPath, 'test', 'fixtures', 'hostile-strings.json');
	const corpus = JSON.parse(fs.readFileSync(file, 'utf8')) as { hostile: { value: string }[] };
	return [
		...corpus.hostile.map((h) => h.value),
		'<img src=x onerror="window.__cicXss=1">',
		'"><script>window.__cicXss=1</script>',
		'</textarea><svg onload=window.__cicXss=1></svg>',
		'javascript:window.__cicXss=1//',
		'${window.__cicXss=1}{{constructor.constructor("window.__cicXss=1")()}}',
		'<iframe srcdoc="<script>parent.__cicXss=1</script>"></iframe><style>body{display:none}</style>',
		'\u202Egnp.exe\u202C \u200Fעברית\u200E admin',
		`${'A'.repeat(20000)}<img src=x onerror=window.__cicXss=1>`,
	];
}

function task(o: Partial<TaskInfo>): TaskInfo {
	return {
		TaskId: 't-x',
		RoleConfigurationId: 'rc-admins',
		RoleConfigurationName: 'Admins',
		TargetUin: 100000000001,
		TargetType: 'MemberUin',
		PrincipalId: 'u-alice',
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'Success',
		FailureReason: '',
		...o,
	};
}

const CREATED = task({ TaskId: 't-ctx-created' });
const FAILED = task({ TaskId: 't-ctx-failed', RoleConfigurationId: 'rc-readers', RoleConfigurationName: 'Readers', TargetUin: 100000000002, PrincipalId: 'g-ops', PrincipalType: 'Group', Status: 'Failed', FailureReason: 'CAM policy quota exceeded' });
const GHOST = task({ TaskId: 't-ctx-ghost', PrincipalId: 'u-deleted', Status: 'Failed', FailureReason: 'User does not exist' });

const FIXTURE = {
	tasks: [CREATED, FAILED, GHOST],
	users: [{ UserId: 'u-alice', UserName: 'alice', DisplayName: 'Alice Wang', Email: 'alice@example.com', UserStatus: 'Enabled' }],
	groups: [{ GroupId: 'g-ops', GroupName: 'Ops team', Description: 'On-call engineers', Members: ['u-alice'] }],
	accounts: [
		{ MemberUin: 100000000001, Name: 'Prod Web', MemberType: 'Create', NodeName: 'Root' },
		{ MemberUin: 100000000002, Name: 'Staging', MemberType: 'Invite', NodeName: 'Root' },
	],
	roleConfigurations: [
		{ RoleConfigurationId: 'rc-admins', RoleConfigurationName: 'Admins', Description: 'Full access', SessionDuration: 3600 },
		{ RoleConfigurationId: 'rc-readers', RoleConfigurationName: 'Readers', Description: 'Read only', SessionDuration: 900 },
	],
};

async function setSetting(section: string, key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

async function connect(api: TestApi, emulator: RunningEmulator, name: string, zoneId: string): Promise<void> {
	await vscode.commands.executeCommand('cicTasks.addCredentials', { name, site: 'custom', endpoint: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, zoneId });
	await waitFor(`profile ${name} active`, () => (api.profiles.active()?.name === name ? true : undefined));
	await waitIdle(api);
}

async function openPanel(api: TestApi, taskId: string): Promise<TaskDetailPanel> {
	await vscode.commands.executeCommand('cicTasks.showDetails', taskId);
	const panel = await waitFor(`the panel of ${taskId}`, () => api.panels.get(taskId), 15000);
	await waitFor(`the page of ${taskId} to be ready`, () => (panel.isReady ? true : undefined), 20000);
	return panel;
}

/** Clicks every "Show all" toggle and returns the snapshot once every value is shown whole. */
async function showAll(panel: TaskDetailPanel): Promise<WebviewSnapshot> {
	const toggles = (await panel.snapshot()).keys.filter((k) => k.startsWith('more:'));
	for (const key of toggles) {
		assert.ok(await panel.click(key), `the ${key.slice(0, 60)} toggle`);
	}
	return snapshotWhen(panel, 'every value shown whole', (s) => toggles.every((key) => s.html.includes('aria-expanded="true"') && !hasCollapsed(s, key)));
}

function hasCollapsed(s: WebviewSnapshot, key: string): boolean {
	const escaped = key.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return (s.html.match(/<button\b[^>]*>/g) ?? []).some((tag) => tag.includes(`data-key="${escaped}"`) && tag.includes('aria-expanded="false"'));
}

function assertInert(s: WebviewSnapshot, where: string): void {
	assert.equal(s.executed, false, `${where}: a payload ran`);
	assert.deepEqual(s.violations, [], `${where}: CSP violations`);
	assert.equal(s.eventAttributes, 0, `${where}: an element with an on* attribute`);
	for (const tag of ['img', 'iframe', 'a', 'textarea', 'object', 'embed', 'form', 'base']) {
		assert.equal(s.tags[tag] ?? 0, 0, `${where}: a <${tag}> element`);
	}
	assert.equal((s.html.match(/<script\b/gi) ?? []).length, 1, `${where}: exactly the page's own script in the body`);
	assert.ok(!/<(img|iframe|textarea|a|style)\b/i.test(s.html), `${where}: markup from data in the body`);
	assert.equal(s.styleAttributes, 0, `${where}: no style attributes`);
}

describe('Task detail panel: who, where and Now (issue 10)', function () {
	this.timeout(300000);
	let api: TestApi;
	let emulator: RunningEmulator;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('cicTasks', 'autoRefresh.interval', 0);
		await setSetting('workbench', 'colorTheme', 'Default Dark Modern');
		emulator = await startEmulator({ fixture: FIXTURE, zoneId: ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
		await vscode.commands.executeCommand('workbench.view.extension.cicTasks');
		await connect(api, emulator, 'detail-context', ZONE);
		await waitFor('every task loaded', () => (api.session.store.size === FIXTURE.tasks.length ? true : undefined), 30000);
	});

	after(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await setSetting('cicTasks', 'autoRefresh.interval', undefined);
		await setSetting('workbench', 'colorTheme', undefined);
		await removeAllProfiles(api);
		await emulator.close();
	});

	it('shows the user, the account, the role configuration and what holds today', async () => {
		const panel = await openPanel(api, CREATED.TaskId);
		const s = await snapshotWhen(panel, 'names and the Now answers', (x) => x.fields['who:userName'] === 'alice' && x.fields['now:assignment'] === 'Exists' && x.fields['where:rcName'] !== undefined && x.fields['where:accountName'] !== undefined);
		assert.equal(s.fields['who:displayName'], 'Alice Wang');
		assert.equal(s.fields['summary:principal'], 'Alice Wang (alice)', 'the name beside the principal ID');
		assert.equal(s.fields['summary:account'], 'Prod Web', 'the name beside the UIN');
		assert.equal(s.fields['who:email'], 'alice@example.com');
		assert.equal(s.fields['who:statusLabel'], 'Enabled');
		assert.equal(s.fields['where:accountName'], 'Prod Web');
		assert.equal(s.fields['where:uin'], '100000000001');
		assert.equal(s.fields['where:accountType'], 'Member account');
		assert.equal(s.fields['where:memberType'], 'Created in the organization');
		assert.equal(s.fields['where:rcName'], 'Admins');
		assert.equal(s.fields['where:rcDescription'], 'Full access');
		assert.equal(s.fields['where:sessionDuration'], '1:00:00 (3600 s)');
		assert.match(s.fields['now:provisioning'] ?? '', /^Deployed/);
		assert.match(s.fields['now:assignmentCheckedAt'] ?? '', /^checked \S/);
		assert.match(s.fields['now:provisioningCheckedAt'] ?? '', /^checked \S/);
		assert.match(s.fields['principal:checkedAt'] ?? '', /^checked \S/);
		assert.match(s.text, /Who and where/);
		assert.ok(s.keys.includes('checkNow'), 'a Check again button');
		assertInert(s, 'who/where/Now');
		await vscode.commands.executeCommand('notifications.clearAll');
		await delay(800);
		await snapshot('task-details-who-where-now');
	});

	it('names a group, says a deleted user was not found, and re-checks Now on request', async () => {
		const group = await openPanel(api, FAILED.TaskId);
		const g = await snapshotWhen(group, 'the group', (x) => x.fields['who:groupName'] === 'Ops team' && x.fields['now:assignment'] !== undefined && x.fields['now:assignment'] !== 'Checking…');
		assert.equal(g.fields['who:description'], 'On-call engineers');
		assert.equal(g.fields['who:memberCount'], '1');
		assert.equal(g.fields['now:assignment'], 'Does not exist', 'a failed create left nothing');
		assert.equal(g.fields['now:provisioning'], 'Not deployed on this account');

		// The service changes under the panel: Check again sees it.
		emulator.setTaskStatus(FAILED.TaskId, 'Success');
		const requests = emulator.requestLog().filter((e) => e.action === 'ListRoleAssignments').length;
		assert.ok(await group.click('checkNow'));
		const after = await snapshotWhen(group, 'the assignment after the re-check', (x) => x.fields['now:assignment'] === 'Exists');
		assert.match(after.fields['now:provisioning'] ?? '', /^Deployed/);
		assert.ok(emulator.requestLog().filter((e) => e.action === 'ListRoleAssignments').length > requests, 'Check again asked the service');

		// An error is shown inline with the one description, not as a crash.
		emulator.setCicEnabled(false);
		try {
			assert.ok(await group.click('checkNow'));
			const failed = await snapshotWhen(group, 'the error inline', (x) => (x.fields['now:assignmentError'] ?? '').length > 0);
			assert.match(failed.fields['now:assignmentError'] ?? '', /CIC|Identity Center/i);
			assert.equal(failed.fields['who:groupName'], 'Ops team', 'the rest of the panel is still there');
		} finally {
			emulator.setCicEnabled(true);
		}

		const ghost = await openPanel(api, GHOST.TaskId);
		const s = await snapshotWhen(ghost, 'the deleted user', (x) => x.fields['principal:notFound'] !== undefined && x.fields['where:accountName'] !== undefined);
		assert.equal(s.fields['principal:notFound'], 'User u-deleted was not found in this zone: it may have been deleted.');
		assert.equal(s.fields['who:userName'], undefined);
		assert.equal(s.fields['summary:principal'], '(not found)');
		assert.equal(s.fields['where:accountName'], 'Prod Web');
		await vscode.commands.executeCommand('notifications.clearAll');
		await delay(800);
		await snapshot('task-details-deleted-user');
	});

	it('goes quiet while the view shows another zone, and catches up when it is back', async () => {
		const panel = await openPanel(api, CREATED.TaskId);
		assert.ok(await panel.click('checkNow'));
		await snapshotWhen(panel, 'the panel at home', (x) => x.fields['now:assignment'] === 'Exists' && x.fields['who:userName'] === 'alice' && x.fields.error === undefined);
		const asked = (): number => emulator.requestLog().filter((e) => ['ListRoleAssignments', 'GetTaskStatus', 'ListRoleConfigurationProvisionings'].includes(e.action)).length;
		await vscode.commands.executeCommand('cicTasks.selectZone', 'z-elsewhere');
		try {
			const away = await snapshotWhen(panel, 'the panel away', (x) => (x.fields.error ?? '').includes(`belongs to zone ${ZONE}`));
			assert.equal(away.fields['who:userName'], 'alice', 'what it knew stays shown');
			const before = asked();
			assert.ok(await panel.click('refresh'));
			await delay(500);
			assert.equal(asked(), before, 'Refresh asks nothing while away: its IDs mean nothing in another zone');
			await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
			const back = await snapshotWhen(panel, 'the panel back home', (x) => x.fields.error === undefined && x.fields['now:assignment'] === 'Exists' && asked() > before);
			assert.equal(back.fields['who:userName'], 'alice');
		} finally {
			await vscode.commands.executeCommand('cicTasks.selectZone', ZONE);
			await waitFor('every task loaded again', () => (api.session.store.size === FIXTURE.tasks.length ? true : undefined), 30000);
			await waitIdle(api);
		}
	});

	it('passes axe-core\'s WCAG 2 A/AA rules with names, a deleted user and the Now answers, in Light, Dark and both High Contrast themes', async () => {
		const themes: [string, string][] = [
			['Default Light Modern', 'vscode-light'],
			['Default Dark Modern', 'vscode-dark'],
			['Default High Contrast', 'vscode-high-contrast'],
			['Default High Contrast Light', 'vscode-high-contrast-light'],
		];
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		const created = await openPanel(api, CREATED.TaskId);
		const ghost = await openPanel(api, GHOST.TaskId);
		const problems: string[] = [];
		try {
			for (const [theme, kind] of themes) {
				await setSetting('workbench', 'colorTheme', theme);
				for (const [taskId, panel] of [[CREATED.TaskId, created], [GHOST.TaskId, ghost]] as const) {
					panel.reveal();
					await delay(300);
					await snapshotWhen(panel, `${taskId} in ${theme}`, (x) => x.themeKind === kind && x.fields['now:assignmentCheckedAt'] !== undefined, 30000);
					await delay(750);
					const frames = await axeWebviews();
					const frame = frames.find((f) => f.taskId === taskId);
					assert.ok(frame, `axe ran in the page of ${taskId} (${frames.map((f) => f.taskId).join(', ')})`);
					assert.ok(frame.rules > 20, `${frame.rules} rules ran`);
					if (frame.violations.length > 0 || invisibleText(frame).length > 0) {
						problems.push(`${taskId} in ${theme}:\n${describeViolations(frame)}`);
					}
					if (theme === 'Default High Contrast' && taskId === GHOST.TaskId) {
						await vscode.commands.executeCommand('notifications.clearAll');
						await snapshot('task-details-who-where-hc-dark');
					}
				}
			}
		} finally {
			await setSetting('workbench', 'colorTheme', 'Default Dark Modern');
		}
		assert.deepEqual(problems, [], problems.join('\n\n').slice(0, 20000));
	});

	describe('with hostile names in the directory', () => {
		let hostile: RunningEmulator;
		const corpus = hostileNames();
		const joined = corpus.filter((h) => h.length < 1000).join('\n');
		const long = corpus.find((h) => h.length >= 1000) ?? 'x'.repeat(20000);
		const HOSTILE_USER_TASK = task({ TaskId: 't-hostile-user', PrincipalId: 'u-hostile', RoleConfigurationId: 'rc-hostile', TargetUin: 100000000011, Status: 'Failed', FailureReason: 'x' });
		const HOSTILE_GROUP_TASK = task({ TaskId: 't-hostile-group', PrincipalId: 'g-hostile', PrincipalType: 'Group', RoleConfigurationId: 'rc-long', TargetUin: 100000000012 });
		const HOSTILE_GHOST_TASK = task({ TaskId: 't-hostile-ghost', PrincipalId: `u-<img src=x onerror="window.__cicXss=1">${'\u202E'}`, Status: 'Failed', FailureReason: 'x', TargetUin: 100000000011, RoleConfigurationId: 'rc-hostile' });
		const fixture = {
			tasks: [HOSTILE_USER_TASK, HOSTILE_GROUP_TASK, HOSTILE_GHOST_TASK],
			users: [{ UserId: 'u-hostile', UserName: joined, DisplayName: joined, Email: joined, UserStatus: joined }],
			groups: [{ GroupId: 'g-hostile', GroupName: long, Description: joined, Members: [] }],
			accounts: [
				{ MemberUin: 100000000011, Name: joined, MemberType: joined, NodeName: joined },
				{ MemberUin: 100000000012, Name: long, MemberType: 'Invite', NodeName: long },
			],
			roleConfigurations: [
				{ RoleConfigurationId: 'rc-hostile', RoleConfigurationName: joined, Description: joined, SessionDuration: 60 },
				{ RoleConfigurationId: 'rc-long', RoleConfigurationName: long, Description: long },
			],
		};

		before(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			hostile = await startEmulator({ fixture, zoneId: HOSTILE_ZONE, secretId: SECRET_ID, secretKey: SECRET_KEY, language: 'en-US' });
			await connect(api, hostile, 'detail-hostile', HOSTILE_ZONE);
			await waitFor('every hostile task loaded', () => (api.session.store.size === fixture.tasks.length ? true : undefined), 30000);
		});

		after(async () => {
			await vscode.commands.executeCommand('workbench.action.closeAllEditors');
			await hostile.close();
		});

		it('renders every hostile name as inert text, whole after Show all', async () => {
			const user = await openPanel(api, HOSTILE_USER_TASK.TaskId);
			await snapshotWhen(user, 'the hostile user', (x) => x.fields['who:userName'] !== undefined && x.fields['where:rcName'] !== undefined && x.fields['where:accountName'] !== undefined);
			const u = await showAll(user);
			assertInert(u, 'hostile user');
			for (const field of ['who:userName', 'who:displayName', 'who:email', 'who:statusLabel', 'where:accountName', 'where:memberType', 'where:nodeName', 'where:rcName', 'where:rcDescription']) {
				assert.equal(u.fields[field], joined, `${field} verbatim`);
			}

			const group = await openPanel(api, HOSTILE_GROUP_TASK.TaskId);
			await snapshotWhen(group, 'the hostile group', (x) => x.fields['who:groupName'] !== undefined && x.fields['where:rcName'] !== undefined && x.fields['where:accountName'] !== undefined);
			const g = await showAll(group);
			assertInert(g, 'hostile group');
			// Whole within the panel's bound: a 20,000-character name shows its first NAME_WHOLE_LIMIT characters and says so.
			const head = long.slice(0, NAME_WHOLE_LIMIT);
			for (const field of ['who:groupName', 'where:accountName', 'where:nodeName', 'where:rcName', 'where:rcDescription']) {
				assert.equal(g.fields[field], head, `${field} whole up to the bound`);
			}
			assert.equal(g.fields['who:description'], joined);
			assert.equal(g.fields['summary:principal'], head);
			assert.equal(g.fields['summary:account'], head);
			assert.match(g.text, new RegExp(`\\(${long.length - NAME_WHOLE_LIMIT} more characters not shown\\)`));
			assert.ok(g.layout.scrollWidth <= g.layout.viewportWidth, `no sideways scroll (${g.layout.scrollWidth} > ${g.layout.viewportWidth})`);

			const ghost = await openPanel(api, HOSTILE_GHOST_TASK.TaskId);
			await snapshotWhen(ghost, 'the hostile deleted user', (x) => x.fields['principal:notFound'] !== undefined);
			const n = await showAll(ghost);
			assertInert(n, 'hostile not found');
			assert.equal(n.fields['principal:notFound'], `User ${HOSTILE_GHOST_TASK.PrincipalId} was not found in this zone: it may have been deleted.`);
			await delay(500);
			assert.equal((await ghost.snapshot()).executed, false, 'nothing ran later either');
		});
	});
});
