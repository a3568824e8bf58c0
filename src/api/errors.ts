/**
 * The two kinds of error the API layer throws: an AbortError when the caller cancelled, and a
 * TencentCloudError for everything else, so callers branch on `code` and never on message text.
 */

/** Codes for failures detected on this side of the wire; the service's own codes never start with `ClientError.`. */
export const ClientErrorCode = {
	NetworkUnreachable: 'ClientError.NetworkUnreachable',
	NetworkError: 'ClientError.NetworkError',
	Timeout: 'ClientError.Timeout',
	InvalidResponse: 'ClientError.InvalidResponse',
	HttpStatus: 'ClientError.HttpStatus',
	InsecureEndpoint: 'ClientError.InsecureEndpoint',
	InvalidEndpoint: 'ClientError.InvalidEndpoint',
	CredentialsUnavailable: 'ClientError.CredentialsUnavailable',
	/** A listing's NextToken chain did not end: tokens came round again, pages brought nothing new, or ran past TotalCounts. */
	PagingLoop: 'ClientError.PagingLoop',
	/** Anything else: a bug on this side, reported with its message rather than lost. */
	Unknown: 'ClientError.Unknown',
} as const;
export type ClientErrorCodeValue = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export interface TencentCloudErrorInit {
	requestId?: string;
	httpStatus?: number;
	action?: string;
	/** How many requests were sent for the call that failed. */
	attempts?: number;
	/** Whether the failure is transient: the client retried it, and the UI may offer "try again later". */
	retryable?: boolean;
}

export class TencentCloudError extends Error {
	override readonly name = 'TencentCloudError';
	readonly code: string;
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly action?: string;
	readonly attempts?: number;
	readonly retryable: boolean;

	/** `message` must already be free of secrets: V8 copies it into `stack` right here. */
	constructor(code: string, message: string, init: TencentCloudErrorInit = {}) {
		super(message);
		this.code = code;
		this.requestId = init.requestId;
		this.httpStatus = init.httpStatus;
		this.action = init.action;
		this.attempts = init.attempts;
		this.retryable = init.retryable ?? false;
	}
}

export function isTencentCloudError(error: unknown): error is TencentCloudError {
	return error instanceof TencentCloudError;
}

/** True for every AuthFailure.* code: the credentials, their permissions or the clock need attention. */
export function isAuthFailure(error: unknown): boolean {
	return isTencentCloudError(error) && (error.code === 'AuthFailure' || error.code.startsWith('AuthFailure.'));
}

/** The service says the resource (for GetTaskStatus: the task, in this zone) does not exist. */
export function isNotFound(error: unknown): boolean {
	return isTencentCloudError(error) && error.code.startsWith('ResourceNotFound');
}

export class AbortError extends Error {
	override readonly name = 'AbortError';
	readonly code = 'ABORT_ERR';

	constructor(message = 'The operation was aborted.') {
		super(message);
	}
}

/** True for our AbortError and for the DOMException Node and fetch use, which share only the name. */
export function isAbortError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw new AbortError();
	}
}
