import { createHash, createHmac } from 'node:crypto';

/**
 * TC3-HMAC-SHA256 (Tencent Cloud API signature v3), as documented and as the official SDKs compute it.
 * Pure functions: the client signs with them and the emulator recomputes with them, and both are checked
 * against the published test vectors.
 */

export const ALGORITHM = 'TC3-HMAC-SHA256';

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: string | Uint8Array, message: string): Buffer {
	return createHmac('sha256', key).update(message, 'utf8').digest();
}

/** The credential-scope date: the UTC calendar day of the timestamp (never local time). */
export function utcDate(timestampSeconds: number): string {
	return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

export interface CanonicalRequestInput {
	method: string;
	/** Signed headers by name; names and values are lower-cased and trimmed as the doc requires. */
	headers: Readonly<Record<string, string>>;
	/** The exact bytes sent as the body. */
	body: Uint8Array | string;
	/** Query string for GET; always empty for POST. */
	query?: string;
}

export interface CanonicalRequest {
	text: string;
	signedHeaders: string;
	hashedPayload: string;
}

export function buildCanonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
	const entries = Object.entries(input.headers)
		.map(([name, value]) => [name.trim().toLowerCase(), value.trim().toLowerCase()] as const)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const canonicalHeaders = entries.map(([name, value]) => `${name}:${value}\n`).join('');
	const signedHeaders = entries.map(([name]) => name).join(';');
	const hashedPayload = sha256Hex(input.body);
	const text = [input.method.toUpperCase(), '/', input.query ?? '', canonicalHeaders, signedHeaders, hashedPayload].join('\n');
	return { text, signedHeaders, hashedPayload };
}

export interface SigningKeys {
	secretDate: Buffer;
	secretService: Buffer;
	secretSigning: Buffer;
}

export function deriveSigningKeys(secretKey: string, date: string, service: string): SigningKeys {
	const secretDate = hmacSha256(`TC3${secretKey}`, date);
	const secretService = hmacSha256(secretDate, service);
	const secretSigning = hmacSha256(secretService, 'tc3_request');
	return { secretDate, secretService, secretSigning };
}

export interface SignInput extends CanonicalRequestInput {
	secretId: string;
	secretKey: string;
	service: string;
	timestamp: number;
}

export interface Signature {
	canonicalRequest: string;
	hashedCanonicalRequest: string;
	hashedPayload: string;
	credentialScope: string;
	stringToSign: string;
	signedHeaders: string;
	signature: string;
	authorization: string;
	keys: SigningKeys;
}

export function sign(input: SignInput): Signature {
	const date = utcDate(input.timestamp);
	const credentialScope = `${date}/${input.service}/tc3_request`;
	const canonical = buildCanonicalRequest(input);
	const hashedCanonicalRequest = sha256Hex(canonical.text);
	const stringToSign = `${ALGORITHM}\n${input.timestamp}\n${credentialScope}\n${hashedCanonicalRequest}`;
	const keys = deriveSigningKeys(input.secretKey, date, input.service);
	const signature = createHmac('sha256', keys.secretSigning).update(stringToSign, 'utf8').digest('hex');
	const authorization =
		`${ALGORITHM} Credential=${input.secretId}/${credentialScope}, ` +
		`SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`;
	return {
		canonicalRequest: canonical.text,
		hashedCanonicalRequest,
		hashedPayload: canonical.hashedPayload,
		credentialScope,
		stringToSign,
		signedHeaders: canonical.signedHeaders,
		signature,
		authorization,
		keys,
	};
}
