import { ClientErrorCode, TencentCloudError } from './errors';

/**
 * When a write may be sent again. A read can be repeated at will; a write that reached the service may have been
 * applied even though no answer came back (a timeout, a reset, a 5xx from a gateway, a cut-off or malformed
 * answer, InternalError), and sending it again could apply the change twice. So the client re-sends a write only
 * when the service certainly refused it (rate limited, a clock correction) or it never left (no route); every
 * other failure of a write becomes WriteOutcomeUnknown, and whoever asked must look (GetTaskStatus, the state
 * actions, ListTasks) before deciding to try again.
 */

export const WRITE_OUTCOME_UNKNOWN = 'ClientError.WriteOutcomeUnknown';

function inFamily(code: string, family: string): boolean {
	return code === family || code.startsWith(`${family}.`);
}

/** The service refused the request before doing anything, or it never reached the service. */
export function canResendWrite(error: TencentCloudError): boolean {
	return inFamily(error.code, 'RequestLimitExceeded') || error.code === ClientErrorCode.NetworkUnreachable;
}

/** A failure after which nobody can tell whether the write was applied. */
export function isWriteOutcomeUnknown(error: TencentCloudError): boolean {
	switch (error.code) {
		case ClientErrorCode.Timeout:
		case ClientErrorCode.NetworkError:
		case ClientErrorCode.InvalidResponse:
		case ClientErrorCode.HttpStatus:
			return true;
		default:
			return inFamily(error.code, 'InternalError') || inFamily(error.code, 'ServiceUnavailable');
	}
}

export function writeOutcomeUnknown(action: string, error: TencentCloudError): TencentCloudError {
	return new TencentCloudError(
		WRITE_OUTCOME_UNKNOWN,
		`${action} was sent, but no usable answer came back (${error.code}: ${error.message}); the change may or may not have been applied, so it was not sent again.`,
		{ requestId: error.requestId, httpStatus: error.httpStatus, retryable: false },
	);
}

export function isWriteOutcomeUnknownError(error: unknown): boolean {
	return error instanceof TencentCloudError && error.code === WRITE_OUTCOME_UNKNOWN;
}
