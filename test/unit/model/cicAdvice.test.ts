import * as assert from 'node:assert/strict';
import { TencentCloudError, type Language } from '../../../src/api/index';
import { ERROR_ADVICE } from '../../../src/model/errorAdviceTable';
import { describeError } from '../../../src/model/errorDescription';

/** The codes of the directory actions and of the four write actions (cic-context-api.md §2, §5, §6) have advice of their own. */

const DIRECTORY_CODES = [
	'ResourceNotFound.UserNotExist',
	'InvalidParameter.GroupNotExist',
	'InvalidParameter.RoleConfigurationNotExist',
	'InvalidParameter.ParamError',
	'FailedOperation.DBOperationError',
	'FailedOperation.OperateBillingPermissionErr',
	'ResourceNotFound.OrganizationNodeNotExist',
	'ResourceNotFound.OrganizationNotExist',
	'ResourceNotFound.OrganizationServiceNotExist',
	'FailedOperation.IdentityCenterNotOpen',
];

/** CreateRoleAssignment, DeleteRoleAssignment, ProvisionRoleConfiguration, DismantleRoleConfiguration (§6.1–§6.4). */
const WRITE_CODES = [
	'FailedOperation.OrganizationMemberNotExist',
	'FailedOperation.RoleConfigurationAuthorizationAlreadyExist',
	'FailedOperation.RoleConfigurationAuthorizationOverLimit',
	'LimitExceeded.CreateRoleAssignmentLimitExceeded',
	'ResourceNotFound.RoleConfigurationAuthorizationNotFound',
	'FailedOperation.UserOverUpperLimit',
	'InvalidParameter.EmailAlreadyExists',
	'InvalidParameter.UsernameAlreadyExists',
	'InvalidParameter.UsernameFormatError',
	'FailedOperation.RoleConfigurationAuthorizationExist',
	'FailedOperation.RoleConfigurationProvisioningStatusError',
	'ResourceNotFound.RoleConfigurationProvisioningNotFound',
];

const LANGUAGES: Language[] = ['en-US', 'zh-CN'];
const CJK = /[\u4e00-\u9fff]/;

describe('advice for the directory and write codes', () => {
	it('has an own entry, in both languages, for each code: never the generic "Request failed"', () => {
		for (const code of [...DIRECTORY_CODES, ...WRITE_CODES]) {
			assert.ok(Object.hasOwn(ERROR_ADVICE, code), `no entry for ${code}`);
			for (const language of LANGUAGES) {
				const d = describeError(new TencentCloudError(code, 'server says no', { requestId: 'req-1', action: 'GetUser' }), language);
				assert.notEqual(d.title, language === 'en-US' ? 'Request failed' : '请求失败', `${code} ${language}`);
				assert.ok(d.advice.length > (language === 'en-US' ? 40 : 15), `${code} ${language}`);
				assert.ok(!/\{\w+\}/.test(d.advice), `unfilled placeholder in ${code} ${language}: ${d.advice}`);
				assert.equal(CJK.test(d.advice), language === 'zh-CN', `${code} ${language} is in the wrong language`);
				assert.ok(!d.advice.includes('server says no'), `${code}: advice, not the raw message`);
			}
		}
	});

	it('names the action whose parameter was rejected, and offers a retry for the service\'s database error', () => {
		assert.match(describeError(new TencentCloudError('InvalidParameter.ParamError', 'x', { action: 'ListUsers' }), 'en-US').advice, /organization:ListUsers/);
		assert.equal(describeError(new TencentCloudError('FailedOperation.DBOperationError', 'x'), 'en-US').next, 'retry');
	});

	it('says, when CIC is not open, how to open it and where to choose the zone next', () => {
		const en = describeError(new TencentCloudError('FailedOperation.IdentityCenterNotOpen', 'x'), 'en-US').advice;
		assert.match(en, /Enable it in the Organization console/);
		assert.match(en, /Select Zone…/);
		assert.match(describeError(new TencentCloudError('FailedOperation.IdentityCenterNotOpen', 'x'), 'zh-CN').advice, /选择空间…/);
	});
});
