import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plural, pluralOf } from '../../../src/model/plural';
import { detailStrings, overviewStrings, type Localizer } from '../../../src/webview/strings';
import { format, formatCount } from '../../../src/webview/text';

const english: Localizer = { t: (message) => message };
const bundle = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const chinese: Localizer = { t: (message) => bundle[message] ?? `MISSING ${message}` };

describe('plural forms (issue 14, item 7)', () => {
	it('picks one for exactly 1 and other for 0, 2 and more', () => {
		assert.equal(plural(0, 'one', 'other'), 'other');
		assert.equal(plural(1, 'one', 'other'), 'one');
		assert.equal(plural(2, 'one', 'other'), 'other');
		assert.equal(plural(1051, 'one', 'other'), 'other');
		assert.equal(pluralOf({ one: 'a', other: 'b' }, 1), 'a');
	});

	it('says "1 task" and "0 tasks", "2 tasks" in every count-bearing Overview string', () => {
		const s = overviewStrings(english);
		const at = (n: number): string[] => [
			formatCount(s.loadedTasks, n, n),
			formatCount(s.tasksCount, n, n),
			formatCount(s.showTasks, n, n),
			formatCount(s.cellLabel, n, 'Admins', 'Failed', n),
			formatCount(s.reasonLabel, n, n),
		];
		assert.deepEqual(at(0), [
			'0 tasks loaded',
			'0 tasks',
			'(0 tasks; show them in the Tasks view)',
			'Admins, Failed: 0 tasks. Show them in the Tasks view.',
			'Show failed tasks of the role configurations with this reason (0 tasks)',
		]);
		assert.deepEqual(at(1), [
			'1 task loaded',
			'1 task',
			'(1 task; show it in the Tasks view)',
			'Admins, Failed: 1 task. Show it in the Tasks view.',
			'Show failed tasks of the role configurations with this reason (1 task)',
		]);
		assert.deepEqual(at(2), [
			'2 tasks loaded',
			'2 tasks',
			'(2 tasks; show them in the Tasks view)',
			'Admins, Failed: 2 tasks. Show them in the Tasks view.',
			'Show failed tasks of the role configurations with this reason (2 tasks)',
		]);
		for (const n of [0, 1, 2]) {
			assert.ok(at(n).every((text) => !/\b1 tasks\b|\b[02] task\b(?! loaded)|\(1 tasks\)/.test(text)), at(n).join(' | '));
		}
	});

	it('has a translation for both forms in Chinese, which has one form', () => {
		const s = overviewStrings(chinese);
		for (const forms of [s.loadedTasks, s.tasksCount, s.showTasks, s.cellLabel, s.reasonLabel]) {
			assert.ok(!forms.one.startsWith('MISSING') && !forms.other.startsWith('MISSING'), JSON.stringify(forms));
			assert.equal(forms.one, forms.other, 'Chinese uses one form for every count');
		}
		assert.deepEqual([0, 1, 2].map((n) => formatCount(s.tasksCount, n, n)), ['0 个任务', '1 个任务', '2 个任务']);
		assert.deepEqual([0, 1, 2].map((n) => formatCount(s.loadedTasks, n, n)), ['已加载 0 个任务', '已加载 1 个任务', '已加载 2 个任务']);
		const detail = detailStrings(chinese);
		for (const [key, value] of Object.entries({ ...detail, ...detail.copy })) {
			if (typeof value === 'string') {
				assert.ok(!value.startsWith('MISSING'), `detail ${key}: ${value}`);
			}
		}
	});

	it('fills placeholders as text and leaves missing ones alone', () => {
		assert.equal(format('{0} of {1}', '<b>', 3), '<b> of 3');
		assert.equal(format('{0} and {2}', 'a'), 'a and {2}');
	});
});
