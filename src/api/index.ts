/** The API layer's public surface; the rest of the extension imports from here only. */
export { createOrganizationClient } from './client';
export type { CallOptions, OrganizationClient, OrganizationClientOptions, RetryNotice } from './organizationClient';
export { resolveCredentials, type Credentials, type CredentialsSource } from './credentials';
export {
	AbortError,
	ClientErrorCode,
	isAbortError,
	isAuthFailure,
	isNotFound,
	isTencentCloudError,
	TencentCloudError,
	type ClientErrorCodeValue,
	type TencentCloudErrorInit,
} from './errors';
export { isLoopbackHost, resolveEndpoint, type ResolvedEndpoint } from './endpoint';
export { silentLogger, type Logger } from './logger';
export { RateLimiter, type Permit, type RateLimiterOptions } from './rateLimiter';
export { maskSecretId, REDACTED, redactHeaders, redactSecrets } from './redact';
export { isSampleSecretId, SAMPLE_SECRET_ID_PREFIX } from './sampleKeys';
export { CONTENT_TYPE, REQUEST_CLIENT, encodeBody } from './request';
export { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableServiceCode, type RetryPolicy } from './retry';
export * from './signer';
export * from './types';
export { parseEnvelope, validateGetTaskStatusResponse, validateListTasksResponse, type Envelope } from './validate';
export { ACTION_RATE_LIMITS, budgetLimit, budgetOf, DEFAULT_ACTION_LIMIT, type ActionRateLimit, type RateLimitedAction } from './actionLimits';
export * from './directoryTypes';
export * from './writeTypes';
export { canResendWrite, isWriteOutcomeUnknown, isWriteOutcomeUnknownError, WRITE_OUTCOME_UNKNOWN } from './writeSafety';
