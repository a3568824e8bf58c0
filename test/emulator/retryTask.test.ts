import * as assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createOrganizationClient, type OrganizationClient } from '../../src/api/index';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { changesFor, requestsFor, retryActionFor, canRetry } from '../../src/model/retryPlan';
import { preflight, sendRetries, type RetryContext } from '../../src/model/retryTask';

/** Retry Task's model half against the emulator: what is sent per task type, the preflight verdicts, no double apply, the audit. */

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 5 };

function failed(overrides: Partial<TaskInfo>): TaskInfo {
	return {
		TaskId: 't-x',
		RoleConfigurationId: '',
		RoleConfigurationName: '',
		TargetUin: 0,
		TargetType: 'MemberUin',
		PrincipalId: '',
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'Failed',
		FailureReason: 'quota',
		...overrides,
	};
}

describe('retry plan: what a retry sends per task type', () => {
	it('maps the four types to their writes and offers nothing for others', () => {
		assert.equal(retryActionFor('CreateRoleAssignment'), 'CreateRoleAssignment');
		assert.equal(retryActionFor('DeleteRoleAssignment'), 'DeleteRoleAssignment');
		assert.equal(retryActionFor('DeleteRolesAssignment'), 'DeleteRoleAssignment');
		assert.equal(retryActionFor('ProvisionRoleConfiguration'), 'ProvisionRoleConfiguration');
		assert.equal(retryActionFor('DeprovisionRoleConfiguration'), 'DismantleRoleConfiguration');
		assert.equal(retryActionFor('StartProvisioning'), undefined);
		assert.equal(canRetry(failed({ TaskType: 'StartProvisioning', RoleConfigurationId: 'rc-a', TargetUin: 1, PrincipalId: 'u-a' })), false);
		assert.equal(canRetry(failed({ Status: 'Success', RoleConfigurationId: 'rc-a', TargetUin: 1, PrincipalId: 'u-a' })), false);
		assert.equal(canRetry(failed({ RoleConfigurationId: 'rc-a', TargetUin: 1, PrincipalId: '' })), false);
		assert.equal(canRetry(failed({ TaskType: 'ProvisionRoleConfiguration', RoleConfigurationId: 'rc-a', TargetUin: 1, PrincipalId: '' })), true);
	});

	it('batches CreateRoleAssignment by 50, sends each other change alone, and the same change once', () => {
		const creates = Array.from({ length: 120 }, (_, i) => failed({ TaskId: `t-c${i}`, RoleConfigurationId: 'rc-a', TargetUin: 1000 + i, PrincipalId: 'u-a' }));
		const duplicate = { ...creates[0], TaskId: 't-dup' };
		const others = [
			failed({ TaskId: 't-d', TaskType: 'DeleteRolesAssignment', RoleConfigurationId: 'rc-a', TargetUin: 5, PrincipalId: 'u-b' }),
			failed({ TaskId: 't-p', TaskType: 'ProvisionRoleConfiguration', RoleConfigurationId: 'rc-a', TargetUin: 5, PrincipalId: 'u-b' }),
			failed({ TaskId: 't-p2', TaskType: 'ProvisionRoleConfiguration', RoleConfigurationId: 'rc-a', TargetUin: 5, PrincipalId: 'u-c' }),
			failed({ TaskId: 't-x', TaskType: 'DeprovisionRoleConfiguration', RoleConfigurationId: 'rc-a', TargetUin: 6 }),
		];
		const changes = changesFor([...creates, duplicate, ...others]);
		assert.equal(changes.length, 123, 'the duplicate create and the second provisioning of rc-a on 5 merge');
		assert.deepEqual(changes[0].tasks.map((t) => t.TaskId), ['t-c0', 't-dup']);
		const requests = requestsFor(changes, 'DeprovisionForLastRoleAssignmentOnAccount');
		assert.deepEqual(requests.map((r) => [r.action, r.changes.length]), [
			['CreateRoleAssignment', 50],
			['CreateRoleAssignment', 50],
			['CreateRoleAssignment', 20],
			['DeleteRoleAssignment', 1],
			['ProvisionRoleConfiguration', 1],
			['DismantleRoleConfiguration', 1],
		]);
		assert.equal(requests[3].deprovisionStrategy, 'DeprovisionForLastRoleAssignmentOnAccount');
	});
});

