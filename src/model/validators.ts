/**
 * Input validators for the extension's input boxes and settings. Each returns undefined when the value is
 * acceptable, or a message saying what is wrong and how to fix it. Values are checked as given: callers
 * trim pasted input before validating if they want to be forgiving, and the messages say when spaces are
 * the only problem. Secrets are never echoed back in a message.
 */

import { allowsPlainHttp, isLoopbackHost } from '../api/endpoint';
import { isSampleSecretId } from '../api/sampleKeys';

export type ValidationResult = string | undefined;

const WHITESPACE = /\s/;

function surroundingSpaces(value: string): boolean {
	return value.length > 0 && value.trim().length > 0 && value.trim() !== value;
}

function prefixedId(value: string, prefix: string, what: string, example: string): ValidationResult {
	if (value.length === 0) {
		return `Enter a ${what} (${prefix}…).`;
	}
	if (surroundingSpaces(value)) {
		return `Remove the spaces around the ${what}.`;
	}
	if (!value.startsWith(prefix)) {
		return `A ${what} starts with "${prefix}", e.g. ${example}.`;
	}
	const rest = value.slice(prefix.length);
	if (rest.length === 0) {
		return `The ${what} has nothing after "${prefix}".`;
	}
	if (rest.length > 64) {
		return `The ${what} is too long (at most 64 characters after "${prefix}").`;
	}
	if (!/^[A-Za-z0-9]+$/.test(rest)) {
		return `A ${what} contains only letters and digits after "${prefix}", e.g. ${example}.`;
	}
	return undefined;
}

/** Zone (space) IDs look like z-2d8shd8abc: "z-" and lower-case letters and digits. */
export function validateZoneId(value: string): ValidationResult {
	if (value.length === 0) {
		return 'Enter the CIC zone (space) ID, e.g. z-2d8shd8abc.';
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the zone ID.';
	}
	if (!value.startsWith('z-')) {
		return 'A zone ID starts with "z-", e.g. z-2d8shd8abc. Find it on the Identity Center overview page of the console.';
	}
	const rest = value.slice(2);
	if (rest.length === 0) {
		// The Select Zone box starts out as "z-": pressing Enter on it deserves more than a rule about characters.
		return 'Enter the rest of the zone ID after "z-", e.g. z-2d8shd8abc.';
	}
	if (!/^[a-z0-9]+$/.test(rest)) {
		return 'A zone ID contains only lower-case letters and digits after "z-".';
	}
	if (rest.length < 4 || rest.length > 32) {
		return 'A zone ID has 4 to 32 characters after "z-".';
	}
	return undefined;
}

/** The length of permanent SecretIds; temporary (STS, SSO) ones are longer. */
export const TYPICAL_SECRET_ID_LENGTH = 36;
export const TYPICAL_SECRET_KEY_LENGTH = 32;

export function validateSecretId(value: string): ValidationResult {
	if (value.length === 0) {
		return 'Enter the SecretId (it starts with AKID).';
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the SecretId.';
	}
	if (WHITESPACE.test(value)) {
		return 'A SecretId contains no spaces or line breaks.';
	}
	if (!value.startsWith('AKID')) {
		if (value.length === TYPICAL_SECRET_KEY_LENGTH && /^[A-Za-z0-9]+$/.test(value)) {
			return 'This looks like a SecretKey; the SecretId starts with AKID.';
		}
		return 'A SecretId starts with AKID (upper case). Copy it from the API key page of the console.';
	}
	if (!/^[A-Za-z0-9_-]+$/.test(value)) {
		return 'A SecretId contains only letters and digits.';
	}
	if (value.length < 16 || value.length > 128) {
		return `A SecretId has 16 to 128 characters (permanent ones have ${TYPICAL_SECRET_ID_LENGTH}).`;
	}
	return undefined;
}

/**
 * Not an error: temporary SecretIds are longer than permanent ones, so an unusual length only deserves a
 * warning (an input box can show it with warning severity and still accept the value).
 */
export function secretIdWarning(value: string): ValidationResult {
	if (validateSecretId(value) === undefined && isSampleSecretId(value)) {
		return 'This is a sample key made by the CIC Tasks emulator: it works only with a local emulator, never with Tencent Cloud.';
	}
	if (validateSecretId(value) === undefined && value.length !== TYPICAL_SECRET_ID_LENGTH) {
		return `SecretIds of permanent keys have ${TYPICAL_SECRET_ID_LENGTH} characters, this one has ${value.length}; that is fine for temporary keys (which also need a session token).`;
	}
	return undefined;
}

