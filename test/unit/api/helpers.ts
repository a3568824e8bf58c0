import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, utcDate } from '../../../src/api/signer';
import type { Logger } from '../../../src/api/logger';
import type { TaskInfo } from '../../../src/api/types';

/** One request as an ad-hoc test server saw it. */
export interface Received {
	index: number;
	at: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	req: http.IncomingMessage;
}

export type Handler = (received: Received, res: http.ServerResponse) => void | Promise<void>;

export interface TestServer {
	url: string;
	port: number;
	received: Received[];
	close(): Promise<void>;
}

/** A throwaway node:http server on 127.0.0.1:0 that records every request before handing it on. */
export async function startServer(handler: Handler): Promise<TestServer> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const at = performance.now();
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r: Received = { index: received.length, at, headers: req.headers, body: Buffer.concat(chunks), req };
			received.push(r);
			void Promise.resolve(handler(r, res)).catch((error: unknown) => {
				res.statusCode = 599;
				res.end(String(error));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

let requestCounter = 0;
export function requestId(): string {
	requestCounter++;
	return `00000000-0000-4000-8000-${String(requestCounter).padStart(12, '0')}`;
}

export function sendJson(res: http.ServerResponse, value: unknown, status = 200): void {
	const body = Buffer.from(JSON.stringify(value), 'utf8');
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
	res.end(body);
}

export function apiOk(res: http.ServerResponse, payload: Record<string, unknown>): void {
	sendJson(res, { Response: { ...payload, RequestId: requestId() } });
}

export function apiError(res: http.ServerResponse, code: string, message = `${code} happened`, id = requestId()): void {
	sendJson(res, { Response: { Error: { Code: code, Message: message }, RequestId: id } });
}

export function task(i: number, overrides: Partial<TaskInfo> = {}): TaskInfo {
	return {
		TaskId: `t-${i}`,
		RoleConfigurationId: `rc-${i}`,
		RoleConfigurationName: `Role${i}`,
		TargetUin: 100000000000 + i,
		TargetType: 'MemberUin',
		PrincipalId: `u-${i}`,
		PrincipalType: 'User',
		TaskType: 'CreateRoleAssignment',
		Status: 'Success',
		FailureReason: '',
		...overrides,
	};
}

export function listPayload(tasks: TaskInfo[], nextToken?: string): Record<string, unknown> {
	const payload: Record<string, unknown> = {
		Tasks: tasks,
		TotalCounts: tasks.length,
		MaxResults: 10,
		IsTruncated: nextToken !== undefined,
	};
	if (nextToken !== undefined) {
		payload.NextToken = nextToken;
	}
	return payload;
}

/**
 * Recomputes TC3 the way the service does (raw body bytes, Host without port, service organization) and
 * says what is wrong, or undefined when the Authorization header is right.
 */
export function signatureProblem(r: Received, secretKey: string): string | undefined {
	const auth = String(r.headers.authorization ?? '');
	const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
	if (!m) {
		return `unparsable Authorization ${auth}`;
	}
	const [, secretId, date, service, signedHeaders] = m;
	const timestamp = Number(r.headers['x-tc-timestamp']);
	if (date !== utcDate(timestamp)) {
		return `scope date ${date} is not the UTC date of ${timestamp}`;
	}
	if (service !== 'organization') {
		return `service ${service}`;
	}
	if (signedHeaders !== 'content-type;host') {
		return `signed headers ${signedHeaders}`;
	}
	const host = String(r.headers.host ?? '').replace(/:\d+$/, '');
	const expected = sign({
		method: r.req.method ?? 'POST',
		headers: { 'content-type': String(r.headers['content-type']), host },
		body: r.body,
		secretId: secretId ?? '',
		secretKey,
		service: 'organization',
		timestamp,
	});
	return expected.authorization === auth ? undefined : 'signature mismatch';
}

export interface CapturingLogger extends Logger {
	lines: { level: string; message: string }[];
	text(): string;
}

export function capturingLogger(): CapturingLogger {
	const lines: { level: string; message: string }[] = [];
	const at = (level: string) => (message: string) => {
		lines.push({ level, message });
	};
	return {
		lines,
		text: () => lines.map((l) => `${l.level} ${l.message}`).join('\n'),
		trace: at('trace'),
		debug: at('debug'),
		info: at('info'),
		warn: at('warn'),
		error: at('error'),
	};
}

/** Retry options that keep the suite fast while still exercising real timers. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 3 };

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the promise to reject');
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Source of the arrival counter below; plain CommonJS because a worker evaluates it as is. */
const ARRIVAL_COUNTER_SOURCE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const arrivals = [];
let n = 0;
const server = http.createServer((req, res) => {
	arrivals.push(performance.now());
	req.resume();
	req.on('end', () => {
		n++;
		const body = JSON.stringify({ Response: {
			Tasks: [], IsTruncated: false, TotalCounts: 0, MaxResults: 10,
			TaskStatus: { TaskId: 't', TaskType: 'CreateRoleAssignment', Status: 'Success' },
			RequestId: 'arrival-' + n,
		} });
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	});
});
parentPort.on('message', (m) => {
	if (m === 'arrivals') {
		parentPort.postMessage({ arrivals });
	} else if (m === 'close') {
		server.closeAllConnections();
		server.close(() => process.exit(0));
	}
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

export interface ArrivalCounter {
	url: string;
	/** Arrival times in ms on the worker's own clock; only differences between them mean anything. */
	arrivals(): Promise<number[]>;
	close(): Promise<void>;
}

/**
 * An always-OK API server in a worker thread, for measuring request rates. Timing it from its own event
 * loop keeps the client's work (signing, parsing) from delaying some arrival stamps and not others, which
 * in a single thread on a busy machine would look like a burst the client never sent.
 */
export async function startArrivalCounter(): Promise<ArrivalCounter> {
	const { Worker } = await import('node:worker_threads');
	const worker = new Worker(ARRIVAL_COUNTER_SOURCE, { eval: true });
	const port = await new Promise<number>((resolve, reject) => {
		worker.once('message', (m: { port: number }) => resolve(m.port));
		worker.once('error', reject);
	});
	return {
		url: `http://127.0.0.1:${port}`,
		arrivals: () =>
			new Promise<number[]>((resolve) => {
				worker.once('message', (m: { arrivals: number[] }) => resolve(m.arrivals));
				worker.postMessage('arrivals');
			}),
		close: () =>
			new Promise<void>((resolve) => {
				worker.once('exit', () => resolve());
				worker.postMessage('close');
			}),
	};
}
