import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../api/logger';
import { API_VERSION, SERVICE, type Language } from '../api/types';
import { isApiAction, runAction, type ZoneState } from './actions';
import type { FaultInjector, FaultKind } from './faults';
import { ApiError, languageOf } from './messages';
import { parseJsonBody } from './params';
import type { SlidingWindowLimiter } from './rateLimit';
import type { Stats } from './stats';
import { headerValue, verifySignature, type KeyPair } from './verifySignature';

/**
 * The HTTP side: POST / routed by X-TC-Action, checks in the order
 *   method → X-TC-Action → X-TC-Version → body size → signature (verifySignature.ts) → Content-Type → rate limit
 *   → body → action.
 * GET is answered with UnsupportedOperation: the service accepts signed GETs, but no client of this project sends
 * them and emulating the form encoding would only hide a client bug. Any path other than `/` is a plain 404.
 * API errors are HTTP 200 with Response.Error; only injected faults produce other statuses.
 */

export interface ServerDeps {
	readonly zone: ZoneState;
	readonly keys: () => readonly KeyPair[];
	readonly limiter: SlidingWindowLimiter;
	readonly faults: FaultInjector;
	readonly stats: Stats;
	readonly logger: Logger;
	readonly now: () => number;
	readonly latencyMs: () => number;
	readonly defaultLanguage: Language;
}

const MAX_BODY_BYTES = 1024 * 1024;

interface Outcome {
	readonly status: number;
	readonly body: string | Buffer;
	readonly contentType: string;
	readonly outcome: string;
	readonly admitted: boolean;
	readonly requestId?: string;
	/** Destroy the socket instead of answering. */
	readonly reset?: boolean;
}

export interface EmulatorHttpServer {
	readonly server: Server;
	listen(port: number): Promise<number>;
	close(): Promise<void>;
}

