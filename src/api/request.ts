import type { Credentials } from './credentials';
import { sign } from './signer';
import { API_VERSION, SERVICE, type Language } from './types';

/** Identifies the extension in the service's logs, as the SDK's SDK_NODEJS_<ver> does. */
export const REQUEST_CLIENT = 'CicTasks/0.1.0';
/** Exactly what is signed and sent: no charset, since some stacks would otherwise rewrite it. */
export const CONTENT_TYPE = 'application/json';

/** The request body, serialised once: these bytes are hashed and sent, never re-serialised in between. */
export function encodeBody(params: object): Buffer {
	const compact: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(params)) {
		// The SDK strips nulls too; the service reads a present-but-null field as a type error.
		if (value !== undefined && value !== null) {
			compact[key] = value;
		}
	}
	return Buffer.from(JSON.stringify(compact), 'utf8');
}

export interface SignedHeadersInput {
	action: string;
	body: Buffer;
	credentials: Credentials;
	/** Hostname without port: the official SDK signs it that way and servers verify it that way. */
	signingHost: string;
	timestamp: number;
	language: Language;
}

export function buildSignedHeaders(input: SignedHeadersInput): Record<string, string> {
	const { credentials } = input;
	const signature = sign({
		method: 'POST',
		headers: { 'content-type': CONTENT_TYPE, host: input.signingHost },
		body: input.body,
		secretId: credentials.secretId,
		secretKey: credentials.secretKey,
		// Fixed rather than taken from the host, so the intl site and loopback emulators sign alike.
		service: SERVICE,
		timestamp: input.timestamp,
	});
	const headers: Record<string, string> = {
		Authorization: signature.authorization,
		'Content-Type': CONTENT_TYPE,
		'X-TC-Action': input.action,
		'X-TC-Version': API_VERSION,
		'X-TC-Timestamp': String(input.timestamp),
		'X-TC-Language': input.language,
		'X-TC-RequestClient': REQUEST_CLIENT,
	};
	if (credentials.token) {
		headers['X-TC-Token'] = credentials.token;
	}
	return headers;
}
