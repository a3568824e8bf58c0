import { type Credentials, resolveCredentials } from './credentials';
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
import { resolveEndpoint, type ResolvedEndpoint } from './endpoint';
import { ClientErrorCode, isAbortError, TencentCloudError, throwIfAborted } from './errors';
import { type Logger, silentLogger } from './logger';
import type { CallOptions, OrganizationClient, OrganizationClientOptions, RetryNotice } from './organizationClient';
import { type Permit, RateLimiter } from './rateLimiter';
import { redactHeaders, redactSecrets } from './redact';
import { buildSignedHeaders, encodeBody } from './request';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableServiceCode, type RetryPolicy, sleep } from './retry';
import { sendRequest } from './transport';
import type {
	GetTaskStatusRequest,
	GetTaskStatusResponse,
	Language,
	ListTasksRequest,
	ListTasksResponse,
} from './types';
import { parseEnvelope, validateGetTaskStatusResponse, validateListTasksResponse } from './validate';
import {
	validateDescribeIdentityCenterResponse,
	validateDescribeOrganizationMembersResponse,
	validateGetGroupResponse,
	validateGetRoleConfigurationResponse,
	validateGetUserResponse,
	validateListGroupsResponse,
	validateListRoleAssignmentsResponse,
	validateListRoleConfigurationProvisioningsResponse,
	validateListRoleConfigurationsResponse,
	validateListUsersResponse,
} from './validateDirectory';
import { canResendWrite, isWriteOutcomeUnknown, writeOutcomeUnknown } from './writeSafety';
import type {
	CreateRoleAssignmentRequest,
	CreateRoleAssignmentResponse,
	DeleteRoleAssignmentRequest,
	DeleteRoleAssignmentResponse,
	RoleConfigurationTargetRequest,
	RoleProvisioningResponse,
} from './writeTypes';
import { validateCreateRoleAssignmentResponse, validateDeleteRoleAssignmentResponse, validateRoleProvisioningResponse } from './validateWrites';

type Validator<T> = (response: Record<string, unknown>) => T;

/** What one attempt learned besides its result: the server's clock, for the clock-skew correction. */
interface AttemptFailure {
	error: TencentCloudError;
	serverDateMs?: number;
}

class AttemptFailed extends Error {
	constructor(readonly failure: AttemptFailure) {
		super(failure.error.message);
	}
}

const SIGNATURE_EXPIRE = 'AuthFailure.SignatureExpire';

export function createOrganizationClient(options: OrganizationClientOptions): OrganizationClient {
	return new TencentOrganizationClient(options);
}

class TencentOrganizationClient implements OrganizationClient {
	readonly endpoint: string;
	private readonly target: ResolvedEndpoint;
	private readonly limiter: RateLimiter;
	private readonly retry: RetryPolicy;
	private readonly logger: Logger;
	private readonly language: Language;
	private readonly timeoutMs: number;
	/** Server time minus local time, learned from a SignatureExpire answer; applied to later calls too. */
	private clockOffsetMs = 0;

	constructor(private readonly options: OrganizationClientOptions) {
		this.target = resolveEndpoint(options.endpoint);
		this.endpoint = this.target.origin;
		this.limiter = options.rateLimiter ?? new RateLimiter({ requestsPerSecond: options.requestsPerSecond });
		this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
		this.logger = options.logger ?? silentLogger;
		this.language = options.language ?? 'en-US';
		this.timeoutMs = options.timeoutMs ?? 30_000;
	}

	listTasks(request: ListTasksRequest, options?: CallOptions): Promise<ListTasksResponse> {
		return this.call('ListTasks', request, validateListTasksResponse, options, request.NextToken ? undefined : 1);
	}

	async *listTaskPages(request: ListTasksRequest, options?: CallOptions): AsyncIterable<ListTasksResponse> {
		let token = request.NextToken;
		const seen = new Set<string>();
		for (let page = 1; ; page++) {
			// Retries happen inside call(), so a page is yielded only once, whatever it took to get it.
			const response = await this.call('ListTasks', { ...request, NextToken: token }, validateListTasksResponse, options, page);
			yield response;
			if (!response.IsTruncated || response.NextToken === undefined) {
				return;
			}
			if (seen.has(response.NextToken)) {
				// A service that hands back an earlier token would otherwise page forever.
				throw new TencentCloudError(
					ClientErrorCode.InvalidResponse,
					`Response.NextToken: the token of page ${page} repeats an earlier one.`,
					{ action: 'ListTasks' },
				);
			}
			seen.add(response.NextToken);
			token = response.NextToken;
		}
	}

