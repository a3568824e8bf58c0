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
	MemberIdentity,
	NextTokenPage,
	OrgMember,
	OrgPermission,
	RoleAssignment,
	RoleConfiguration,
	RoleConfigurationProvisioning,
	Tag,
	UserInfo,
} from './directoryTypes';
import { absent, defaultedString, fail, isObject, optionalNumber, requiredNumber, requiredString } from './validate';

/*
 * Run-time checks of the directory responses, with validate.ts's leniency policy: a present field of the wrong
 * type is an error naming its path; an absent one is an error only where nothing can stand in for it (the IDs a
 * name is looked up by, TargetUin, the object a Get* returns, RequestId), and otherwise becomes '' (strings), []
 * (lists) or stays absent (optional numbers and flags). Strings pass through verbatim: names are untrusted text,
 * made inert where they are shown, never here. Only the fields of the model are kept, so nothing the service adds
 * (a Password, say) reaches a cache.
 */

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
	return isObject(value) ? value : fail(path, 'an object', value);
}

function list<T>(obj: Json, key: string, path: string, item: (value: unknown, path: string) => T): T[] {
	const value = obj[key];
	if (absent(value)) {
		return [];
	}
	if (!Array.isArray(value)) {
		fail(`${path}.${key}`, 'an array', value);
	}
	return value.map((v: unknown, i) => item(v, `${path}.${key}[${i}]`));
}

function optionalString(obj: Json, key: string, path: string): string | undefined {
	const value = obj[key];
	if (absent(value)) {
		return undefined;
	}
	return typeof value === 'string' ? value : fail(`${path}.${key}`, 'a string', value);
}

function optionalBoolean(obj: Json, key: string, path: string): boolean | undefined {
	const value = obj[key];
	if (absent(value)) {
		return undefined;
	}
	return typeof value === 'boolean' ? value : fail(`${path}.${key}`, 'a boolean', value);
}

/** Adds the optional fields that came, so absent ones stay absent rather than `undefined`-valued keys. */
function withOptional<T extends object>(base: T, optional: Partial<T>): T {
	const out = { ...base };
	for (const [key, value] of Object.entries(optional) as [keyof T, T[keyof T] | undefined][]) {
		if (value !== undefined) {
			out[key] = value;
		}
	}
	return out;
}

/**
 * The NextToken paging fields (§3). The service has been seen to answer `IsTruncated: true` with `NextToken: ""`
 * (the ListRoleConfigurationProvisionings example): with no token there is no next page to ask for, so that reads
 * as the end of the list (§7.5, client side) rather than as an error or an endless loop.
 */
function nextTokenPage(response: Json, rows: number): NextTokenPage {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	const rawToken = optionalString(response, 'NextToken', path);
	const token = rawToken === '' ? undefined : rawToken;
	const truncated = optionalBoolean(response, 'IsTruncated', path) ?? token !== undefined;
	const page: NextTokenPage = {
		TotalCounts: optionalNumber(response, 'TotalCounts', path) ?? rows,
		MaxResults: optionalNumber(response, 'MaxResults', path) ?? rows,
		IsTruncated: truncated && token !== undefined,
		RequestId: requestId,
	};
	if (page.IsTruncated) {
		page.NextToken = token;
	}
	return page;
}

export function validateDescribeIdentityCenterResponse(response: Json): DescribeIdentityCenterResponse {
	const path = 'Response';
	return {
		ZoneId: requiredString(response, 'ZoneId', path),
		ZoneName: defaultedString(response, 'ZoneName', path),
		ServiceStatus: defaultedString(response, 'ServiceStatus', path),
		ScimSyncStatus: defaultedString(response, 'ScimSyncStatus', path),
		CreateTime: defaultedString(response, 'CreateTime', path),
		UpdateTime: defaultedString(response, 'UpdateTime', path),
		RequestId: requiredString(response, 'RequestId', path),
	};
}

