import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import type { ListGroupsRequest, ListUsersRequest, DescribeOrganizationMembersRequest } from '../../src/api/directoryTypes';
import { TencentCloudError } from '../../src/api/errors';
import type { OrganizationClient } from '../../src/api/organizationClient';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { searchAccounts, searchPrincipals, type DirectorySearchClient } from '../../src/model/directorySearch';

/** Filter Tasks…'s directory pickers: ListUsers / ListGroups `Filter` and DescribeOrganizationMembers `SearchKey`. */

const UNLIMITED = Object.fromEntries(['ListUsers', 'ListGroups', 'DescribeOrganizationMembers'].map((a) => [a, Infinity]));

describe('directory search (Filter Tasks pickers) against the emulator', function () {
	this.timeout(60_000);
	let emu: RunningEmulator;
	let client: OrganizationClient;
	before(async () => {
		emu = await startEmulator({ tasks: 300, seed: 7, requestsPerSecond: UNLIMITED });
		client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 10_000 });
	});
	after(() => emu.close());

	it('finds users by part of their user name or email, and groups by name', async () => {
		const { Users } = await client.listUsers({ ZoneId: emu.zoneId, MaxResults: 5 });
		const { Groups } = await client.listGroups({ ZoneId: emu.zoneId, MaxResults: 5 });
		const user = Users[0];
		const group = Groups[0];
		const byName = await searchPrincipals(client, emu.zoneId, user.UserName.slice(0, Math.max(3, user.UserName.length - 1)));
		assert.ok(byName.principals.some((p) => p.kind === 'User' && p.id === user.UserId && p.userName === user.UserName && p.email === user.Email));
		const byEmail = await searchPrincipals(client, emu.zoneId, user.Email);
		assert.ok(byEmail.principals.some((p) => p.id === user.UserId));
		const byGroup = await searchPrincipals(client, emu.zoneId, group.GroupName);
		const found = byGroup.principals.find((p) => p.id === group.GroupId);
		assert.ok(found && found.state === 'found' && found.kind === 'Group' && found.groupName === group.GroupName);
		const none = await searchPrincipals(client, emu.zoneId, 'no-such-principal-zzzz');
		assert.deepEqual(none.principals, []);
	});

	it('finds member accounts by name or UIN', async () => {
		const { Items } = await client.describeOrganizationMembers({ Offset: 0, Limit: 5 });
		const member = Items[0];
		const byName = await searchAccounts(client, member.Name);
		assert.ok(byName.accounts.some((a) => a.uin === member.MemberUin && a.name === member.Name));
		const byUin = await searchAccounts(client, String(member.MemberUin));
		assert.deepEqual(byUin.accounts.map((a) => a.uin), [member.MemberUin]);
	});

	it('stops at the limit and says more match', async () => {
		const all = await searchPrincipals(client, emu.zoneId, '', { limit: 2 });
		assert.ok(all.principals.filter((p) => p.kind === 'User').length <= 2);
		assert.equal(all.truncated, true);
		const accounts = await searchAccounts(client, '', { limit: 1 });
		assert.equal(accounts.accounts.length, 1);
		assert.equal(accounts.truncated, true);
	});

	it('passes the signal on: an aborted search rejects', async () => {
		const controller = new AbortController();
		controller.abort();
		await assert.rejects(searchPrincipals(client, emu.zoneId, 'a', { signal: controller.signal }));
		await assert.rejects(searchAccounts(client, 'a', { signal: controller.signal }));
	});
});

describe('directory search requests', () => {
	const page = { TotalCounts: 0, MaxResults: 20, IsTruncated: false, RequestId: 'r' };

	function recording(refusePlainGroupFilter: boolean): { client: DirectorySearchClient; users: ListUsersRequest[]; groups: ListGroupsRequest[]; members: DescribeOrganizationMembersRequest[] } {
		const users: ListUsersRequest[] = [];
		const groups: ListGroupsRequest[] = [];
		const members: DescribeOrganizationMembersRequest[] = [];
		const client: DirectorySearchClient = {
			listUsers: (request) => {
				users.push(request);
				return Promise.resolve({ ...page, Users: [] });
			},
			listGroups: (request) => {
				groups.push(request);
				if (refusePlainGroupFilter && request.Filter !== undefined && !request.Filter.startsWith('GroupName ')) {
					return Promise.reject(new TencentCloudError('InvalidParameter.ParamError', 'bad filter'));
				}
				return Promise.resolve({ ...page, Groups: [] });
			},
			describeOrganizationMembers: (request) => {
				members.push(request);
				return Promise.resolve({ Items: [], Total: 0, RequestId: 'r' });
			},
		};
		return { client, users, groups, members };
	}

	it('sends the typed text as ListUsers / ListGroups Filter and DescribeOrganizationMembers SearchKey', async () => {
		const r = recording(false);
		await searchPrincipals(r.client, 'z-1', '  alice  ');
		await searchAccounts(r.client, ' prod ');
		assert.deepEqual(r.users, [{ ZoneId: 'z-1', Filter: 'alice', MaxResults: 20 }]);
		assert.deepEqual(r.groups, [{ ZoneId: 'z-1', Filter: 'alice', MaxResults: 20 }]);
		assert.deepEqual(r.members, [{ Offset: 0, Limit: 20, SearchKey: 'prod' }]);
	});

	it('falls back to the documented "GroupName eq" form when the plain group filter is refused', async () => {
		const r = recording(true);
		await searchPrincipals(r.client, 'z-1', 'Developers');
		assert.deepEqual(r.groups.map((g) => g.Filter), ['Developers', 'GroupName eq Developers']);
	});

	it('sends no Filter or SearchKey for blank text', async () => {
		const r = recording(false);
		await searchPrincipals(r.client, 'z-1', ' ');
		await searchAccounts(r.client, '');
		assert.deepEqual(r.users, [{ ZoneId: 'z-1', MaxResults: 20 }]);
		assert.deepEqual(r.members, [{ Offset: 0, Limit: 20 }]);
	});
});
