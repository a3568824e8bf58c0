import type { Credentials, CredentialsSource } from './credentials';
import type {
	DescribeIdentityCenterRequest,
	DescribeIdentityCenterResponse,
	DescribeOrganizationMembersRequest,
	DescribeOrganizationMembersResponse,
	GetGroupRequest,
	GetGroupResponse,
	GetRoleConfigurationRequest,
	GetRoleConfigurationResponse,
	GetUserRequest,
	GetUserResponse,
	ListGroupsRequest,
	ListGroupsResponse,
	ListRoleAssignmentsRequest,
	ListRoleAssignmentsResponse,
	ListRoleConfigurationProvisioningsRequest,
	ListRoleConfigurationProvisioningsResponse,
	ListRoleConfigurationsRequest,
	ListRoleConfigurationsResponse,
	ListUsersRequest,
	ListUsersResponse,
} from './directoryTypes';
import type { Logger } from './logger';
import type {
	CreateRoleAssignmentRequest,
	CreateRoleAssignmentResponse,
	DeleteRoleAssignmentRequest,
	DeleteRoleAssignmentResponse,
	RoleConfigurationTargetRequest,
	RoleProvisioningResponse,
} from './writeTypes';
import type { RateLimiter } from './rateLimiter';
import type { RetryPolicy } from './retry';
import type {
	GetTaskStatusRequest,
	GetTaskStatusResponse,
	Language,
	ListTasksRequest,
	ListTasksResponse,
} from './types';

/** Why and how long the client waits before sending a request again; lets the UI say "rate limited, retrying in 2 s". */
export interface RetryNotice {
	action: string;
	/** 1 for the first retry. */
	attempt: number;
	/** How many retries the policy allows, for "Retrying (2 of 5)…". */
	maxAttempts: number;
	delayMs: number;
	/** The API error code (e.g. RequestLimitExceeded) or a client code for transport failures. */
	code: string;
	reason: string;
}

export interface CallOptions {
	signal?: AbortSignal;
	/** Called before each retry wait of this call. */
	onRetry?: (notice: RetryNotice) => void;
	/** Requests left in the caller's chain, this one included: its place in the rate limiter's queue (RateLimiter.acquire). */
	priority?: number;
}

export interface OrganizationClientOptions {
	credentials: CredentialsSource;
	/** Default https://organization.tencentcloudapi.com; http:// is accepted only to exactly localhost, 127.0.0.1 and [::1]. */
	endpoint?: string;
	language?: Language;
	/** Every action budget's limit (default: each action's documented limit). Ignored when `rateLimiter` is given. */
	requestsPerSecond?: number;
	/**
	 * Share one limiter between clients that spend the same account quota (e.g. the old and new client
	 * around a profile switch), so together they stay under the limit.
	 */
	rateLimiter?: RateLimiter;
	/** Per attempt, default 30000; a timed-out attempt is retried. */
	timeoutMs?: number;
	/** Backoff settings; defaults are 5 retries, 500 ms doubling to at most 8 s, with jitter. */
	retry?: Partial<RetryPolicy>;
	logger?: Logger;
	/** Called before each retry wait of any call made through this client. */
	onRetry?: (notice: RetryNotice) => void;
}

export interface OrganizationClient {
	listTasks(request: ListTasksRequest, options?: CallOptions): Promise<ListTasksResponse>;
	/** Follows NextToken until IsTruncated is false, yielding each page exactly once. */
	listTaskPages(request: ListTasksRequest, options?: CallOptions): AsyncIterable<ListTasksResponse>;
	getTaskStatus(request: GetTaskStatusRequest, options?: CallOptions): Promise<GetTaskStatusResponse>;
	/*
	 * The directory: one method per action, each resolving to the action's validated Response. Each action draws
	 * on its own rate budget (ACTION_RATE_LIMITS), so lookups never hold up a listing. List* return one page:
	 * follow NextToken (or Offset/Limit for DescribeOrganizationMembers) to read on.
	 */
	/** The caller's CIC zone; FailedOperation.IdentityCenterNotOpen (or ServiceStatus Disabled) when CIC is not enabled. */
	describeIdentityCenter(request?: DescribeIdentityCenterRequest, options?: CallOptions): Promise<DescribeIdentityCenterResponse>;
	/** ResourceNotFound.UserNotExist for an unknown (or deleted) user. */
	getUser(request: GetUserRequest, options?: CallOptions): Promise<GetUserResponse>;
	listUsers(request: ListUsersRequest, options?: CallOptions): Promise<ListUsersResponse>;
	/** InvalidParameter.GroupNotExist for an unknown group. */
	getGroup(request: GetGroupRequest, options?: CallOptions): Promise<GetGroupResponse>;
	listGroups(request: ListGroupsRequest, options?: CallOptions): Promise<ListGroupsResponse>;
	/** InvalidParameter.RoleConfigurationNotExist for an unknown configuration. */
	getRoleConfiguration(request: GetRoleConfigurationRequest, options?: CallOptions): Promise<GetRoleConfigurationResponse>;
	listRoleConfigurations(request: ListRoleConfigurationsRequest, options?: CallOptions): Promise<ListRoleConfigurationsResponse>;
	listRoleAssignments(request: ListRoleAssignmentsRequest, options?: CallOptions): Promise<ListRoleAssignmentsResponse>;
	listRoleConfigurationProvisionings(
		request: ListRoleConfigurationProvisioningsRequest,
		options?: CallOptions,
	): Promise<ListRoleConfigurationProvisioningsResponse>;
	/** The organization's member accounts, by Offset/Limit (Limit 1–50, Offset a multiple of it). */
	describeOrganizationMembers(request: DescribeOrganizationMembersRequest, options?: CallOptions): Promise<DescribeOrganizationMembersResponse>;
	/*
	 * The writes that start tasks (cic-context-api.md §6). Each is sent once: a failure after which the change may
	 * have been applied (timeout, reset, 5xx, InternalError, a bad answer) rejects with ClientError.WriteOutcomeUnknown
	 * and is never re-sent by the client; only a refusal (RequestLimitExceeded) or no route is sent again.
	 */
	createRoleAssignment(request: CreateRoleAssignmentRequest, options?: CallOptions): Promise<CreateRoleAssignmentResponse>;
	deleteRoleAssignment(request: DeleteRoleAssignmentRequest, options?: CallOptions): Promise<DeleteRoleAssignmentResponse>;
	provisionRoleConfiguration(request: RoleConfigurationTargetRequest, options?: CallOptions): Promise<RoleProvisioningResponse>;
	dismantleRoleConfiguration(request: RoleConfigurationTargetRequest, options?: CallOptions): Promise<RoleProvisioningResponse>;
	/** The endpoint this client talks to, e.g. for the view description. */
	readonly endpoint: string;
}

export type { Credentials };
