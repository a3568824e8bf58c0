import type { Credentials, CredentialsSource } from './credentials';
import type { Logger } from './logger';
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
	delayMs: number;
	/** The API error code (e.g. RequestLimitExceeded) or a client code for transport failures. */
	code: string;
	reason: string;
}

export interface CallOptions {
	signal?: AbortSignal;
	/** Called before each retry wait of this call. */
	onRetry?: (notice: RetryNotice) => void;
}

export interface OrganizationClientOptions {
	credentials: CredentialsSource;
	/** Default https://organization.tencentcloudapi.com; http:// is accepted only to exactly localhost, 127.0.0.1 and [::1]. */
	endpoint?: string;
	language?: Language;
	/** Default 20, the API's limit. Ignored when `rateLimiter` is given. */
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
	/** The endpoint this client talks to, e.g. for the view description. */
	readonly endpoint: string;
}

export type { Credentials };
