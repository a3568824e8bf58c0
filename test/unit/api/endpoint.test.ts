import * as assert from 'node:assert/strict';
import { createOrganizationClient, isLoopbackHost, resolveEndpoint, TencentCloudError } from '../../../src/api/index';

const CREDS = { secretId: 'AKIDx', secretKey: 'endpoint-test-key' };

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return error instanceof TencentCloudError ? error.code : `not a TencentCloudError: ${String(error)}`;
	}
	return undefined;
}

describe('API client: endpoint validation', () => {
	it('accepts https anywhere and defaults to the China site', () => {
		assert.equal(resolveEndpoint().origin, 'https://organization.tencentcloudapi.com');
		assert.equal(resolveEndpoint('https://organization.intl.tencentcloudapi.com').signingHost, 'organization.intl.tencentcloudapi.com');
		assert.equal(resolveEndpoint('organization.intl.tencentcloudapi.com').origin, 'https://organization.intl.tencentcloudapi.com');
		assert.equal(resolveEndpoint('https://organization.tencentcloudapi.com:8443/').origin, 'https://organization.tencentcloudapi.com:8443');
		assert.equal(resolveEndpoint('https://organization.tencentcloudapi.com:8443').signingHost, 'organization.tencentcloudapi.com');
	});

	it('accepts http only on loopback', () => {
		for (const url of ['http://127.0.0.1:9000', 'http://127.1.2.3:80', 'http://localhost:9000', 'http://LOCALHOST', 'http://[::1]:9000']) {
			assert.equal(resolveEndpoint(url).loopback, true, url);
		}
		for (const url of [
			'http://organization.tencentcloudapi.com',
			'http://10.0.0.1:9000',
			'http://128.0.0.1',
			'http://127.0.0.1.example.com',
			'http://localhost.example.com',
			'http://[::2]:9000',
			'http://0.0.0.0:9000',
		]) {
			assert.equal(codeOf(() => resolveEndpoint(url)), 'ClientError.InsecureEndpoint', url);
		}
	});

	it('refuses an insecure endpoint at client creation, before any call', () => {
		assert.equal(codeOf(() => createOrganizationClient({ credentials: CREDS, endpoint: 'http://example.com' })), 'ClientError.InsecureEndpoint');
		assert.equal(createOrganizationClient({ credentials: CREDS, endpoint: 'http://127.0.0.1:1' }).endpoint, 'http://127.0.0.1:1');
	});

	it('refuses malformed endpoints, and never echoes user info', () => {
		assert.equal(codeOf(() => resolveEndpoint('ftp://organization.tencentcloudapi.com')), 'ClientError.InvalidEndpoint');
		assert.equal(codeOf(() => resolveEndpoint('https://organization.tencentcloudapi.com/v3')), 'ClientError.InvalidEndpoint');
		assert.equal(codeOf(() => resolveEndpoint('https://organization.tencentcloudapi.com/?a=1')), 'ClientError.InvalidEndpoint');
		assert.equal(codeOf(() => resolveEndpoint('https://')), 'ClientError.InvalidEndpoint');
		try {
			resolveEndpoint('https://user:hunter2secret@organization.tencentcloudapi.com');
			assert.fail('expected a rejection');
		} catch (error) {
			assert.ok(error instanceof TencentCloudError);
			assert.equal(error.code, 'ClientError.InvalidEndpoint');
			assert.ok(!String(error.stack).includes('hunter2secret'));
		}
	});

	it('classifies loopback hosts', () => {
		assert.equal(isLoopbackHost('127.0.0.1'), true);
		assert.equal(isLoopbackHost('[::1]'), true);
		assert.equal(isLoopbackHost('[::ffff:7f00:1]'), true);
		assert.equal(isLoopbackHost('localhost'), true);
		assert.equal(isLoopbackHost('169.254.169.254'), false);
		assert.equal(isLoopbackHost('127.example'), false);
	});
});