	getTaskStatus(request: GetTaskStatusRequest, options?: CallOptions): Promise<GetTaskStatusResponse> {
		return this.call('GetTaskStatus', request, validateGetTaskStatusResponse, options);
	}

	describeIdentityCenter(request: DescribeIdentityCenterRequest = {}, options?: CallOptions): Promise<DescribeIdentityCenterResponse> {
		return this.call('DescribeIdentityCenter', request, validateDescribeIdentityCenterResponse, options);
	}

	getUser(request: GetUserRequest, options?: CallOptions): Promise<GetUserResponse> {
		return this.call('GetUser', request, validateGetUserResponse, options);
	}

	listUsers(request: ListUsersRequest, options?: CallOptions): Promise<ListUsersResponse> {
		return this.call('ListUsers', request, validateListUsersResponse, options);
	}

	getGroup(request: GetGroupRequest, options?: CallOptions): Promise<GetGroupResponse> {
		return this.call('GetGroup', request, validateGetGroupResponse, options);
	}

	listGroups(request: ListGroupsRequest, options?: CallOptions): Promise<ListGroupsResponse> {
		return this.call('ListGroups', request, validateListGroupsResponse, options);
	}

	getRoleConfiguration(request: GetRoleConfigurationRequest, options?: CallOptions): Promise<GetRoleConfigurationResponse> {
		return this.call('GetRoleConfiguration', request, validateGetRoleConfigurationResponse, options);
	}

	listRoleConfigurations(request: ListRoleConfigurationsRequest, options?: CallOptions): Promise<ListRoleConfigurationsResponse> {
		return this.call('ListRoleConfigurations', request, validateListRoleConfigurationsResponse, options);
	}

	listRoleAssignments(request: ListRoleAssignmentsRequest, options?: CallOptions): Promise<ListRoleAssignmentsResponse> {
		return this.call('ListRoleAssignments', request, validateListRoleAssignmentsResponse, options);
	}

	listRoleConfigurationProvisionings(
		request: ListRoleConfigurationProvisioningsRequest,
		options?: CallOptions,
	): Promise<ListRoleConfigurationProvisioningsResponse> {
		return this.call('ListRoleConfigurationProvisionings', request, validateListRoleConfigurationProvisioningsResponse, options);
	}

	describeOrganizationMembers(
		request: DescribeOrganizationMembersRequest,
		options?: CallOptions,
	): Promise<DescribeOrganizationMembersResponse> {
		return this.call('DescribeOrganizationMembers', request, validateDescribeOrganizationMembersResponse, options);
	}

	// The writes: never re-sent unless the service certainly refused them (writeSafety.ts).
	createRoleAssignment(request: CreateRoleAssignmentRequest, options?: CallOptions): Promise<CreateRoleAssignmentResponse> {
		return this.call('CreateRoleAssignment', request, validateCreateRoleAssignmentResponse, options, undefined, 'write');
	}

	deleteRoleAssignment(request: DeleteRoleAssignmentRequest, options?: CallOptions): Promise<DeleteRoleAssignmentResponse> {
		return this.call('DeleteRoleAssignment', request, validateDeleteRoleAssignmentResponse, options, undefined, 'write');
	}

	provisionRoleConfiguration(request: RoleConfigurationTargetRequest, options?: CallOptions): Promise<RoleProvisioningResponse> {
		return this.call('ProvisionRoleConfiguration', request, validateRoleProvisioningResponse, options, undefined, 'write');
	}

	dismantleRoleConfiguration(request: RoleConfigurationTargetRequest, options?: CallOptions): Promise<RoleProvisioningResponse> {
		return this.call('DismantleRoleConfiguration', request, validateRoleProvisioningResponse, options, undefined, 'write');
	}

