/**
 * Reads the API layer's errors by shape rather than by class, so the model depends only on the
 * OrganizationClient interface: a TencentCloudError carries `code`, and cancellations are named AbortError
 * (ours, Node's DOMException and fetch's alike).
 */

export function errorCode(error: unknown): string | undefined {
	const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
	return typeof code === 'string' ? code : undefined;
}

export function isAbortError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** The error's own message; the API layer guarantees its messages carry no secrets. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error) {
		return error.message;
	}
	return typeof error === 'string' ? error : 'Unknown error';
}

export const NEXT_TOKEN_INVALID = 'InvalidParameter.NextTokenInvalid';

export function isNotFound(error: unknown): boolean {
	return errorCode(error)?.startsWith('ResourceNotFound') ?? false;
}
