import * as http from 'node:http';
import * as https from 'node:https';
import { AbortError, ClientErrorCode, TencentCloudError } from './errors';

export interface HttpRequest {
	url: URL;
	headers: Readonly<Record<string, string>>;
	/** Sent as is: these are the bytes the signature covers. */
	body: Buffer;
	timeoutMs: number;
	signal?: AbortSignal;
	maxResponseBytes?: number;
	/** Called once: when the response starts (so the server has the request), or when the attempt ends. */
	onDelivered?: () => void;
	/**
	 * Called instead of onDelivered when the caller aborts before any response began: the request may still be
	 * on its way to the server (see Permit.abandon). Defaults to onDelivered.
	 */
	onAbandoned?: () => void;
}

export interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** Socket errors that mean "no route to the service" rather than "the connection broke". */
const UNREACHABLE_CODES = new Set([
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_FAIL',
	'ECONNREFUSED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EHOSTDOWN',
	'ENETDOWN',
	'EADDRNOTAVAIL',
]);

const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

function errorCodeOf(error: unknown): string | undefined {
	const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
	return typeof code === 'string' ? code : undefined;
}

function networkError(error: unknown, host: string): TencentCloudError {
	const code = errorCodeOf(error);
	const detail = error instanceof Error ? error.message : String(error);
	if (code !== undefined && UNREACHABLE_CODES.has(code)) {
		return new TencentCloudError(ClientErrorCode.NetworkUnreachable, `Cannot reach ${host} (${detail}).`, {
			retryable: true,
		});
	}
	// Resets, hang-ups, TLS failures mid-stream: the connection broke, a new one may not.
	return new TencentCloudError(ClientErrorCode.NetworkError, `Connection to ${host} failed (${detail}).`, {
		retryable: true,
	});
}

/**
 * One POST over node:http(s), with a deadline covering connect, upload and the whole response (a socket
 * idle timeout alone would let a server that trickles bytes hold the call forever). Abort destroys the
 * request at once. Resolves for any HTTP status; rejects only with AbortError or TencentCloudError.
 */
export function sendRequest(request: HttpRequest): Promise<HttpResponse> {
	const { url, signal } = request;
	if (signal?.aborted) {
		return Promise.reject(new AbortError());
	}
	const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
	const lib = url.protocol === 'http:' ? http : https;
	return new Promise<HttpResponse>((resolve, reject) => {
		let settled = false;
		let delivered = false;
		let req: http.ClientRequest | undefined;
		const markDelivered = (abandoned = false): void => {
			if (!delivered) {
				delivered = true;
				(abandoned ? (request.onAbandoned ?? request.onDelivered) : request.onDelivered)?.();
			}
		};
		const finish = (outcome: { error: Error } | { response: HttpResponse }): void => {
			if (settled) {
				return;
			}
			settled = true;
			// Any failure before the response started (abort, timeout, reset) may still reach the server, so it
			// keeps its rate-limit slot as if it were on its way.
			markDelivered('error' in outcome);
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			if ('error' in outcome) {
				req?.destroy();
				reject(outcome.error);
			} else {
				resolve(outcome.response);
			}
		};
		const onAbort = (): void => finish({ error: new AbortError() });
		const timer = setTimeout(
			() =>
				finish({
					error: new TencentCloudError(
						ClientErrorCode.Timeout,
						`No complete response from ${url.host} within ${request.timeoutMs} ms.`,
						{ retryable: true },
					),
				}),
			request.timeoutMs,
		);
		signal?.addEventListener('abort', onAbort, { once: true });

		try {
			req = lib.request(url, {
				method: 'POST',
				headers: { ...request.headers, 'Content-Length': String(request.body.length) },
			});
		} catch (error) {
			// Invalid header characters (e.g. a pasted token with a newline) throw synchronously; Node's
			// message names the header, never its value.
			finish({
				error: new TencentCloudError(
					ClientErrorCode.CredentialsUnavailable,
					`The request could not be built: ${error instanceof Error ? error.message : String(error)}`,
				),
			});
			return;
		}
		req.on('error', (error) => finish({ error: networkError(error, url.host) }));
		req.on('response', (res) => {
			markDelivered();
			const chunks: Buffer[] = [];
			let size = 0;
			res.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBytes) {
					finish({
						error: new TencentCloudError(
							ClientErrorCode.InvalidResponse,
							`The response from ${url.host} exceeds ${maxBytes} bytes.`,
						),
					});
					return;
				}
				chunks.push(chunk);
			});
			res.on('error', (error) => finish({ error: networkError(error, url.host) }));
			res.on('close', () => {
				if (!res.complete) {
					finish({
						error: new TencentCloudError(
							ClientErrorCode.InvalidResponse,
							`The response from ${url.host} was cut off after ${size} bytes.`,
							{ retryable: true },
						),
					});
				}
			});
			res.on('end', () =>
				finish({ response: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) } }),
			);
		});
		req.end(request.body);
	});
}
