import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { CSV_COLUMNS, toCsv, toJson } from '../../../src/model/exportTasks';
import { makeTask } from '../../fixtures/tasks';

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
		assert.equal(row[11], "'=cmd");
		assert.equal(row[6], '100012345678', 'numbers are written as they are');
	});

	it('writes only the header for no tasks', () => {
		assert.equal(toCsv([], META), `${CSV_COLUMNS.join(',')}\r\n`);
	});

	it('writes JSON with metadata and the ten task fields', () => {
		const extra = { ...task('t-1', { FailureReason: '=1+1' }), Unexpected: 'dropped' } as TaskInfo;
		const parsed = JSON.parse(toJson([extra], META)) as { meta: Record<string, unknown>; tasks: Record<string, unknown>[] };
		assert.deepEqual(parsed.meta, { format: 'cic-tasks-export', version: 1, ...META, count: 1 });
		assert.equal(parsed.tasks.length, 1);
		assert.equal(Object.keys(parsed.tasks[0]).length, 10);
		assert.equal(parsed.tasks[0].FailureReason, '=1+1', 'JSON needs no formula guard');
		assert.equal(parsed.tasks[0].TargetUin, 100012345678);
	});
});
