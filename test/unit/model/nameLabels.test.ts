import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { taskPickText, type TaskWords } from '../../../src/model/displayText';
import { inertText } from '../../../src/model/inertText';
import { accountLabel, accountNameRows, NAME_LABEL_LIMITS, notFoundSuffix, principalLabel, principalNameRows, whoWhereLabel } from '../../../src/model/nameLabels';
import type { Localizer } from '../../../src/model/notifications';
import { ELLIPSIS, LABEL_LIMITS, shortText } from '../../../src/model/shorten';
import { makeTask } from '../../fixtures/tasks';
import { FakeNames } from './fakeNames';
import { assertInert, HOSTILE } from './hostileStrings';

function format(message: string, args: readonly (string | number | boolean)[]): string {
	return message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
}

function l10nDir(): string {
	let dir = __dirname;
	while (!fs.existsSync(path.join(dir, 'l10n'))) {
		dir = path.dirname(dir);
	}
	return path.join(dir, 'l10n');
}

const zh = JSON.parse(fs.readFileSync(path.join(l10nDir(), 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const EN: Localizer = { t: (message, ...args) => format(message, args) };
const ZH: Localizer = { t: (message, ...args) => format(zh[message] ?? message, args) };

const names = new FakeNames()
	.user('u-alice', 'alice', 'Alice Wang', 'alice@example.com')
	.user('u-bob', 'bob', 'bob')
	.user('u-nameless', '', '')
	.group('g-dev', 'Developers')
	.missingPrincipal('User', 'u-h519934')
	.named(100000243611, 'Prod Web')
	.missingAccount(100000000009)
	.unlistedAccount(100000000001);

describe('names in labels', () => {
	it('reads a task row as "Alice Wang (alice) → Prod Web · 100000243611"', () => {
		const task = makeTask('t-1', { PrincipalId: 'u-alice', TargetUin: 100000243611 });
		assert.equal(whoWhereLabel(task, names, EN), 'Alice Wang (alice) → Prod Web · 100000243611');
	});

	it('names users, groups and accounts, and shows an unknown ID alone', () => {
		assert.equal(principalLabel(names.principal('User', 'u-alice'), 'u-alice', EN), 'Alice Wang (alice)');
		assert.equal(principalLabel(names.principal('User', 'u-bob'), 'u-bob', EN), 'bob', 'display name = user name: once');
		assert.equal(principalLabel(names.principal('User', 'u-nameless'), 'u-nameless', EN), 'u-nameless', 'no name: the ID');
		assert.equal(principalLabel(names.principal('Group', 'g-dev'), 'g-dev', EN), 'Developers (g-dev)', 'a group keeps its ID in sight');
		assert.equal(principalLabel(undefined, 'u-unknown', EN), 'u-unknown');
		assert.equal(accountLabel(names.account(100000243611), 100000243611, EN), 'Prod Web · 100000243611');
		assert.equal(accountLabel(undefined, 100012345678, EN), '100012345678');
		const task = makeTask('t-2', { PrincipalId: 'u-unknown', TargetUin: 100012345678 });
		assert.equal(whoWhereLabel(task, names, EN), 'u-unknown → 100012345678');
	});

	it('marks IDs the directory answered do not exist, in English and Chinese', () => {
		assert.equal(principalLabel(names.principal('User', 'u-h519934'), 'u-h519934', EN), 'u-h519934 (not found)');
		assert.equal(principalLabel(names.principal('User', 'u-h519934'), 'u-h519934', ZH), 'u-h519934（未找到）');
		assert.equal(accountLabel(names.account(100000000009), 100000000009, EN), '100000000009 (not found)');
		assert.equal(accountLabel(names.account(100000000009), 100000000009, ZH), '100000000009（未找到）');
		assert.equal(notFoundSuffix(names.principal('User', 'u-h519934'), ZH), ' （未找到）');
		assert.equal(notFoundSuffix(names.principal('User', 'u-alice'), EN), '');
	});

	it('never calls a manager account the member list leaves out not found: its UIN alone, and a tooltip suffix', () => {
		assert.equal(accountLabel(names.account(100000000001), 100000000001, EN), '100000000001');
		assert.equal(whoWhereLabel(makeTask('t-9', { PrincipalId: 'u-alice', TargetUin: 100000000001, TargetType: 'ManagerUin' }), names, EN), 'Alice Wang (alice) → 100000000001');
		assert.equal(notFoundSuffix(names.account(100000000001), EN), ' (not in the member list)');
		assert.equal(notFoundSuffix(names.account(100000000001), ZH), ' （不在成员列表中）');
		assert.deepEqual(accountNameRows(names.account(100000000001), EN), []);
	});

	it('shortens long names in labels and keeps them whole in the tooltip rows', () => {
		const long = 'N'.repeat(5000);
		const lookup = new FakeNames().user('u-long', `u${long}`, long, `${long}@example.com`).named(100000000001, long);
		const label = principalLabel(lookup.principal('User', 'u-long'), 'u-long', EN);
		assert.equal(label, `${'N'.repeat(NAME_LABEL_LIMITS.maxChars)}${ELLIPSIS} (u${'N'.repeat(NAME_LABEL_LIMITS.maxChars - 1)}${ELLIPSIS})`);
		const row = whoWhereLabel(makeTask('t-3', { PrincipalId: 'u-long', TargetUin: 100000000001 }), lookup, EN);
		assert.ok(row.endsWith(`${ELLIPSIS} · 100000000001`), 'the UIN survives a long account name');
		const bounded = whoWhereLabel(makeTask('t-3', { PrincipalId: 'u-long', TargetUin: 100000000001 }), lookup, EN, (side) => shortText(side, LABEL_LIMITS));
		assert.ok(bounded.endsWith(' · 100000000001'), `a label cut keeps the UIN: ${bounded}`);
		assert.deepEqual(principalNameRows(lookup.principal('User', 'u-long'), EN).map((r) => r.value), [`u${long}`, long, `${long}@example.com`]);
		assert.deepEqual(accountNameRows(lookup.account(100000000001), EN), [{ label: 'Account name', value: long }]);
	});

	it('lists user name, display name and email, a group name, an account name for the tooltip', () => {
		assert.deepEqual(principalNameRows(names.principal('User', 'u-alice'), EN), [
			{ label: 'User name', value: 'alice' },
			{ label: 'Display name', value: 'Alice Wang' },
			{ label: 'Email', value: 'alice@example.com' },
		]);
		assert.deepEqual(principalNameRows(names.principal('Group', 'g-dev'), ZH), [{ label: '用户组名称', value: 'Developers' }]);
		assert.deepEqual(principalNameRows(names.principal('User', 'u-h519934'), EN), []);
		assert.deepEqual(principalNameRows(undefined, EN), []);
		assert.deepEqual(accountNameRows(names.account(100000243611), ZH), [{ label: '账号名称', value: 'Prod Web' }]);
	});

	it('keeps every hostile name inert in QuickPick items and bounded in labels', () => {
		let lookup = new FakeNames();
		const words: TaskWords = {
			statusLabel: (s) => s,
			taskTypeLabel: (t) => t,
			taskDescription: (task) => whoWhereLabel(task, lookup, EN),
		};
		for (const { name, value } of HOSTILE) {
			lookup = new FakeNames().user('u-h', value, value, value).group('g-h', value).named(100000000001, value);
			for (const [type, id] of [['User', 'u-h'], ['Group', 'g-h']] as const) {
				const label = principalLabel(lookup.principal(type, id), id, EN);
				assert.ok([...label].length <= 2 * (NAME_LABEL_LIMITS.maxChars + 1) + 10, `${name}: ${type} label bounded`);
				assert.ok(!/[\r\n\u2028\u2029]/.test(label), `${name}: one line`);
				assertInert(inertText(label), `${name}: ${type} pick label`);
			}
			const account = accountLabel(lookup.account(100000000001), 100000000001, EN);
			assert.ok(account.endsWith(' · 100000000001'), `${name}: the UIN stays`);
			for (const lang of [EN, ZH]) {
				const task = makeTask('t-h', { PrincipalId: 'u-h', TargetUin: 100000000001, Status: 'Failed', FailureReason: 'x' });
				const pick = taskPickText(task, words, true);
				assertInert(pick.label, `${name}: task pick label`);
				assertInert(pick.description, `${name}: task pick description`);
				assertInert(pick.detail, `${name}: task pick detail`);
				for (const row of principalNameRows(lookup.principal('User', 'u-h'), lang)) {
					assert.equal(row.value, value, `${name}: tooltip rows carry the value, the tooltip bounds and escapes it`);
				}
			}
		}
	});
});