export function createEmulatorServer(deps: ServerDeps): EmulatorHttpServer {
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closing = false;

	const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
		handle(deps, req, res, timers, () => closing).catch((e: unknown) => {
			deps.logger.error(`emulator: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500).end();
			}
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	return {
		server,
		listen: (port) =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					const address = server.address();
					resolve(typeof address === 'object' && address !== null ? address.port : port);
				});
			}),
		close: () =>
			new Promise((resolve) => {
				closing = true;
				for (const t of timers) {
					clearTimeout(t);
				}
				timers.clear();
				server.close(() => resolve());
				for (const s of sockets) {
					s.destroy();
				}
			}),
	};
}

async function handle(
	deps: ServerDeps,
	req: IncomingMessage,
	res: ServerResponse,
	timers: Set<NodeJS.Timeout>,
	isClosing: () => boolean,
): Promise<void> {
	const arrival = deps.now();
	const started = performance.now();
	const fault = deps.faults.next();
	const action = headerValue(req.headers, 'x-tc-action') ?? '';
	const traceId = headerValue(req.headers, 'x-tc-traceid');
	const language = languageOf(headerValue(req.headers, 'x-tc-language'), deps.defaultLanguage);

	const body = await readBody(req);
	if (body === undefined) {
		return; // the client went away mid-request
	}
	const outcome = decide(deps, req, body, arrival, language, fault);

	const latency = deps.latencyMs();
	if (latency > 0) {
		await new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, latency);
			timers.add(t);
		});
	}
	if (isClosing()) {
		return;
	}
	// A client that gave up while its request was being served still had it counted against the rate limit, so
	// the log keeps it: otherwise maxRequestsInWindow would miss requests the limiter admitted.
	const gone = res.destroyed;
	deps.stats.record({
		at: arrival,
		action,
		outcome: gone ? 'ClientClosed' : outcome.outcome,
		httpStatus: gone || outcome.reset ? 0 : outcome.status,
		admitted: outcome.admitted,
		...(fault ? { fault } : {}),
		...(outcome.requestId ? { requestId: outcome.requestId } : {}),
		durationMs: performance.now() - started,
	});
	deps.logger.debug(`emulator: ${req.method ?? ''} ${action || '-'} → ${gone ? 'client closed before the answer' : outcome.outcome}${fault ? ` (injected ${fault})` : ''}`);
	if (gone) {
		return;
	}
	if (outcome.reset) {
		req.socket.resetAndDestroy();
		return;
	}
	const headers: Record<string, string | number> = {
		'Content-Type': outcome.contentType,
		'Content-Length': Buffer.byteLength(outcome.body),
		Date: new Date(deps.now()).toUTCString(),
	};
	if (traceId !== undefined) {
		headers['X-TC-TraceId'] = traceId;
	}
	res.writeHead(outcome.status, headers).end(outcome.body);
}

/** Undefined when the client aborted; an oversize body is read to the end (so the reply can be sent) but not kept. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) {
				chunks.push(chunk);
			}
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? Buffer.alloc(MAX_BODY_BYTES + 1) : Buffer.concat(chunks)));
		req.on('error', () => resolve(undefined));
		req.on('close', () => {
			if (!req.complete) {
				resolve(undefined);
			}
		});
	});
}

function decide(
	deps: ServerDeps,
	req: IncomingMessage,
	body: Buffer,
	arrival: number,
	language: Language,
	fault: FaultKind | undefined,
): Outcome {
	switch (fault) {
		case 'http502':
			return gatewayError(502, 'Bad Gateway');
		case 'http503':
			return gatewayError(503, 'Service Unavailable');
		case 'reset':
			return { status: 0, body: '', contentType: '', outcome: 'ConnectionReset', admitted: false, reset: true };
		case 'internalError':
			return apiError(new ApiError('InternalError'), language, false);
		case 'throttle': {
			const action = headerValue(req.headers, 'x-tc-action') ?? '';
			return apiError(new ApiError('RequestLimitExceeded', [String(deps.limiter.limitFor(action)), action]), language, false);
		}
		case 'truncated': {
			// A real answer cut in half, computed without using up rate-limit quota, so the retry sees the same page.
			const full = Buffer.from(serve(deps, req, body, arrival, language, false).body);
			const cut = full.subarray(0, Math.max(1, Math.floor(full.length / 2)));
			return { status: 200, body: cut, contentType: 'application/json', outcome: 'TruncatedJson', admitted: false };
		}
		case undefined:
			return serve(deps, req, body, arrival, language, true);
	}
}

function gatewayError(status: number, text: string): Outcome {
	const body = `<html><head><title>${status} ${text}</title></head><body><center><h1>${status} ${text}</h1></center></body></html>`;
	return { status, body, contentType: 'text/html', outcome: `HTTP${status}`, admitted: false };
}

function apiError(error: ApiError, language: Language, admitted: boolean): Outcome {
	const requestId = randomUUID();
	const body = JSON.stringify({ Response: { Error: { Code: error.code, Message: error.messageIn(language) }, RequestId: requestId } });
	return { status: 200, body, contentType: 'application/json', outcome: error.code, admitted, requestId };
}

function serve(deps: ServerDeps, req: IncomingMessage, body: Buffer, arrival: number, language: Language, useQuota: boolean): Outcome {
	let admitted = false;
	try {
		const url = new URL(req.url ?? '/', 'http://emulator');
		if (url.pathname !== '/') {
			return { status: 404, body: 'Not Found', contentType: 'text/plain', outcome: 'HTTP404', admitted: false };
		}
		if (req.method === 'GET') {
			throw new ApiError('UnsupportedOperation', ['the emulator accepts POST with Content-Type application/json only']);
		}
		if (req.method !== 'POST') {
			throw new ApiError('UnsupportedProtocol', [req.method ?? '']);
		}
		const action = headerValue(req.headers, 'x-tc-action');
		if (action === undefined || action === '') {
			throw new ApiError('MissingParameter', ['X-TC-Action']);
		}
		if (!isApiAction(action)) {
			throw new ApiError('InvalidAction', [action]);
		}
		const version = headerValue(req.headers, 'x-tc-version');
		if (version === undefined || version === '') {
			throw new ApiError('MissingParameter', ['X-TC-Version']);
		}
		if (version !== API_VERSION) {
			throw new ApiError('NoSuchVersion', [version]);
		}
		if (body.length > MAX_BODY_BYTES) {
			throw new ApiError('RequestSizeLimitExceeded', [String(MAX_BODY_BYTES)]);
		}
		const keys = deps.keys();
		const verdict = verifySignature({
			method: 'POST',
			headers: req.headers,
			body,
			nowSeconds: Math.floor(deps.now() / 1000),
			service: SERVICE,
			lookupKey: (id) => keys.find((k) => k.secretId === id),
		});
		if (!verdict.ok) {
			deps.logger.info(`emulator: ${verdict.code}: ${verdict.detail}`);
			throw new ApiError(verdict.code, verdict.args);
		}
		const contentType = (headerValue(req.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
		if (contentType !== 'application/json') {
			throw new ApiError('UnsupportedOperation', [`Content-Type ${contentType || '(none)'}; the emulator accepts application/json only`]);
		}
		if (useQuota) {
			if (!deps.limiter.tryAdmit(action, arrival)) {
				throw new ApiError('RequestLimitExceeded', [String(deps.limiter.limitFor(action)), action]);
			}
			admitted = true;
		}
		const result = runAction(deps.zone, action, parseJsonBody(body));
		const requestId = randomUUID();
		return {
			status: 200,
			body: JSON.stringify({ Response: { ...result, RequestId: requestId } }),
			contentType: 'application/json',
			outcome: 'Success',
			admitted,
			requestId,
		};
	} catch (e) {
		if (e instanceof ApiError) {
			return apiError(e, language, admitted);
		}
		deps.logger.error(`emulator: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
		return apiError(new ApiError('InternalError'), language, admitted);
	}
}
