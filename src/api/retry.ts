import { AbortError } from './errors';

export interface RetryPolicy {
	/** Retries after the first attempt; 0 disables retrying. */
	maxRetries: number;
	baseDelayMs: number;
	factor: number;
	maxDelayMs: number;
	/** Returns a number in [0, 1); injectable so tests can pin the jitter. */
	random: () => number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
	maxRetries: 5,
	baseDelayMs: 500,
	factor: 2,
	maxDelayMs: 8000,
	random: Math.random,
};

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random. The fixed half keeps a
 * rate-limited client from coming straight back; the random half spreads callers that failed together.
 * `retry` is 1 for the first retry.
 */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, retry - 1));
	return Math.round(step / 2 + (step / 2) * policy.random());
}

function matchesFamily(code: string, family: string): boolean {
	return code === family || code.startsWith(`${family}.`);
}

/** Service codes that say "try again later"; everything else the service returns is final. */
export function isRetryableServiceCode(code: string): boolean {
	return (
		matchesFamily(code, 'RequestLimitExceeded') ||
		matchesFamily(code, 'InternalError') ||
		matchesFamily(code, 'ServiceUnavailable')
	);
}

/** Waits `ms`, or rejects with AbortError as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) {
		return Promise.reject(new AbortError());
	}
	return new Promise<void>((resolve, reject) => {
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(new AbortError());
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