function userInfo(value: unknown, path: string): UserInfo {
	const o = object(value, path);
	return withOptional<UserInfo>(
		{
			UserName: defaultedString(o, 'UserName', path),
			FirstName: defaultedString(o, 'FirstName', path),
			LastName: defaultedString(o, 'LastName', path),
			DisplayName: defaultedString(o, 'DisplayName', path),
			Description: defaultedString(o, 'Description', path),
			Email: defaultedString(o, 'Email', path),
			UserStatus: defaultedString(o, 'UserStatus', path),
			UserType: defaultedString(o, 'UserType', path),
			UserId: requiredString(o, 'UserId', path),
			CreateTime: defaultedString(o, 'CreateTime', path),
			UpdateTime: defaultedString(o, 'UpdateTime', path),
		},
		{ IsSelected: optionalBoolean(o, 'IsSelected', path), NeedResetPassword: optionalBoolean(o, 'NeedResetPassword', path) },
	);
}

export function validateGetUserResponse(response: Json): GetUserResponse {
	return {
		UserInfo: userInfo(response.UserInfo, 'Response.UserInfo'),
		RequestId: requiredString(response, 'RequestId', 'Response'),
	};
}

export function validateListUsersResponse(response: Json): ListUsersResponse {
	const users = list(response, 'Users', 'Response', userInfo);
	return { ...nextTokenPage(response, users.length), Users: users };
}

function groupInfo(value: unknown, path: string): GroupInfo {
	const o = object(value, path);
	return withOptional<GroupInfo>(
		{
			GroupName: defaultedString(o, 'GroupName', path),
			Description: defaultedString(o, 'Description', path),
			CreateTime: defaultedString(o, 'CreateTime', path),
			GroupType: defaultedString(o, 'GroupType', path),
			UpdateTime: defaultedString(o, 'UpdateTime', path),
			GroupId: requiredString(o, 'GroupId', path),
		},
		{ MemberCount: optionalNumber(o, 'MemberCount', path), IsSelected: optionalBoolean(o, 'IsSelected', path) },
	);
}

export function validateGetGroupResponse(response: Json): GetGroupResponse {
	return {
		GroupInfo: groupInfo(response.GroupInfo, 'Response.GroupInfo'),
		RequestId: requiredString(response, 'RequestId', 'Response'),
	};
}

export function validateListGroupsResponse(response: Json): ListGroupsResponse {
	const groups = list(response, 'Groups', 'Response', groupInfo);
	return { ...nextTokenPage(response, groups.length), Groups: groups };
}

function roleConfiguration(value: unknown, path: string): RoleConfiguration {
	const o = object(value, path);
	return withOptional<RoleConfiguration>(
		{
			RoleConfigurationId: requiredString(o, 'RoleConfigurationId', path),
			RoleConfigurationName: defaultedString(o, 'RoleConfigurationName', path),
			Description: defaultedString(o, 'Description', path),
		},
		{
			SessionDuration: optionalNumber(o, 'SessionDuration', path),
			RelayState: optionalString(o, 'RelayState', path),
			CreateTime: optionalString(o, 'CreateTime', path),
			UpdateTime: optionalString(o, 'UpdateTime', path),
			IsSelected: optionalBoolean(o, 'IsSelected', path),
		},
	);
}

export function validateGetRoleConfigurationResponse(response: Json): GetRoleConfigurationResponse {
	return {
		RoleConfigurationInfo: roleConfiguration(response.RoleConfigurationInfo, 'Response.RoleConfigurationInfo'),
		RequestId: requiredString(response, 'RequestId', 'Response'),
	};
}

export function validateListRoleConfigurationsResponse(response: Json): ListRoleConfigurationsResponse {
	const configurations = list(response, 'RoleConfigurations', 'Response', roleConfiguration);
	return { ...nextTokenPage(response, configurations.length), RoleConfigurations: configurations };
}

function roleAssignment(value: unknown, path: string): RoleAssignment {
	const o = object(value, path);
	return {
		RoleConfigurationId: requiredString(o, 'RoleConfigurationId', path),
		RoleConfigurationName: defaultedString(o, 'RoleConfigurationName', path),
		TargetUin: requiredNumber(o, 'TargetUin', path),
		TargetType: defaultedString(o, 'TargetType', path),
		PrincipalId: requiredString(o, 'PrincipalId', path),
		PrincipalType: defaultedString(o, 'PrincipalType', path),
		PrincipalName: defaultedString(o, 'PrincipalName', path),
		CreateTime: defaultedString(o, 'CreateTime', path),
		UpdateTime: defaultedString(o, 'UpdateTime', path),
		TargetName: defaultedString(o, 'TargetName', path),
	};
}

