import * as assert from 'node:assert/strict';
import {
	createOrganizationClient,
	parseEnvelope,
	TencentCloudError,
	validateGetTaskStatusResponse,
	validateListTasksResponse,
} from '../../../src/api/index';
import { apiOk, FAST_RETRY, rejectionOf, sendJson, startServer, task, type TestServer } from './helpers';

type Json = Record<string, unknown>;

function listResponse(overrides: Json = {}): Json {
	return { Tasks: [task(0), task(1)], TotalCounts: 2, MaxResults: 10, IsTruncated: false, RequestId: 'req-v', ...overrides };
}

function invalidMessage(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		assert.ok(error instanceof TencentCloudError, String(error));
		assert.equal(error.code, 'ClientError.InvalidResponse');
		return error.message;
	}
	assert.fail('expected ClientError.InvalidResponse');
}

describe('API client: response validation', () => {
	it('names the field path and the offending value', () => {
		const tasks = [task(0), task(1), task(2), { ...task(3), TargetUin: 'abc' }];
		assert.equal(
			invalidMessage(() => validateListTasksResponse(listResponse({ Tasks: tasks }))),
			'Response.Tasks[3].TargetUin: expected a number, got "abc"',
		);
		assert.equal(invalidMessage(() => validateListTasksResponse(listResponse({ RequestId: undefined }))), 'Response.RequestId: expected a string, got nothing');
		assert.equal(invalidMessage(() => validateListTasksResponse(listResponse({ Tasks: {} }))), 'Response.Tasks: expected an array, got an object');
		assert.equal(invalidMessage(() => validateListTasksResponse(listResponse({ Tasks: [42] }))), 'Response.Tasks[0]: expected an object, got 42');
		assert.equal(invalidMessage(() => validateListTasksResponse(listResponse({ IsTruncated: 'yes' }))), 'Response.IsTruncated: expected a boolean, got "yes"');
		assert.equal(invalidMessage(() => validateListTasksResponse(listResponse({ TotalCounts: '2' }))), 'Response.TotalCounts: expected a number, got "2"');
		assert.equal(
			invalidMessage(() => validateListTasksResponse(listResponse({ Tasks: [{ ...task(0), Status: undefined }] }))),
			'Response.Tasks[0].Status: expected a string, got nothing',
		);
		assert.equal(
			invalidMessage(() => validateListTasksResponse(listResponse({ Tasks: [{ ...task(0), FailureReason: 7 }] }))),
			'Response.Tasks[0].FailureReason: expected a string, got 7',
		);
		assert.equal(
			invalidMessage(() => validateGetTaskStatusResponse({ RequestId: 'r' })),
			'Response.TaskStatus: expected an object, got nothing',
		);
		assert.equal(
			invalidMessage(() => validateGetTaskStatusResponse({ RequestId: 'r', TaskStatus: { TaskId: 't', TaskType: 'X', Status: 1 } })),
			'Response.TaskStatus.Status: expected a string, got 1',
		);
	});

	it('requires NextToken when IsTruncated is true, and drops it otherwise', () => {
		assert.equal(
			invalidMessage(() => validateListTasksResponse(listResponse({ IsTruncated: true }))),
			'Response.NextToken: expected a non-empty string when IsTruncated is true, got nothing',
		);
		assert.match(invalidMessage(() => validateListTasksResponse(listResponse({ IsTruncated: true, NextToken: '' }))), /^Response\.NextToken: /);
		const truncated = validateListTasksResponse(listResponse({ IsTruncated: true, NextToken: 'n' }));
		assert.equal(truncated.NextToken, 'n');
		const done = validateListTasksResponse(listResponse({ IsTruncated: false, NextToken: 'stale' }));
		assert.equal('NextToken' in done, false);
	});

	it('passes unknown enumeration strings through untouched', () => {
		const odd = task(0, { TaskType: 'DeleteRolesAssignment', Status: 'Cancelled', TargetType: 'Member', PrincipalType: 'ServiceAccount' });
		const [t] = validateListTasksResponse(listResponse({ Tasks: [odd] })).Tasks;
		assert.deepEqual(t, odd);
		const s = validateGetTaskStatusResponse({ RequestId: 'r', TaskStatus: { TaskId: 't', TaskType: 'StartProvisioning', Status: '' } });
		assert.deepEqual(s.TaskStatus, { TaskId: 't', TaskType: 'StartProvisioning', Status: '' });
	});

	it('is lenient where the SDK marks fields optional and one value is obvious (see validate.ts)', () => {
		const bare = validateListTasksResponse({ RequestId: 'r' });
		assert.deepEqual(bare, { Tasks: [], TotalCounts: 0, MaxResults: 0, IsTruncated: false, RequestId: 'r' });
		const inferred = validateListTasksResponse({ RequestId: 'r', Tasks: null, NextToken: 'n' });
		assert.equal(inferred.IsTruncated, true);
		assert.equal(inferred.NextToken, 'n');
		const provisioning = { TaskId: 't-p', TargetUin: 1, TaskType: 'ProvisionRoleConfiguration', Status: 'InProgress', PrincipalId: null, FailureReason: null };
		const [t] = validateListTasksResponse({ RequestId: 'r', Tasks: [provisioning] }).Tasks;
		assert.deepEqual(t, {
			TaskId: 't-p',
			RoleConfigurationId: '',
			RoleConfigurationName: '',
			TargetUin: 1,
			TargetType: '',
			PrincipalId: '',
			PrincipalType: '',
			TaskType: 'ProvisionRoleConfiguration',
			Status: 'InProgress',
			FailureReason: '',
		});
		// Required where no stand-in makes sense.
		assert.match(invalidMessage(() => validateListTasksResponse({ RequestId: 'r', Tasks: [{ ...provisioning, TargetUin: null }] })), /TargetUin: expected a number, got null/);
		const status = validateGetTaskStatusResponse({ RequestId: 'r', TaskStatus: { TaskId: 't', TaskType: 'X', Status: 'Success', FailureReason: null } });
		assert.equal('FailureReason' in status.TaskStatus, false);
		// Fields the models do not have are dropped, so the UI never renders something unvetted.
		const [extra] = validateListTasksResponse(listResponse({ Tasks: [{ ...task(0), Surprise: 1 }] })).Tasks;
		assert.equal('Surprise' in (extra ?? {}), false);
	});

	it('parses the envelope, and marks only unparsable bodies as retryable', () => {
		const err = parseEnvelope(Buffer.from('{"Response":{"Error":{"Code":"X.Y","Message":"m"},"RequestId":"r"}}'));
		assert.deepEqual(err, { kind: 'error', error: { Code: 'X.Y', Message: 'm' }, requestId: 'r' });
		for (const [body, retryable] of [
			['{"Response":', true],
			['', true],
			['[]', false],
			['{"response":{}}', false],
			['{"Response":{"Error":"boom"}}', false],
		] as const) {
			try {
				parseEnvelope(Buffer.from(body));
				assert.fail(`accepted ${body}`);
			} catch (error) {
				assert.ok(error instanceof TencentCloudError);
				assert.equal(error.retryable, retryable, body);
			}
		}
	});

	describe('through the client', () => {
		let server: TestServer | undefined;
		afterEach(async () => {
			await server?.close();
			server = undefined;
		});

		it('fails at once with the field path and the RequestId, without retrying', async () => {
			server = await startServer((_r, res) =>
				sendJson(res, { Response: listResponse({ Tasks: [task(0), task(1), task(2), { ...task(3), TargetUin: 'abc' }], RequestId: 'req-bad' }) }),
			);
			const client = createOrganizationClient({ credentials: { secretId: 'AKIDv', secretKey: 'validate-key' }, endpoint: server.url, retry: FAST_RETRY });
			const error = await rejectionOf(client.listTasks({ ZoneId: 'z-1' }));
			assert.ok(error instanceof TencentCloudError);
			assert.equal(error.code, 'ClientError.InvalidResponse');
			assert.equal(error.message, 'Response.Tasks[3].TargetUin: expected a number, got "abc"');
			assert.equal(error.requestId, 'req-bad');
			assert.equal(server.received.length, 1);
		});

		it('returns unknown enumeration strings untouched', async () => {
			server = await startServer((_r, res) => apiOk(res, { TaskStatus: { TaskId: 't-1', TaskType: 'FutureTaskType', Status: 'Paused' } }));
			const client = createOrganizationClient({ credentials: { secretId: 'AKIDv', secretKey: 'validate-key' }, endpoint: server.url });
			const response = await client.getTaskStatus({ ZoneId: 'z-1', TaskId: 't-1' });
			assert.equal(response.TaskStatus.TaskType, 'FutureTaskType');
			assert.equal(response.TaskStatus.Status, 'Paused');
		});
	});
});
