import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TaskInfo } from '../../../src/api/types';
import type { TaskContext } from '../../../src/model/taskContext';
import { bounded, NAME_WHOLE_LIMIT, sessionDurationText, toContextView, toNowView, type ArgsLocalizer } from '../../../src/webview/contextView';
import { isFromWebviewMessage, type ContextSectionView, type NowItemView } from '../../../src/webview/protocol';
import { detailStrings } from '../../../src/webview/strings';
import { format } from '../../../src/webview/text';

/** The detail panel's who-and-where and Now view models, and the message that re-checks Now. */

const english: ArgsLocalizer = { t: (message, ...args) => format(message, ...args) };
const bundle = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const chinese: ArgsLocalizer = { t: (message, ...args) => format(bundle[message] ?? `MISSING ${message}`, ...args) };

const TASK: TaskInfo = {
	TaskId: 't-1',
	RoleConfigurationId: 'rc-1',
	RoleConfigurationName: 'Admins',
	TargetUin: 100000000001,
	TargetType: 'MemberUin',
	PrincipalId: 'u-1',
	PrincipalType: 'User',
	TaskType: 'CreateRoleAssignment',
	Status: 'Failed',
	FailureReason: 'x',
};

const describe_ = (e: unknown): string => `described: ${(e as Error).message}`;

function found(v: ContextSectionView): Record<string, string> {
	assert.equal(v.state, 'found', JSON.stringify(v));
	if (v.state !== 'found') {
		return {};
	}
	return Object.fromEntries(v.rows.map((r) => [r.field, r.value]));
}

function hostileCorpus(): string[] {
	const root = path.resolve(__dirname, '../../../..');
	const corpus = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'hostile-strings.json'), 'utf8')) as { hostile: { value: string }[] };
	return [...corpus.hostile.map((h) => h.value), '<img src=x onerror="window.__cicXss=1">', '\u202Egnp.exe\u202C', 'x'.repeat(20_000)];
}