export function validateListRoleAssignmentsResponse(response: Json): ListRoleAssignmentsResponse {
	const assignments = list(response, 'RoleAssignments', 'Response', roleAssignment);
	return { ...nextTokenPage(response, assignments.length), RoleAssignments: assignments };
}

function provisioning(value: unknown, path: string): RoleConfigurationProvisioning {
	const o = object(value, path);
	return {
		DeploymentStatus: defaultedString(o, 'DeploymentStatus', path),
		RoleConfigurationId: requiredString(o, 'RoleConfigurationId', path),
		RoleConfigurationName: defaultedString(o, 'RoleConfigurationName', path),
		TargetUin: requiredNumber(o, 'TargetUin', path),
		TargetName: defaultedString(o, 'TargetName', path),
		CreateTime: defaultedString(o, 'CreateTime', path),
		UpdateTime: defaultedString(o, 'UpdateTime', path),
		TargetType: defaultedString(o, 'TargetType', path),
	};
}

export function validateListRoleConfigurationProvisioningsResponse(response: Json): ListRoleConfigurationProvisioningsResponse {
	const rows = list(response, 'RoleConfigurationProvisionings', 'Response', provisioning);
	return { ...nextTokenPage(response, rows.length), RoleConfigurationProvisionings: rows };
}

function orgPermission(value: unknown, path: string): OrgPermission {
	const o = object(value, path);
	return { Id: requiredNumber(o, 'Id', path), Name: defaultedString(o, 'Name', path) };
}

function memberIdentity(value: unknown, path: string): MemberIdentity {
	const o = object(value, path);
	return { IdentityId: requiredNumber(o, 'IdentityId', path), IdentityAliasName: defaultedString(o, 'IdentityAliasName', path) };
}

function tag(value: unknown, path: string): Tag {
	const o = object(value, path);
	return { TagKey: defaultedString(o, 'TagKey', path), TagValue: defaultedString(o, 'TagValue', path) };
}

function orgMember(value: unknown, path: string): OrgMember {
	const o = object(value, path);
	const tags = absent(o.Tags) ? undefined : list(o, 'Tags', path, tag);
	return withOptional<OrgMember>(
		{
			MemberUin: requiredNumber(o, 'MemberUin', path),
			Name: defaultedString(o, 'Name', path),
			MemberType: defaultedString(o, 'MemberType', path),
			OrgPolicyType: defaultedString(o, 'OrgPolicyType', path),
			OrgPolicyName: defaultedString(o, 'OrgPolicyName', path),
			OrgPermission: list(o, 'OrgPermission', path, orgPermission),
			NodeName: defaultedString(o, 'NodeName', path),
			Remark: defaultedString(o, 'Remark', path),
			CreateTime: defaultedString(o, 'CreateTime', path),
			UpdateTime: defaultedString(o, 'UpdateTime', path),
			IsAllowQuit: defaultedString(o, 'IsAllowQuit', path),
			PayUin: defaultedString(o, 'PayUin', path),
			PayName: defaultedString(o, 'PayName', path),
			OrgIdentity: list(o, 'OrgIdentity', path, memberIdentity),
			BindStatus: defaultedString(o, 'BindStatus', path),
			PermissionStatus: defaultedString(o, 'PermissionStatus', path),
		},
		{ NodeId: optionalNumber(o, 'NodeId', path), Tags: tags, NickName: optionalString(o, 'NickName', path) },
	);
}

export function validateDescribeOrganizationMembersResponse(response: Json): DescribeOrganizationMembersResponse {
	const path = 'Response';
	const items = list(response, 'Items', path, orgMember);
	return {
		Items: items,
		Total: optionalNumber(response, 'Total', path) ?? items.length,
		RequestId: requiredString(response, 'RequestId', path),
	};
}
