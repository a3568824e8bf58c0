/**
 * Wire types of the Organization directory actions (Version 2021-03-31) that turn the IDs of a task into names:
 * field names and order exactly as the SDK models and cic-context-api.md §4–§5. Enumerations are open, as in
 * types.ts. Every response field is filled in by the validators (validateDirectory.ts); the optional ones are
 * the fields the service sends only in some answers.
 */
import type { PrincipalTypeValue, TargetTypeValue } from './types';

export type KnownEnabledStatus = 'Enabled' | 'Disabled';
export type EnabledStatusValue = KnownEnabledStatus | (string & {});
export type KnownSourceType = 'Manual' | 'Synchronized';
export type SourceTypeValue = KnownSourceType | (string & {});
export type KnownDeploymentStatus = 'Deployed' | 'DeployedRequired' | 'DeployFailed';
export type DeploymentStatusValue = KnownDeploymentStatus | (string & {});
export type SortTypeValue = 'Asc' | 'Desc' | (string & {});

export const DEPLOYMENT_STATUSES: readonly KnownDeploymentStatus[] = ['Deployed', 'DeployedRequired', 'DeployFailed'];

/** The paging fields every NextToken list shares (§3). NextToken is present only while IsTruncated is true. */
export interface NextTokenPage {
	TotalCounts: number;
	MaxResults: number;
	IsTruncated: boolean;
	NextToken?: string;
	RequestId: string;
}

/** DescribeIdentityCenter takes no parameters. */
export type DescribeIdentityCenterRequest = Record<string, never>;

export interface DescribeIdentityCenterResponse {
	ZoneId: string;
	ZoneName: string;
	ServiceStatus: EnabledStatusValue;
	ScimSyncStatus: EnabledStatusValue;
	CreateTime: string;
	UpdateTime: string;
	RequestId: string;
}

/**
 * A CIC user (§4.1). The model's `Password` is deliberately absent: no answer has been seen to carry one, and a
 * password has no place in a name directory, so the validator drops it if it ever comes.
 */
export interface UserInfo {
	UserName: string;
	FirstName: string;
	LastName: string;
	DisplayName: string;
	Description: string;
	Email: string;
	UserStatus: EnabledStatusValue;
	UserType: SourceTypeValue;
	UserId: string;
	CreateTime: string;
	UpdateTime: string;
	IsSelected?: boolean;
	NeedResetPassword?: boolean;
}

export interface GetUserRequest {
	ZoneId: string;
	UserId: string;
}

export interface GetUserResponse {
	UserInfo: UserInfo;
	RequestId: string;
}

export interface ListUsersRequest {
	ZoneId: string;
	UserStatus?: EnabledStatusValue;
	UserType?: SourceTypeValue;
	/** Matches user name, email, user ID and description. */
	Filter?: string;
	/** 1–100; the service's default is 10. */
	MaxResults?: number;
	NextToken?: string;
	/** Group IDs: their users come back with IsSelected true. */
	FilterGroups?: string[];
	SortField?: 'CreateTime' | (string & {});
	SortType?: SortTypeValue;
	/** Do not combine with NextToken, which takes precedence. */
	Offset?: number;
}

export interface ListUsersResponse extends NextTokenPage {
	Users: UserInfo[];
}

/** A user group (§4.2). MemberCount is always sent; it is optional here only so one odd group costs a blank. */
export interface GroupInfo {
	GroupName: string;
	Description: string;
	CreateTime: string;
	GroupType: SourceTypeValue;
	UpdateTime: string;
	GroupId: string;
	MemberCount?: number;
	IsSelected?: boolean;
}

export interface GetGroupRequest {
	ZoneId: string;
	GroupId: string;
}

export interface GetGroupResponse {
	GroupInfo: GroupInfo;
	RequestId: string;
}

export interface ListGroupsRequest {
	ZoneId: string;
	NextToken?: string;
	MaxResults?: number;
	/** The user group name, e.g. `GroupName eq testGroup`. */
	Filter?: string;
	GroupType?: SourceTypeValue;
	/** User IDs: groups containing them come back with IsSelected true. */
	FilterUsers?: string[];
	SortField?: 'CreateTime' | (string & {});
	SortType?: SortTypeValue;
	Offset?: number;
}

export interface ListGroupsResponse extends NextTokenPage {
	Groups: GroupInfo[];
}

