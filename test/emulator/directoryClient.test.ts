import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import type { OrganizationClient } from '../../src/api/organizationClient';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { allPages, withCode } from './directoryHelpers';

/** The project's client against the emulator, one directory action at a time: paging, filters and every error code. */

const UNLIMITED = Object.fromEntries(
	['ListUsers', 'GetUser', 'ListGroups', 'GetGroup', 'ListRoleConfigurations', 'GetRoleConfiguration', 'ListRoleAssignments', 'ListRoleConfigurationProvisionings', 'DescribeOrganizationMembers', 'DescribeIdentityCenter'].map((a) => [a, Infinity]),
);

function ids<T>(rows: T[], id: (row: T) => string | number): (string | number)[] {
	return rows.map(id);
}

describe('directory actions: project client against the emulator', function () {
	this.timeout(60_000);
	let emu: RunningEmulator;
	let client: OrganizationClient;
	let zone: string;
	before(async () => {
		emu = await startEmulator({ tasks: 1500, seed: 5, requestsPerSecond: UNLIMITED });
		client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000 });
		zone = emu.zoneId;
	});
	after(() => emu.close());

	it('DescribeIdentityCenter returns the zone with its name; not open answers as configured', async () => {
		const r = await client.describeIdentityCenter();
		assert.equal(r.ZoneId, zone);
		assert.equal(r.ZoneName, 'cic-sample');
		assert.equal(r.ServiceStatus, 'Enabled');
		assert.equal(r.ScimSyncStatus, 'Disabled');
		assert.match(r.CreateTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
		await assert.rejects(client.describeIdentityCenter({ ZoneId: zone } as never), withCode('UnknownParameter'));
		emu.setCicEnabled(false);
		try {
			await assert.rejects(client.describeIdentityCenter(), withCode('FailedOperation.IdentityCenterNotOpen'));
			await assert.rejects(client.getUser({ ZoneId: zone, UserId: 'u-x' }), withCode('FailedOperation.IdentityCenterNotOpen'));
			// Not a CIC action: the organization's members are there whether CIC is open or not.
			assert.ok((await client.describeOrganizationMembers({ Offset: 0, Limit: 10 })).Total > 0);
		} finally {
			emu.setCicEnabled(true);
		}
		const statusStyle = await startEmulator({ tasks: 5, cicDisabled: true, notOpenAnswer: 'status', zoneName: 'acme-prod' });
		try {
			const c = createOrganizationClient({ endpoint: statusStyle.url, credentials: statusStyle.credentials });
			const d = await c.describeIdentityCenter();
			assert.deepEqual([d.ZoneName, d.ServiceStatus], ['acme-prod', 'Disabled']);
			await assert.rejects(c.listUsers({ ZoneId: statusStyle.zoneId }), withCode('FailedOperation.IdentityCenterNotOpen'));
		} finally {
			await statusStyle.close();
		}
	});

	it('ListUsers pages to the end exactly once, in CreateTime order both ways, and by Offset', async () => {
		const expected = emu.directory().users;
		const pages = await allPages((token) => client.listUsers({ ZoneId: zone, MaxResults: 7, NextToken: token }));
		const rows = pages.flatMap((p) => p.Users);
		assert.equal(rows.length, expected.length);
		assert.deepEqual(new Set(ids(rows, (u) => u.UserId)), new Set(ids(expected, (u) => u.UserId)));
		assert.ok(pages.every((p) => p.TotalCounts === expected.length && p.MaxResults === 7));
		assert.equal(pages.at(-1)?.NextToken, undefined);
		const times = rows.map((u) => u.CreateTime);
		assert.deepEqual(times, [...times].sort());
		assert.ok(rows.every((u) => u.IsSelected === undefined), 'IsSelected only with FilterGroups');
		const desc = (await allPages((token) => client.listUsers({ ZoneId: zone, MaxResults: 100, NextToken: token, SortField: 'CreateTime', SortType: 'Desc' }))).flatMap((p) => p.Users);
		assert.deepEqual(ids(desc, (u) => u.UserId), ids(rows, (u) => u.UserId).reverse());
		const third = await client.listUsers({ ZoneId: zone, MaxResults: 5, Offset: 10 });
		assert.deepEqual(ids(third.Users, (u) => u.UserId), ids(rows.slice(10, 15), (u) => u.UserId));
		const first = await client.listUsers({ ZoneId: zone });
		assert.equal(first.MaxResults, 10, 'the default page size');
	});

	it('ListUsers filters by text, status and type, and marks FilterGroups members', async () => {
		const { users, groupMembers } = emu.directory();
		const someone = users.find((u) => u.DisplayName.includes(' ')) ?? users[0];
		const byName = (await client.listUsers({ ZoneId: zone, Filter: someone.UserName.toUpperCase(), MaxResults: 100 })).Users;
		assert.ok(byName.some((u) => u.UserId === someone.UserId), 'case-insensitive user-name match');
		assert.ok(byName.every((u) => [u.UserName, u.DisplayName, u.Email, u.UserId, u.Description].some((f) => f.toLowerCase().includes(someone.UserName))));
		const byEmail = (await client.listUsers({ ZoneId: zone, Filter: someone.Email })).Users;
		assert.deepEqual(ids(byEmail, (u) => u.UserId), [someone.UserId]);
		const disabled = (await allPages((t) => client.listUsers({ ZoneId: zone, UserStatus: 'Disabled', MaxResults: 100, NextToken: t }))).flatMap((p) => p.Users);
		assert.equal(disabled.length, users.filter((u) => u.UserStatus === 'Disabled').length);
		const synced = await client.listUsers({ ZoneId: zone, UserType: 'Synchronized', MaxResults: 100 });
		assert.equal(synced.TotalCounts, users.filter((u) => u.UserType === 'Synchronized').length);
		const [groupId, members] = Object.entries(groupMembers)[0];
		const marked = (await allPages((t) => client.listUsers({ ZoneId: zone, FilterGroups: [groupId], MaxResults: 100, NextToken: t }))).flatMap((p) => p.Users);
		assert.equal(marked.length, users.length, 'FilterGroups marks, it does not narrow');
		assert.deepEqual(marked.filter((u) => u.IsSelected).map((u) => u.UserId).sort(), [...members].sort());
	});

	it('GetUser resolves every user; deleted and unknown users are ResourceNotFound.UserNotExist', async () => {
		const { users, deletedPrincipalIds } = emu.directory();
		for (const user of users.slice(0, 25)) {
			assert.deepEqual((await client.getUser({ ZoneId: zone, UserId: user.UserId })).UserInfo, user);
		}
		const deletedUsers = deletedPrincipalIds.filter((id) => id.startsWith('u-'));
		assert.ok(deletedUsers.length >= 1);
		for (const id of [...deletedUsers, 'u-doesnotexist']) {
			await assert.rejects(client.getUser({ ZoneId: zone, UserId: id }), withCode('ResourceNotFound.UserNotExist'));
		}
	});

	it('reports parameter errors in the documented order and codes', async () => {
		const cases: [Promise<unknown>, string][] = [
			[client.getUser({ ZoneId: zone } as never), 'MissingParameter'],
			[client.getUser({ ZoneId: zone, UserId: 7 } as never), 'InvalidParameter'],
			[client.getUser({ ZoneId: 'z-other', UserId: 'u-x' }), 'FailedOperation.ZoneIdNotExist'],
			[client.listUsers({ ZoneId: zone, MaxResults: 0 }), 'InvalidParameterValue'],
			[client.listUsers({ ZoneId: zone, MaxResults: 101 }), 'InvalidParameterValue'],
			[client.listUsers({ ZoneId: zone, UserStatus: 'enabled' }), 'InvalidParameterValue'],
			[client.listUsers({ ZoneId: zone, SortType: 'Asc' }), 'InvalidParameter.ParamError'],
			[client.listUsers({ ZoneId: zone, NextToken: 'not-a-token' }), 'InvalidParameter.NextTokenInvalid'],
			[client.listUsers({ ZoneId: zone, Bogus: 1 } as never), 'UnknownParameter'],
			[client.listGroups({ ZoneId: zone, FilterUsers: 'u-1' } as never), 'InvalidParameter'],
			[client.listRoleConfigurations({ ZoneId: zone, PrincipalId: 'u-1' }), 'InvalidParameter.ParamError'],
			[client.listRoleAssignments({ ZoneId: zone, TargetType: 'MemeberUin' }), 'InvalidParameterValue'],
			[client.listRoleConfigurationProvisionings({ ZoneId: zone, DeploymentStatus: 'Pending' }), 'InvalidParameterValue'],
			[client.describeOrganizationMembers({ Limit: 10 } as never), 'MissingParameter'],
			[client.describeOrganizationMembers({ Offset: 0, Limit: 51 }), 'InvalidParameterValue'],
			[client.describeOrganizationMembers({ Offset: 5, Limit: 10 }), 'InvalidParameter'],
			[client.describeOrganizationMembers({ Offset: 0, Limit: 10, NodeId: 999_999 }), 'ResourceNotFound.OrganizationNodeNotExist'],
		];
		for (const [call, code] of cases) {
			await assert.rejects(call, withCode(code));
		}
		// A token is bound to its filters: the same token with another filter is refused.
		const page = await client.listUsers({ ZoneId: zone, MaxResults: 2 });
		await assert.rejects(client.listUsers({ ZoneId: zone, MaxResults: 2, UserStatus: 'Enabled', NextToken: page.NextToken }), withCode('InvalidParameter.NextTokenInvalid'));
		assert.ok((await client.listUsers({ ZoneId: zone, MaxResults: 5, NextToken: page.NextToken })).Users.length > 0, 'a different page size may follow');
		assert.equal((await client.listUsers({ ZoneId: zone, NextToken: '' })).Users.length, 10, 'an empty token is the first page');
	});

	it('ListGroups and GetGroup: paging, name filters, FilterUsers, InvalidParameter.GroupNotExist', async () => {
		const { groups, groupMembers, deletedPrincipalIds } = emu.directory();
		const rows = (await allPages((t) => client.listGroups({ ZoneId: zone, MaxResults: 3, NextToken: t }))).flatMap((p) => p.Groups);
		assert.deepEqual(ids(rows, (g) => g.GroupId).sort(), ids(groups, (g) => g.GroupId).sort());
		assert.equal(new Set(ids(rows, (g) => g.GroupId)).size, rows.length);
		const one = groups[0];
		assert.deepEqual((await client.getGroup({ ZoneId: zone, GroupId: one.GroupId })).GroupInfo, one);
		assert.equal(one.MemberCount, groupMembers[one.GroupId].length);
		assert.deepEqual(ids((await client.listGroups({ ZoneId: zone, Filter: `GroupName eq ${one.GroupName}` })).Groups, (g) => g.GroupId), [one.GroupId]);
		assert.ok((await client.listGroups({ ZoneId: zone, Filter: one.GroupName.slice(0, 3).toLowerCase() })).Groups.some((g) => g.GroupId === one.GroupId));
		const user = groupMembers[one.GroupId][0];
		const marked = (await client.listGroups({ ZoneId: zone, FilterUsers: [user], MaxResults: 100 })).Groups;
		const expected = Object.entries(groupMembers).filter(([, m]) => m.includes(user)).map(([g]) => g).sort();
		assert.deepEqual(marked.filter((g) => g.IsSelected).map((g) => g.GroupId).sort(), expected);
		const deletedGroup = deletedPrincipalIds.find((id) => id.startsWith('g-'));
		assert.ok(deletedGroup, 'a deleted group');
		for (const id of [deletedGroup, 'g-doesnotexist']) {
			await assert.rejects(client.getGroup({ ZoneId: zone, GroupId: id }), withCode('InvalidParameter.GroupNotExist'));
		}
	});

	it('ListRoleConfigurations and GetRoleConfiguration: descriptions, session durations, filters, not-found', async () => {
		const { roleConfigurations } = emu.directory();
		const rows = (await allPages((t) => client.listRoleConfigurations({ ZoneId: zone, MaxResults: 4, NextToken: t }))).flatMap((p) => p.RoleConfigurations);
		assert.deepEqual(ids(rows, (r) => r.RoleConfigurationId).sort(), ids(roleConfigurations, (r) => r.RoleConfigurationId).sort());
		for (const rc of rows) {
			assert.ok(rc.Description.length > 0 && typeof rc.SessionDuration === 'number' && rc.SessionDuration >= 900);
		}
		const one = rows[0];
		assert.deepEqual((await client.getRoleConfiguration({ ZoneId: zone, RoleConfigurationId: one.RoleConfigurationId })).RoleConfigurationInfo, one);
		await assert.rejects(client.getRoleConfiguration({ ZoneId: zone, RoleConfigurationId: 'rc-nope' }), withCode('InvalidParameter.RoleConfigurationNotExist'));
		const found = (await client.listRoleConfigurations({ ZoneId: zone, Filter: one.RoleConfigurationName.toLowerCase(), MaxResults: 100 })).RoleConfigurations;
		assert.ok(found.some((r) => r.RoleConfigurationId === one.RoleConfigurationId));
		const assignment = (await client.listRoleAssignments({ ZoneId: zone, MaxResults: 1 })).RoleAssignments[0];
		const selected = (await client.listRoleConfigurations({ ZoneId: zone, FilterTargets: [assignment.TargetUin], PrincipalId: assignment.PrincipalId, MaxResults: 100 })).RoleConfigurations;
		assert.ok(selected.find((r) => r.RoleConfigurationId === assignment.RoleConfigurationId)?.IsSelected, 'the assigned configuration is selected');
		assert.ok(selected.every((r) => typeof r.IsSelected === 'boolean'));
	});

	it('ListRoleAssignments and ListRoleConfigurationProvisionings: paging and filters, names agree with Get*', async () => {
		const { users, groups, accounts } = emu.directory();
		const names = new Map<string, string>([...users.map((u) => [u.UserId, u.UserName] as const), ...groups.map((g) => [g.GroupId, g.GroupName] as const)]);
		const accountNames = new Map(accounts.map((a) => [a.MemberUin, a.Name]));
		const assignments = (await allPages((t) => client.listRoleAssignments({ ZoneId: zone, MaxResults: 100, NextToken: t }))).flatMap((p) => p.RoleAssignments);
		assert.ok(assignments.length > 50, `${assignments.length} assignments`);
		const keys = assignments.map((a) => `${a.RoleConfigurationId}/${a.TargetUin}/${a.PrincipalId}`);
		assert.equal(new Set(keys).size, keys.length, 'each assignment once');
		for (const a of assignments) {
			assert.equal(a.PrincipalName, names.get(a.PrincipalId));
			assert.equal(a.TargetName, accountNames.get(a.TargetUin));
		}
		const a = assignments[17];
		const narrowed = await client.listRoleAssignments({ ZoneId: zone, PrincipalId: a.PrincipalId, PrincipalType: a.PrincipalType, TargetUin: a.TargetUin, TargetType: a.TargetType, RoleConfigurationId: a.RoleConfigurationId });
		assert.deepEqual(narrowed.RoleAssignments, [a]);
		const byName = await client.listRoleAssignments({ ZoneId: zone, Filter: a.RoleConfigurationName, MaxResults: 100 });
		assert.ok(byName.RoleAssignments.every((r) => r.RoleConfigurationName.toLowerCase().includes(a.RoleConfigurationName.toLowerCase())));
		assert.equal((await client.listRoleAssignments({ ZoneId: zone, PrincipalId: 'u-nobody' })).TotalCounts, 0, 'an unknown ID filters to nothing');

		const provisionings = (await allPages((t) => client.listRoleConfigurationProvisionings({ ZoneId: zone, MaxResults: 50, NextToken: t }))).flatMap((p) => p.RoleConfigurationProvisionings);
		assert.ok(provisionings.length > 20);
		const statuses = new Set(provisionings.map((p) => p.DeploymentStatus));
		assert.deepEqual([...statuses].sort(), ['DeployFailed', 'Deployed', 'DeployedRequired']);
		const failed = await client.listRoleConfigurationProvisionings({ ZoneId: zone, DeploymentStatus: 'DeployFailed', MaxResults: 100 });
		assert.equal(failed.TotalCounts, provisionings.filter((p) => p.DeploymentStatus === 'DeployFailed').length);
		// Every assignment's configuration is deployed on its account.
		const deployed = new Set(provisionings.map((p) => `${p.RoleConfigurationId}/${p.TargetUin}`));
		assert.ok(assignments.every((x) => deployed.has(`${x.RoleConfigurationId}/${x.TargetUin}`)));
	});

	it('DescribeOrganizationMembers pages by Offset/Limit to the end and searches by name, UIN, node and tag', async () => {
		const { accounts } = emu.directory();
		const seen: number[] = [];
		let total = -1;
		for (let offset = 0; total < 0 || offset < total; offset += 7) {
			const r = await client.describeOrganizationMembers({ Offset: offset, Limit: 7 });
			total = r.Total;
			seen.push(...r.Items.map((m) => m.MemberUin));
			if (r.Items.length === 0) {
				break;
			}
		}
		assert.equal(total, accounts.length);
		assert.deepEqual(seen, accounts.map((a) => a.MemberUin));
		const one = accounts[3];
		assert.ok((await client.describeOrganizationMembers({ Offset: 0, Limit: 50, SearchKey: one.Name })).Items.some((m) => m.MemberUin === one.MemberUin));
		assert.deepEqual((await client.describeOrganizationMembers({ Offset: 0, Limit: 50, SearchKey: String(one.MemberUin) })).Items.map((m) => m.MemberUin), [one.MemberUin]);
		const node = await client.describeOrganizationMembers({ Offset: 0, Limit: 50, NodeId: one.NodeId, Lang: 'en' });
		assert.ok(node.Items.every((m) => m.NodeId === one.NodeId) && node.Total > 0);
		const tagged = await client.describeOrganizationMembers({ Offset: 0, Limit: 50, Tags: [{ TagKey: 'env', TagValue: 'prod' }] });
		assert.equal(tagged.Total, accounts.filter((a) => a.Tags?.some((t) => t.TagKey === 'env' && t.TagValue === 'prod')).length);
		const full = (await client.describeOrganizationMembers({ Offset: 0, Limit: 50 })).Items[0];
		assert.equal(typeof full.PayUin, 'string');
		assert.ok(Array.isArray(full.OrgPermission) && Array.isArray(full.OrgIdentity));
	});
});
