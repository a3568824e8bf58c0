import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { call, errorCode, errorOf, type JsonRecord } from './helpers';

const Z = 'z-sample';

async function listAll(emu: RunningEmulator, params: JsonRecord, between?: (page: number) => void): Promise<{ tasks: TaskInfo[]; pages: JsonRecord[] }> {
	const tasks: TaskInfo[] = [];
	const pages: JsonRecord[] = [];
	let token: string | undefined;
	for (let page = 0; page < 10_000; page++) {
		const r = await call(emu, 'ListTasks', { ...params, ...(token ? { NextToken: token } : {}) });
		assert.equal(errorOf(r), undefined, JSON.stringify(r));
		pages.push(r);
		tasks.push(...(r.Tasks as TaskInfo[]));
		if (!r.IsTruncated) {
			return { tasks, pages };
		}
		token = r.NextToken as string;
		between?.(page);
	}
	throw new Error('paging did not end');
}

describe('emulator ListTasks', () => {
	let emu: RunningEmulator;
	before(async () => {
		emu = await startEmulator({ tasks: 400, seed: 11, requestsPerSecond: { ListTasks: Infinity, GetTaskStatus: Infinity } });
	});
	after(() => emu.close());

	it('defaults MaxResults to 10, echoes it, and returns NextToken only when truncated', async () => {
		const r = await call(emu, 'ListTasks', { ZoneId: Z });
		assert.equal((r.Tasks as TaskInfo[]).length, 10);
		assert.equal(r.MaxResults, 10);
		assert.equal(r.TotalCounts, 400);
		assert.equal(r.IsTruncated, true);
		assert.equal(typeof r.NextToken, 'string');
		assert.match(r.NextToken as string, /^[A-Za-z0-9+/]+=*$/);
		assert.deepEqual(Object.keys(r), ['NextToken', 'TotalCounts', 'MaxResults', 'IsTruncated', 'Tasks', 'RequestId']);

		const all = await call(emu, 'ListTasks', { ZoneId: Z, MaxResults: 100, Status: 'Failed' });
		const failed = emu.tasks().filter((t) => t.Status === 'Failed');
		assert.ok(failed.length > 0 && failed.length <= 100);
		assert.equal(all.IsTruncated, false);
		assert.equal('NextToken' in all, false);
		assert.equal(all.MaxResults, 100);
		assert.equal(all.TotalCounts, failed.length);
	});

	it('emits the ten TaskInfo fields with FailureReason only non-empty on Failed tasks', async () => {
		const { tasks } = await listAll(emu, { ZoneId: Z, MaxResults: 100 });
		assert.equal(tasks.length, 400);
		for (const t of tasks) {
			assert.deepEqual(Object.keys(t), ['TaskId', 'RoleConfigurationId', 'RoleConfigurationName', 'TargetUin', 'TargetType', 'PrincipalId', 'PrincipalType', 'TaskType', 'Status', 'FailureReason']);
			assert.equal(t.FailureReason !== '', t.Status === 'Failed', t.TaskId);
		}
	});

	it('ANDs the filters and reports the filtered total in TotalCounts', async () => {
		const all = emu.tasks();
		const sample = all.find((t) => t.Status === 'Success' && t.PrincipalType === 'User') as TaskInfo;
		const cases: JsonRecord[] = [
			{ Status: 'Success' },
			{ PrincipalType: 'Group' },
			{ TargetType: 'ManagerUin' },
			{ TaskType: 'DeleteRoleAssignment' },
			{ RoleConfigurationId: sample.RoleConfigurationId },
			{ RoleConfigurationId: sample.RoleConfigurationId, Status: 'Success' },
			{ PrincipalId: sample.PrincipalId, PrincipalType: 'User', TargetUin: sample.TargetUin, TargetType: sample.TargetType, RoleConfigurationId: sample.RoleConfigurationId, Status: 'Success', TaskType: sample.TaskType },
			{ PrincipalId: sample.PrincipalId, PrincipalType: 'Group' },
		];
		for (const filter of cases) {
			const expected = all.filter((t) => Object.entries(filter).every(([k, v]) => t[k as keyof TaskInfo] === v));
			const { tasks, pages } = await listAll(emu, { ZoneId: Z, MaxResults: 7, ...filter });
			assert.deepEqual(tasks.map((t) => t.TaskId), expected.map((t) => t.TaskId), JSON.stringify(filter));
			for (const p of pages) {
				assert.equal(p.TotalCounts, expected.length, JSON.stringify(filter));
			}
		}
		const none = await call(emu, 'ListTasks', { ZoneId: Z, PrincipalId: sample.PrincipalId, PrincipalType: 'Group' });
		assert.deepEqual([none.TotalCounts, none.IsTruncated, (none.Tasks as TaskInfo[]).length], [0, false, 0]);
	});

	it('treats an empty NextToken as the first page', async () => {
		const a = await call(emu, 'ListTasks', { ZoneId: Z, MaxResults: 3 });
		const b = await call(emu, 'ListTasks', { ZoneId: Z, MaxResults: 3, NextToken: '' });
		assert.deepEqual(a.Tasks, b.Tasks);
	});

	it('lets MaxResults change between pages but not the filters', async () => {
		const first = await call(emu, 'ListTasks', { ZoneId: Z, MaxResults: 5, Status: 'Success' });
		const next = await call(emu, 'ListTasks', { ZoneId: Z, MaxResults: 50, Status: 'Success', NextToken: first.NextToken });
		assert.equal(errorOf(next), undefined);
		assert.equal((next.Tasks as TaskInfo[]).length, 50);
		for (const other of [{ Status: 'Failed' }, {}, { Status: 'Success', TaskType: 'CreateRoleAssignment' }]) {
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: Z, ...other, NextToken: first.NextToken }), 'InvalidParameter.NextTokenInvalid');
		}
	});

	it('rejects tampered, foreign and garbage tokens with InvalidParameter.NextTokenInvalid', async () => {
		const first = await call(emu, 'ListTasks', { ZoneId: Z });
		const token = first.NextToken as string;
		const raw = Buffer.from(token, 'base64');
		// Point the cursor elsewhere but keep the MAC: the payload is JSON, so swap a digit.
		const edited = Buffer.from(raw.toString('latin1').replace('"p":10', '"p":90'), 'latin1').toString('base64');
		assert.notEqual(edited, token);
		const flipped = Buffer.from(raw);
		flipped[flipped.length - 1] = (flipped[flipped.length - 1]) ^ 1;
		const otherRun = await startEmulator({ tasks: 400, seed: 11 });
		const foreign = (await call(otherRun, 'ListTasks', { ZoneId: Z })).NextToken as string;
		await otherRun.close();
		for (const bad of [edited, flipped.toString('base64'), foreign, 'abc', 'OTM0YzE4MzY2ZjdhMWM0MYZDhnYaxsiYTLI=', token.slice(0, -4), `${token}AAAA`, '!!!!']) {
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: Z, NextToken: bad }), 'InvalidParameter.NextTokenInvalid', bad);
		}
		// The genuine token still works, any number of times (a client retrying a failed page).
		const again1 = await call(emu, 'ListTasks', { ZoneId: Z, NextToken: token });
		const again2 = await call(emu, 'ListTasks', { ZoneId: Z, NextToken: token });
		assert.deepEqual(again1.Tasks, again2.Tasks);
		assert.equal(again1.NextToken, again2.NextToken);
	});

	it('validates parameters: unknown, missing, wrong type, out-of-range value, not JSON', async () => {
		const en = async (params: unknown, rawBody?: string) => errorOf(await call(emu, 'ListTasks', params, { language: 'en-US', ...(rawBody !== undefined ? { rawBody } : {}) }));
		assert.deepEqual(await en({ ZoneId: Z, Limit: 5 }), { Code: 'UnknownParameter', Message: 'The parameter `Limit` is not recognized.' });
		assert.equal((await en({ ZoneId: Z, zoneid: Z }))?.Code, 'UnknownParameter');
		assert.equal((await en({ MaxResults: 5 }))?.Code, 'MissingParameter');
		assert.match((await en({}))?.Message ?? '', /`ZoneId`/);
		assert.equal((await en(undefined, ''))?.Code, 'MissingParameter');
		for (const bad of [{ ZoneId: 5 }, { ZoneId: Z, MaxResults: '10' }, { ZoneId: Z, MaxResults: 2.5 }, { ZoneId: Z, TargetUin: '100' }, { ZoneId: Z, Status: ['Failed'] }, { ZoneId: Z, NextToken: 1 }, { ZoneId: Z, PrincipalId: null }]) {
			assert.equal((await en(bad))?.Code, 'InvalidParameter', JSON.stringify(bad));
		}
		for (const bad of [{ MaxResults: 0 }, { MaxResults: 101 }, { MaxResults: -1 }, { Status: 'Done' }, { PrincipalType: 'Member' }, { TargetType: 'User' }, { TargetUin: -5 }]) {
			assert.equal((await en({ ZoneId: Z, ...bad }))?.Code, 'InvalidParameterValue', JSON.stringify(bad));
		}
		assert.equal((await en({ ZoneId: Z, MaxResults: 100 }))?.Code, undefined);
		assert.equal((await en({ ZoneId: Z, MaxResults: 1 }))?.Code, undefined);
		for (const body of ['{"ZoneId":', 'null', '[]', '"z-sample"', '{"ZoneId":"z"}x']) {
			assert.equal((await en(undefined, body))?.Code, 'InvalidParameter', body);
		}
		const zh = errorOf(await call(emu, 'ListTasks', { ZoneId: Z, Foo: 1 }));
		assert.deepEqual(zh, { Code: 'UnknownParameter', Message: '参数`Foo`未定义。' });
	});

	it('reports an unknown zone, and a disabled CIC before the zone', async () => {
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-other' }), 'FailedOperation.ZoneIdNotExist');
		assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: 'z-other', TaskId: 't-x' }), 'FailedOperation.ZoneIdNotExist');
		const zh = errorOf(await call(emu, 'ListTasks', { ZoneId: 'z-other' }));
		assert.equal(zh?.Message, 'CIC服务的用户zoneId不存在');
		emu.setCicEnabled(false);
		try {
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: Z }), 'FailedOperation.IdentityCenterNotOpen');
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-other' }), 'FailedOperation.IdentityCenterNotOpen');
			assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: 't-x' }), 'FailedOperation.IdentityCenterNotOpen');
			assert.equal(errorOf(await call(emu, 'ListTasks', { ZoneId: Z }, { language: 'en-US' }))?.Message, 'The CIC service is not enabled.');
			// Parameter errors still come first.
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: Z, MaxResults: 0 }), 'InvalidParameterValue');
		} finally {
			emu.setCicEnabled(true);
		}
		const started = await startEmulator({ tasks: 1, cicDisabled: true });
		assert.equal(await errorCode(started, 'ListTasks', { ZoneId: Z }), 'FailedOperation.IdentityCenterNotOpen');
		await started.close();
	});
});

