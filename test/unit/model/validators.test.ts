import * as assert from 'node:assert/strict';
import { isLoopbackHost } from '../../../src/api/endpoint';
import {
	parseUin,
	secretIdWarning,
	secretKeyWarning,
	validateEndpoint,
	validateGroupId,
	validatePrincipalId,
	validateRoleConfigurationId,
	validateSecretId,
	validateSecretKey,
	validateSessionToken,
	validateTaskId,
	validateUin,
	validateUserId,
	validateZoneId,
} from '../../../src/model/validators';

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';

function accepts(validate: (v: string) => string | undefined, values: string[]): void {
	for (const v of values) {
		assert.equal(validate(v), undefined, `accepts ${JSON.stringify(v)}`);
	}
}

function rejects(validate: (v: string) => string | undefined, cases: [string, RegExp][]): void {
	for (const [v, message] of cases) {
		const result = validate(v);
		assert.ok(result, `rejects ${JSON.stringify(v)}`);
		assert.match(result, message, `message for ${JSON.stringify(v)}`);
	}
}

describe('validators', () => {
	it('zone ids', () => {
		accepts(validateZoneId, ['z-2d8shd8abc', 'z-abcd', `z-${'a'.repeat(32)}`]);
		rejects(validateZoneId, [
			['', /Enter the CIC zone/],
			[' z-abcd', /Remove the spaces/],
			['zone-abcd', /starts with "z-"/],
			['z-ABCD1', /lower-case letters and digits/],
			['z-ab_cd', /lower-case letters and digits/],
			['z-abc', /4 to 32/],
			[`z-${'a'.repeat(33)}`, /4 to 32/],
		]);
	});

	it('SecretIds, with a warning for unusual lengths', () => {
		accepts(validateSecretId, [SECRET_ID, `AKID${'x'.repeat(60)}`]);
		rejects(validateSecretId, [
			['', /Enter the SecretId/],
			[`${SECRET_ID} `, /Remove the spaces/],
			['AKID abc def ghi jkl mno', /no spaces/],
			['akidz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', /starts with AKID \(upper case\)/],
			[SECRET_KEY, /looks like a SecretKey/],
			['AKID!@#$%^&*()abcdefgh', /only letters and digits/],
			['AKIDshort', /16 to 128/],
		]);
		assert.equal(secretIdWarning(SECRET_ID), undefined);
		assert.match(secretIdWarning(`AKID${'x'.repeat(60)}`) ?? '', /36 characters, this one has 64/);
		assert.equal(secretIdWarning('nope'), undefined, 'no warning on top of an error');
	});

	it('SecretKeys never echo the value', () => {
		accepts(validateSecretKey, [SECRET_KEY, 'a+b/c=d'.repeat(4)]);
		const cases: [string, RegExp][] = [
			['', /Enter the SecretKey/],
			[`\t${SECRET_KEY}`, /Remove the spaces/],
			['Gu5t9xGARNpq86cd 98joQYCN3EXAMPLE', /no spaces/],
			['Gu5t9xGARNpq86cdé98joQYCN3EXAMPLE', /printable ASCII/],
			[SECRET_ID, /looks like a SecretId/],
			['short', /16 to 256/],
		];
		rejects(validateSecretKey, cases);
		for (const [value] of cases.filter(([v]) => v.length > 5)) {
			assert.ok(!validateSecretKey(value)?.includes(value.trim()));
		}
		assert.equal(secretKeyWarning(SECRET_KEY), undefined);
		assert.match(secretKeyWarning('x'.repeat(40)) ?? '', /32 characters, this one has 40/);
	});

	it('session tokens are optional but whole', () => {
		accepts(validateSessionToken, ['', 'abc.DEF_ghi-123==']);
		rejects(validateSessionToken, [
			[' abc', /Remove the spaces/],
			['abc\ndef', /no spaces or line breaks/],
			['abc\u00a0def', /no spaces or line breaks/],
		]);
	});

	it('prefixed ids', () => {
		accepts(validateRoleConfigurationId, ['rc-abc123', 'rc-ABC']);
		rejects(validateRoleConfigurationId, [
			['', /Enter a role configuration ID/],
			['abc', /starts with "rc-"/],
			['rc-', /nothing after "rc-"/],
			['rc-a-b', /only letters and digits/],
			[`rc-${'a'.repeat(65)}`, /too long/],
		]);
		accepts(validateUserId, ['u-3mc7bqk2']);
		rejects(validateUserId, [['g-1', /starts with "u-"/]]);
		accepts(validateGroupId, ['g-8sk2d7m1']);
		rejects(validateGroupId, [['u-1', /starts with "g-"/]]);
		assert.equal(validatePrincipalId('User', 'u-1'), undefined);
		assert.match(validatePrincipalId('Group', 'u-1') ?? '', /group ID/);
		accepts(validateTaskId, ['t-9dk3m2s8']);
		rejects(validateTaskId, [
			['z-1', /starts with "t-"/],
			[' t-1', /Remove the spaces/],
		]);
	});

	it('UINs', () => {
		accepts(validateUin, ['1', '100012345678', String(2 ** 53)]);
		rejects(validateUin, [
			['', /Enter the account UIN/],
			['0', /does not start with 0/],
			['0123', /does not start with 0/],
			['-5', /only of digits/],
			['1e5', /only of digits/],
			['12.5', /only of digits/],
			[' 12', /Remove the spaces/],
			['9007199254740993', /too large/],
		]);
		assert.equal(parseUin('100012345678'), 100012345678);
		assert.equal(parseUin('x'), undefined);
	});

	it('loopback host names: the input box uses the client\'s one rule', () => {
		// Issue 13: validators.ts had its own copy that accepted 127.0.0.0/8 and ::ffff:7f00:1; it now uses isLoopbackHost.
		for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '[::1]', '::1']) {
			assert.ok(isLoopbackHost(host), host);
		}
		for (const host of ['128.0.0.1', '127.0.0.300', 'localhost.example.com', 'example.com', '10.0.0.1', '[::2]', '127.255.1.2', '::ffff:7f00:1', '127.0.0.2', 'localhost.']) {
			assert.ok(!isLoopbackHost(host), host);
		}
	});

	it('endpoints: https anywhere, http only on loopback, host only', () => {
		accepts(validateEndpoint, [
			'',
			'https://organization.tencentcloudapi.com',
			'https://organization.intl.tencentcloudapi.com/',
			'https://proxy.example.com:8443',
			'http://127.0.0.1:8080',
			'http://localhost:3000/',
			'http://LocalHost:3000',
			'http://[::1]:9000',
			'https://127.0.0.2:8443',
		]);
		rejects(validateEndpoint, [
			['organization.tencentcloudapi.com', /full URL starting with https/],
			['http://organization.tencentcloudapi.com', /only for a local emulator/],
			['http://127.0.0.1.evil.com', /only for a local emulator/],
			['http://localhost.evil.com', /only for a local emulator/],
			// Issue 13: these were accepted (127.1.2.3, [0:0:0:0:0:0:0:1]); plain http now needs one of the three hosts, as written.
			['http://127.1.2.3', /only for a local emulator at exactly localhost, 127\.0\.0\.1 or \[::1\]; use https/],
			['http://127.0.0.2:8080', /only for a local emulator at exactly localhost, 127\.0\.0\.1 or \[::1\]; use https/],
			['http://[::ffff:7f00:1]:8080', /only for a local emulator at exactly/],
			['http://[::ffff:127.0.0.1]:8080', /only for a local emulator at exactly/],
			['http://localhost.:8080', /only for a local emulator at exactly/],
			['http://127.1:8080', /write the host as 127\.0\.0\.1\./],
			['http://0x7f000001:8080', /write the host as 127\.0\.0\.1\./],
			['http://2130706433:8080', /write the host as 127\.0\.0\.1\./],
			['http://127.0.0.1.:8080', /write the host as 127\.0\.0\.1\./],
			['http://[0:0:0:0:0:0:0:1]:9000', /write the host as \[::1\]\./],
			['http://%6cocalhost:3000', /write the host as localhost\./],
			['ftp://example.com', /must use https/],
			['https://example.com/api', /remove the path/],
			['https://example.com/?a=1', /remove the path/],
			['https://example.com/?', /remove the path/],
			['https://example.com#x', /remove the path/],
			['https://user:pw@example.com', /user name or password/],
			['https://', /not a valid URL/],
			[' https://example.com', /Remove the spaces/],
		]);
	});
});