describe('detail panel: who and where, and Now (issue 10, item 5)', () => {
	it('names a user, an account and a role configuration, each value verbatim, with when it was checked', () => {
		const context: TaskContext = {
			principal: { state: 'known', entry: { state: 'found', kind: 'User', id: 'u-1', userName: 'alice', displayName: 'Alice Wang', email: 'a@example.com', status: 'Disabled', checkedAt: 10 } },
			account: { state: 'known', entry: { state: 'found', uin: 100000000001, name: 'Prod Web', memberType: 'Invite', nodeName: 'Root', checkedAt: 11 } },
			roleConfiguration: { state: 'known', entry: { state: 'found', id: 'rc-1', name: 'Admins', description: 'Full', sessionDuration: 3600, checkedAt: 12 } },
		};
		const v = toContextView({ task: TASK, context, pending: 'loading', targetTypeLabel: 'Member account', describe: describe_, l10n: english });
		assert.equal(v.principalHeading, 'User');
		assert.equal(v.principalSummary, 'Alice Wang (alice)', 'for the task\'s own Principal row');
		assert.equal(v.accountSummary, 'Prod Web');
		assert.deepEqual(found(v.principal), { 'who:userName': 'alice', 'who:displayName': 'Alice Wang', 'who:email': 'a@example.com', 'who:statusLabel': 'Disabled' });
		assert.deepEqual(found(v.account), { 'where:accountName': 'Prod Web', 'where:uin': '100000000001', 'where:accountType': 'Member account', 'where:memberType': 'Invited', 'where:nodeName': 'Root' });
		assert.deepEqual(found(v.roleConfiguration), { 'where:rcName': 'Admins', 'where:rcDescription': 'Full', 'where:sessionDuration': '1:00:00 (3600 s)' });
		assert.equal((v.account as { checkedAt: number }).checkedAt, 11);
		// An unknown status is shown as the service said it, beside nothing.
		const odd = toContextView({ task: TASK, context: { ...context, principal: { state: 'known', entry: { state: 'found', kind: 'User', id: 'u-1', userName: '', displayName: '', email: '', status: 'Locked', checkedAt: 1 } } }, pending: 'loading', targetTypeLabel: '', describe: describe_, l10n: english });
		assert.equal(found(odd.principal)['who:statusLabel'], 'Locked');
	});

	it('says a deleted user, group, account or role configuration was not found, naming the ID', () => {
		const context: TaskContext = {
			principal: { state: 'known', entry: { state: 'notFound', kind: 'User', id: 'u-1', checkedAt: 5 } },
			account: { state: 'known', entry: { state: 'notFound', uin: 100000000001, checkedAt: 5 } },
			roleConfiguration: { state: 'known', entry: { state: 'notFound', id: 'rc-1', checkedAt: 5 } },
		};
		const v = toContextView({ task: TASK, context, pending: 'loading', targetTypeLabel: '', describe: describe_, l10n: english });
		assert.deepEqual(v.principal, { state: 'notFound', message: 'User u-1 was not found in this zone: it may have been deleted.', checkedAt: 5 });
		assert.deepEqual([v.principalSummary, v.accountSummary], ['(not found)', '(not found)']);
		assert.equal((v.account as { message: string }).message, 'Account 100000000001 was not found among the organization\'s member accounts.');
		const group = toContextView({ task: { ...TASK, PrincipalType: 'Group', PrincipalId: 'g-9' }, context: { ...context, principal: { state: 'known', entry: { state: 'notFound', kind: 'Group', id: 'g-9', checkedAt: 5 } } }, pending: 'loading', targetTypeLabel: '', describe: describe_, l10n: chinese });
		assert.equal(group.principalHeading, '用户组');
		assert.equal((group.principal as { message: string }).message, '在此空间中找不到用户组 g-9：它可能已被删除。');
	});

	it('shows a manager account the member list leaves out by UIN and type, says why, and never calls it not found', () => {
		const context: TaskContext = {
			principal: { state: 'unknown' },
			account: { state: 'known', entry: { state: 'unlisted', uin: 100000000001, checkedAt: 7 } },
			roleConfiguration: { state: 'unknown' },
		};
		const task = { ...TASK, TargetType: 'ManagerUin' };
		const v = toContextView({ task, context, pending: 'loading', targetTypeLabel: 'Manager account', describe: describe_, l10n: english });
		assert.deepEqual(found(v.account), {
			'where:uin': '100000000001',
			'where:accountType': 'Manager account',
			'where:memberList': 'Not listed. The member list may leave out the organization\'s manager account, so this does not mean it was deleted.',
		});
		assert.equal((v.account as { checkedAt: number }).checkedAt, 7);
		assert.equal(v.accountSummary, '', 'no name beside the UIN, and no "(not found)"');
		const zh = toContextView({ task, context, pending: 'loading', targetTypeLabel: '管理账号', describe: describe_, l10n: chinese });
		assert.ok(zh.account.state === 'found' && zh.account.rows.every((r) => !r.label.startsWith('MISSING') && !r.value.startsWith('MISSING')), 'labels and values translated');
	});

	it('shows a part\'s error through the one description, and what is still pending or cannot be asked', () => {
		const context: TaskContext = { principal: { state: 'error', error: new Error('boom'), checkedAt: 3 }, account: { state: 'unknown' }, roleConfiguration: { state: 'notApplicable' } };
		const v = toContextView({ task: TASK, context, pending: 'loading', targetTypeLabel: '', describe: describe_, l10n: english });
		assert.deepEqual(v.principal, { state: 'error', message: 'described: boom', checkedAt: 3 });
		assert.deepEqual(v.account, { state: 'loading', message: 'Looking up…' });
		assert.deepEqual([v.principalSummary, v.accountSummary], ['', ''], 'nothing beside the IDs until a name is known');
		assert.equal(v.roleConfiguration.state, 'unavailable');
		const offline = toContextView({ task: TASK, context, pending: 'unavailable', targetTypeLabel: '', describe: describe_, l10n: english });
		assert.equal(offline.account.state, 'unavailable');
	});

	it('words the Now answers, with the raw deployment state beside them', () => {
		const at = (assignment: boolean, status?: string, taskType = 'CreateRoleAssignment'): [NowItemView, NowItemView] => {
			const v = toNowView({
				task: { ...TASK, TaskType: taskType },
				state: {
					assignment: { state: 'answered', value: assignment ? { exists: true, createTime: '', updateTime: '' } : { exists: false }, checkedAt: 7 },
					provisioning: { state: 'answered', value: status ? { deployed: true, deploymentStatus: status, updateTime: '' } : { deployed: false }, checkedAt: 8 },
				},
				checking: false,
				pending: 'loading',
				describe: describe_,
				l10n: english,
			});
			return [v.assignment, v.provisioning];
		};
		assert.deepEqual(at(true, 'Deployed'), [
			{ state: 'answered', tone: 'good', text: 'Exists', code: '', checkedAt: 7 },
			{ state: 'answered', tone: 'good', text: 'Deployed', code: 'Deployed', checkedAt: 8 },
		]);
		assert.deepEqual(at(false, 'DeployedRequired')[1], { state: 'answered', tone: 'warning', text: 'Deployed, but needs redeploying', code: 'DeployedRequired', checkedAt: 8 });
		assert.equal((at(false, 'DeployFailed')[1] as { tone: string }).tone, 'bad');
		assert.deepEqual(at(false)[1], { state: 'answered', tone: 'neutral', text: 'Not deployed on this account', code: '', checkedAt: 8 });
		assert.equal((at(false)[0] as { tone: string }).tone, 'warning', 'a create whose assignment is absent');
		assert.equal((at(true, undefined, 'DeleteRoleAssignment')[0] as { tone: string }).tone, 'warning', 'a delete whose assignment is still there');
		assert.equal((at(false, 'Weird<b>')[1] as { text: string }).text, 'Weird<b>', 'an unknown state verbatim');
		const pending = toNowView({ task: TASK, state: undefined, checking: true, pending: 'loading', describe: describe_, l10n: english });
		assert.deepEqual([pending.checking, pending.canCheck, pending.assignment.state], [true, true, 'pending']);
		const offline = toNowView({ task: TASK, state: undefined, checking: false, pending: 'unavailable', describe: describe_, l10n: english });
		assert.equal(offline.canCheck, false);
		const failed = toNowView({ task: TASK, state: { assignment: { state: 'error', error: new Error('x'), checkedAt: 1 }, provisioning: { state: 'notApplicable' } }, checking: false, pending: 'loading', describe: describe_, l10n: english });
		assert.deepEqual(failed.assignment, { state: 'error', message: 'described: x', checkedAt: 1 });
		assert.equal(failed.provisioning.state, 'notApplicable');
	});

	it('passes every hostile string through every name field untouched, as data for textContent', () => {
		for (const h of hostileCorpus()) {
			const context: TaskContext = {
				principal: { state: 'known', entry: { state: 'found', kind: 'User', id: h, userName: h, displayName: h, email: h, status: h, checkedAt: 1 } },
				account: { state: 'known', entry: { state: 'found', uin: 1, name: h, memberType: h, nodeName: h, checkedAt: 1 } },
				roleConfiguration: { state: 'known', entry: { state: 'found', id: h, name: h, description: h, sessionDuration: 1, checkedAt: 1 } },
			};
			const v = toContextView({ task: { ...TASK, PrincipalId: h }, context, pending: 'loading', targetTypeLabel: h, describe: describe_, l10n: english });
			const values = [v.principal, v.account, v.roleConfiguration].flatMap((s) => Object.values(found(s)));
			const shown = h.slice(0, NAME_WHOLE_LIMIT);
			assert.equal(values.filter((x) => x === shown).length, 4 + 4 + 2, 'user name, display name, email, status; account name, type, member type, unit; rc name, description');
			const rows = v.principal.state === 'found' ? v.principal.rows : [];
			assert.equal(rows[0].omitted, h.length > NAME_WHOLE_LIMIT ? h.length - NAME_WHOLE_LIMIT : undefined);
			const group = toContextView({ task: { ...TASK, PrincipalType: 'Group' }, context: { ...context, principal: { state: 'known', entry: { state: 'found', kind: 'Group', id: h, groupName: h, description: h, memberCount: 3, checkedAt: 1 } } }, pending: 'loading', targetTypeLabel: '', describe: describe_, l10n: english });
			assert.deepEqual(found(group.principal), { 'who:groupName': shown, 'who:description': shown, 'who:memberCount': '3' });
		}
	});

	it('bounds a name at NAME_WHOLE_LIMIT characters, never inside a surrogate pair', () => {
		assert.deepEqual(bounded('abc', 5), { text: 'abc', omitted: 0 });
		assert.deepEqual(bounded('abcdef', 4), { text: 'abcd', omitted: 2 });
		assert.deepEqual(bounded('abc😀def', 4), { text: 'abc', omitted: 5 }, 'the emoji is left whole, out');
		assert.deepEqual(bounded('y'.repeat(NAME_WHOLE_LIMIT)), { text: 'y'.repeat(NAME_WHOLE_LIMIT), omitted: 0 });
	});

	it('has every new label in Chinese', () => {
		const s = detailStrings(chinese);
		for (const key of ['contextHeading', 'account', 'checkedAt', 'nowHeading', 'nowIntro', 'assignment', 'provisioning', 'checkNow', 'checking', 'omittedChars'] as const) {
			assert.ok(!s[key].startsWith('MISSING'), `${key}: ${s[key]}`);
		}
		const context: TaskContext = {
			principal: { state: 'known', entry: { state: 'found', kind: 'User', id: 'u', userName: 'a', displayName: 'b', email: 'c', status: 'Enabled', checkedAt: 1 } },
			account: { state: 'known', entry: { state: 'found', uin: 1, name: 'n', memberType: 'Create', nodeName: 'r', checkedAt: 1 } },
			roleConfiguration: { state: 'known', entry: { state: 'found', id: 'rc', name: 'n', description: 'd', sessionDuration: 60, checkedAt: 1 } },
		};
		const v = toContextView({ task: TASK, context, pending: 'loading', targetTypeLabel: '成员账号', describe: describe_, l10n: chinese });
		const labels = [v.principal, v.account, v.roleConfiguration].flatMap((x) => (x as Extract<ContextSectionView, { state: 'found' }>).rows.flatMap((r) => [r.label, r.value]));
		assert.ok(labels.every((l) => !l.startsWith('MISSING')), labels.join(' | '));
		assert.ok(labels.includes('已启用') && labels.includes('在组织中创建'));
		assert.equal(sessionDurationText(90), '0:01:30 (90 s)');
	});

	it('accepts exactly { type: "checkNow" } from the page', () => {
		assert.equal(isFromWebviewMessage({ type: 'checkNow' }), true);
		assert.equal(isFromWebviewMessage(JSON.parse('{"type":"checkNow"}')), true);
		for (const bad of [
			{ type: 'checkNow', taskId: 't-other' },
			{ type: 'checkNow', principalId: 'u-1', zoneId: 'z-x' },
			{ type: 'checkNow', force: true },
			JSON.parse('{"type":"checkNow","__proto__":{"x":1}}'),
			{ type: 'checknow' },
			{ type: ['checkNow'] },
			Object.defineProperty({ type: 'checkNow' }, 'extra', { get: () => 1, enumerable: true }),
		]) {
			assert.equal(isFromWebviewMessage(bad), false, JSON.stringify(bad));
		}
	});
});
