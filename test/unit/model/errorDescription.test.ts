import * as assert from 'node:assert/strict';
import { AbortError, ClientErrorCode, TencentCloudError } from '../../../src/api/index';
import { describeError, describeErrorText, unwrapApiError } from '../../../src/model/errorDescription';

/** A model-side wrapper, as the loader's ListingError wraps the API's error. */
function wrapped(cause: unknown): Error {
	return new Error('listing Failed × CreateRoleAssignment failed', { cause });
}

describe('describeError: one description for tree, notifications, panels and log', () => {
	it('names the next step for the codes a button can fix', () => {
		const cases: [string, string | undefined][] = [
			['AuthFailure.SignatureFailure', 'updateCredentials'],
			['AuthFailure', 'updateCredentials'],
			['FailedOperation.ZoneIdNotExist', 'selectZone'],
			[ClientErrorCode.InvalidEndpoint, 'openEndpointSettings'],
			[ClientErrorCode.InsecureEndpoint, 'openEndpointSettings'],
			['RequestLimitExceeded.UinLimitExceeded', 'retry'],
			[ClientErrorCode.Timeout, 'retry'],
			[ClientErrorCode.NetworkUnreachable, 'retry'],
			['FailedOperation.IdentityCenterNotOpen', undefined],
			['UnauthorizedOperation', undefined],
			['InternalError', undefined],
		];
		for (const [code, next] of cases) {
			for (const language of ['en-US', 'zh-CN'] as const) {
				assert.equal(describeError(new TencentCloudError(code, 'x'), language).next, next, `${code} ${language}`);
			}
		}
	});

	it('offers no next step for an error that is not the API\'s, nor for a cancellation', () => {
		assert.equal(describeError(new Error('boom'), 'en-US').next, undefined);
		assert.equal(describeError(new AbortError(), 'en-US').next, undefined);
	});

	it('describes the API error behind a wrapper, as the tree and the notifications both need', () => {
		const inner = new TencentCloudError('FailedOperation.ZoneIdNotExist', 'no such zone', { requestId: 'req-7' });
		const direct = describeError(inner, 'en-US');
		const viaWrapper = describeError(wrapped(wrapped(inner)), 'en-US');
		assert.deepEqual(viaWrapper, direct);
		assert.equal(viaWrapper.code, 'FailedOperation.ZoneIdNotExist');
		assert.equal(viaWrapper.requestId, 'req-7');
		assert.equal(unwrapApiError(wrapped(inner)), inner);
	});

	it('leaves an error without an API cause as it is', () => {
		const plain = wrapped(new Error('disk full'));
		assert.equal(unwrapApiError(plain), plain);
	});

	it('describeErrorText is "title: advice", in the language asked for', () => {
		const error = new TencentCloudError('AuthFailure.SignatureExpire', 'x');
		for (const language of ['en-US', 'zh-CN'] as const) {
			const d = describeError(error, language);
			assert.equal(describeErrorText(wrapped(error), language), `${d.title}: ${d.advice}`);
		}
		assert.match(describeErrorText(error, 'zh-CN'), /系统时间/);
	});
});
