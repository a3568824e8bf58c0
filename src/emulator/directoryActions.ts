import type {
	DescribeIdentityCenterResponse,
	DescribeOrganizationMembersResponse,
	GetGroupResponse,
	GetRoleConfigurationResponse,
	GetUserResponse,
	GroupInfo,
	ListGroupsResponse,
	ListRoleAssignmentsResponse,
	ListRoleConfigurationProvisioningsResponse,
	ListRoleConfigurationsResponse,
	ListUsersResponse,
	OrgMember,
	RoleConfiguration,
	UserInfo,
} from '../api/directoryTypes';
import { DEPLOYMENT_STATUSES } from '../api/directoryTypes';
import { PRINCIPAL_TYPES, TARGET_TYPES } from '../api/types';
import { checkZone, type ZoneState } from './zone';
import { assignmentKey, provisioningKey } from './directoryState';
import { ApiError } from './messages';
import { check, DEFAULT_MAX_RESULTS, type FieldSpec, type JsonObject } from './params';

/**
 * The directory actions (cic-context-api.md §5), after routing, authentication and rate limiting. Checks run in
 * the reference's order: parameters, then CIC enabled, then the zone, then the resource. Enumerations and ranges
 * are refused with InvalidParameterValue as for ListTasks (the examples' `MemeberUin` typo included, §7.3); rules
 * that tie two parameters together with InvalidParameter.ParamError, the code these actions list.
 */

export const DIRECTORY_ACTIONS = [
	'DescribeIdentityCenter',
	'GetUser',
	'ListUsers',
	'GetGroup',
	'ListGroups',
	'GetRoleConfiguration',
	'ListRoleConfigurations',
	'ListRoleAssignments',
	'ListRoleConfigurationProvisionings',
	'DescribeOrganizationMembers',
] as const;
export type DirectoryAction = (typeof DIRECTORY_ACTIONS)[number];

type Body<T> = Omit<T, 'RequestId'>;
export type DirectoryResponseBody =
	| Body<DescribeIdentityCenterResponse>
	| Body<GetUserResponse>
	| Body<ListUsersResponse>
	| Body<GetGroupResponse>
	| Body<ListGroupsResponse>
	| Body<GetRoleConfigurationResponse>
	| Body<ListRoleConfigurationsResponse>
	| Body<ListRoleAssignmentsResponse>
	| Body<ListRoleConfigurationProvisioningsResponse>
	| Body<DescribeOrganizationMembersResponse>;

export function runDirectoryAction(zone: ZoneState, action: DirectoryAction, body: JsonObject): DirectoryResponseBody {
	switch (action) {
		case 'DescribeIdentityCenter':
			return describeIdentityCenter(zone, body);
		case 'GetUser':
			return getUser(zone, body);
		case 'ListUsers':
			return listUsers(zone, body);
		case 'GetGroup':
			return getGroup(zone, body);
		case 'ListGroups':
			return listGroups(zone, body);
		case 'GetRoleConfiguration':
			return getRoleConfiguration(zone, body);
		case 'ListRoleConfigurations':
			return listRoleConfigurations(zone, body);
		case 'ListRoleAssignments':
			return listRoleAssignments(zone, body);
		case 'ListRoleConfigurationProvisionings':
			return listProvisionings(zone, body);
		case 'DescribeOrganizationMembers':
			return describeOrganizationMembers(zone, body);
	}
}

const ENABLED = ['Enabled', 'Disabled'];
const SOURCE_TYPES = ['Manual', 'Synchronized'];
const PAGING: Readonly<Record<string, FieldSpec>> = {
	NextToken: { kind: 'String' },
	MaxResults: { kind: 'Integer', min: 1, max: 100 },
};
const SORTING: Readonly<Record<string, FieldSpec>> = {
	SortField: { kind: 'String', allowed: ['CreateTime'] },
	SortType: { kind: 'String', allowed: ['Desc', 'Asc'] },
	Offset: { kind: 'Integer', min: 0 },
};
const ZONE: FieldSpec = { kind: 'String', required: true };

