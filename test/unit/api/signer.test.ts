import * as assert from 'node:assert/strict';
import { sign } from '../../../src/api/signer';

// Published vectors from the Signature v3 pages (see shared/docs/tencent-cloud-api.md §1.3).
const VECTOR_BODY = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';

describe('TC3-HMAC-SHA256 signer', () => {
	it('reproduces vector 1 (content-type;host) byte for byte', () => {
		const s = sign({
			method: 'POST',
			secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
			secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
			service: 'cvm',
			timestamp: 1551113065,
			headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
			body: Buffer.from(VECTOR_BODY, 'utf8'),
		});
		assert.equal(s.hashedPayload, '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
		assert.equal(
			s.canonicalRequest,
			'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
		);
		assert.equal(s.hashedCanonicalRequest, '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
		assert.equal(s.signature, '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
		assert.equal(
			s.authorization,
			'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
		);
	});

	it('reproduces vector 2 (content-type;host;x-tc-action, lower-cased action) byte for byte', () => {
		const s = sign({
			method: 'POST',
			secretId: 'AKID' + '*'.repeat(32),
			secretKey: '*'.repeat(32),
			service: 'cvm',
			timestamp: 1551113065,
			headers: {
				'content-type': 'application/json; charset=utf-8',
				host: 'cvm.tencentcloudapi.com',
				'x-tc-action': 'DescribeInstances',
			},
			body: VECTOR_BODY,
		});
		assert.equal(
			s.canonicalRequest,
			'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
		);
		assert.equal(s.hashedCanonicalRequest, '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
		assert.equal(s.keys.secretDate.toString('hex'), 'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0');
		assert.equal(s.keys.secretService.toString('hex'), '8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f');
		assert.equal(s.keys.secretSigning.toString('hex'), 'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af');
		assert.equal(s.signature, '10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f');
	});

	it('signs vector 2 headers with the vector 1 key pair as computed in the spec', () => {
		const s = sign({
			method: 'POST',
			secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
			secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
			service: 'cvm',
			timestamp: 1551113065,
			headers: {
				'content-type': 'application/json; charset=utf-8',
				host: 'cvm.tencentcloudapi.com',
				'x-tc-action': 'DescribeInstances',
			},
			body: VECTOR_BODY,
		});
		assert.equal(s.signature, '644be983de9a8a3f00db8eadaba61467c3b429e2215758ba897b738ca469fd26');
	});

	it('takes the credential date from UTC, not local time', () => {
		// 1551139199 is 2019-02-25 23:59:59 UTC, already 2019-02-26 07:59:59 in UTC+8: the scope must say 02-25.
		const s = sign({
			method: 'POST',
			secretId: 'id',
			secretKey: 'key',
			service: 'organization',
			timestamp: 1551139199,
			headers: { 'content-type': 'application/json', host: 'organization.tencentcloudapi.com' },
			body: '{}',
		});
		assert.equal(s.credentialScope, '2019-02-25/organization/tc3_request');
	});
});
