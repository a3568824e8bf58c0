import type { GroupInfo, OrgMember, RoleConfiguration, UserInfo } from '../api/directoryTypes';
import type { OrganizationClient } from '../api/organizationClient';
import type { NameListKind } from './nameCache';
import type { AccountEntry, PrincipalEntry, RoleConfigurationEntry } from './names';

/**
 * The directory actions as the name directory uses them: one Get, one list page, and the error code by which a
 * Get says the ID does not exist (cic-context-api.md §2: note `InvalidParameter.*` for groups and role
 * configurations, `ResourceNotFound.*` for users). Each turns the wire model into the contract's entry.
 */
export interface IdSource<E> {
	readonly list: NameListKind;
	readonly getAction: string;
	readonly notFoundCode: string;
	get(client: OrganizationClient, id: string, signal: AbortSignal, checkedAt: number): Promise<E>;
	page(
		client: OrganizationClient,
		pageSize: number,
		token: string | undefined,
		signal: AbortSignal,
		checkedAt: number,
	): Promise<{ rows: E[]; total: number; next: string | undefined }>;
	idOf(entry: E): string;
	notFound(id: string, checkedAt: number): E;
}

export function userEntry(user: UserInfo, checkedAt: number): Extract<PrincipalEntry, { state: 'found' }> {
	return {
		state: 'found',
		kind: 'User',
		id: user.UserId,
		userName: user.UserName,
		displayName: user.DisplayName,
		email: user.Email,
		status: user.UserStatus,
		checkedAt,
	};
}

export function groupEntry(group: GroupInfo, checkedAt: number): Extract<PrincipalEntry, { state: 'found' }> {
	return {
		state: 'found',
		kind: 'Group',
		id: group.GroupId,
		groupName: group.GroupName,
		description: group.Description,
		memberCount: group.MemberCount,
		checkedAt,
	};
}

export function roleConfigurationEntry(rc: RoleConfiguration, checkedAt: number): RoleConfigurationEntry {
	return {
		state: 'found',
		id: rc.RoleConfigurationId,
		name: rc.RoleConfigurationName,
		description: rc.Description,
		sessionDuration: rc.SessionDuration,
		checkedAt,
	};
}

export function accountEntry(member: OrgMember, checkedAt: number): Extract<AccountEntry, { state: 'found' }> {
	return { state: 'found', uin: member.MemberUin, name: member.Name, memberType: member.MemberType, nodeName: member.NodeName, checkedAt };
}

/** The next token, or undefined at the end: `IsTruncated` false, or a missing or empty token (§7.5). */
function nextToken(page: { IsTruncated: boolean; NextToken?: string }): string | undefined {
	return page.IsTruncated && page.NextToken ? page.NextToken : undefined;
}

export function userSource(zoneId: string): IdSource<PrincipalEntry> {
	return {
		list: 'users',
		getAction: 'GetUser',
		notFoundCode: 'ResourceNotFound.UserNotExist',
		get: async (client, id, signal, at) => userEntry((await client.getUser({ ZoneId: zoneId, UserId: id }, { signal })).UserInfo, at),
		page: async (client, pageSize, token, signal, at) => {
			const page = await client.listUsers({ ZoneId: zoneId, MaxResults: pageSize, ...(token ? { NextToken: token } : {}) }, { signal });
			return { rows: page.Users.map((u) => userEntry(u, at)), total: page.TotalCounts, next: nextToken(page) };
		},
		idOf: (entry) => entry.id,
		notFound: (id, checkedAt) => ({ state: 'notFound', kind: 'User', id, checkedAt }),
	};
}

export function groupSource(zoneId: string): IdSource<PrincipalEntry> {
	return {
		list: 'groups',
		getAction: 'GetGroup',
		notFoundCode: 'InvalidParameter.GroupNotExist',
		get: async (client, id, signal, at) => groupEntry((await client.getGroup({ ZoneId: zoneId, GroupId: id }, { signal })).GroupInfo, at),
		page: async (client, pageSize, token, signal, at) => {
			const page = await client.listGroups({ ZoneId: zoneId, MaxResults: pageSize, ...(token ? { NextToken: token } : {}) }, { signal });
			return { rows: page.Groups.map((g) => groupEntry(g, at)), total: page.TotalCounts, next: nextToken(page) };
		},
		idOf: (entry) => entry.id,
		notFound: (id, checkedAt) => ({ state: 'notFound', kind: 'Group', id, checkedAt }),
	};
}

export function roleConfigurationSource(zoneId: string): IdSource<RoleConfigurationEntry> {
	return {
		list: 'roleConfigurations',
		getAction: 'GetRoleConfiguration',
		notFoundCode: 'InvalidParameter.RoleConfigurationNotExist',
		get: async (client, id, signal, at) =>
			roleConfigurationEntry((await client.getRoleConfiguration({ ZoneId: zoneId, RoleConfigurationId: id }, { signal })).RoleConfigurationInfo, at),
		page: async (client, pageSize, token, signal, at) => {
			const page = await client.listRoleConfigurations({ ZoneId: zoneId, MaxResults: pageSize, ...(token ? { NextToken: token } : {}) }, { signal });
			return { rows: page.RoleConfigurations.map((rc) => roleConfigurationEntry(rc, at)), total: page.TotalCounts, next: nextToken(page) };
		},
		idOf: (entry) => entry.id,
		notFound: (id, checkedAt) => ({ state: 'notFound', id, checkedAt }),
	};
}