describe('emulator GetTaskStatus', () => {
	let emu: RunningEmulator;
	before(async () => {
		emu = await startEmulator({ tasks: 200, seed: 3 });
	});
	after(() => emu.close());

	it('returns Status, TaskId, TaskType, and FailureReason only when Failed', async () => {
		const tasks = emu.tasks();
		for (const status of ['Success', 'InProgress', 'Failed']) {
			const t = tasks.find((x) => x.Status === status) as TaskInfo;
			const r = await call(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: t.TaskId });
			const expected: JsonRecord = { Status: t.Status, TaskId: t.TaskId, TaskType: t.TaskType };
			if (status === 'Failed') {
				expected.FailureReason = t.FailureReason;
				assert.ok(t.FailureReason.length > 0);
			}
			assert.deepEqual(r.TaskStatus, expected);
		}
	});

	it('follows setTaskStatus', async () => {
		const t = emu.tasks().find((x) => x.Status === 'InProgress') as TaskInfo;
		emu.setTaskStatus(t.TaskId, 'Failed', '成员账号不在当前集团组织中。');
		assert.deepEqual((await call(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: t.TaskId })).TaskStatus, {
			Status: 'Failed',
			TaskId: t.TaskId,
			TaskType: t.TaskType,
			FailureReason: '成员账号不在当前集团组织中。',
		});
		emu.setTaskStatus(t.TaskId, 'Success');
		const after = emu.tasks().find((x) => x.TaskId === t.TaskId);
		assert.equal(after?.FailureReason, '');
		assert.throws(() => emu.setTaskStatus('t-none', 'Success'), /no task/);
	});

	it('reports an unknown task and parameter errors', async () => {
		assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: 't-doesnotexist' }), 'ResourceNotFound.RoleConfigurationTaskNotFound');
		assert.equal(errorOf(await call(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: 't-nope' }))?.Message, '权限配置任务不存在');
		assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: Z }), 'MissingParameter');
		assert.equal(await errorCode(emu, 'GetTaskStatus', { TaskId: 't-1' }), 'MissingParameter');
		assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: 7 }), 'InvalidParameter');
		assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: Z, TaskId: 't-1', MaxResults: 1 }), 'UnknownParameter');
	});
});