/** A permission (role) configuration (§4.5). */
export interface RoleConfiguration {
	RoleConfigurationId: string;
	RoleConfigurationName: string;
	Description: string;
	/** Seconds: the longest session a CIC user keeps on a member account. */
	SessionDuration?: number;
	RelayState?: string;
	CreateTime?: string;
	UpdateTime?: string;
	IsSelected?: boolean;
}

export interface GetRoleConfigurationRequest {
	ZoneId: string;
	RoleConfigurationId: string;
}

export interface GetRoleConfigurationResponse {
	RoleConfigurationInfo: RoleConfiguration;
	RequestId: string;
}

export interface ListRoleConfigurationsRequest {
	ZoneId: string;
	NextToken?: string;
	MaxResults?: number;
	/** Case-insensitive text matched against name and description. */
	Filter?: string;
	/** Member UINs: they set IsSelected. */
	FilterTargets?: number[];
	/** Must be set together with FilterTargets. */
	PrincipalId?: string;
}

export interface ListRoleConfigurationsResponse extends NextTokenPage {
	RoleConfigurations: RoleConfiguration[];
}

/** Who holds which configuration on which account (§4.6). */
export interface RoleAssignment {
	RoleConfigurationId: string;
	RoleConfigurationName: string;
	TargetUin: number;
	TargetType: TargetTypeValue;
	PrincipalId: string;
	PrincipalType: PrincipalTypeValue;
	PrincipalName: string;
	CreateTime: string;
	UpdateTime: string;
	TargetName: string;
}

export interface ListRoleAssignmentsRequest {
	ZoneId: string;
	RoleConfigurationId?: string;
	MaxResults?: number;
	NextToken?: string;
	TargetType?: TargetTypeValue;
	TargetUin?: number;
	PrincipalType?: PrincipalTypeValue;
	PrincipalId?: string;
	/** Only the permission configuration's name is supported. */
	Filter?: string;
}

export interface ListRoleAssignmentsResponse extends NextTokenPage {
	RoleAssignments: RoleAssignment[];
}

/** Where a configuration is deployed, and whether that deployment is current (§4.7). */
export interface RoleConfigurationProvisioning {
	DeploymentStatus: DeploymentStatusValue;
	RoleConfigurationId: string;
	RoleConfigurationName: string;
	TargetUin: number;
	TargetName: string;
	CreateTime: string;
	UpdateTime: string;
	TargetType: TargetTypeValue;
}

export interface ListRoleConfigurationProvisioningsRequest {
	ZoneId: string;
	RoleConfigurationId?: string;
	MaxResults?: number;
	NextToken?: string;
	TargetType?: TargetTypeValue;
	TargetUin?: number;
	DeploymentStatus?: DeploymentStatusValue;
	/** Searches the configuration name. */
	Filter?: string;
}

export interface ListRoleConfigurationProvisioningsResponse extends NextTokenPage {
	RoleConfigurationProvisionings: RoleConfigurationProvisioning[];
}

export interface OrgPermission {
	Id: number;
	Name: string;
}

export interface MemberIdentity {
	IdentityId: number;
	IdentityAliasName: string;
}

export interface Tag {
	TagKey: string;
	TagValue: string;
}

/** A member account of the organization (§4.12). PayUin is a string, unlike MemberUin. */
export interface OrgMember {
	MemberUin: number;
	Name: string;
	MemberType: string;
	OrgPolicyType: string;
	OrgPolicyName: string;
	OrgPermission: OrgPermission[];
	NodeId?: number;
	NodeName: string;
	Remark: string;
	CreateTime: string;
	UpdateTime: string;
	IsAllowQuit: string;
	PayUin: string;
	PayName: string;
	OrgIdentity: MemberIdentity[];
	BindStatus: string;
	PermissionStatus: string;
	Tags?: Tag[];
	NickName?: string;
}

export interface DescribeOrganizationMembersRequest {
	/** Required; a multiple of Limit. */
	Offset: number;
	/** Required; 1–50. */
	Limit: number;
	Lang?: 'en' | 'zh' | (string & {});
	/** Member name or member ID. */
	SearchKey?: string;
	AuthName?: string;
	Product?: string;
	/** At most 10. */
	Tags?: Tag[];
	NodeId?: number;
	NodeName?: string;
}

export interface DescribeOrganizationMembersResponse {
	Items: OrgMember[];
	Total: number;
	RequestId: string;
}