describe('Retry Task against the emulator: preflight, send, no double apply, audit', function () {
	this.timeout(30_000);
	let emu: RunningEmulator;
	let client: OrganizationClient;
	let lines: string[];
	let ctx: RetryContext;
	let base: Pick<TaskInfo, 'RoleConfigurationId' | 'RoleConfigurationName' | 'TargetType' | 'PrincipalType'>;
	let users: string[];
	let uin: number;

	beforeEach(async () => {
		emu = await startEmulator({ tasks: 200, seed: 5, writeTaskDelayMs: 60_000, directorySizes: { users: 300, accounts: 200 } });
		const d = emu.directory();
		users = d.users.filter((u) => !emu.tasks().some((t) => t.PrincipalId === u.UserId)).map((u) => u.UserId);
		assert.ok(users.length >= 4);
		// An account no sample task names: nothing is assigned or deployed there yet.
		const quiet = d.accounts.find((a) => !emu.tasks().some((t) => t.TargetUin === a.MemberUin));
		assert.ok(quiet);
		uin = quiet.MemberUin;
		const rc = d.roleConfigurations[0];
		base = { RoleConfigurationId: rc.RoleConfigurationId, RoleConfigurationName: rc.RoleConfigurationName, TargetType: 'MemberUin', PrincipalType: 'User' };
		client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, retry: FAST_RETRY, requestsPerSecond: 1000 });
		lines = [];
		ctx = { client, zoneId: emu.zoneId, log: { info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`) } };
	});
	afterEach(async () => {
		await emu.close();
	});

	const sent = (action: string): number => emu.requestLog().filter((e) => e.action === action).length;
	const entry = (targetUin: number, principalId: string) => ({ RoleConfigurationId: base.RoleConfigurationId, TargetType: 'MemberUin', TargetUin: targetUin, PrincipalType: 'User', PrincipalId: principalId });

	function addFailed(id: string, principal: string, overrides: Partial<TaskInfo> = {}): TaskInfo {
		const task = failed({ ...base, TaskId: id, TargetUin: uin, PrincipalId: principal, ...overrides });
		emu.addTasks([task]);
		return task;
	}

	it('preflight: needed, not failed any more, already done, running, and an error per change', async () => {
		const needed = addFailed('t-needed000001', users[0]);
		const stillRunning = addFailed('t-running00001', users[1]);
		emu.setTaskStatus(stillRunning.TaskId, 'InProgress');
		const done = addFailed('t-done00000001', users[2]);
		const made = await client.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry(uin, users[2])] });
		emu.settleWriteTask(made.Tasks[0].TaskId);
		const other = addFailed('t-other0000001', users[3], { TargetUin: emu.directory().accounts.find((a) => a.MemberUin !== uin)?.MemberUin ?? 0 });
		const someoneElse = await client.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry(other.TargetUin, other.PrincipalId)] });

		const results = await preflight(ctx, changesFor([needed, { ...stillRunning, Status: 'Failed' }, done, other]));
		assert.deepEqual(results.map((r) => r.verdict.kind), ['needed', 'notFailed', 'alreadyDone', 'running']);
		assert.deepEqual(results[2].verdict, { kind: 'alreadyDone', detail: 'assignmentExists' });
		assert.deepEqual(results[3].verdict, { kind: 'running', taskIds: [someoneElse.Tasks[0].TaskId] });

		emu.setCicEnabled(false);
		const [broken] = await preflight(ctx, changesFor([needed]));
		assert.equal(broken.verdict.kind, 'error');
		assert.equal(sent('CreateRoleAssignment'), 2, 'the preflight itself sends no write');
	});

	it('sends the retry: a new InProgress task that ends in Success, and the assignment is in place', async () => {
		const old = addFailed('t-old000000001', users[0]);
		const [result] = await sendRetries(ctx, changesFor([old]));
		assert.equal(result.outcome.kind, 'started');
		const started = result.outcome.kind === 'started' ? result.outcome : assert.fail();
		assert.equal(started.tasks.length, 1);
		const task = started.tasks[0];
		assert.equal(task.Status, 'InProgress');
		assert.equal(task.TaskType, 'CreateRoleAssignment');
		emu.settleWriteTask(task.TaskId);
		assert.equal((await client.getTaskStatus({ ZoneId: emu.zoneId, TaskId: task.TaskId })).TaskStatus.Status, 'Success');
		const [after] = await preflight(ctx, changesFor([old]));
		assert.deepEqual(after.verdict, { kind: 'alreadyDone', detail: 'assignmentExists' });
		const line = lines.find((l) => l.includes('sent'));
		assert.ok(line, lines.join('\n'));
		assert.match(line, /CreateRoleAssignment/);
		assert.ok(line.includes(old.TaskId) && line.includes(users[0]) && line.includes(String(uin)) && line.includes(task.TaskId) && line.includes(started.requestId ?? '?'), line);
	});

	it('a provisioning retry sends ProvisionRoleConfiguration; a deprovision retry sends DismantleRoleConfiguration', async () => {
		const provision = addFailed('t-prov00000001', '', { TaskType: 'ProvisionRoleConfiguration', PrincipalType: '' });
		const [p] = await sendRetries(ctx, changesFor([provision]));
		const pt = p.outcome.kind === 'started' ? p.outcome.tasks[0] : assert.fail(JSON.stringify(p.outcome));
		assert.equal(pt.TaskType, 'ProvisionRoleConfiguration');
		emu.settleWriteTask(pt.TaskId);
		const dismantle = addFailed('t-depr00000001', '', { TaskType: 'DeprovisionRoleConfiguration', PrincipalType: '' });
		const [d] = await sendRetries(ctx, changesFor([dismantle]));
		const dt = d.outcome.kind === 'started' ? d.outcome.tasks[0] : assert.fail(JSON.stringify(d.outcome));
		assert.equal(dt.TaskType, 'DeprovisionRoleConfiguration');
		assert.equal(sent('ProvisionRoleConfiguration'), 1);
		assert.equal(sent('DismantleRoleConfiguration'), 1);
	});

	it('a retry refused because the change is already made reports already done, not an error', async () => {
		const old = addFailed('t-old000000002', users[0]);
		const made = await client.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry(uin, users[0])] });
		emu.settleWriteTask(made.Tasks[0].TaskId);
		const [result] = await sendRetries(ctx, changesFor([old]));
		assert.deepEqual(result.outcome, { kind: 'alreadyDone', detail: 'assignmentExists', taskIds: [] });
	});

	it('a batch refused for one bad entry: the others are sent alone and start, the bad one fails with its code', async () => {
		const good = [addFailed('t-batch0000001', users[0]), addFailed('t-batch0000002', users[1])];
		const bad = addFailed('t-batch0000003', 'u-deleted00001');
		const results = await sendRetries(ctx, changesFor([...good, bad]));
		assert.deepEqual(results.map((r) => r.outcome.kind).sort(), ['failed', 'started', 'started']);
		const failedOne = results.find((r) => r.outcome.kind === 'failed');
		assert.equal(failedOne?.change.principalId, 'u-deleted00001');
		assert.equal(failedOne?.outcome.kind === 'failed' && (failedOne.outcome.error as { code?: string }).code, 'ResourceNotFound.UserNotExist');
		assert.equal(emu.tasks().filter((t) => t.TaskType === 'CreateRoleAssignment' && t.Status === 'InProgress' && users.slice(0, 2).includes(t.PrincipalId)).length, 2, 'each good change started once');
	});

	describe('through a proxy that loses the answer', () => {
		let proxy: Server;
		let mode: 'pass' | 'dropAfterApply' | 'dropBeforeSend';
		let proxied: RetryContext;
		beforeEach(async () => {
			mode = 'pass';
			proxy = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c: Buffer) => chunks.push(c));
				req.on('end', () => {
					const action = req.headers['x-tc-action'];
					const isWrite = action === 'CreateRoleAssignment';
					const current = isWrite ? mode : 'pass';
					if (isWrite) {
						mode = 'pass'; // one loss, then the way is clear
					}
					if (current === 'dropBeforeSend') {
						req.socket.destroy();
						return;
					}
					const up = httpRequest({ host: '127.0.0.1', port: emu.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
						const body: Buffer[] = [];
						r.on('data', (c: Buffer) => body.push(c));
						r.on('end', () => (current === 'dropAfterApply' ? req.socket.destroy() : res.writeHead(r.statusCode ?? 502, r.headers).end(Buffer.concat(body))));
					});
					up.end(Buffer.concat(chunks));
				});
			});
			await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
			const address = proxy.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			proxied = { ...ctx, client: createOrganizationClient({ endpoint: `http://127.0.0.1:${port}`, credentials: emu.credentials, retry: FAST_RETRY, requestsPerSecond: 1000 }) };
		});
		afterEach(() => {
			proxy.closeAllConnections();
			proxy.close();
		});

		it('applied but the answer lost: finds the task it started and sends nothing more', async () => {
			const old = addFailed('t-lost00000001', users[0]);
			mode = 'dropAfterApply';
			const [result] = await sendRetries(proxied, changesFor([old]));
			assert.equal(result.outcome.kind, 'started', JSON.stringify(result.outcome));
			const started = result.outcome.kind === 'started' ? result.outcome : assert.fail();
			assert.equal(started.verified, true);
			assert.equal(started.tasks.length, 1);
			assert.equal(sent('CreateRoleAssignment'), 1, 'sent once');
			assert.equal(emu.tasks().filter((t) => t.TaskType === 'CreateRoleAssignment' && t.PrincipalId === users[0] && t.Status === 'InProgress').length, 1);
			assert.ok(lines.some((l) => l.includes('outcome unknown')), lines.join('\n'));
		});

		it('lost before it reached the service: checks, then sends it once more, and it is applied once', async () => {
			const old = addFailed('t-lost00000002', users[0]);
			mode = 'dropBeforeSend';
			const [result] = await sendRetries(proxied, changesFor([old]));
			assert.equal(result.outcome.kind, 'started', JSON.stringify(result.outcome));
			assert.equal(sent('CreateRoleAssignment'), 1, 'only the second attempt reached the emulator');
			assert.equal(emu.tasks().filter((t) => t.TaskType === 'CreateRoleAssignment' && t.PrincipalId === users[0] && t.Status === 'InProgress').length, 1);
			assert.ok(lines.some((l) => l.includes('sent again after checking')), lines.join('\n'));
		});
	});
});
