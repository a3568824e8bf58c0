import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { CSV_COLUMNS, isFormulaLike, toCsv, toJson } from '../../../src/model/exportTasks';
import { makeTask } from '../../fixtures/tasks';
import { FakeNames } from './fakeNames';
import { HOSTILE } from './hostileStrings';

const META = { zoneId: 'z-abc123', filter: 'Failed · rc-abc', exportedAt: '2025-01-02T03:04:05.000Z' };

function task(id: string, overrides: Partial<TaskInfo> = {}): TaskInfo {
	return makeTask(id, { RoleConfigurationId: 'rc-abc', Status: 'Failed', ...overrides });
}

/** A strict RFC 4180 reader, to check the writer against an independent parse. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i += 2;
				continue;
			}
			if (c === '"') {
				quoted = false;
			} else {
				cell += c;
			}
			i++;
			continue;
		}
		if (c === '"') {
			assert.equal(cell, '', 'a quote may only open a field');
			quoted = true;
		} else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else {
			assert.ok(c !== '\n' && c !== '\r', 'bare line breaks only inside quotes');
			cell += c;
		}
		i++;
	}
	assert.equal(cell, '');
	assert.equal(row.length, 0, 'ends with CRLF');
	return rows;
}

describe('export', () => {
	it('writes CSV with a header, CRLF, metadata columns on every row', () => {
		const rows = parseCsv(toCsv([task('t-1'), task('t-2', { Status: 'Success' })], META));
		assert.deepEqual(rows[0], CSV_COLUMNS);
		assert.equal(rows.length, 3);
		assert.deepEqual(rows[1], [
			't-1',
			'Failed',
			'CreateRoleAssignment',
			'rc-abc',
			'Admin',
			'MemberUin',
			'100012345678',
			'User',
			'u-1',
			'',
			'unknown',
			'',
			'',
			'',
			'unknown',
			'',
			'z-abc123',
			'Failed · rc-abc',
			'2025-01-02T03:04:05.000Z',
		]);
		assert.equal(rows[2][1], 'Success');
	});

	it('quotes commas, quotes and line breaks per RFC 4180', () => {
		const reason = 'Policy "A", then\r\nline two\nline three';
		const csv = toCsv([task('t-1', { FailureReason: reason, RoleConfigurationName: 'a,b' })], META);
		assert.ok(csv.includes('"Policy ""A"", then\r\nline two\nline three"'));
		const rows = parseCsv(csv);
		assert.equal(rows[1][9], reason);
		assert.equal(rows[1][4], 'a,b');
	});

	it('neutralises cells a spreadsheet would run as formulas', () => {
		const csv = toCsv(
			[
				task('t-1', {
					FailureReason: '=HYPERLINK("http://x","y")',
					RoleConfigurationName: '+1',
					PrincipalId: '-2',
					TaskType: '@SUM(A1)',
					TargetType: '\tcmd',
				}),
			],
			{ ...META, filter: '=cmd' },
		);
		const row = parseCsv(csv)[1];
		assert.equal(row[9], `'=HYPERLINK("http://x","y")`);
		assert.equal(row[4], "'+1");
		assert.equal(row[8], "'-2");
		assert.equal(row[2], "'@SUM(A1)");
		assert.equal(row[5], "'\tcmd");
		assert.equal(row[CSV_COLUMNS.indexOf('Filter')], "'=cmd");
		assert.equal(row[6], '100012345678', 'numbers are written as they are');
	});

	it('neutralises formulas hidden behind whitespace, line breaks, zero-width and bidi characters, fullwidth signs and |', () => {
		// Each gap named in issue 13 item 7, and their neighbours: all got through before the fix.
		const hostile: [string, string][] = [
			['leading space before =', ' =HYPERLINK("http://x")'],
			['leading tabs and spaces before =', ' \t =1+1'],
			['leading line feed', '\n=cmd|\' /C calc\'!A0'],
			['leading CRLF', '\r\n@SUM(A1)'],
			['no-break and ideographic spaces', '\u00a0\u3000+1'],
			['fullwidth equals', '\uff1dHYPERLINK("http://x")'],
			['fullwidth plus', '\uff0b1'],
			['fullwidth minus', '\uff0d1'],
			['fullwidth at', '\uff20SUM(A1)'],
			['zero-width space', '\u200b=1+1'],
			['byte order mark', '\ufeff=1+1'],
			['zero-width joiner', '\u200d-1'],
			['right-to-left override', '\u202e=1+1'],
			['left-to-right mark', '\u200e@x'],
			['pipe (DDE)', '|cmd'],
			['percent', '%0A'],
			['fullwidth pipe', '\uff5ccmd'],
			['NUL first', '\u0000abc'],
		];
		const missed = hostile.filter(([, value]) => {
			const csv = toCsv([task('t-1', { FailureReason: value })], META);
			const shown = value.replace('\u202e', '[U+202E]').replace('\u200e', '[U+200E]');
			return !(parseCsv(csv)[1]?.[9] === `'${shown}` && csv.includes(`"'`));
		});
		assert.deepEqual(missed.map(([name]) => name), [], 'each is prefixed with an apostrophe and quoted');
		assert.equal(parseCsv(toCsv([task('t-1', { FailureReason: ' =1' })], META))[1]?.[9], "' =1", 'the value follows the apostrophe unchanged');
	});

	it('replaces every bidi control in CSV cells with a visible tag', () => {
		const controls = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
		const reason = `ok ${controls.join('x')} end`;
		const csv = toCsv([task('t-1', { RoleConfigurationName: 'Admin\u202egnp.exe', FailureReason: reason })], { ...META, filter: 'role \u2066rc-1\u2069' });
		for (const c of controls) {
			assert.ok(!csv.includes(c), `U+${c.codePointAt(0)?.toString(16)} survives`);
		}
		const row = parseCsv(csv)[1] ?? [];
		assert.equal(row[4], 'Admin[U+202E]gnp.exe');
		assert.equal(row[9], 'ok [U+202A]x[U+202B]x[U+202C]x[U+202D]x[U+202E]x[U+2066]x[U+2067]x[U+2068]x[U+2069]x[U+200E]x[U+200F]x[U+061C] end');
		assert.equal(row[CSV_COLUMNS.indexOf('Filter')], 'role [U+2066]rc-1[U+2069]');
	});

	it('leaves legitimate values as they are: IDs, UINs, any script, joiners inside text', () => {
		const values = {
			TaskId: 't-9dk3m2s8',
			PrincipalId: 'u-3mc7bqk2',
			RoleConfigurationId: 'rc-4kd8s2x1',
			RoleConfigurationName: '财务只读',
			FailureReason: 'مرحبا 👩\u200d💻 Policy "A" — 成员账号 100012345678 不在当前集团组织中。',
			TaskType: 'DeleteRoleAssignment',
		};
		const csv = toCsv([task('t-1', values)], META);
		assert.ok(!csv.includes("'"), 'no apostrophe added');
		const row = parseCsv(csv)[1] ?? [];
		assert.deepEqual([row[0], row[8], row[3], row[4], row[9], row[2], row[6]], [
			values.TaskId, values.PrincipalId, values.RoleConfigurationId, values.RoleConfigurationName, values.FailureReason, values.TaskType, '100012345678',
		]);
	});

	it('writes bidi controls in JSON as \\u escapes that parse back to the exact value', () => {
		const reason = 'Admin\u202egnp.exe \u2066x\u2069 \u200e\u200f\u061c';
		const text = toJson([task('t-1', { FailureReason: reason })], { ...META, filter: '\u202bfilter' });
		assert.ok(!/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(text), 'no raw bidi control in the file');
		assert.ok(text.includes('Admin\\u202egnp.exe'));
		const parsed = JSON.parse(text) as { meta: { filter: string }; tasks: { FailureReason: string }[] };
		assert.equal(parsed.tasks[0]?.FailureReason, reason);
		assert.equal(parsed.meta.filter, '\u202bfilter');
	});

	it('writes only the header for no tasks', () => {
		assert.equal(toCsv([], META), `${CSV_COLUMNS.join(',')}\r\n`);
	});

	it('writes JSON with metadata and the ten task fields', () => {
		const extra = { ...task('t-1', { FailureReason: '=1+1' }), Unexpected: 'dropped' } as TaskInfo;
		const parsed = JSON.parse(toJson([extra], META)) as { meta: Record<string, unknown>; tasks: Record<string, unknown>[] };
		assert.deepEqual(parsed.meta, { format: 'cic-tasks-export', version: 1, ...META, count: 1 });
		assert.equal(parsed.tasks.length, 1);
		assert.equal(Object.keys(parsed.tasks[0]).length, 16, 'ten task fields and six name fields');
		assert.equal(parsed.tasks[0].FailureReason, '=1+1', 'JSON needs no formula guard');
		assert.equal(parsed.tasks[0].TargetUin, 100012345678);
	});
});

describe('export with names', () => {
	const names = new FakeNames()
		.user('u-alice', 'alice', 'Alice Wang', 'alice@example.com')
		.group('g-dev', 'Developers')
		.missingPrincipal('User', 'u-gone')
		.named(100000243611, 'Prod Web')
		.missingAccount(100000000009);
	const tasks = [
		task('t-1', { PrincipalId: 'u-alice', TargetUin: 100000243611 }),
		task('t-2', { PrincipalId: 'g-dev', PrincipalType: 'Group', TargetUin: 100000000009 }),
		task('t-3', { PrincipalId: 'u-gone', TargetUin: 100000000123 }),
	];
	const columns = ['PrincipalNameState', 'PrincipalName', 'PrincipalDisplayName', 'PrincipalEmail', 'AccountNameState', 'AccountName'];

	it('adds name columns to CSV, before the metadata columns', () => {
		const rows = parseCsv(toCsv(tasks, META, names));
		assert.deepEqual(rows[0].slice(10, 16), columns);
		assert.deepEqual(rows[0].slice(16), ['ZoneId', 'Filter', 'ExportedAt']);
		assert.deepEqual(rows[1].slice(10, 16), ['found', 'alice', 'Alice Wang', 'alice@example.com', 'found', 'Prod Web']);
		assert.deepEqual(rows[2].slice(10, 16), ['found', 'Developers', '', '', 'notFound', '']);
		assert.deepEqual(rows[3].slice(10, 16), ['notFound', '', '', '', 'unknown', '']);
		assert.equal(rows[1][8], 'u-alice', 'the IDs stay');
	});

	it('adds name fields to each JSON task', () => {
		const parsed = JSON.parse(toJson(tasks, META, names)) as { tasks: Record<string, unknown>[] };
		assert.deepEqual(Object.keys(parsed.tasks[0]).slice(10), columns);
		assert.equal(parsed.tasks[0].PrincipalDisplayName, 'Alice Wang');
		assert.equal(parsed.tasks[0].AccountName, 'Prod Web');
		assert.equal(parsed.tasks[1].AccountNameState, 'notFound');
		assert.equal(parsed.tasks[2].PrincipalNameState, 'notFound');
	});

	it('runs every name through the CSV-injection guard and keeps JSON exact', () => {
		for (const { name, value } of [...HOSTILE, { name: 'formula', value: '=HYPERLINK("https://evil.example","x")' }, { name: 'fullwidth', value: '＋cmd' }]) {
			const lookup = new FakeNames().user('u-h', value, value, value).named(100000000001, value);
			const one = [task('t-h', { PrincipalId: 'u-h', TargetUin: 100000000001 })];
			const [, row] = parseCsv(toCsv(one, META, lookup));
			for (const cell of row.slice(11, 14).concat(row[15])) {
				assert.ok(!isFormulaLike(cell), `${name}: a formula-like name cell is neutralised: ${JSON.stringify(cell.slice(0, 80))}`);
				assert.ok(!/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(cell), `${name}: no bidi control in a cell`);
			}
			const parsed = JSON.parse(toJson(one, META, lookup)) as { tasks: Record<string, unknown>[] };
			assert.equal(parsed.tasks[0].PrincipalName, value, `${name}: JSON keeps the exact value`);
			assert.equal(parsed.tasks[0].AccountName, value, `${name}: JSON keeps the exact value`);
		}
	});
});
