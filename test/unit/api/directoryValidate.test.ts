import * as assert from 'node:assert/strict';
import { isTencentCloudError } from '../../../src/api/errors';
import {
	validateDescribeIdentityCenterResponse,
	validateDescribeOrganizationMembersResponse,
	validateGetGroupResponse,
	validateGetUserResponse,
	validateListRoleAssignmentsResponse,
	validateListRoleConfigurationProvisioningsResponse,
	validateListRoleConfigurationsResponse,
	validateListUsersResponse,
} from '../../../src/api/validateDirectory';

function invalid(fn: () => unknown, message: RegExp): void {
	assert.throws(fn, (e: unknown) => isTencentCloudError(e) && e.code === 'ClientError.InvalidResponse' && message.test(e.message));
}

const USER = {
	UserName: 'alice.wang',
	FirstName: 'Alice',
	LastName: 'Wang',
	DisplayName: 'Alice Wang',
	Description: '',
	Email: 'alice.wang@example.com',
	UserStatus: 'Enabled',
	UserType: 'Manual',
	UserId: 'u-1',
	CreateTime: '2024-03-12 12:12:12',
	UpdateTime: '2024-03-12 12:12:12',
};

describe('API client: directory response validation', () => {
	it('accepts the documented shapes and keeps only model fields (never a Password)', () => {
		const r = validateGetUserResponse({ UserInfo: { ...USER, Password: 'hunter2', Extra: 1 }, RequestId: 'r' });
		assert.deepEqual(r, { UserInfo: USER, RequestId: 'r' });
		assert.ok(!JSON.stringify(r).includes('hunter2'));
		const identity = validateDescribeIdentityCenterResponse({ ZoneId: 'z-vft38p2hq8tq', ZoneName: 'testwu', ServiceStatus: 'Enabled', ScimSyncStatus: 'Disabled', CreateTime: 't', UpdateTime: 't', RequestId: 'r' });
		assert.equal(identity.ZoneName, 'testwu');
		const group = validateGetGroupResponse({ GroupInfo: { GroupId: 'g-1', GroupName: 'x', MemberCount: 20 }, RequestId: 'r' }).GroupInfo;
		assert.deepEqual(group, { GroupName: 'x', Description: '', CreateTime: '', GroupType: '', UpdateTime: '', GroupId: 'g-1', MemberCount: 20 });
		assert.ok(!('IsSelected' in group), 'absent optional fields stay absent');
	});

	it('names the field path of a wrong type or a missing ID', () => {
		invalid(() => validateGetUserResponse({ RequestId: 'r' }), /^Response\.UserInfo: expected an object, got nothing/);
		invalid(() => validateGetUserResponse({ UserInfo: { ...USER, UserId: undefined }, RequestId: 'r' }), /^Response\.UserInfo\.UserId: expected a string/);
		invalid(() => validateListUsersResponse({ Users: [USER, { ...USER, Email: 5 }], RequestId: 'r' }), /^Response\.Users\[1\]\.Email: expected a string, got 5/);
		invalid(() => validateListUsersResponse({ Users: [{ ...USER, IsSelected: 'true' }], RequestId: 'r' }), /Users\[0\]\.IsSelected: expected a boolean/);
		invalid(() => validateListRoleAssignmentsResponse({ RoleAssignments: [{ RoleConfigurationId: 'rc', PrincipalId: 'u', TargetUin: '100' }], RequestId: 'r' }), /RoleAssignments\[0\]\.TargetUin: expected a number, got "100"/);
		invalid(() => validateListRoleConfigurationsResponse({ RoleConfigurations: [{ RoleConfigurationId: 'rc', SessionDuration: '900' }], RequestId: 'r' }), /RoleConfigurations\[0\]\.SessionDuration: expected a number/);
		invalid(() => validateDescribeOrganizationMembersResponse({ Items: [{ MemberUin: 1, OrgPermission: [{ Id: 'a' }] }], RequestId: 'r' }), /Items\[0\]\.OrgPermission\[0\]\.Id: expected a number/);
		invalid(() => validateDescribeOrganizationMembersResponse({ Items: {}, RequestId: 'r' }), /Response\.Items: expected an array, got an object/);
		invalid(() => validateListUsersResponse({ Users: [] }), /Response\.RequestId/);
	});

	it('ends a listing whose IsTruncated comes with no NextToken (the documented "" example) instead of looping', () => {
		const r = validateListRoleConfigurationProvisioningsResponse({ NextToken: '', TotalCounts: 30, MaxResults: 10, IsTruncated: true, RoleConfigurationProvisionings: [], RequestId: 'r' });
		assert.equal(r.IsTruncated, false);
		assert.ok(!('NextToken' in r));
		const more = validateListUsersResponse({ NextToken: 'abc', IsTruncated: true, Users: [USER], RequestId: 'r' });
		assert.deepEqual([more.IsTruncated, more.NextToken, more.TotalCounts, more.MaxResults], [true, 'abc', 1, 1]);
		const last = validateListUsersResponse({ NextToken: 'stale', IsTruncated: false, Users: [], TotalCounts: 0, MaxResults: 10, RequestId: 'r' });
		assert.ok(!('NextToken' in last), 'a token on the last page is dropped');
	});

	it('passes hostile strings through verbatim', () => {
		const hostile = '[x](command:workbench.action.quit) <img src=x onerror=alert(1)> \u202E';
		const r = validateDescribeOrganizationMembersResponse({ Items: [{ MemberUin: 1, Name: hostile, Tags: [{ TagKey: hostile, TagValue: hostile }] }], Total: 1, RequestId: 'r' });
		assert.equal(r.Items[0].Name, hostile);
		assert.deepEqual(r.Items[0].Tags, [{ TagKey: hostile, TagValue: hostile }]);
		assert.deepEqual(r.Items[0].OrgIdentity, []);
	});
});
