import * as assert from 'node:assert/strict';
import { createOrganizationClient, TencentCloudError } from '../../../src/api/index';
import { buildSignedHeaders, REQUEST_CLIENT } from '../../../src/api/request';
import { apiOk, listPayload, signatureProblem, startServer, task, type TestServer } from './helpers';

const SECRET_ID = 'AKIDclienttest0000000000000000000000';
const SECRET_KEY = 'client-test-secret-key-0123456789';

describe('API client: the request on the wire', () => {
	let server: TestServer;
	beforeEach(async () => {
		server = await startServer((r, res) => {
			if (r.headers['x-tc-action'] === 'GetTaskStatus') {
				apiOk(res, { TaskStatus: { TaskId: 't-1', TaskType: 'CreateRoleAssignment', Status: 'InProgress' } });
			} else {
				apiOk(res, listPayload([task(1)]));
			}
		});
	});
	afterEach(() => server.close());

	it('signs with TC3 over the exact body bytes, host without port, service organization', async () => {
		const client = createOrganizationClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: server.url });
		const response = await client.listTasks({ ZoneId: 'z-1', Status: 'Failed', PrincipalId: '用户-ü', MaxResults: 5 });
		assert.equal(response.Tasks.length, 1);
		const [r] = server.received;
		assert.ok(r);
		assert.equal(signatureProblem(r, SECRET_KEY), undefined);
		assert.equal(r.body.toString('utf8'), '{"ZoneId":"z-1","Status":"Failed","PrincipalId":"用户-ü","MaxResults":5}');
		assert.equal(r.req.method, 'POST');
		assert.equal(r.req.url, '/');
		assert.equal(r.headers.host, `127.0.0.1:${server.port}`);
		// The test server's own check must be able to fail: a different key must not verify.
		assert.equal(signatureProblem(r, 'another-key'), 'signature mismatch');
	});

	it('sends the common headers, and drops undefined and null fields from the body', async () => {
		const client = createOrganizationClient({
			credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
			endpoint: server.url,
			language: 'zh-CN',
		});
		const before = Math.floor(Date.now() / 1000);
		await client.listTasks({ ZoneId: 'z-1', Status: undefined, TaskType: undefined, NextToken: undefined });
		const [r] = server.received;
		assert.ok(r);
		assert.equal(r.body.toString('utf8'), '{"ZoneId":"z-1"}');
		assert.equal(r.headers['x-tc-action'], 'ListTasks');
		assert.equal(r.headers['x-tc-version'], '2021-03-31');
		assert.equal(r.headers['x-tc-language'], 'zh-CN');
		assert.equal(r.headers['x-tc-requestclient'], 'CicTasks/0.1.0');
		assert.equal(r.headers['content-type'], 'application/json');
		assert.equal(r.headers['content-length'], String(r.body.length));
		assert.equal(r.headers['x-tc-token'], undefined, 'no X-TC-Token without a session token');
		assert.equal(r.headers['x-tc-region'], undefined);
		const ts = Number(r.headers['x-tc-timestamp']);
		assert.ok(Number.isInteger(ts) && ts >= before && ts <= before + 2, `timestamp ${ts}`);
	});

	it('defaults to X-TC-Language en-US and sends X-TC-Token only when a token is given', async () => {
		const client = createOrganizationClient({
			credentials: async () => ({ secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'session-token-xyz' }),
			endpoint: server.url,
		});
		const status = await client.getTaskStatus({ ZoneId: 'z-1', TaskId: 't-1' });
		assert.equal(status.TaskStatus.Status, 'InProgress');
		const [r] = server.received;
		assert.ok(r);
		assert.equal(r.headers['x-tc-language'], 'en-US');
		assert.equal(r.headers['x-tc-token'], 'session-token-xyz');
		assert.equal(r.headers['x-tc-action'], 'GetTaskStatus');
		assert.equal(r.body.toString(), '{"ZoneId":"z-1","TaskId":"t-1"}');
		assert.equal(signatureProblem(r, SECRET_KEY), undefined);
	});

	it('trims whitespace pasted around the keys before signing', async () => {
		const client = createOrganizationClient({
			credentials: { secretId: ` ${SECRET_ID}\n`, secretKey: `\t${SECRET_KEY} ` },
			endpoint: server.url,
		});
		await client.listTasks({ ZoneId: 'z-1' });
		const [r] = server.received;
		assert.ok(r);
		assert.equal(signatureProblem(r, SECRET_KEY), undefined);
		assert.match(String(r.headers.authorization), new RegExp(`Credential=${SECRET_ID}/`));
	});

	it('rejects missing credentials with ClientError.CredentialsUnavailable before sending anything', async () => {
		const client = createOrganizationClient({ credentials: { secretId: SECRET_ID, secretKey: '  ' }, endpoint: server.url });
		await assert.rejects(client.listTasks({ ZoneId: 'z-1' }), (e: unknown) => e instanceof TencentCloudError && e.code === 'ClientError.CredentialsUnavailable');
		const failing = createOrganizationClient({
			credentials: () => Promise.reject(new Error('SecretStorage is locked')),
			endpoint: server.url,
		});
		await assert.rejects(failing.listTasks({ ZoneId: 'z-1' }), (e: unknown) =>
			e instanceof TencentCloudError && e.code === 'ClientError.CredentialsUnavailable' && /SecretStorage is locked/.test(e.message),
		);
		assert.equal(server.received.length, 0);
	});

	it('signs the intl site and loopback hosts with service organization and the hostname only', () => {
		for (const [signingHost, expectedScope] of [
			['organization.intl.tencentcloudapi.com', '/organization/tc3_request'],
			['organization.tencentcloudapi.com', '/organization/tc3_request'],
			['127.0.0.1', '/organization/tc3_request'],
		] as const) {
			const headers = buildSignedHeaders({
				action: 'ListTasks',
				body: Buffer.from('{}'),
				credentials: { secretId: 'AKIDx', secretKey: 'k' },
				signingHost,
				timestamp: 1700000000,
				language: 'en-US',
			});
			assert.ok(headers.Authorization?.includes(`/2023-11-14${expectedScope}`), headers.Authorization);
			assert.ok(headers.Authorization?.includes('SignedHeaders=content-type;host,'));
			assert.equal(headers['X-TC-RequestClient'], REQUEST_CLIENT);
		}
	});
});
