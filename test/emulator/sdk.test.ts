import * as assert from 'node:assert/strict';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';

/**
 * The official SDK against the emulator (spec §1.3): the endpoint keeps the real host name so the SDK signs for
 * service `organization` with the bare hostname, while an Agent with a custom lookup connects to 127.0.0.1.
 */

const loopback: LookupFunction = (_host, options, callback) => {
	if (options.all) {
		(callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
	} else {
		callback(null, '127.0.0.1', 4);
	}
};

function sdkClient(emu: RunningEmulator, agent: Agent, over: { secretKey?: string; language?: 'en-US' | 'zh-CN' } = {}): CommonClient {
	return new CommonClient('organization.tencentcloudapi.com', '2021-03-31', {
		credential: { secretId: emu.credentials.secretId, secretKey: over.secretKey ?? emu.credentials.secretKey },
		profile: {
			...(over.language ? { language: over.language } : {}),
			httpProfile: { endpoint: `organization.tencentcloudapi.com:${emu.port}`, protocol: 'http://', agent, reqTimeout: 10 },
		},
	});
}

interface SdkError {
	code?: string;
	message: string;
	requestId?: string;
	traceId?: string;
}

describe('official SDK CommonClient against the emulator', () => {
	let emu: RunningEmulator;
	let agent: Agent;
	before(async () => {
		emu = await startEmulator({
			tasks: 5000,
			seed: 21,
			secretId: 'AKIDlocal',
			secretKey: 'local-secret-key',
			requestsPerSecond: { ListTasks: Infinity },
		});
		agent = new Agent({ keepAlive: true, lookup: loopback });
	});
	after(async () => {
		agent.destroy();
		await emu.close();
	});

	it('pages through 5,000 tasks at MaxResults 100 and gets every task exactly once', async () => {
		const client = sdkClient(emu, agent);
		const seen: TaskInfo[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const r = (await client.request('ListTasks', { ZoneId: 'z-sample', MaxResults: 100, ...(token ? { NextToken: token } : {}) })) as {
				Tasks: TaskInfo[];
				TotalCounts: number;
				IsTruncated: boolean;
				NextToken?: string;
				RequestId: string;
			};
			assert.equal(r.TotalCounts, 5000);
			assert.ok(r.RequestId);
			seen.push(...r.Tasks);
			token = r.IsTruncated ? r.NextToken : undefined;
			pages++;
		} while (token);
		assert.equal(pages, 50);
		assert.deepEqual(seen.map((t) => t.TaskId), emu.tasks().map((t) => t.TaskId));
		assert.equal(new Set(seen.map((t) => t.TaskId)).size, 5000);
		assert.ok(emu.requestLog().every((e) => e.outcome === 'Success'));
	});

	it('reads GetTaskStatus and maps emulator errors to SDK exceptions with code, requestId and traceId', async () => {
		const failed = emu.tasks().find((t) => t.Status === 'Failed') as TaskInfo;
		const r = (await sdkClient(emu, agent).request('GetTaskStatus', { ZoneId: 'z-sample', TaskId: failed.TaskId })) as { TaskStatus: Record<string, string> };
		assert.deepEqual(r.TaskStatus, { Status: 'Failed', TaskId: failed.TaskId, TaskType: failed.TaskType, FailureReason: failed.FailureReason });

		const e = (await sdkClient(emu, agent, { secretKey: 'wrong', language: 'en-US' })
			.request('ListTasks', { ZoneId: 'z-sample' }, { headers: { 'X-TC-TraceId': 'sdk-trace-1' } })
			.then(() => assert.fail('expected an error'), (err: unknown) => err)) as SdkError;
		assert.equal(e.code, 'AuthFailure.SignatureFailure');
		assert.equal(e.message, 'The provided credentials could not be validated. Please check your signature is correct.');
		assert.ok(e.requestId);
		assert.equal(e.traceId, 'sdk-trace-1');

		const nf = (await sdkClient(emu, agent)
			.request('GetTaskStatus', { ZoneId: 'z-sample', TaskId: 't-missing' })
			.then(() => assert.fail('expected an error'), (err: unknown) => err)) as SdkError;
		assert.equal(nf.code, 'ResourceNotFound.RoleConfigurationTaskNotFound');
		assert.equal(nf.message, '权限配置任务不存在');
	});
});