export function validateSecretKey(value: string): ValidationResult {
	if (value.length === 0) {
		return 'Enter the SecretKey.';
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the SecretKey.';
	}
	if (WHITESPACE.test(value)) {
		return 'A SecretKey contains no spaces or line breaks.';
	}
	if (!/^[\x21-\x7e]+$/.test(value)) {
		return 'A SecretKey contains only printable ASCII characters.';
	}
	if (value.startsWith('AKID')) {
		return 'This looks like a SecretId; enter the SecretKey that belongs to it.';
	}
	if (value.length < 16 || value.length > 256) {
		return `A SecretKey has 16 to 256 characters (permanent ones have ${TYPICAL_SECRET_KEY_LENGTH}).`;
	}
	return undefined;
}

export function secretKeyWarning(value: string): ValidationResult {
	if (validateSecretKey(value) === undefined && value.length !== TYPICAL_SECRET_KEY_LENGTH) {
		return `SecretKeys of permanent keys have ${TYPICAL_SECRET_KEY_LENGTH} characters, this one has ${value.length}; that is fine for temporary keys.`;
	}
	return undefined;
}

/** The token is optional: an empty value means "permanent keys, no token". */
export function validateSessionToken(value: string): ValidationResult {
	if (value.length === 0) {
		return undefined;
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the session token.';
	}
	if (WHITESPACE.test(value)) {
		return 'A session token contains no spaces or line breaks; copy it again in one piece.';
	}
	if (!/^[\x21-\x7e]+$/.test(value)) {
		return 'A session token contains only printable ASCII characters.';
	}
	return undefined;
}

export function validateRoleConfigurationId(value: string): ValidationResult {
	return prefixedId(value, 'rc-', 'role configuration ID', 'rc-4kd8s2x1');
}

export function validateUserId(value: string): ValidationResult {
	return prefixedId(value, 'u-', 'CIC user ID', 'u-3mc7bqk2');
}

export function validateGroupId(value: string): ValidationResult {
	return prefixedId(value, 'g-', 'CIC user group ID', 'g-8sk2d7m1');
}

export function validatePrincipalId(type: 'User' | 'Group', value: string): ValidationResult {
	return type === 'User' ? validateUserId(value) : validateGroupId(value);
}

export function validateTaskId(value: string): ValidationResult {
	return prefixedId(value, 't-', 'task ID', 't-9dk3m2s8');
}

const MAX_UIN = 2n ** 53n;

/** Accepts the text of an input box; {@link parseUin} turns a valid one into a number. */
export function validateUin(value: string): ValidationResult {
	if (value.length === 0) {
		return 'Enter the account UIN, e.g. 100012345678.';
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the UIN.';
	}
	if (!/^[0-9]+$/.test(value)) {
		return 'A UIN is a whole number made only of digits, e.g. 100012345678.';
	}
	if (/^0/.test(value)) {
		return 'A UIN is a positive number and does not start with 0.';
	}
	if (BigInt(value) > MAX_UIN) {
		return 'That number is too large to be an account UIN.';
	}
	return undefined;
}

export function parseUin(value: string): number | undefined {
	return validateUin(value) === undefined ? Number(value) : undefined;
}

export function isValidUin(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2 ** 53;
}

/** An empty value means "the default endpoint". */
export function validateEndpoint(value: string): ValidationResult {
	if (value.length === 0) {
		return undefined;
	}
	if (surroundingSpaces(value)) {
		return 'Remove the spaces around the endpoint.';
	}
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
		return 'Enter a full URL starting with https://, e.g. https://organization.tencentcloudapi.com.';
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'The endpoint is not a valid URL.';
	}
	if (url.username || url.password) {
		return 'The endpoint must not contain a user name or password.';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return `The endpoint must use https:// (not ${url.protocol}//).`;
	}
	if (url.protocol === 'http:' && !allowsPlainHttp(value, url)) {
		return isLoopbackHost(url.hostname)
			? `Plain http:// is allowed only for a local emulator at exactly localhost, 127.0.0.1 or [::1]: write the host as ${url.hostname}.`
			: 'Plain http:// is allowed only for a local emulator at exactly localhost, 127.0.0.1 or [::1]; use https://.';
	}
	if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)) {
		return 'The endpoint is a host only: remove the path, query or fragment (API 3.0 always posts to "/").';
	}
	return undefined;
}
