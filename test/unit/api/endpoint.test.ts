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

	it('accepts http only for exactly localhost, 127.0.0.1 and [::1]', () => {
		for (const url of ['http://127.0.0.1:9000', 'http://localhost:9000', 'http://LOCALHOST', 'http://[::1]:9000', 'http://127.0.0.1']) {
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
			// Issue 13: the rest of 127.0.0.0/8 and IPv4-mapped loopback go through VS Code's proxy, so they are refused
			// (127.1.2.3 used to be accepted here).
			'http://127.1.2.3:80',
			'http://127.0.0.2:9000',
			'http://127.255.255.254',
			'http://[::ffff:7f00:1]:9000',
			'http://[::ffff:127.0.0.2]:9000',
			'http://localhost.:9000',
		]) {
			assert.equal(codeOf(() => resolveEndpoint(url)), 'ClientError.InsecureEndpoint', url);
		}
	});

	it('refuses other spellings of the three hosts, which URL parsing would normalise to them', () => {
		// [as written, what WHATWG URL makes of the host]: each is refused with a message naming the one spelling.
		const spellings: [string, string][] = [
			['http://127.1:9000', '127.0.0.1'],
			['http://0x7f000001:9000', '127.0.0.1'],
			['http://0x7f.0.0.1:9000', '127.0.0.1'],
			['http://2130706433:9000', '127.0.0.1'],
			['http://0177.0.0.1:9000', '127.0.0.1'],
			['http://127.000.000.001:9000', '127.0.0.1'],
			['http://127.0.0.1.:9000', '127.0.0.1'],
			['http://\uff11\uff12\uff17.0.0.1:9000', '127.0.0.1'],
			['http://[::ffff:127.0.0.1]:9000', '[::ffff:7f00:1]'],
			['http://[0:0:0:0:0:0:0:1]:9000', '[::1]'],
			['http://[::0:1]:9000', '[::1]'],
			['http://%6cocalhost:9000', 'localhost'],
			['http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:9000', 'localhost'],
		];
		for (const [url, normalised] of spellings) {
			assert.equal(new URL(url).hostname, normalised, `the premise: URL parsing turns ${url} into ${normalised}`);
			assert.equal(codeOf(() => resolveEndpoint(url)), 'ClientError.InsecureEndpoint', url);
			assert.equal(codeOf(() => createOrganizationClient({ credentials: CREDS, endpoint: url })), 'ClientError.InsecureEndpoint', url);
		}
		assert.throws(() => resolveEndpoint('http://127.1:9000'), /write the host exactly as 127\.0\.0\.1 \(http:\/\/ is allowed only for localhost, 127\.0\.0\.1 and \[::1\]/);
		assert.throws(() => resolveEndpoint('http://127.0.0.2:9000'), /use https:\/\/ \(http:\/\/ is allowed only for localhost, 127\.0\.0\.1 and \[::1\]/);
		// https is not affected: the rule is about clear text.
		assert.equal(resolveEndpoint('https://127.0.0.2:9000').origin, 'https://127.0.0.2:9000');
		assert.equal(resolveEndpoint('https://127.0.0.2:9000').loopback, false);
	});

	it('refuses an insecure endpoint at client creation, before any call', () => {
		assert.equal(codeOf(() => createOrganizationClient({ credentials: CREDS, endpoint: 'http://example.com' })), 'ClientError.InsecureEndpoint');
		assert.equal(codeOf(() => createOrganizationClient({ credentials: CREDS, endpoint: 'http://127.0.0.2:1' })), 'ClientError.InsecureEndpoint');
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

	it('classifies exactly localhost, 127.0.0.1 and [::1] as loopback hosts', () => {
		for (const host of ['127.0.0.1', '[::1]', '::1', 'localhost', 'LocalHost']) {
			assert.equal(isLoopbackHost(host), true, host);
		}
		// Issue 13: [::ffff:7f00:1] used to count as loopback; VS Code's proxy agent does not bypass it.
		for (const host of ['[::ffff:7f00:1]', '[::ffff:127.0.0.1]', '127.0.0.2', '127.1', '0x7f000001', '2130706433', 'localhost.', '[0:0:0:0:0:0:0:1]', '169.254.169.254', '127.example', '']) {
			assert.equal(isLoopbackHost(host), false, host);
		}
	});
});
