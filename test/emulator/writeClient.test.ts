import * as assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createOrganizationClient, isTencentCloudError, WRITE_OUTCOME_UNKNOWN, type OrganizationClient } from '../../src/api/index';
import type { RoleAssignmentInfo } from '../../src/api/writeTypes';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';

/**
 * The project client's write methods never send a change twice: after a timeout, a reset, a 5xx or InternalError
 * the outcome is unknown and the call fails with ClientError.WriteOutcomeUnknown after exactly one request; only a
 * refusal (RequestLimitExceeded) is sent again. Reads keep being retried. The proxy here forwards the request to
 * the emulator, lets it apply, and then drops or withholds the answer: the case a blind retry would double.
 */

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 5 };

type ProxyMode = 'pass' | 'dropAfterApply' | 'holdAfterApply' | 'dropBeforeSend';

async function startProxy(target: number, mode: () => ProxyMode): Promise<{ server: Server; port: number }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const current = mode();
			if (current === 'dropBeforeSend') {
				req.socket.destroy();
				return;
			}
			const upstream = httpRequest({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (up) => {
				const body: Buffer[] = [];
				up.on('data', (c: Buffer) => body.push(c));
				up.on('end', () => {
					if (current === 'dropAfterApply') {
						req.socket.destroy();
					} else if (current === 'pass') {
						res.writeHead(up.statusCode ?? 502, up.headers).end(Buffer.concat(body));
					}
					// holdAfterApply: never answer; the client's timeout ends it.
				});
			});
			upstream.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('project client: writes are never sent twice', function () {
	this.timeout(30_000);
	let emu: RunningEmulator;
	let entry: RoleAssignmentInfo;

	beforeEach(async () => {
		emu = await startEmulator({ tasks: 200, seed: 5, writeTaskDelayMs: 60_000 });
		const d = emu.directory();
		const user = d.users.find((u) => !emu.tasks().some((t) => t.PrincipalId === u.UserId));
		const member = d.accounts[d.accounts.length - 1];
		assert.ok(user && member);
		entry = { PrincipalId: user.UserId, PrincipalType: 'User', TargetUin: member.MemberUin, TargetType: 'MemberUin', RoleConfigurationId: d.roleConfigurations[0].RoleConfigurationId };
	});
	afterEach(async () => {
		await emu.close();
	});

	const sent = (action: string): number => emu.requestLog().filter((e) => e.action === action).length;
	const createdTasks = (): number => emu.tasks().filter((t) => t.TaskType === 'CreateRoleAssignment' && t.PrincipalId === entry.PrincipalId && t.TargetUin === entry.TargetUin).length;

	function client(endpoint: string, timeoutMs = 5000): OrganizationClient {
		return createOrganizationClient({ endpoint, credentials: emu.credentials, retry: FAST_RETRY, requestsPerSecond: 1000, timeoutMs });
	}

	async function outcomeUnknown(call: Promise<unknown>): Promise<void> {
		const error = await call.then(
			() => assert.fail('expected the write to fail'),
			(e: unknown) => e,
		);
		assert.ok(isTencentCloudError(error), String(error));
		assert.equal(error.code, WRITE_OUTCOME_UNKNOWN, error.message);
		assert.equal(error.retryable, false);
	}

	for (const kind of ['http502', 'http503', 'reset', 'truncated', 'internalError'] as const) {
		it(`sends a write once under an injected ${kind}, and says the outcome is unknown`, async () => {
			emu.setFaults(1, [kind]);
			await outcomeUnknown(client(emu.url).createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] }));
			assert.equal(sent('CreateRoleAssignment'), 1);
		});
	}

	it('still retries reads under the same faults (the contrast)', async () => {
		emu.setFaults(1, ['reset']);
		const c = client(emu.url);
		const read = c.getTaskStatus({ ZoneId: emu.zoneId, TaskId: emu.tasks()[0].TaskId });
		setTimeout(() => emu.setFaults(0), 30);
		await read;
		assert.ok(sent('GetTaskStatus') > 1);
	});

	it('a response dropped after the emulator applied the change: one request, one task, outcome unknown', async () => {
		const proxy = await startProxy(emu.port, () => 'dropAfterApply');
		try {
			await outcomeUnknown(client(`http://127.0.0.1:${proxy.port}`).createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] }));
			assert.equal(sent('CreateRoleAssignment'), 1);
			assert.equal(createdTasks(), 1);
		} finally {
			proxy.server.closeAllConnections();
			proxy.server.close();
		}
	});

	it('a response withheld after the change applied (timeout): one request, one task, outcome unknown', async () => {
		const proxy = await startProxy(emu.port, () => 'holdAfterApply');
		try {
			await outcomeUnknown(client(`http://127.0.0.1:${proxy.port}`, 300).provisionRoleConfiguration({ ZoneId: emu.zoneId, RoleConfigurationId: entry.RoleConfigurationId, TargetType: 'MemberUin', TargetUin: entry.TargetUin }));
			assert.equal(sent('ProvisionRoleConfiguration'), 1);
			assert.equal(emu.tasks().filter((t) => t.TaskType === 'ProvisionRoleConfiguration' && t.Status === 'InProgress' && t.TargetUin === entry.TargetUin).length, 1);
		} finally {
			proxy.server.closeAllConnections();
			proxy.server.close();
		}
	});

	it('re-sends a write the service refused with RequestLimitExceeded, and applies it once', async () => {
		emu.setFaults(1, ['throttle']);
		const c = client(emu.url);
		const call = c.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] });
		setTimeout(() => emu.setFaults(0), 20);
		const r = await call;
		assert.equal(r.Tasks.length, 1);
		assert.ok(sent('CreateRoleAssignment') > 1, 'the refused request was sent again');
		assert.equal(createdTasks(), 1);
	});

	it('a service error (the change is refused) is final and not re-sent', async () => {
		const c = client(emu.url);
		await c.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] });
		const error = await c.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] }).then(
			() => assert.fail('expected a conflict'),
			(e: unknown) => e,
		);
		assert.ok(isTencentCloudError(error));
		assert.equal(error.code, 'FailedOperation.RoleConfigurationAuthorizationAlreadyExist');
		assert.ok(error.requestId);
		assert.equal(sent('CreateRoleAssignment'), 2);
		assert.equal(createdTasks(), 1);
	});

	it('validates the answers: DeleteRoleAssignment Task, Provision TaskStatus', async () => {
		const c = client(emu.url);
		const created = await c.createRoleAssignment({ ZoneId: emu.zoneId, RoleAssignmentInfo: [entry] });
		emu.settleWriteTask(created.Tasks[0].TaskId);
		const deleted = await c.deleteRoleAssignment({ ZoneId: emu.zoneId, ...entry, DeprovisionStrategy: 'None' });
		assert.equal(deleted.Task?.TaskType, 'DeleteRoleAssignment');
		const provisioned = await c.provisionRoleConfiguration({ ZoneId: emu.zoneId, RoleConfigurationId: entry.RoleConfigurationId, TargetType: 'MemberUin', TargetUin: entry.TargetUin });
		assert.equal(provisioned.Task.TaskStatus, 'InProgress');
		assert.match(provisioned.Task.TaskId, /^t-/);
	});
});