const str = (body: JsonObject, name: string): string | undefined => (typeof body[name] === 'string' ? body[name] : undefined);
const int = (body: JsonObject, name: string): number | undefined => (typeof body[name] === 'number' ? body[name] : undefined);
const strings = (body: JsonObject, name: string): string[] | undefined => (Array.isArray(body[name]) ? (body[name] as string[]) : undefined);

function includesFolded(haystack: string, needle: string): boolean {
	return haystack.toLowerCase().includes(needle.toLowerCase());
}

/** The scope a NextToken is bound to: the action and every parameter except the token and the page size. */
function scopeOf(action: string, body: JsonObject): string {
	const rest = Object.entries(body)
		.filter(([k]) => k !== 'NextToken' && k !== 'MaxResults' && k !== 'Offset')
		.sort(([a], [b]) => (a < b ? -1 : 1));
	return JSON.stringify([action, rest]);
}

interface Page<T> {
	readonly rows: T[];
	readonly TotalCounts: number;
	readonly MaxResults: number;
	readonly IsTruncated: boolean;
	readonly NextToken?: string;
}

/**
 * One page of `rows` (already in listing order, keys strictly monotonic in it). The cursor is the last returned
 * row's key, so rows appearing mid-listing (a task finishing) are neither skipped nor repeated. Offset counts rows
 * and is used only without a NextToken, which takes precedence (§3).
 */
function page<T>(zone: ZoneState, action: string, body: JsonObject, rows: readonly T[], keyOf: (row: T) => string, descending = false): Page<T> {
	const maxResults = int(body, 'MaxResults') ?? DEFAULT_MAX_RESULTS;
	const token = str(body, 'NextToken');
	const scope = scopeOf(action, body);
	let start = 0;
	if (token !== undefined && token !== '') {
		const after = zone.tokens.readKey(token, scope);
		start = rows.findIndex((row) => (descending ? keyOf(row) < after : keyOf(row) > after));
		if (start < 0) {
			start = rows.length;
		}
	} else {
		start = Math.min(int(body, 'Offset') ?? 0, rows.length);
	}
	const slice = rows.slice(start, start + maxResults);
	const last = slice.at(-1);
	const more = start + slice.length < rows.length && last !== undefined;
	return {
		rows: slice,
		TotalCounts: rows.length,
		MaxResults: maxResults,
		IsTruncated: more,
		...(more ? { NextToken: zone.tokens.issueKey(keyOf(last), scope) } : {}),
	};
}

function describeIdentityCenter(zone: ZoneState, body: JsonObject): Body<DescribeIdentityCenterResponse> {
	check(body, {});
	const profile = zone.directory.data.zone;
	if (!zone.cicEnabled && zone.notOpenAnswer === 'error') {
		throw new ApiError('FailedOperation.IdentityCenterNotOpen');
	}
	return {
		ZoneId: zone.zoneId,
		ZoneName: profile.ZoneName,
		ServiceStatus: zone.cicEnabled ? 'Enabled' : 'Disabled',
		ScimSyncStatus: profile.ScimSyncStatus,
		CreateTime: profile.CreateTime,
		UpdateTime: profile.UpdateTime,
	};
}

function getUser(zone: ZoneState, body: JsonObject): Body<GetUserResponse> {
	check(body, { UserId: { kind: 'String', required: true }, ZoneId: ZONE });
	checkZone(zone, body.ZoneId as string);
	const user = zone.directory.users.get(body.UserId as string);
	if (!user) {
		throw new ApiError('ResourceNotFound.UserNotExist');
	}
	return { UserInfo: { ...user } };
}

function sortedByCreateTime<T extends { CreateTime: string }>(rows: readonly T[], idOf: (row: T) => string, body: JsonObject): { rows: T[]; key: (row: T) => string; descending: boolean } {
	if (str(body, 'SortType') !== undefined && str(body, 'SortField') === undefined) {
		throw new ApiError('InvalidParameter.ParamError', ['SortType must be set together with SortField']);
	}
	const descending = str(body, 'SortType') === 'Desc';
	const key = (row: T): string => `${row.CreateTime}\u0000${idOf(row)}`;
	const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
	return { rows: descending ? sorted.reverse() : sorted, key, descending };
}