	private async call<T extends { RequestId: string }>(
		action: string,
		params: object,
		validate: Validator<T>,
		callOptions: CallOptions = {},
		page?: number,
		kind: 'read' | 'write' = 'read',
	): Promise<T> {
		const { signal } = callOptions;
		const started = performance.now();
		const subject = `${action}${describeParams(params, page)}`;
		let secrets: (string | undefined)[] = [];
		let attempts = 0;
		const log = (level: 'info' | 'warn' | 'debug', line: string): void => {
			try {
				this.logger[level](redactSecrets(line, secrets));
			} catch {
				// A failing log sink must not fail the call it describes.
			}
		};
		const summary = (outcome: string, requestId?: string): string =>
			`${subject}: ${outcome} in ${Math.round(performance.now() - started)} ms after ${attempts} attempt${attempts === 1 ? '' : 's'}` +
			(requestId ? `, RequestId ${requestId}` : '');
		try {
			throwIfAborted(signal);
			const credentials = await this.credentials();
			secrets = [credentials.secretKey, credentials.token];
			const body = encodeBody(params);
			let retries = 0;
			let clockCorrected = false;
			for (;;) {
				const permit = await this.limiter.acquire(signal, action, callOptions.priority);
				attempts++;
				try {
					const result = await this.attempt(action, body, credentials, validate, callOptions, log, permit).finally(
						// However the attempt ended, its slot must start counting down, or it would be held forever.
						() => permit.done(),
					);
					log('info', summary('OK', result.RequestId));
					return result;
				} catch (caught) {
					if (!(caught instanceof AttemptFailed)) {
						throw caught;
					}
					const { error, serverDateMs } = caught.failure;
					if (error.code === SIGNATURE_EXPIRE) {
						if (!clockCorrected && serverDateMs !== undefined) {
							clockCorrected = true;
							this.clockOffsetMs = serverDateMs - Date.now();
							log('warn', `${action}: SignatureExpire; the system clock is ${formatOffset(this.clockOffsetMs)} the server's. Retrying once with a corrected timestamp.`);
							continue;
						}
						this.clockOffsetMs = 0;
						throw clockError(error, serverDateMs);
					}
					if (kind === 'write' && !canResendWrite(error)) {
						throw isWriteOutcomeUnknown(error) ? writeOutcomeUnknown(action, error) : error;
					}
					if (error.code.startsWith('RequestLimitExceeded')) {
						// Our own limiter never exceeds the quota: someone else on the account spends it too.
						this.limiter.refused(action);
					}
					if (!error.retryable || retries >= this.retry.maxRetries) {
						throw error;
					}
					retries++;
					const delayMs = backoffDelay(retries, this.retry);
					const notice: RetryNotice = {
						action,
						attempt: retries,
						maxAttempts: this.retry.maxRetries,
						delayMs,
						code: error.code,
						reason: redactSecrets(error.message, secrets),
					};
					log('warn', `${subject}: ${error.code} (${notice.reason}); retry ${retries}/${this.retry.maxRetries} in ${delayMs} ms`);
					this.notify(notice, callOptions, log);
					await sleep(delayMs, signal);
				}
			}
		} catch (caught) {
			if (isAbortError(caught)) {
				log('info', summary('aborted'));
				throw caught;
			}
			const final = finalError(caught, action, attempts, secrets);
			log('info', summary(final.code, final.requestId));
			throw final;
		}
	}

	/** One signed request; resolves with the validated response or rejects with AttemptFailed / AbortError. */
	private async attempt<T>(
		action: string,
		body: Buffer,
		credentials: Credentials,
		validate: Validator<T>,
		callOptions: CallOptions,
		log: (level: 'debug', line: string) => void,
		permit: Permit,
	): Promise<T> {
		const timestamp = Math.floor((Date.now() + this.clockOffsetMs) / 1000);
		const headers = buildSignedHeaders({
			action,
			body,
			credentials,
			signingHost: this.target.signingHost,
			timestamp,
			language: this.language,
		});
		log('debug', `${action} → ${this.endpoint} headers ${JSON.stringify(redactHeaders(headers))}`);
		let response;
		try {
			response = await sendRequest({
				url: this.target.url,
				headers,
				body,
				timeoutMs: this.timeoutMs,
				signal: callOptions.signal,
				onDelivered: () => permit.done(),
				onAbandoned: () => permit.abandon(),
			});
		} catch (error) {
			if (error instanceof TencentCloudError) {
				throw new AttemptFailed({ error });
			}
			throw error;
		}
		const serverDateMs = parseDateHeader(response.headers.date);
		const fail = (error: TencentCloudError): never => {
			throw new AttemptFailed({ error, serverDateMs });
		};
		log('debug', `${action} ← HTTP ${response.status}, ${response.body.length} bytes`);
		if (response.status !== 200) {
			// Both official SDKs treat any non-200 as a transport failure; API errors come as 200 + Response.Error.
			const retryable = response.status >= 500 || response.status === 429;
			fail(new TencentCloudError(ClientErrorCode.HttpStatus, `HTTP ${response.status} from ${this.target.url.host}.`, {
				httpStatus: response.status,
				retryable,
			}));
		}
		let envelope;
		try {
			envelope = parseEnvelope(response.body);
		} catch (error) {
			const invalid = asTencentCloudError(error, ClientErrorCode.InvalidResponse);
			return fail(new TencentCloudError(invalid.code, invalid.message, { httpStatus: response.status, retryable: invalid.retryable }));
		}
		if (envelope.kind === 'error') {
			return fail(new TencentCloudError(envelope.error.Code, envelope.error.Message || envelope.error.Code, {
				requestId: envelope.requestId,
				httpStatus: response.status,
				retryable: isRetryableServiceCode(envelope.error.Code),
			}));
		}
		try {
			return validate(envelope.response);
		} catch (error) {
			const requestId = envelope.response.RequestId;
			const invalid = asTencentCloudError(error, ClientErrorCode.InvalidResponse);
			return fail(new TencentCloudError(invalid.code, invalid.message, {
				requestId: typeof requestId === 'string' ? requestId : undefined,
				httpStatus: response.status,
				retryable: invalid.retryable,
			}));
		}
	}

