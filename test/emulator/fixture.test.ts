import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskInfo } from '../../src/api/types';
import { FixtureError, startEmulator } from '../../src/emulator/index';
import { loadFixtureFile, parseFixture } from '../../src/emulator/fixture';
import { makeTask } from '../fixtures/tasks';
import { call } from './helpers';

const base: TaskInfo = makeTask('t-1', { RoleConfigurationId: 'rc-1', RoleConfigurationName: 'ReadOnly' });

function fixtureError(text: string): string {
	try {
		parseFixture(text, 'tasks.json');
	} catch (e) {
		assert.ok(e instanceof FixtureError);
		return e.message;
	}
	assert.fail('expected a FixtureError');
}

describe('emulator fixtures', () => {
	let dir: string;
	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'cic-emu-'));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	it('names the problem: missing file, JSON position, not an array, item field, duplicate TaskId', async () => {
		await assert.rejects(loadFixtureFile(join(dir, 'nope.json')), (e: Error) => e instanceof FixtureError && /nope\.json: file not found/.test(e.message));
		assert.match(fixtureError('[\n  {"TaskId": "t-1",}\n]'), /^tasks\.json: not valid JSON at line 2, column 20 /);
		assert.match(fixtureError('[1, 2'), /not valid JSON at line 1, column 6/);
		assert.match(fixtureError(''), /not valid JSON/);
		assert.match(fixtureError('{"Tasks": []}'), /expected a JSON array of TaskInfo objects, got object/);
		assert.match(fixtureError(JSON.stringify([base, 5])), /item \[1\]: expected a TaskInfo object, got number/);
		const { Status: _s, ...noStatus } = base;
		assert.match(fixtureError(JSON.stringify([noStatus])), /item \[0\]: missing field Status/);
		assert.match(fixtureError(JSON.stringify([{ ...base, TargetUin: '100' }])), /item \[0\]: field TargetUin must be a non-negative integer, got string/);
		assert.match(fixtureError(JSON.stringify([{ ...base, TaskType: null }])), /item \[0\]: field TaskType must be a string, got null/);
		assert.match(fixtureError(JSON.stringify([{ ...base, FailureReason: 3 }])), /field FailureReason must be a string/);
		assert.match(fixtureError(JSON.stringify([{ ...base, Extra: 1 }])), /item \[0\]: unknown field "Extra"/);
		assert.match(fixtureError(JSON.stringify([base, { ...base, TaskId: 't-2' }, base])), /item \[2\]: duplicate TaskId \(the same as item \[0\]\)$/);
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, '[{]');
		await assert.rejects(startEmulator({ fixture: bad }), /bad\.json: not valid JSON at line 1, column 3/);
	});

	it('never quotes the file: broken JSON, duplicate ids and bad UINs are described by position', () => {
		const marker = 'MARKER-5e1f-do-not-echo';
		const cases = [
			`[{"TaskId": "t-1", "RoleConfigurationName": ${marker}}]`,
			`[{"TaskId": "${marker}" "Status": "Failed"}]`,
			`[{"TaskId": "t-1"}] ${marker}`,
			`{"${marker}": [1, 2,]}`,
			JSON.stringify([{ ...base, TaskId: marker }, { ...base, TaskId: marker }]),
		];
		for (const text of cases) {
			const message = fixtureError(text);
			assert.match(message, /^tasks\.json: /);
			assert.ok(!message.includes('MARKER') && !message.includes('echo'), `quotes the file: ${message}`);
		}
		assert.match(fixtureError(cases[0] ?? ''), /not valid JSON at line 1, column 45 \(position 44\): expected a value$/);
		assert.match(fixtureError(JSON.stringify([{ ...base, TargetUin: -12345 }])), /field TargetUin must be a non-negative integer, got a negative number$/);
		assert.match(fixtureError(JSON.stringify([{ ...base, TargetUin: 2 ** 60 }])), /got a number too large to be exact$/);
		assert.doesNotMatch(fixtureError(JSON.stringify([{ ...base, TargetUin: 12.375 }])), /12\.375/);
	});

	it('reports 100,000 levels of nesting with a position, not RangeError', () => {
		assert.match(fixtureError('['.repeat(100_000)), /^tasks\.json: not valid JSON at line 1, column 100001 \(position 100000, the end of the file\): expected a value$/);
		assert.match(fixtureError(`${'{"a":['.repeat(100_000)}`), /not valid JSON at line 1, column 600001/);
	});

	it('defaults a missing FailureReason to the empty string and accepts a BOM', () => {
		const { FailureReason: _f, ...noReason } = base;
		assert.deepEqual(parseFixture('\ufeff' + JSON.stringify([noReason])), [base]);
	});

	it('serves hostile strings verbatim, in fixture order', async () => {
		const hostile: TaskInfo[] = [
			{ ...base, TaskId: 't-xss', RoleConfigurationName: '<img src=x onerror=alert(1)>', PrincipalId: '"><script>alert(document.cookie)</script>' },
			{ ...base, TaskId: 't-rtl', RoleConfigurationName: '\u202Egnp.exe\u202C مرحبا 财务只读', Status: 'Failed', FailureReason: '</td><b onmouseover=x>\u0000\u2028' },
			{ ...base, TaskId: 't-long', RoleConfigurationName: 'A'.repeat(200_000), TaskType: 'SomeFutureTaskType', Status: 'Paused' },
			{ ...base, TaskId: 't-emoji-🙂', RoleConfigurationId: 'rc-${7*7}{{7*7}}', TargetUin: 0, TargetType: 'User', PrincipalType: 'Member' },
		];
		const file = join(dir, 'hostile.json');
		writeFileSync(file, JSON.stringify(hostile, null, 2));
		const emu = await startEmulator({ fixture: file });
		try {
			const r = await call(emu, 'ListTasks', { ZoneId: 'z-sample', MaxResults: 100 });
			assert.deepEqual(r.Tasks, hostile);
			assert.equal(r.TotalCounts, 4);
			const status = await call(emu, 'GetTaskStatus', { ZoneId: 'z-sample', TaskId: 't-rtl' });
			assert.deepEqual(status.TaskStatus, { Status: 'Failed', TaskId: 't-rtl', TaskType: base.TaskType, FailureReason: hostile[1]?.FailureReason });
			const filtered = await call(emu, 'ListTasks', { ZoneId: 'z-sample', TaskType: 'SomeFutureTaskType' });
			assert.deepEqual((filtered.Tasks as TaskInfo[]).map((t) => t.TaskId), ['t-long']);
		} finally {
			await emu.close();
		}
	});

	it('takes fixture arrays in code and addTasks appends after existing tasks', async () => {
		const emu = await startEmulator({ fixture: [base] });
		try {
			emu.addTasks([{ ...base, TaskId: 't-2' }]);
			assert.deepEqual(emu.tasks().map((t) => t.TaskId), ['t-1', 't-2']);
			assert.throws(() => emu.addTasks([{ ...base, TaskId: 't-3' }, base]), /duplicate TaskId/);
			assert.equal(emu.tasks().length, 2, 'a rejected batch adds nothing');
		} finally {
			await emu.close();
		}
		await assert.rejects(startEmulator({ fixture: [{ ...base, TargetUin: 1.5 }] }), /fixture option: item \[0\]: field TargetUin/);
	});
});