function listUsers(zone: ZoneState, body: JsonObject): Body<ListUsersResponse> {
	check(body, {
		ZoneId: ZONE,
		UserStatus: { kind: 'String', allowed: ENABLED },
		UserType: { kind: 'String', allowed: SOURCE_TYPES },
		Filter: { kind: 'String' },
		...PAGING,
		FilterGroups: { kind: 'String[]', maxItems: 100 },
		...SORTING,
	});
	const sorting = sortedByCreateTime(zone.directory.data.users, (u) => u.UserId, body);
	checkZone(zone, body.ZoneId as string);
	const status = str(body, 'UserStatus');
	const type = str(body, 'UserType');
	const filter = str(body, 'Filter');
	// "user name, email, userId, description" (§5.4); the display name counts as the user's name here [inferred].
	const matching = sorting.rows.filter(
		(u) =>
			(status === undefined || u.UserStatus === status) &&
			(type === undefined || u.UserType === type) &&
			(filter === undefined || filter === '' || [u.UserName, u.DisplayName, u.Email, u.UserId, u.Description].some((f) => includesFolded(f, filter))),
	);
	const result = page(zone, 'ListUsers', body, matching, sorting.key, sorting.descending);
	const groups = strings(body, 'FilterGroups');
	const selected = new Set(groups?.flatMap((g) => zone.directory.data.groupMembers.get(g) ?? []));
	const users = result.rows.map((u): UserInfo => (groups === undefined ? { ...u } : { ...u, IsSelected: selected.has(u.UserId) }));
	return { ...pageFields(result), Users: users };
}

/** The paging fields every NextToken listing answers with; NextToken only while there is more. */
function pageFields(p: Page<unknown>): { TotalCounts: number; MaxResults: number; IsTruncated: boolean; NextToken?: string } {
	const fields = { TotalCounts: p.TotalCounts, MaxResults: p.MaxResults, IsTruncated: p.IsTruncated };
	return p.NextToken === undefined ? fields : { ...fields, NextToken: p.NextToken };
}

function getGroup(zone: ZoneState, body: JsonObject): Body<GetGroupResponse> {
	check(body, { ZoneId: ZONE, GroupId: { kind: 'String', required: true } });
	checkZone(zone, body.ZoneId as string);
	const group = zone.directory.groups.get(body.GroupId as string);
	if (!group) {
		throw new ApiError('InvalidParameter.GroupNotExist');
	}
	return { GroupInfo: { ...group } };
}

/** `GroupName eq X` / `GroupName sw X` (the API-JSON example's syntax), else a case-insensitive substring. */
function groupNameMatcher(filter: string | undefined): (name: string) => boolean {
	if (filter === undefined || filter.trim() === '') {
		return () => true;
	}
	const m = /^GroupName\s+(eq|sw)\s+(.*)$/s.exec(filter.trim());
	if (m) {
		const [, op, value = ''] = m;
		return op === 'eq' ? (name) => name === value : (name) => name.startsWith(value);
	}
	return (name) => includesFolded(name, filter);
}

function listGroups(zone: ZoneState, body: JsonObject): Body<ListGroupsResponse> {
	check(body, {
		ZoneId: ZONE,
		...PAGING,
		Filter: { kind: 'String' },
		GroupType: { kind: 'String', allowed: SOURCE_TYPES },
		FilterUsers: { kind: 'String[]', maxItems: 100 },
		...SORTING,
	});
	const sorting = sortedByCreateTime(zone.directory.data.groups, (g) => g.GroupId, body);
	checkZone(zone, body.ZoneId as string);
	const type = str(body, 'GroupType');
	const nameMatches = groupNameMatcher(str(body, 'Filter'));
	const matching = sorting.rows.filter((g) => (type === undefined || g.GroupType === type) && nameMatches(g.GroupName));
	const result = page(zone, 'ListGroups', body, matching, sorting.key, sorting.descending);
	const users = strings(body, 'FilterUsers');
	const groups = result.rows.map((g): GroupInfo => {
		if (users === undefined) {
			return { ...g };
		}
		const members = zone.directory.data.groupMembers.get(g.GroupId) ?? [];
		return { ...g, IsSelected: users.some((u) => members.includes(u)) };
	});
	return { ...pageFields(result), Groups: groups };
}

