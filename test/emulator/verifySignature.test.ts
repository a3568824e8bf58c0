import * as assert from 'node:assert/strict';
import { sign } from '../../src/api/signer';
import { looksLikeSecretId, parseAuthorization, verifySignature, type KeyPair, type VerifyInput } from '../../src/emulator/verifySignature';

// Published vectors, shared/docs/tencent-cloud-api.md §1.3.
const BODY = Buffer.from('{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}', 'utf8');
const TS = 1551113065;
const EXAMPLE: KeyPair = { secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE' };
const MASKED: KeyPair = { secretId: 'AKID' + '*'.repeat(32), secretKey: '*'.repeat(32) };
const VECTOR1_AUTH =
	'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';
const VECTOR2_AUTH = `TC3-HMAC-SHA256 Credential=${MASKED.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f`;

function input(authorization: string, over: Partial<VerifyInput> = {}, headers: Record<string, string> = {}): VerifyInput {
	return {
		method: 'POST',
		headers: {
			authorization,
			'content-type': 'application/json; charset=utf-8',
			host: 'cvm.tencentcloudapi.com',
			'x-tc-action': 'DescribeInstances',
			'x-tc-timestamp': String(TS),
			'x-tc-region': 'ap-guangzhou',
			...headers,
		},
		body: BODY,
		nowSeconds: TS,
		service: 'cvm',
		lookupKey: (id) => [EXAMPLE, MASKED].find((k) => k.secretId === id),
		...over,
	};
}

function code(i: VerifyInput): string {
	const r = verifySignature(i);
	return r.ok ? 'ok' : r.code;
}

describe('emulator verifySignature', () => {
	it('accepts published vector 1 (content-type;host)', () => {
		const r = verifySignature(input(VECTOR1_AUTH));
		assert.equal(r.ok, true);
		assert.equal(r.ok && r.key.secretId, EXAMPLE.secretId);
	});

	it('accepts published vector 2 (content-type;host;x-tc-action, action value lower-cased)', () => {
		assert.equal(code(input(VECTOR2_AUTH)), 'ok');
	});

	it('accepts the vector 2 headers signed with the EXAMPLE key (644be983…)', () => {
		const auth = `TC3-HMAC-SHA256 Credential=${EXAMPLE.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26`;
		assert.equal(code(input(auth)), 'ok');
	});

	it('hashes the raw body bytes: the re-serialised body of vector 1 fails', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8'))), 'utf8');
		assert.equal(code(input(VECTOR1_AUTH, { body: reserialised })), 'AuthFailure.SignatureFailure');
	});

	it('accepts a Host sent with :port when the hostname alone was signed (the SDK does that)', () => {
		assert.equal(code(input(VECTOR1_AUTH, {}, { host: 'cvm.tencentcloudapi.com:8443' })), 'ok');
	});

	it('accepts a Host signed with its port too', () => {
		const s = sign({
			method: 'POST',
			...EXAMPLE,
			service: 'cvm',
			timestamp: TS,
			headers: { 'content-type': 'application/json', host: '127.0.0.1:9000' },
			body: BODY,
		});
		assert.equal(code(input(s.authorization, {}, { host: '127.0.0.1:9000', 'content-type': 'application/json' })), 'ok');
	});

	it('lower-cases and trims signed header values (doc rule)', () => {
		assert.equal(code(input(VECTOR1_AUTH, {}, { 'content-type': '  Application/JSON; charset=UTF-8 ' })), 'ok');
	});

	it('rejects malformed Authorization headers with AuthFailure.InvalidAuthorization', () => {
		for (const bad of [
			'',
			'Bearer abc',
			VECTOR1_AUTH.replace('TC3-HMAC-SHA256', 'TC3-HMAC-SHA1'),
			VECTOR1_AUTH.replace('tc3_request', 'tc4_request'),
			VECTOR1_AUTH.replace('SignedHeaders=content-type;host', 'SignedHeaders=host'),
			VECTOR1_AUTH.replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type'),
			VECTOR1_AUTH.slice(0, -1),
			VECTOR1_AUTH.replace('2019-02-25', '20190225'),
		]) {
			assert.equal(code(input(bad)), 'AuthFailure.InvalidAuthorization', bad);
		}
		assert.equal(parseAuthorization(undefined), undefined);
		const { authorization: _dropped, ...noAuth } = input(VECTOR1_AUTH).headers;
		assert.equal(code({ ...input(VECTOR1_AUTH), headers: noAuth }), 'AuthFailure.InvalidAuthorization');
	});

	it('tells an unknown AKID key (SecretIdNotFound) from something that is no key at all (InvalidSecretId)', () => {
		assert.equal(code(input(VECTOR1_AUTH.replace('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', 'AKIDunknownkey000000000000000000000'))), 'AuthFailure.SecretIdNotFound');
		assert.equal(code(input(VECTOR1_AUTH.replace('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', 'not-a-key'))), 'AuthFailure.InvalidSecretId');
		const unknown = verifySignature(input(VECTOR1_AUTH.replace('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', 'AKIDunknownkey0000000000000000000WXYZ')));
		assert.ok(!unknown.ok);
		assert.equal(unknown.ok ? '' : unknown.detail, 'unknown SecretId AKID…WXYZ', 'the log gets the SecretId masked');
		assert.equal(looksLikeSecretId('AKIDabc123'), true);
		assert.equal(looksLikeSecretId('akidabc'), false);
	});

	it('rejects a timestamp more than 300 s off with AuthFailure.SignatureExpire, and allows exactly 300 s', () => {
		assert.equal(code(input(VECTOR1_AUTH, { nowSeconds: TS + 301 })), 'AuthFailure.SignatureExpire');
		assert.equal(code(input(VECTOR1_AUTH, { nowSeconds: TS - 301 })), 'AuthFailure.SignatureExpire');
		assert.equal(code(input(VECTOR1_AUTH, { nowSeconds: TS + 300 })), 'ok');
		assert.equal(code(input(VECTOR1_AUTH, {}, { 'x-tc-timestamp': 'soon' })), 'InvalidParameter');
	});

	it('fails the signature when the credential date is not the UTC date of the timestamp, or the service differs', () => {
		const s = sign({ method: 'POST', ...EXAMPLE, service: 'cvm', timestamp: TS, headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' }, body: BODY });
		// UTC+8 local date of 1551113065 is 2019-02-26: a client using local time gets this.
		assert.equal(code(input(s.authorization.replace('2019-02-25', '2019-02-26'))), 'AuthFailure.SignatureFailure');
		assert.equal(code(input(VECTOR1_AUTH, { service: 'organization' })), 'AuthFailure.SignatureFailure');
	});

	it('fails the signature for a wrong key, a changed signed header, or a flipped signature digit', () => {
		const wrongKey = sign({ method: 'POST', secretId: EXAMPLE.secretId, secretKey: 'nope', service: 'cvm', timestamp: TS, headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' }, body: BODY });
		assert.equal(code(input(wrongKey.authorization)), 'AuthFailure.SignatureFailure');
		assert.equal(code(input(VECTOR2_AUTH, {}, { 'x-tc-action': 'RunInstances' })), 'AuthFailure.SignatureFailure');
		assert.equal(code(input(VECTOR1_AUTH.replace(/.$/, '9'))), 'AuthFailure.SignatureFailure');
	});

	it('checks X-TC-Token: required and exact for a temporary key, refused for a long-term one', () => {
		const temp: KeyPair = { ...EXAMPLE, token: 'session-token' };
		const lookupKey = (id: string) => (id === temp.secretId ? temp : undefined);
		assert.equal(code(input(VECTOR1_AUTH, { lookupKey })), 'AuthFailure.TokenFailure');
		assert.equal(code(input(VECTOR1_AUTH, { lookupKey }, { 'x-tc-token': 'other' })), 'AuthFailure.TokenFailure');
		assert.equal(code(input(VECTOR1_AUTH, { lookupKey }, { 'x-tc-token': 'session-token' })), 'ok');
		assert.equal(code(input(VECTOR1_AUTH, {}, { 'x-tc-token': 'stray' })), 'AuthFailure.TokenFailure');
	});
});
