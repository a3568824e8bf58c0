/**
 * Keeps secrets out of logs and error text. The client redacts at the source (headers, known secrets);
 * these helpers are also applied to every finished log line and error message as a second net.
 */

import { isSampleSecretId, SAMPLE_SECRET_ID_PREFIX } from './sampleKeys';

export const REDACTED = '[REDACTED]';

/**
 * "AKID…WXYZ": the first and last four characters, enough to recognise a SecretId, too little to use it. Used for
 * profile hints and in the emulator's log. A sample key keeps its whole marker ("AKIDSAMPLE…WXYZ"), which is no
 * secret and is what lets the extension label it; anything of 8 characters or fewer is shown as "…" alone.
 */
export function maskSecretId(secretId: string): string {
	if (isSampleSecretId(secretId) && secretId.length > SAMPLE_SECRET_ID_PREFIX.length + 4) {
		return `${SAMPLE_SECRET_ID_PREFIX}…${secretId.slice(-4)}`;
	}
	return secretId.length <= 8 ? '…' : `${secretId.slice(0, 4)}…${secretId.slice(-4)}`;
}

/** Shorter values would blank out ordinary words; real SecretKeys and tokens are far longer. */
const MIN_SECRET_LENGTH = 4;

const SENSITIVE_HEADERS = new Set(['authorization', 'x-tc-token', 'cookie', 'proxy-authorization']);

/**
 * The Authorization header keeps its non-secret shape (scope date, service, signed headers) so a log still
 * shows what was signed, but the SecretId and the signature (replayable for five minutes) are removed.
 */
function redactAuthorization(value: string): string {
	const match = /^(\S+) Credential=[^/,\s]*\/([^,\s]*), SignedHeaders=([^,\s]*), Signature=\S*$/.exec(value.trim());
	if (!match) {
		return REDACTED;
	}
	return `${match[1]} Credential=${REDACTED}/${match[2]}, SignedHeaders=${match[3]}, Signature=${REDACTED}`;
}

export function redactHeaders(
	headers: Readonly<Record<string, string | number | readonly string[] | undefined>>,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, raw] of Object.entries(headers)) {
		if (raw === undefined) {
			continue;
		}
		const value = Array.isArray(raw) ? raw.join(', ') : String(raw);
		const lower = name.toLowerCase();
		if (lower === 'authorization') {
			out[name] = redactAuthorization(value);
		} else if (SENSITIVE_HEADERS.has(lower)) {
			out[name] = REDACTED;
		} else {
			out[name] = value;
		}
	}
	return out;
}

/** Signatures are 64 hex digits after `Signature=`; they never belong in text, whoever produced it. */
const SIGNATURE_PATTERN = /Signature=[0-9a-fA-F]{16,}/g;

export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
	let out = text.replace(SIGNATURE_PATTERN, `Signature=${REDACTED}`);
	// Longest first, so a secret that contains another is removed whole.
	const sorted = secrets
		.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	for (const secret of sorted) {
		if (out.includes(secret)) {
			out = out.split(secret).join(REDACTED);
		}
	}
	return out;
}