function getRoleConfiguration(zone: ZoneState, body: JsonObject): Body<GetRoleConfigurationResponse> {
	check(body, { ZoneId: ZONE, RoleConfigurationId: { kind: 'String', required: true } });
	checkZone(zone, body.ZoneId as string);
	const rc = zone.directory.roleConfigurations.get(body.RoleConfigurationId as string);
	if (!rc) {
		throw new ApiError('InvalidParameter.RoleConfigurationNotExist');
	}
	return { RoleConfigurationInfo: { ...rc } };
}

/** Substring of name or description (API-JSON), or the `RoleConfigurationName, eq|sw X` syntax of other doc copies. */
function roleConfigurationMatcher(filter: string | undefined): (rc: RoleConfiguration) => boolean {
	if (filter === undefined || filter.trim() === '') {
		return () => true;
	}
	const m = /^RoleConfigurationName,?\s+(eq|sw)\s+(.*)$/s.exec(filter.trim());
	if (m) {
		const [, op, value = ''] = m;
		return op === 'eq' ? (rc) => rc.RoleConfigurationName === value : (rc) => rc.RoleConfigurationName.startsWith(value);
	}
	return (rc) => includesFolded(rc.RoleConfigurationName, filter) || includesFolded(rc.Description, filter);
}

function listRoleConfigurations(zone: ZoneState, body: JsonObject): Body<ListRoleConfigurationsResponse> {
	check(body, {
		ZoneId: ZONE,
		...PAGING,
		Filter: { kind: 'String' },
		FilterTargets: { kind: 'Integer[]', maxItems: 100 },
		PrincipalId: { kind: 'String' },
	});
	const targets = Array.isArray(body.FilterTargets) ? (body.FilterTargets as number[]) : undefined;
	const principal = str(body, 'PrincipalId');
	if (principal !== undefined && targets === undefined) {
		throw new ApiError('InvalidParameter.ParamError', ['PrincipalId must be set together with FilterTargets']);
	}
	checkZone(zone, body.ZoneId as string);
	const matches = roleConfigurationMatcher(str(body, 'Filter'));
	const matching = [...zone.directory.data.roleConfigurations]
		.filter(matches)
		.sort((a, b) => (a.RoleConfigurationId < b.RoleConfigurationId ? -1 : 1));
	const result = page(zone, 'ListRoleConfigurations', body, matching, (rc) => rc.RoleConfigurationId);
	let isSelected: ((rc: RoleConfiguration) => boolean) | undefined;
	if (targets !== undefined) {
		const derived = zone.directory.derived();
		const configured = new Set(
			principal === undefined
				? derived.provisionings.filter((p) => targets.includes(p.TargetUin)).map((p) => p.RoleConfigurationId)
				: derived.assignments.filter((a) => a.PrincipalId === principal && targets.includes(a.TargetUin)).map((a) => a.RoleConfigurationId),
		);
		isSelected = (rc) => configured.has(rc.RoleConfigurationId);
	}
	const rows = result.rows.map((rc): RoleConfiguration => (isSelected ? { ...rc, IsSelected: isSelected(rc) } : { ...rc }));
	return { ...pageFields(result), RoleConfigurations: rows };
}

function listRoleAssignments(zone: ZoneState, body: JsonObject): Body<ListRoleAssignmentsResponse> {
	check(body, {
		ZoneId: ZONE,
		RoleConfigurationId: { kind: 'String' },
		...PAGING,
		TargetType: { kind: 'String', allowed: TARGET_TYPES },
		TargetUin: { kind: 'Integer', min: 0 },
		PrincipalType: { kind: 'String', allowed: PRINCIPAL_TYPES },
		PrincipalId: { kind: 'String' },
		Filter: { kind: 'String' },
	});
	checkZone(zone, body.ZoneId as string);
	const [rc, targetType, uin, principalType, principal, filter] = [
		str(body, 'RoleConfigurationId'),
		str(body, 'TargetType'),
		int(body, 'TargetUin'),
		str(body, 'PrincipalType'),
		str(body, 'PrincipalId'),
		str(body, 'Filter'),
	];
	// Unknown IDs as filters give an empty list rather than an error (not documented either way, §8.7).
	const matching = zone.directory.derived().assignments.filter(
		(a) =>
			(rc === undefined || a.RoleConfigurationId === rc) &&
			(targetType === undefined || a.TargetType === targetType) &&
			(uin === undefined || a.TargetUin === uin) &&
			(principalType === undefined || a.PrincipalType === principalType) &&
			(principal === undefined || a.PrincipalId === principal) &&
			(filter === undefined || includesFolded(a.RoleConfigurationName, filter)),
	);
	const result = page(zone, 'ListRoleAssignments', body, matching, assignmentKey);
	return { ...pageFields(result), RoleAssignments: result.rows.map((a) => ({ ...a })) };
}

