/**
 * What the model reads off any error: its code (a TencentCloudError's, or that of a wrapper that carries one) and
 * its message. Whether an error is a cancellation, an auth failure or a missing resource is the API layer's to say
 * (isAbortError, isAuthFailure, isNotFound in src/api/errors.ts).
 */

export function errorCode(error: unknown): string | undefined {
	const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
	return typeof code === 'string' ? code : undefined;
}

/** The error's own message; the API layer guarantees its messages carry no secrets. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error) {
		return error.message;
	}
	return typeof error === 'string' ? error : 'Unknown error';
}

export const NEXT_TOKEN_INVALID = 'InvalidParameter.NextTokenInvalid';
