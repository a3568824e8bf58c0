import { timingSafeEqual } from 'node:crypto';
import { maskSecretId } from '../api/redact';
import { ALGORITHM, buildCanonicalRequest, deriveSigningKeys, hmacSha256, sha256Hex, utcDate } from '../api/signer';

/**
 * Server-side TC3-HMAC-SHA256 verification (spec §7.2), in the order the emulator reports failures:
 * malformed header → key type → unknown key → clock skew → signature → session token.
 */

export interface KeyPair {
	readonly secretId: string;
	readonly secretKey: string;
	/** Set for temporary credentials: requests must then carry exactly this X-TC-Token. */
	readonly token?: string;
}

export interface ParsedAuthorization {
	readonly secretId: string;
	readonly date: string;
	readonly service: string;
	readonly signedHeaders: readonly string[];
	readonly signature: string;
}

const AUTHORIZATION = new RegExp(
	`^${ALGORITHM} Credential=([^/\\s,]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z0-9-]+)/tc3_request,\\s*` +
		'SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})$',
);

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
	const m = header === undefined ? null : AUTHORIZATION.exec(header.trim());
	if (!m) {
		return undefined;
	}
	const [, secretId, date, service, signed, signature] = m as unknown as [string, string, string, string, string, string];
	const signedHeaders = signed.split(';');
	if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) {
		return undefined;
	}
	return { secretId, date, service, signedHeaders, signature };
}

/** Real API keys are `AKID…`; anything else is not a key type the service issues. */
export function looksLikeSecretId(secretId: string): boolean {
	return /^AKID[A-Za-z0-9]{1,124}$/.test(secretId);
}

export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyInput {
	readonly method: string;
	/** Header names lower-cased, as node:http delivers them. */
	readonly headers: HeaderBag;
	/** The raw body bytes exactly as received. */
	readonly body: Uint8Array;
	readonly query?: string;
	readonly nowSeconds: number;
	/** The service this endpoint serves, `organization` here; the vectors use `cvm`. */
	readonly service: string;
	readonly lookupKey: (secretId: string) => KeyPair | undefined;
	readonly maxSkewSeconds?: number;
}

export type VerifyResult =
	| { readonly ok: true; readonly key: KeyPair }
	/** `detail` goes to the emulator's log: it names a SecretId only masked (AKID…WXYZ), never a key or token. */
	| { readonly ok: false; readonly code: string; readonly args: readonly string[]; readonly detail: string };

export function headerValue(headers: HeaderBag, name: string): string | undefined {
	const v = headers[name];
	return typeof v === 'string' ? v : v === undefined ? undefined : v.join(',');
}

function fail(code: string, detail: string, args: readonly string[] = []): VerifyResult {
	return { ok: false, code, args, detail };
}

/** The SDK signs the bare hostname but sends `host:port`; a hand-written client may sign either. */
function hostCandidates(host: string): string[] {
	const m = /^(\[[^\]]*\]|[^:]*):\d+$/.exec(host.trim());
	return m && m[1] !== undefined ? [host, m[1]] : [host];
}

function sameHex(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function verifySignature(input: VerifyInput): VerifyResult {
	const auth = parseAuthorization(headerValue(input.headers, 'authorization'));
	if (!auth) {
		return fail('AuthFailure.InvalidAuthorization', 'Authorization header missing or malformed, or content-type/host not signed');
	}
	const key = input.lookupKey(auth.secretId);
	if (!key) {
		return looksLikeSecretId(auth.secretId)
			? fail('AuthFailure.SecretIdNotFound', `unknown SecretId ${maskSecretId(auth.secretId)}`)
			: fail('AuthFailure.InvalidSecretId', 'SecretId is not an AKID… key');
	}
	const rawTimestamp = headerValue(input.headers, 'x-tc-timestamp');
	if (rawTimestamp === undefined) {
		return fail('MissingParameter', 'X-TC-Timestamp header missing', ['X-TC-Timestamp']);
	}
	if (!/^\d{1,12}$/.test(rawTimestamp.trim())) {
		return fail('InvalidParameter', `X-TC-Timestamp ${JSON.stringify(rawTimestamp)} is not UNIX seconds`, ['X-TC-Timestamp', 'Integer']);
	}
	const timestamp = Number(rawTimestamp.trim());
	const skew = timestamp - input.nowSeconds;
	if (Math.abs(skew) > (input.maxSkewSeconds ?? 300)) {
		return fail('AuthFailure.SignatureExpire', `timestamp is ${skew} s off the server clock`);
	}
	const date = utcDate(timestamp);
	if (auth.date !== date || auth.service !== input.service) {
		// Still a signature failure (the scope is part of what is signed), but say which part was wrong in the log.
		return fail(
			'AuthFailure.SignatureFailure',
			`credential scope ${auth.date}/${auth.service} should be ${date}/${input.service} (UTC date of the timestamp)`,
		);
	}
	const hostSent = headerValue(input.headers, 'host') ?? '';
	const stringToSignPrefix = `${ALGORITHM}\n${timestamp}\n${date}/${input.service}/tc3_request\n`;
	const signingKey = deriveSigningKeys(key.secretKey, date, input.service).secretSigning;
	let matched = false;
	for (const host of hostCandidates(hostSent)) {
		const signed: Record<string, string> = {};
		for (const name of auth.signedHeaders) {
			signed[name] = name === 'host' ? host : (headerValue(input.headers, name) ?? '');
		}
		const canonical = buildCanonicalRequest({ method: input.method, headers: signed, body: input.body, query: input.query ?? '' });
		const expected = hmacSha256(signingKey, stringToSignPrefix + sha256Hex(canonical.text)).toString('hex');
		if (sameHex(expected, auth.signature)) {
			matched = true;
			break;
		}
	}
	if (!matched) {
		return fail('AuthFailure.SignatureFailure', 'signature mismatch (body bytes, signed header values or key differ)');
	}
	const token = headerValue(input.headers, 'x-tc-token') ?? '';
	if (key.token !== undefined ? token !== key.token : token !== '') {
		return fail('AuthFailure.TokenFailure', key.token !== undefined ? 'X-TC-Token missing or wrong' : 'X-TC-Token sent with a long-term key');
	}
	return { ok: true, key };
}
