import * as assert from 'node:assert/strict';
import type { Agent } from 'node:http';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type * as D from '../../src/api/directoryTypes';
import type { GetTaskStatusResponse, ListTasksResponse, TaskInfo } from '../../src/api/types';
import type * as W from '../../src/api/writeTypes';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { loopbackAgent, sdkClientFor } from './directoryHelpers';

/**
 * The four write actions through the official SDK's CommonClient: parameters and their errors, the batch limit,
 * the documented conflicts, tasks that ListTasks and GetTaskStatus show going InProgress → Success/Failed, the
 * directory following them, and 20/s per action.
 */

interface SdkError {
	code?: string;
	message: string;
	requestId?: string;
}

async function sdkError(call: Promise<unknown>): Promise<SdkError> {
	return (await call.then(
		() => assert.fail('expected an error'),
		(e: unknown) => e,
	)) as SdkError;
}

describe('write actions: official SDK CommonClient against the emulator', function () {
	this.timeout(30_000);
	let emu: RunningEmulator;
	let agent: Agent;
	let sdk: CommonClient;
	let zone: string;
	// A long delay: each test settles the tasks it started itself.
	beforeEach(async () => {
		emu = await startEmulator({ tasks: 300, seed: 11, secretId: 'AKIDlocal', secretKey: 'local-secret-key', writeTaskDelayMs: 60_000 });
		agent = loopbackAgent();
		sdk = sdkClientFor(emu, agent);
		zone = emu.zoneId;
	});
	afterEach(async () => {
		agent.destroy();
		await emu.close();
	});

	/** Every page. */
	async function assignments(filter: Partial<D.ListRoleAssignmentsRequest>): Promise<D.RoleAssignment[]> {
		const all: D.RoleAssignment[] = [];
		let token: string | undefined;
		do {
			const r = (await sdk.request('ListRoleAssignments', { ZoneId: zone, MaxResults: 100, ...filter, ...(token ? { NextToken: token } : {}) })) as D.ListRoleAssignmentsResponse;
			all.push(...r.RoleAssignments);
			token = r.IsTruncated ? r.NextToken : undefined;
		} while (token);
		return all;
	}

	async function status(taskId: string): Promise<GetTaskStatusResponse['TaskStatus']> {
		return ((await sdk.request('GetTaskStatus', { ZoneId: zone, TaskId: taskId })) as GetTaskStatusResponse).TaskStatus;
	}

	/** A user, a member account and a configuration with no assignment between them yet. */
	async function freshTriple(): Promise<W.RoleAssignmentInfo> {
		const d = emu.directory();
		const member = d.accounts.find((a) => a.MemberUin !== 0 && !a.Remark);
		assert.ok(member);
		for (const user of d.users) {
			for (const rc of d.roleConfigurations) {
				const existing = await assignments({ RoleConfigurationId: rc.RoleConfigurationId, TargetUin: member.MemberUin, PrincipalId: user.UserId });
				if (existing.length === 0) {
					return { PrincipalId: user.UserId, PrincipalType: 'User', TargetUin: member.MemberUin, TargetType: 'MemberUin', RoleConfigurationId: rc.RoleConfigurationId };
				}
			}
		}
		throw new Error('no free triple');
	}

	it('CreateRoleAssignment starts one InProgress task per entry; after Success the assignment is listed', async () => {
		const entry = await freshTriple();
		const r = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		assert.equal(typeof r.RequestId, 'string');
		assert.equal(r.Tasks.length, 1);
		const task = r.Tasks[0];
		assert.match(task.TaskId, /^t-[0-9a-z]{12}$/);
		assert.equal(task.TaskType, 'CreateRoleAssignment');
		assert.equal(task.Status, 'InProgress');
		assert.equal(task.PrincipalId, entry.PrincipalId);
		assert.equal(task.TargetUin, entry.TargetUin);
		assert.equal(task.RoleConfigurationId, entry.RoleConfigurationId);
		assert.equal((await status(task.TaskId)).Status, 'InProgress');
		const listed = (await sdk.request('ListTasks', { ZoneId: zone, PrincipalId: entry.PrincipalId, TargetUin: entry.TargetUin, Status: 'InProgress', MaxResults: 100 })) as ListTasksResponse;
		assert.ok(listed.Tasks.some((t: TaskInfo) => t.TaskId === task.TaskId));
		assert.equal((await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin, PrincipalId: entry.PrincipalId })).length, 0);

		emu.settleWriteTask(task.TaskId);
		assert.equal((await status(task.TaskId)).Status, 'Success');
		const after = await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin, PrincipalId: entry.PrincipalId });
		assert.equal(after.length, 1);
		const deployed = (await sdk.request('ListRoleConfigurationProvisionings', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })) as D.ListRoleConfigurationProvisioningsResponse;
		assert.equal(deployed.RoleConfigurationProvisionings.length, 1);

		const again = await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] }));
		assert.equal(again.code, 'FailedOperation.RoleConfigurationAuthorizationAlreadyExist');
		assert.equal(typeof again.requestId, 'string');
	});

	it('an identical CreateRoleAssignment while the first still runs is refused as already existing', async () => {
		const entry = await freshTriple();
		await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] });
		const second = await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] }));
		assert.equal(second.code, 'FailedOperation.RoleConfigurationAuthorizationAlreadyExist');
		const created = emu.tasks().filter((t) => t.TaskType === 'CreateRoleAssignment' && t.PrincipalId === entry.PrincipalId && t.TargetUin === entry.TargetUin && t.RoleConfigurationId === entry.RoleConfigurationId && t.Status === 'InProgress');
		assert.equal(created.length, 1);
	});

	it('takes up to 50 entries and refuses 51 (nothing is started)', async () => {
		const d = emu.directory();
		const rc = d.roleConfigurations[0].RoleConfigurationId;
		const existing = new Set((await assignments({ RoleConfigurationId: rc })).map((a) => `${a.PrincipalId}/${a.TargetUin}`));
		const entries: W.RoleAssignmentInfo[] = [];
		for (const user of d.users) {
			for (const account of d.accounts) {
				if (entries.length < 51 && !existing.has(`${user.UserId}/${account.MemberUin}`)) {
					entries.push({ PrincipalId: user.UserId, PrincipalType: 'User', TargetUin: account.MemberUin, TargetType: 'MemberUin', RoleConfigurationId: rc });
				}
			}
		}
		const before = emu.tasks().length;
		const tooMany = await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: entries }));
		assert.equal(tooMany.code, 'LimitExceeded.CreateRoleAssignmentLimitExceeded');
		assert.equal(emu.tasks().length, before);
		const r = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: entries.slice(0, 50) })) as W.CreateRoleAssignmentResponse;
		assert.equal(r.Tasks.length, 50);
		assert.equal(new Set(r.Tasks.map((t) => t.TaskId)).size, 50);
		assert.equal(emu.tasks().length, before + 50);
	});

	it('with a limit set, refuses assignments beyond it per role configuration, counting running creates and the batch', async () => {
		const d = emu.directory();
		const rc = d.roleConfigurations[0].RoleConfigurationId;
		// Creates already running hold a place too: the limit leaves room for exactly two more.
		const running = emu.tasks().filter((t) => t.Status === 'InProgress' && t.TaskType === 'CreateRoleAssignment' && t.RoleConfigurationId === rc).length;
		const held = (await assignments({ RoleConfigurationId: rc })).length;
		await emu.close();
		emu = await startEmulator({ tasks: 300, seed: 11, secretId: 'AKIDlocal', secretKey: 'local-secret-key', writeTaskDelayMs: 60_000, authorizationsPerRoleConfiguration: held + running + 2 });
		sdk = sdkClientFor(emu, agent);
		const existing = new Set((await assignments({ RoleConfigurationId: rc })).map((a) => `${a.PrincipalId}/${a.TargetUin}`));
		assert.equal(existing.size, held, 'the same directory');
		const fresh: W.RoleAssignmentInfo[] = [];
		for (const user of d.users) {
			for (const account of d.accounts) {
				if (fresh.length < 3 && !existing.has(`${user.UserId}/${account.MemberUin}`)) {
					fresh.push({ PrincipalId: user.UserId, PrincipalType: 'User', TargetUin: account.MemberUin, TargetType: 'MemberUin', RoleConfigurationId: rc });
				}
			}
		}
		await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [fresh[0]] });
		const before = emu.tasks().length;
		const batch = await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: fresh.slice(1, 3) }));
		assert.equal(batch.code, 'FailedOperation.RoleConfigurationAuthorizationOverLimit', 'one running create and two in the batch make held + 3');
		assert.equal(emu.tasks().length, before, 'nothing started');
		const [first] = emu.tasks().filter((t) => t.Status === 'InProgress' && t.PrincipalId === fresh[0].PrincipalId && t.TargetUin === fresh[0].TargetUin && t.RoleConfigurationId === rc);
		assert.equal(emu.settleWriteTask(first.TaskId)?.Status, 'Success');
		await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [fresh[1]] });
		const last = await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [fresh[2]] }));
		assert.equal(last.code, 'FailedOperation.RoleConfigurationAuthorizationOverLimit');
		await assert.rejects(emu.close().then(() => startEmulator({ authorizationsPerRoleConfiguration: 1.5 })), /non-negative integer/);
		emu = await startEmulator({ tasks: 1 });
	});

	it('refuses bad parameters and unknown resources with the documented codes, starting nothing', async () => {
		const entry = await freshTriple();
		const before = emu.tasks().length;
		const cases: [string, Record<string, unknown>, string][] = [
			['CreateRoleAssignment', { ZoneId: zone }, 'MissingParameter'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [] }, 'InvalidParameterValue'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: 'x' }, 'InvalidParameter'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, TargetType: 'Member' }] }, 'InvalidParameterValue'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, Extra: 1 }] }, 'UnknownParameter'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, PrincipalId: undefined }] }, 'MissingParameter'],
			['CreateRoleAssignment', { ZoneId: 'z-other', RoleAssignmentInfo: [entry] }, 'FailedOperation.ZoneIdNotExist'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, PrincipalId: 'u-nobody' }] }, 'ResourceNotFound.UserNotExist'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, PrincipalType: 'Group', PrincipalId: 'g-nobody' }] }, 'InvalidParameter.GroupNotExist'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, RoleConfigurationId: 'rc-nothing' }] }, 'InvalidParameter.RoleConfigurationNotExist'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...entry, TargetUin: 1 }] }, 'FailedOperation.OrganizationMemberNotExist'],
			['CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry, entry] }, 'FailedOperation.RoleConfigurationAuthorizationAlreadyExist'],
			['DeleteRoleAssignment', { ZoneId: zone, ...entry }, 'ResourceNotFound.RoleConfigurationAuthorizationNotFound'],
			['DeleteRoleAssignment', { ZoneId: zone, ...entry, DeprovisionStrategy: 'All' }, 'InvalidParameterValue'],
			['DeleteRoleAssignment', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId }, 'MissingParameter'],
			['ProvisionRoleConfiguration', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetType: 'MemberUin', TargetUin: 1 }, 'FailedOperation.OrganizationMemberNotExist'],
			['ProvisionRoleConfiguration', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetType: 'MemberUin' }, 'MissingParameter'],
			['DismantleRoleConfiguration', { ZoneId: zone, RoleConfigurationId: 'rc-nothing', TargetType: 'MemberUin', TargetUin: entry.TargetUin }, 'ResourceNotFound.RoleConfigurationProvisioningNotFound'],
			['DismantleRoleConfiguration', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetType: 'MemberUin', TargetUin: 1 }, 'FailedOperation.OrganizationMemberNotExist'],
		];
		for (const [action, params, code] of cases) {
			const e = await sdkError(sdk.request(action, params));
			assert.equal(e.code, code, `${action} ${JSON.stringify(params)}: ${e.message}`);
		}
		emu.setCicEnabled(false);
		assert.equal((await sdkError(sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] }))).code, 'FailedOperation.IdentityCenterNotOpen');
		emu.setCicEnabled(true);
		assert.equal(emu.tasks().length, before);
	});

	it('DeleteRoleAssignment removes the assignment; with DeprovisionForLastRoleAssignmentOnAccount the deployment goes too', async () => {
		const entry = await freshTriple();
		const created = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		emu.settleWriteTask(created.Tasks[0].TaskId);
		const others = (await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })).filter((a) => a.PrincipalId !== entry.PrincipalId);
		for (const a of others) {
			const t = (await sdk.request('DeleteRoleAssignment', { ZoneId: zone, RoleConfigurationId: a.RoleConfigurationId, TargetType: a.TargetType, TargetUin: a.TargetUin, PrincipalType: a.PrincipalType, PrincipalId: a.PrincipalId })) as W.DeleteRoleAssignmentResponse;
			emu.settleWriteTask(t.Task?.TaskId ?? '');
		}
		const r = (await sdk.request('DeleteRoleAssignment', { ZoneId: zone, ...entry, DeprovisionStrategy: 'DeprovisionForLastRoleAssignmentOnAccount' })) as W.DeleteRoleAssignmentResponse;
		assert.equal(r.Task?.TaskType, 'DeleteRoleAssignment');
		assert.equal(r.Task?.Status, 'InProgress');
		const again = await sdkError(sdk.request('DeleteRoleAssignment', { ZoneId: zone, ...entry }));
		assert.equal(again.code, 'ResourceNotFound.RoleConfigurationAuthorizationNotFound', 'a deletion already running is not started twice');
		emu.settleWriteTask(r.Task?.TaskId ?? '');
		assert.equal((await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })).length, 0);
		const deprovision = emu.tasks().filter((t) => t.TaskType === 'DeprovisionRoleConfiguration' && t.Status === 'InProgress' && t.RoleConfigurationId === entry.RoleConfigurationId && t.TargetUin === entry.TargetUin);
		assert.equal(deprovision.length, 1);
		emu.settleWriteTask(deprovision[0].TaskId);
		const deployed = (await sdk.request('ListRoleConfigurationProvisionings', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })) as D.ListRoleConfigurationProvisioningsResponse;
		assert.equal(deployed.TotalCounts, 0);
	});

	it('Provision and Dismantle answer RoleProvisioningsTask with TaskStatus; Dismantle refuses while assignments remain', async () => {
		const entry = await freshTriple();
		const target = { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetType: entry.TargetType, TargetUin: entry.TargetUin };
		const p = (await sdk.request('ProvisionRoleConfiguration', target)) as W.RoleProvisioningResponse;
		assert.equal(p.Task.TaskType, 'ProvisionRoleConfiguration');
		assert.equal(p.Task.TaskStatus, 'InProgress');
		assert.equal((p.Task as unknown as Record<string, unknown>).Status, undefined);
		const busy = await sdkError(sdk.request('DismantleRoleConfiguration', target));
		assert.ok(['FailedOperation.RoleConfigurationProvisioningStatusError', 'ResourceNotFound.RoleConfigurationProvisioningNotFound', 'FailedOperation.RoleConfigurationAuthorizationExist'].includes(busy.code ?? ''), busy.code);
		emu.settleWriteTask(p.Task.TaskId);
		const created = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		emu.settleWriteTask(created.Tasks[0].TaskId);
		assert.equal((await sdkError(sdk.request('DismantleRoleConfiguration', target))).code, 'FailedOperation.RoleConfigurationAuthorizationExist');
		for (const a of await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })) {
			const t = (await sdk.request('DeleteRoleAssignment', { ZoneId: zone, RoleConfigurationId: a.RoleConfigurationId, TargetType: a.TargetType, TargetUin: a.TargetUin, PrincipalType: a.PrincipalType, PrincipalId: a.PrincipalId })) as W.DeleteRoleAssignmentResponse;
			emu.settleWriteTask(t.Task?.TaskId ?? '');
		}
		const d = (await sdk.request('DismantleRoleConfiguration', target)) as W.RoleProvisioningResponse;
		assert.equal(d.Task.TaskType, 'DeprovisionRoleConfiguration');
		emu.settleWriteTask(d.Task.TaskId);
		assert.equal((await status(d.Task.TaskId)).Status, 'Success');
		const deployed = (await sdk.request('ListRoleConfigurationProvisionings', { ZoneId: zone, RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin })) as D.ListRoleConfigurationProvisioningsResponse;
		assert.equal(deployed.TotalCounts, 0);
	});

	it('a blocked change fails with its reason; lifting the block lets the next task succeed', async () => {
		const entry = await freshTriple();
		emu.setWriteBlocker({ ...entry, TaskType: 'CreateRoleAssignment' }, 'Role TencentCloudSSO-x already exists in account and was not created by CIC.');
		const first = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		emu.settleWriteTask(first.Tasks[0].TaskId);
		const failed = await status(first.Tasks[0].TaskId);
		assert.equal(failed.Status, 'Failed');
		assert.match(failed.FailureReason ?? '', /not created by CIC/);
		assert.equal((await assignments({ RoleConfigurationId: entry.RoleConfigurationId, TargetUin: entry.TargetUin, PrincipalId: entry.PrincipalId })).length, 0);
		emu.setWriteBlocker({ ...entry, TaskType: 'CreateRoleAssignment' }, undefined);
		const second = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		emu.settleWriteTask(second.Tasks[0].TaskId);
		assert.equal((await status(second.Tasks[0].TaskId)).Status, 'Success');
	});

	it('tasks settle on their own after the configured delay', async () => {
		emu.setWriteTaskDelay(50);
		const entry = await freshTriple();
		const r = (await sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [entry] })) as W.CreateRoleAssignmentResponse;
		assert.equal((await status(r.Tasks[0].TaskId)).Status, 'InProgress');
		await new Promise((resolve) => setTimeout(resolve, 200));
		assert.equal((await status(r.Tasks[0].TaskId)).Status, 'Success');
	});

	it('sample data holds failed tasks that a retry fixes and others that fail again with their reason', async () => {
		emu.setWriteTaskDelay(0);
		const failed = emu.tasks().filter((t) => t.Status === 'Failed' && (t.TaskType === 'ProvisionRoleConfiguration' || t.TaskType === 'CreateRoleAssignment'));
		const outcomes: { ok: boolean; reason: string; original: string }[] = [];
		for (const t of failed) {
			const target = { RoleConfigurationId: t.RoleConfigurationId, TargetType: t.TargetType, TargetUin: t.TargetUin };
			const started = t.TaskType === 'CreateRoleAssignment'
				? sdk.request('CreateRoleAssignment', { ZoneId: zone, RoleAssignmentInfo: [{ ...target, PrincipalId: t.PrincipalId, PrincipalType: t.PrincipalType }] }).then((r) => (r as W.CreateRoleAssignmentResponse).Tasks[0].TaskId)
				: sdk.request('ProvisionRoleConfiguration', { ZoneId: zone, ...target }).then((r) => (r as W.RoleProvisioningResponse).Task.TaskId);
			// Some are refused at once (the assignment exists after all, the user was deleted): not this test's concern.
			const taskId = await started.catch(() => undefined);
			if (taskId === undefined) {
				continue;
			}
			emu.settleWriteTask(taskId);
			const s = await status(taskId);
			outcomes.push({ ok: s.Status === 'Success', reason: s.FailureReason ?? '', original: t.FailureReason });
		}
		assert.ok(outcomes.some((o) => o.ok), 'some retries succeed');
		const still = outcomes.filter((o) => !o.ok);
		assert.ok(still.length > 0, 'some retries fail again');
		assert.ok(still.every((o) => o.reason === o.original), 'each with the reason it failed with before');
	});

	it('limits each write action to 20 requests per second', async () => {
		const params = { ZoneId: zone, RoleConfigurationId: 'rc-nothing', TargetType: 'MemberUin', TargetUin: 1 };
		const results = await Promise.all(Array.from({ length: 30 }, () => sdk.request('DismantleRoleConfiguration', params).then(() => 'ok', (e: SdkError) => e.code)));
		const limited = results.filter((c) => c === 'RequestLimitExceeded').length;
		assert.ok(limited >= 10, `${limited} of 30 limited`);
		assert.ok(emu.maxRequestsInWindow('DismantleRoleConfiguration') <= 20);
	});
});