function listProvisionings(zone: ZoneState, body: JsonObject): Body<ListRoleConfigurationProvisioningsResponse> {
	check(body, {
		ZoneId: ZONE,
		RoleConfigurationId: { kind: 'String' },
		...PAGING,
		TargetType: { kind: 'String', allowed: TARGET_TYPES },
		TargetUin: { kind: 'Integer', min: 0 },
		DeploymentStatus: { kind: 'String', allowed: DEPLOYMENT_STATUSES },
		Filter: { kind: 'String' },
	});
	checkZone(zone, body.ZoneId as string);
	const [rc, targetType, uin, status, filter] = [
		str(body, 'RoleConfigurationId'),
		str(body, 'TargetType'),
		int(body, 'TargetUin'),
		str(body, 'DeploymentStatus'),
		str(body, 'Filter'),
	];
	const matching = zone.directory.derived().provisionings.filter(
		(p) =>
			(rc === undefined || p.RoleConfigurationId === rc) &&
			(targetType === undefined || p.TargetType === targetType) &&
			(uin === undefined || p.TargetUin === uin) &&
			(status === undefined || p.DeploymentStatus === status) &&
			(filter === undefined || includesFolded(p.RoleConfigurationName, filter)),
	);
	const result = page(zone, 'ListRoleConfigurationProvisionings', body, matching, provisioningKey);
	return { ...pageFields(result), RoleConfigurationProvisionings: result.rows.map((p) => ({ ...p })) };
}

/** Not a CIC action: no ZoneId, and CIC being closed does not matter to it. */
function describeOrganizationMembers(zone: ZoneState, body: JsonObject): Body<DescribeOrganizationMembersResponse> {
	check(body, {
		Offset: { kind: 'Integer', required: true, min: 0 },
		Limit: { kind: 'Integer', required: true, min: 1, max: 50 },
		Lang: { kind: 'String', allowed: ['en', 'zh'] },
		SearchKey: { kind: 'String' },
		AuthName: { kind: 'String' },
		Product: { kind: 'String' },
		Tags: { kind: 'Tag[]', maxItems: 10 },
		NodeId: { kind: 'Integer', min: 0 },
		NodeName: { kind: 'String' },
	});
	const offset = body.Offset as number;
	const limit = body.Limit as number;
	if (offset % limit !== 0) {
		throw new ApiError('InvalidParameter', [], 'offsetMultiple');
	}
	const directory = zone.directory;
	const nodeId = int(body, 'NodeId');
	if (nodeId !== undefined && !directory.data.accounts.some((a) => a.NodeId === nodeId)) {
		throw new ApiError('ResourceNotFound.OrganizationNodeNotExist');
	}
	const [search, authName, nodeName] = [str(body, 'SearchKey'), str(body, 'AuthName'), str(body, 'NodeName')];
	const tags = Array.isArray(body.Tags) ? (body.Tags as { TagKey: string; TagValue?: string }[]) : [];
	const matching = directory.data.accounts.filter(
		(a: OrgMember) =>
			(search === undefined || search === '' || includesFolded(a.Name, search) || String(a.MemberUin).includes(search)) &&
			(authName === undefined || authName === '' || includesFolded(directory.data.authNames.get(a.MemberUin) ?? '', authName)) &&
			(nodeId === undefined || a.NodeId === nodeId) &&
			(nodeName === undefined || a.NodeName === nodeName) &&
			tags.every((want) => (a.Tags ?? []).some((t) => t.TagKey === want.TagKey && (want.TagValue === undefined || t.TagValue === want.TagValue))),
	);
	return { Items: matching.slice(offset, offset + limit).map((a) => structuredClone(a)), Total: matching.length };
}
