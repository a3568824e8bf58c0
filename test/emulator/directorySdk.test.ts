import * as assert from 'node:assert/strict';
import type { Agent } from 'node:http';
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type * as D from '../../src/api/directoryTypes';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { loopbackAgent, sdkClientFor } from './directoryHelpers';

/**
 * Every directory action through the official SDK's CommonClient (as sdk.test.ts does for ListTasks): the emulator
 * accepts the SDK's signature for each action, answers the SDK's request shapes, and its errors reach the SDK as
 * exceptions with the documented code and a RequestId.
 */

interface SdkError {
	code?: string;
	message: string;
	requestId?: string;
}

async function sdkError(call: Promise<unknown>): Promise<SdkError> {
	return (await call.then(
		() => assert.fail('expected an error'),
		(e: unknown) => e,
	)) as SdkError;
}

describe('directory actions: official SDK CommonClient against the emulator', function () {
	this.timeout(30_000);
	let emu: RunningEmulator;
	let agent: Agent;
	let sdk: CommonClient;
	let zone: string;
	before(async () => {
		emu = await startEmulator({ tasks: 800, seed: 8, secretId: 'AKIDlocal', secretKey: 'local-secret-key' });
		agent = loopbackAgent();
		sdk = sdkClientFor(emu, agent);
		zone = emu.zoneId;
	});
	after(async () => {
		agent.destroy();
		await emu.close();
	});

	it('answers each of the ten actions with its Response and a RequestId', async () => {
		const d = emu.directory();
		const user = d.users[0];
		const group = d.groups[0];
		const rc = d.roleConfigurations[0];
		const identity = (await sdk.request('DescribeIdentityCenter', {})) as D.DescribeIdentityCenterResponse;
		assert.equal(identity.ZoneId, zone);
		assert.equal(identity.ServiceStatus, 'Enabled');
		assert.deepEqual(((await sdk.request('GetUser', { ZoneId: zone, UserId: user.UserId })) as D.GetUserResponse).UserInfo, user);
		assert.deepEqual(((await sdk.request('GetGroup', { ZoneId: zone, GroupId: group.GroupId })) as D.GetGroupResponse).GroupInfo, group);
		assert.deepEqual(((await sdk.request('GetRoleConfiguration', { ZoneId: zone, RoleConfigurationId: rc.RoleConfigurationId })) as D.GetRoleConfigurationResponse).RoleConfigurationInfo, rc);
		const lists: [string, string][] = [
			['ListUsers', 'Users'],
			['ListGroups', 'Groups'],
			['ListRoleConfigurations', 'RoleConfigurations'],
			['ListRoleAssignments', 'RoleAssignments'],
			['ListRoleConfigurationProvisionings', 'RoleConfigurationProvisionings'],
		];
		for (const [action, rows] of lists) {
			const r = (await sdk.request(action, { ZoneId: zone, MaxResults: 5, NextToken: '' })) as Record<string, unknown>;
			assert.equal((r[rows] as unknown[]).length, 5, action);
			assert.equal(r.MaxResults, 5, action);
			assert.equal(r.IsTruncated, true, action);
			assert.equal(typeof r.NextToken, 'string', action);
			assert.equal(typeof r.RequestId, 'string', action);
		}
		const members = (await sdk.request('DescribeOrganizationMembers', { Lang: 'zh', Limit: 10, Offset: 0 })) as D.DescribeOrganizationMembersResponse;
		assert.equal(members.Total, d.accounts.length);
		assert.deepEqual(members.Items, d.accounts.slice(0, 10));
		assert.ok(emu.requestLog().every((e) => e.outcome === 'Success'), 'every SDK signature was accepted');
	});

	it('pages ListRoleAssignments to the end through the SDK, each assignment once', async () => {
		const keys: string[] = [];
		let token: string | undefined;
		let total = -1;
		do {
			const r = (await sdk.request('ListRoleAssignments', { ZoneId: zone, MaxResults: 20, ...(token ? { NextToken: token } : {}) })) as D.ListRoleAssignmentsResponse;
			total = r.TotalCounts;
			keys.push(...r.RoleAssignments.map((a) => `${a.RoleConfigurationId}/${a.TargetUin}/${a.PrincipalId}`));
			token = r.IsTruncated ? r.NextToken : undefined;
		} while (token);
		assert.equal(keys.length, total);
		assert.equal(new Set(keys).size, total);
	});

	it('raises the documented not-found and parameter codes as SDK exceptions', async () => {
		const deletedUser = emu.directory().deletedPrincipalIds.find((id) => id.startsWith('u-'));
		const cases: [string, Record<string, unknown>, string][] = [
			['GetUser', { ZoneId: zone, UserId: deletedUser }, 'ResourceNotFound.UserNotExist'],
			['GetGroup', { ZoneId: zone, GroupId: 'g-gone' }, 'InvalidParameter.GroupNotExist'],
			['GetRoleConfiguration', { ZoneId: zone, RoleConfigurationId: 'rc-gone' }, 'InvalidParameter.RoleConfigurationNotExist'],
			['ListUsers', { ZoneId: zone, NextToken: 'forged' }, 'InvalidParameter.NextTokenInvalid'],
			['ListGroups', { ZoneId: 'z-elsewhere' }, 'FailedOperation.ZoneIdNotExist'],
			['DescribeOrganizationMembers', { Offset: 0, Limit: 0 }, 'InvalidParameterValue'],
		];
		for (const [action, params, code] of cases) {
			const e = await sdkError(sdk.request(action, params));
			assert.equal(e.code, code, action);
			assert.ok(e.requestId, `${action} has a RequestId`);
		}
		const en = await sdkError(sdk.request('GetUser', { ZoneId: zone, UserId: 'u-none' }));
		assert.equal(en.message, 'The user does not exist.');
	});
});
