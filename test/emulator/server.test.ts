import * as assert from 'node:assert/strict';
import { sign } from '../../src/api/signer';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { validateSecretId } from '../../src/model/validators';
import { call, errorCode, errorOf, send, UUID, type JsonRecord } from './helpers';

describe('emulator HTTP: routing, authentication, envelope', () => {
	let emu: RunningEmulator;
	before(async () => {
		emu = await startEmulator({ tasks: 30, seed: 7, extraKeys: [{ secretId: 'AKIDtemporary01', secretKey: 'tmp-key', token: 'tok-123' }] });
	});
	after(() => emu.close());

	it('listens on 127.0.0.1 with generated AKID credentials', () => {
		assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.match(emu.credentials.secretId, /^AKID[A-Za-z0-9]{32}$/);
		assert.match(emu.credentials.secretId, /^AKIDSAMPLE[A-Za-z0-9]{26}$/, 'generated keys carry the sample marker');
		assert.equal(validateSecretId(emu.credentials.secretId), undefined, 'the extension accepts a sample SecretId');
		assert.match(emu.credentials.secretKey, /^[A-Za-z0-9]{32}$/);
		assert.equal(emu.zoneId, 'z-sample');
	});

	it('answers a signed ListTasks with Response + uuid RequestId, a Date header and the echoed trace id', async () => {
		const res = await send(emu, 'ListTasks', { ZoneId: 'z-sample' }, { traceId: 'trace-42' });
		assert.equal(res.status, 200);
		assert.equal(res.headers['x-tc-traceid'], 'trace-42');
		assert.ok(res.headers.date && !Number.isNaN(Date.parse(res.headers.date)));
		assert.match(String(res.headers['content-type']), /^application\/json/);
		const r = (JSON.parse(res.text) as { Response: Record<string, unknown> }).Response;
		assert.match(String(r.RequestId), UUID);
		assert.equal(r.Error, undefined);
	});

	it('echoes the trace id on errors too', async () => {
		const res = await send(emu, 'ListTasks', {}, { traceId: 'trace-err', authorization: 'garbage' });
		assert.equal(res.status, 200);
		assert.equal(res.headers['x-tc-traceid'], 'trace-err');
	});

	it('tolerates X-TC-RequestClient, X-TC-Region and gzip Accept-Encoding (answers identity)', async () => {
		const res = await send(emu, 'ListTasks', { ZoneId: 'z-sample' }, {
			extraHeaders: { 'X-TC-RequestClient': 'SDK_NODEJS_4.1.220', 'X-TC-Region': 'ap-guangzhou', 'Accept-Encoding': 'gzip,deflate' },
		});
		assert.equal(res.headers['content-encoding'], undefined);
		assert.equal(errorOf((JSON.parse(res.text) as { Response: JsonRecord }).Response), undefined);
	});

	it('accepts x-tc-action among the signed headers and the bare hostname signed while host:port is sent', async () => {
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { signedHeaders: ['content-type', 'host', 'x-tc-action'] }), undefined);
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { signedHost: '127.0.0.1' }), undefined);
	});

	it('reports every authentication failure with its code', async () => {
		const z = { ZoneId: 'z-sample' };
		assert.equal(await errorCode(emu, 'ListTasks', z, { authorization: null }), 'AuthFailure.InvalidAuthorization');
		assert.equal(await errorCode(emu, 'ListTasks', z, { authorization: 'TC3-HMAC-SHA256 nonsense' }), 'AuthFailure.InvalidAuthorization');
		assert.equal(await errorCode(emu, 'ListTasks', z, { signedHeaders: ['host'] }), 'AuthFailure.InvalidAuthorization');
		assert.equal(await errorCode(emu, 'ListTasks', z, { secretId: 'AKIDdoesnotexist1234' }), 'AuthFailure.SecretIdNotFound');
		assert.equal(await errorCode(emu, 'ListTasks', z, { secretId: 'local-key' }), 'AuthFailure.InvalidSecretId');
		assert.equal(await errorCode(emu, 'ListTasks', z, { timestamp: Math.floor(Date.now() / 1000) - 301 }), 'AuthFailure.SignatureExpire');
		assert.equal(await errorCode(emu, 'ListTasks', z, { secretKey: 'wrong' }), 'AuthFailure.SignatureFailure');
		assert.equal(await errorCode(emu, 'ListTasks', z, { service: 'cvm' }), 'AuthFailure.SignatureFailure');
		assert.equal(await errorCode(emu, 'ListTasks', z, { signedHost: 'organization.tencentcloudapi.com' }), 'AuthFailure.SignatureFailure');
		const temp = { secretId: 'AKIDtemporary01', secretKey: 'tmp-key' };
		assert.equal(await errorCode(emu, 'ListTasks', z, { ...temp }), 'AuthFailure.TokenFailure');
		assert.equal(await errorCode(emu, 'ListTasks', z, { ...temp, token: 'tok-wrong' }), 'AuthFailure.TokenFailure');
		assert.equal(await errorCode(emu, 'ListTasks', z, { ...temp, token: 'tok-123' }), undefined);
	});

	it('fails the signature when the body differs from the signed bytes', async () => {
		const signedFor = JSON.stringify({ ZoneId: 'z-sample' });
		const sent = JSON.stringify({ ZoneId: 'z-sample', MaxResults: 100 });
		assert.equal(await errorCode(emu, 'ListTasks', undefined, { rawBody: signedFor }), undefined);
		const ts = Math.floor(Date.now() / 1000);
		const auth = sign({
			method: 'POST',
			...emu.credentials,
			service: 'organization',
			timestamp: ts,
			headers: { 'content-type': 'application/json', host: `127.0.0.1:${emu.port}` },
			body: signedFor,
		}).authorization;
		assert.equal(await errorCode(emu, 'ListTasks', undefined, { rawBody: sent, authorization: auth, timestamp: ts }), 'AuthFailure.SignatureFailure');
	});

	it('uses the documented SignatureFailure texts: en-US on request, zh-CN by default', async () => {
		const en = errorOf(await call(emu, 'ListTasks', { ZoneId: 'z-sample' }, { secretKey: 'wrong', language: 'en-US' }));
		assert.equal(en?.Message, 'The provided credentials could not be validated. Please check your signature is correct.');
		const zh = errorOf(await call(emu, 'ListTasks', { ZoneId: 'z-sample' }, { secretKey: 'wrong' }));
		assert.equal(zh?.Message, '请求签名验证失败，请检查您的签名计算是否正确。');
		const zhExplicit = errorOf(await call(emu, 'ListTasks', { ZoneId: 'z-sample' }, { secretKey: 'wrong', language: 'zh-CN' }));
		assert.equal(zhExplicit?.Message, zh?.Message);
	});

	it('checks the action and version headers before authentication', async () => {
		assert.equal(await errorCode(emu, 'DescribeInstances', {}, { authorization: null }), 'InvalidAction');
		assert.equal(await errorCode(emu, 'ListTasks', {}, { noAction: true }), 'MissingParameter');
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { version: '2018-12-25' }), 'NoSuchVersion');
		const en = errorOf(await call(emu, 'CreateUserSyncProvisioning', {}, { language: 'en-US' }));
		assert.equal(en?.Code, 'InvalidAction');
		assert.match(en?.Message ?? '', /CreateUserSyncProvisioning/);
	});

	it('answers GET with UnsupportedOperation, other verbs with UnsupportedProtocol, other paths with 404', async () => {
		assert.equal(await errorCode(emu, 'ListTasks', undefined, { method: 'GET', rawBody: '' }), 'UnsupportedOperation');
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { method: 'PUT' }), 'UnsupportedProtocol');
		assert.equal((await send(emu, 'ListTasks', { ZoneId: 'z-sample' }, { path: '/v3' })).status, 404);
	});

	it('requires application/json bodies', async () => {
		assert.equal(await errorCode(emu, 'ListTasks', undefined, { contentType: 'application/x-www-form-urlencoded', rawBody: 'ZoneId=z-sample' }), 'UnsupportedOperation');
		assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { contentType: 'application/json; charset=utf-8' }), undefined);
	});

	it('refuses bodies over 1 MiB with RequestSizeLimitExceeded', async () => {
		const big = JSON.stringify({ ZoneId: 'z-sample', PrincipalId: 'x'.repeat(1024 * 1024) });
		assert.equal(await errorCode(emu, 'ListTasks', undefined, { rawBody: big }), 'RequestSizeLimitExceeded');
	});

	it('validates its options', async () => {
		await assert.rejects(startEmulator({ secretId: 'AKIDx' }), /together/);
		await assert.rejects(startEmulator({ faultRate: 2 }), /between 0 and 1/);
		await assert.rejects(startEmulator({ port: 70000 }), /65535/);
		await assert.rejects(startEmulator({ tasks: -1 }), /non-negative/);
		await assert.rejects(startEmulator({ requestsPerSecond: { ListTasks: 0 } }), /positive/);
		await assert.rejects(startEmulator({ port: emu.port }), /EADDRINUSE/);
	});

	it('closes cleanly even with a keep-alive connection open', async () => {
		const other = await startEmulator({ tasks: 1 });
		const { Agent, request } = await import('node:http');
		const agent = new Agent({ keepAlive: true });
		await new Promise<void>((resolve, reject) => {
			request({ host: '127.0.0.1', port: other.port, method: 'POST', path: '/', agent }, (res) => {
				res.resume();
				res.on('end', resolve);
			})
				.on('error', reject)
				.end('{}');
		});
		const t0 = Date.now();
		await other.close();
		assert.ok(Date.now() - t0 < 1000, 'close() must not wait for keep-alive timeouts');
		await other.close(); // idempotent
		agent.destroy();
	});
});
