import * as assert from 'node:assert/strict';
import { AbortError, isAuthFailure, type Language, TencentCloudError } from '../../../src/api/index';
import { describeError } from '../../../src/model/errorDescription';
import { ERROR_ADVICE } from '../../../src/model/errorAdviceTable';

const REQUIRED = [
	'FailedOperation.IdentityCenterNotOpen',
	'FailedOperation.ZoneIdNotExist',
	'InvalidParameter.NextTokenInvalid',
	'AuthFailure.SignatureFailure',
	'AuthFailure.SecretIdNotFound',
	'AuthFailure.InvalidSecretId',
	'AuthFailure.SignatureExpire',
	'AuthFailure.TokenFailure',
	'AuthFailure.UnauthorizedOperation',
	'UnauthorizedOperation',
	'RequestLimitExceeded',
	'ClientError.NetworkUnreachable',
	'ClientError.Timeout',
];
const LANGUAGES: Language[] = ['en-US', 'zh-CN'];
const CJK = /[\u4e00-\u9fff]/;

describe('error advice', () => {
	it('has an own entry, in both languages, for every required code', () => {
		for (const code of REQUIRED) {
			assert.ok(ERROR_ADVICE[code], `no entry for ${code}`);
			for (const language of LANGUAGES) {
				const d = describeError(new TencentCloudError(code, 'server says no', { requestId: 'req-9', action: 'ListTasks' }), language);
				assert.equal(d.code, code);
				assert.equal(d.requestId, 'req-9');
				assert.ok(d.title.length > 0 && d.advice.length > 20, `${code} ${language}`);
				assert.ok(!d.advice.includes('{'), `unfilled placeholder in ${code} ${language}: ${d.advice}`);
				assert.equal(CJK.test(d.advice), language === 'zh-CN', `${code} ${language} is in the wrong language: ${d.advice}`);
				assert.ok(!d.advice.includes('server says no'), 'table entries say what to do, not the raw message');
			}
		}
	});

	it('has complete entries for every code in the table', () => {
		for (const [code, entry] of Object.entries(ERROR_ADVICE)) {
			for (const language of LANGUAGES) {
				assert.ok(entry.title[language] && entry.advice[language], `${code} ${language}`);
			}
		}
	});

	it('says what to do for the clock, CAM permissions and rate limits', () => {
		assert.match(describeError(new TencentCloudError('AuthFailure.SignatureExpire', 'x'), 'en-US').advice, /check the system clock/i);
		assert.match(describeError(new TencentCloudError('AuthFailure.SignatureExpire', 'x'), 'zh-CN').advice, /系统时钟/);
		for (const code of ['AuthFailure.UnauthorizedOperation', 'UnauthorizedOperation', 'UnauthorizedOperation.NotAllowed']) {
			for (const language of LANGUAGES) {
				assert.match(describeError(new TencentCloudError(code, 'x', { action: 'ListTasks' }), language).advice, /organization:ListTasks/);
			}
		}
		assert.match(describeError(new TencentCloudError('UnauthorizedOperation', 'x'), 'en-US').advice, /organization:ListTasks/);
		assert.match(describeError(new TencentCloudError('UnauthorizedOperation', 'x', { action: 'GetTaskStatus' }), 'en-US').advice, /organization:GetTaskStatus/);
		const limited = describeError(new TencentCloudError('RequestLimitExceeded.UinLimitExceeded', 'x'), 'en-US');
		assert.equal(limited.code, 'RequestLimitExceeded.UinLimitExceeded');
		assert.equal(limited.advice, describeError(new TencentCloudError('RequestLimitExceeded', 'x'), 'en-US').advice);
	});

	it('falls back to the server message and RequestId for unknown codes', () => {
		const error = new TencentCloudError('ResourceInsufficient.Something', 'Quota used up.', { requestId: 'abc-123' });
		const en = describeError(error, 'en-US');
		assert.equal(en.title, 'Request failed');
		assert.equal(en.advice, 'The service returned ResourceInsufficient.Something: Quota used up. (RequestId: abc-123)');
		assert.equal(en.requestId, 'abc-123');
		const zh = describeError(error, 'zh-CN');
		assert.ok(zh.advice.includes('Quota used up.') && zh.advice.includes('abc-123') && CJK.test(zh.advice));
		const plain = describeError(new Error('boom'), 'en-US');
		assert.equal(plain.code, 'ClientError.Unknown');
		assert.ok(plain.advice.includes('boom'));
		assert.equal(plain.requestId, undefined);
	});

	it('describes a cancellation', () => {
		assert.equal(describeError(new AbortError(), 'en-US').code, 'Aborted');
	});

	it('isAuthFailure matches the AuthFailure family only', () => {
		assert.equal(isAuthFailure(new TencentCloudError('AuthFailure.SignatureFailure', 'x')), true);
		assert.equal(isAuthFailure(new TencentCloudError('AuthFailure.UnauthorizedOperation', 'x')), true);
		assert.equal(isAuthFailure(new TencentCloudError('AuthFailure', 'x')), true);
		assert.equal(isAuthFailure(new TencentCloudError('AuthFailureX', 'x')), false);
		assert.equal(isAuthFailure(new TencentCloudError('UnauthorizedOperation', 'x')), false);
		assert.equal(isAuthFailure(new Error('AuthFailure.SignatureFailure')), false);
	});

	it('treats codes that name Object properties as unknown codes, not as table entries', () => {
		for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty.Sub']) {
			const d = describeError(new TencentCloudError(code, 'server text', { requestId: 'req-1' }), 'en-US');
			assert.equal(d.code, code);
			assert.equal(typeof d.advice, 'string');
			assert.match(d.advice, /server text/);
		}
	});
});
