import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { sign } from '../../src/api/signer';
import type { RunningEmulator } from '../../src/emulator/index';

/** A tiny signed client for the emulator tests, so they do not depend on the project's own client. */

export interface CallOptions {
	secretId?: string;
	secretKey?: string;
	token?: string;
	/** UNIX seconds; defaults to the emulator's (or real) clock. */
	timestamp?: number;
	language?: string;
	traceId?: string;
	version?: string;
	/** Raw body bytes instead of JSON.stringify(params). */
	rawBody?: string | Buffer;
	contentType?: string;
	/** Header names to sign, besides what they are sent as. Default: content-type, host. */
	signedHeaders?: readonly string[];
	/** The host value put into the signature (default: the Host header sent). */
	signedHost?: string;
	/** The Host header sent (default 127.0.0.1:PORT). */
	host?: string;
	/** Replaces the computed Authorization header; null sends none. */
	authorization?: string | null;
	/** Signing service (default organization). */
	service?: string;
	method?: string;
	path?: string;
	extraHeaders?: Record<string, string>;
	/** Omit X-TC-Action. */
	noAction?: boolean;
}

export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export function send(emu: Pick<RunningEmulator, 'port' | 'credentials'>, action: string, params: unknown, o: CallOptions = {}): Promise<RawResponse> {
	const body = o.rawBody ?? JSON.stringify(params);
	const host = o.host ?? `127.0.0.1:${emu.port}`;
	const contentType = o.contentType ?? 'application/json';
	const timestamp = o.timestamp ?? nowSeconds();
	const headers: Record<string, string> = {
		Host: host,
		'Content-Type': contentType,
		'X-TC-Timestamp': String(timestamp),
		'X-TC-Version': o.version ?? '2021-03-31',
		...(o.noAction ? {} : { 'X-TC-Action': action }),
		...(o.language ? { 'X-TC-Language': o.language } : {}),
		...(o.traceId ? { 'X-TC-TraceId': o.traceId } : {}),
		...(o.token !== undefined ? { 'X-TC-Token': o.token } : emu.credentials.token !== undefined ? { 'X-TC-Token': emu.credentials.token } : {}),
		...o.extraHeaders,
	};
	if (o.authorization !== null) {
		const lower: Record<string, string> = {};
		for (const [k, v] of Object.entries(headers)) {
			lower[k.toLowerCase()] = v;
		}
		const signed: Record<string, string> = {};
		for (const name of o.signedHeaders ?? ['content-type', 'host']) {
			signed[name] = name === 'host' ? (o.signedHost ?? host) : (lower[name] ?? '');
		}
		headers.Authorization =
			o.authorization ??
			sign({
				method: o.method ?? 'POST',
				secretId: o.secretId ?? emu.credentials.secretId,
				secretKey: o.secretKey ?? emu.credentials.secretKey,
				service: o.service ?? 'organization',
				timestamp,
				headers: signed,
				body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
			}).authorization;
	}
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{ host: '127.0.0.1', port: emu.port, method: o.method ?? 'POST', path: o.path ?? '/', headers, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

export type JsonRecord = Record<string, unknown>;

/** The `Response` object of a 200 reply. */
export async function call(emu: Pick<RunningEmulator, 'port' | 'credentials'>, action: string, params: unknown, o: CallOptions = {}): Promise<JsonRecord> {
	const res = await send(emu, action, params, o);
	if (res.status !== 200) {
		throw new Error(`HTTP ${res.status}: ${res.text}`);
	}
	const parsed = JSON.parse(res.text) as { Response: JsonRecord };
	return parsed.Response;
}

export function errorOf(response: JsonRecord): { Code: string; Message: string } | undefined {
	return response.Error as { Code: string; Message: string } | undefined;
}

export async function errorCode(emu: Pick<RunningEmulator, 'port' | 'credentials'>, action: string, params: unknown, o: CallOptions = {}): Promise<string | undefined> {
	return errorOf(await call(emu, action, params, o))?.Code;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