	private async credentials(): Promise<Credentials> {
		let raw: Credentials;
		try {
			raw = await resolveCredentials(this.options.credentials);
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			throw new TencentCloudError(ClientErrorCode.CredentialsUnavailable, `Could not read the API credentials: ${detail}`);
		}
		// Keys copied from a console often carry stray whitespace; no valid key contains any.
		const secretId = typeof raw?.secretId === 'string' ? raw.secretId.trim() : '';
		const secretKey = typeof raw?.secretKey === 'string' ? raw.secretKey.trim() : '';
		const token = typeof raw?.token === 'string' ? raw.token.trim() : '';
		if (!secretId || !secretKey) {
			throw new TencentCloudError(ClientErrorCode.CredentialsUnavailable, 'No API credentials are set (SecretId and SecretKey are required).');
		}
		return token ? { secretId, secretKey, token } : { secretId, secretKey };
	}

	private notify(notice: RetryNotice, callOptions: CallOptions, log: (level: 'warn', line: string) => void): void {
		for (const listener of [this.options.onRetry, callOptions.onRetry]) {
			try {
				listener?.(notice);
			} catch (error) {
				// A broken progress callback must not turn a recoverable call into a failure.
				log('warn', `onRetry listener threw: ${error instanceof Error ? error.message : String(error)}`);
			}
		}
	}
}

/** ` ZoneId=z-1 Status=Failed page 2`: the filters that shaped the call, never the opaque NextToken. */
function describeParams(params: object, page: number | undefined): string {
	const parts: string[] = [];
	let hasToken = false;
	for (const [key, value] of Object.entries(params)) {
		if (key === 'NextToken') {
			hasToken = value !== undefined && value !== null && value !== '';
		} else if (value !== undefined && value !== null) {
			// Quoted unless plain, so a crafted filter value cannot forge a second log line.
			parts.push(`${key}=${typeof value === 'string' && /^[\w.:@-]+$/.test(value) ? value : JSON.stringify(value)}`);
		}
	}
	if (page !== undefined) {
		parts.push(`page ${page}`);
	} else if (hasToken) {
		parts.push('next page');
	}
	return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function parseDateHeader(value: string | undefined): number | undefined {
	if (!value) {
		return undefined;
	}
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

function formatOffset(offsetMs: number): string {
	const seconds = Math.round(Math.abs(offsetMs) / 1000);
	return `${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'}`;
}

function clockError(error: TencentCloudError, serverDateMs: number | undefined): TencentCloudError {
	const detail =
		serverDateMs === undefined
			? 'The system clock is probably wrong (more than 5 minutes from the real time); check the system clock.'
			: `The system clock is ${formatOffset(serverDateMs - Date.now())} the server's time (${new Date(serverDateMs).toISOString()}); check the system clock.`;
	return new TencentCloudError(error.code, `${error.message} ${detail}`, {
		requestId: error.requestId,
		httpStatus: error.httpStatus,
	});
}

function asTencentCloudError(error: unknown, code: string = ClientErrorCode.Unknown): TencentCloudError {
	if (error instanceof TencentCloudError) {
		return error;
	}
	return new TencentCloudError(code, error instanceof Error ? error.message : String(error));
}

/** Rebuilt rather than mutated so that message and stack are created from already-redacted text. */
function finalError(error: unknown, action: string, attempts: number, secrets: (string | undefined)[]): TencentCloudError {
	const source = asTencentCloudError(error);
	return new TencentCloudError(source.code, redactSecrets(source.message, secrets), {
		requestId: source.requestId,
		httpStatus: source.httpStatus,
		action,
		attempts,
		retryable: source.retryable,
	});
}
