/**
 * Wire types of the Organization API (Version 2021-03-31), field names exactly as the service sends them.
 * Enumerations are open: the service may add values, and unknown strings must pass through untouched.
 */

export const API_VERSION = '2021-03-31';
export const SERVICE = 'organization';
export const DEFAULT_ENDPOINT = 'https://organization.tencentcloudapi.com';
export const INTL_ENDPOINT = 'https://organization.intl.tencentcloudapi.com';

export type KnownTaskStatus = 'InProgress' | 'Success' | 'Failed';
/** A status string from the service; known values get autocompletion, unknown ones still type-check. */
export type TaskStatusValue = KnownTaskStatus | (string & {});

export type KnownTaskType =
	| 'CreateRoleAssignment'
	| 'DeleteRoleAssignment'
	| 'ProvisionRoleConfiguration'
	| 'DeprovisionRoleConfiguration';
export type TaskTypeValue = KnownTaskType | (string & {});

export type KnownTargetType = 'MemberUin' | 'ManagerUin';
export type TargetTypeValue = KnownTargetType | (string & {});

export type KnownPrincipalType = 'User' | 'Group';
export type PrincipalTypeValue = KnownPrincipalType | (string & {});

export const TASK_STATUSES: readonly KnownTaskStatus[] = ['Failed', 'InProgress', 'Success'];
export const TASK_TYPES: readonly KnownTaskType[] = [
	'CreateRoleAssignment',
	'DeleteRoleAssignment',
	'ProvisionRoleConfiguration',
	'DeprovisionRoleConfiguration',
];
export const TARGET_TYPES: readonly KnownTargetType[] = ['MemberUin', 'ManagerUin'];
export const PRINCIPAL_TYPES: readonly KnownPrincipalType[] = ['User', 'Group'];

/** One task as ListTasks returns it (the TaskInfo model: ten fields, no others). */
export interface TaskInfo {
	TaskId: string;
	RoleConfigurationId: string;
	RoleConfigurationName: string;
	TargetUin: number;
	TargetType: TargetTypeValue;
	PrincipalId: string;
	PrincipalType: PrincipalTypeValue;
	TaskType: TaskTypeValue;
	Status: TaskStatusValue;
	FailureReason: string;
}

/** The server-side filters of ListTasks; combined with AND by the service. */
export interface ListTasksFilter {
	PrincipalId?: string;
	PrincipalType?: PrincipalTypeValue;
	TargetUin?: number;
	TargetType?: TargetTypeValue;
	RoleConfigurationId?: string;
	Status?: TaskStatusValue;
	TaskType?: TaskTypeValue;
}

export interface ListTasksRequest extends ListTasksFilter {
	ZoneId: string;
	NextToken?: string;
	/** 1–100; the service's default is 10. */
	MaxResults?: number;
}

export interface ListTasksResponse {
	Tasks: TaskInfo[];
	TotalCounts: number;
	MaxResults: number;
	IsTruncated: boolean;
	/** Present only when IsTruncated is true. */
	NextToken?: string;
	RequestId: string;
}

export interface GetTaskStatusRequest {
	ZoneId: string;
	TaskId: string;
}

/** The TaskStatus model of GetTaskStatus. FailureReason is only shown when Status is Failed. */
export interface TaskStatusInfo {
	TaskId: string;
	TaskType: TaskTypeValue;
	Status: TaskStatusValue;
	FailureReason?: string;
}

export interface GetTaskStatusResponse {
	TaskStatus: TaskStatusInfo;
	RequestId: string;
}

/** The error envelope every API 3.0 failure carries inside an HTTP 200 response. */
export interface ApiErrorBody {
	Code: string;
	Message: string;
}

export type Language = 'en-US' | 'zh-CN';
