import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Credentials } from '../api';
import { findJsonSyntaxError, lineColumn } from '../api/jsonSyntax';

/*
 * Imports API keys from where the Tencent Cloud tools keep them: environment variables, tccli profiles
 * (~/.tccli/<profile>.credential, JSON) and the SDKs' INI file (~/.tencentcloud/credentials). Paths and the
 * environment come in as parameters so tests can use temporary directories. Nothing is ever written, and
 * no error message contains anything read from the file: not a key or token, and not a `type` value or
 * section name either (the README promises no file contents, and a key pasted into the wrong line would
 * otherwise be shown). Messages name the file, the line or field, and what is wrong. JSON.parse's own
 * messages can quote the file, so they are never passed on.
 */

/** Where imported keys were read, so a later rejection can name the place to fix rather than blame the user. */
export type ImportOrigin =
	| { kind: 'environment'; tokenVariable?: string }
	| { kind: 'tccli'; profile: string; file: string }
	| { kind: 'credentialsFile'; file: string; section: string };

export type CredentialImportResult =
	| {
			ok: true;
			credentials: Credentials;
			origin: ImportOrigin;
			/** Where they came from, for the confirmation message, e.g. `tccli profile "dev" (/home/me/.tccli/dev.credential)`. */
			source: string;
			/** Keys with a session token or an expiry (STS, SSO, OAuth): they stop working at some point. */
			temporary: boolean;
			expiresAt?: Date;
	  }
	| { ok: false; error: string };

type Env = Readonly<Record<string, string | undefined>>;

const WHITESPACE = /\s/;

function fail(error: string): CredentialImportResult {
	return { ok: false, error };
}

// ---- environment variables --------------------------------------------------------------------------

/**
 * TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, with the token from TENCENTCLOUD_SESSION_TOKEN (the
 * Node SDK's name) or TENCENTCLOUD_TOKEN (tccli's). Empty variables count as unset.
 */
export function importFromEnvironment(env: Env): CredentialImportResult {
	const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
	const secretId = read('TENCENTCLOUD_SECRET_ID');
	const secretKey = read('TENCENTCLOUD_SECRET_KEY');
	const sessionToken = read('TENCENTCLOUD_SESSION_TOKEN');
	const tccliToken = read('TENCENTCLOUD_TOKEN');
	if (secretId === undefined && secretKey === undefined) {
		return fail('The environment variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set.');
	}
	if (secretId === undefined) {
		return fail('TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not; set both.');
	}
	if (secretKey === undefined) {
		return fail('TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not; set both.');
	}
	if (sessionToken !== undefined && tccliToken !== undefined && sessionToken !== tccliToken) {
		return fail('TENCENTCLOUD_SESSION_TOKEN and TENCENTCLOUD_TOKEN are both set, to different values; unset one of them.');
	}
	const token = sessionToken ?? tccliToken;
	const tokenVar = sessionToken !== undefined ? 'TENCENTCLOUD_SESSION_TOKEN' : 'TENCENTCLOUD_TOKEN';
	const problem =
		checkValue('TENCENTCLOUD_SECRET_ID', secretId, true) ??
		checkValue('TENCENTCLOUD_SECRET_KEY', secretKey, false) ??
		(token === undefined ? undefined : checkValue(tokenVar, token, false));
	if (problem) {
		return fail(`The environment variable ${problem}.`);
	}
	return {
		ok: true,
		credentials: token === undefined ? { secretId, secretKey } : { secretId, secretKey, token },
		origin: token === undefined ? { kind: 'environment' } : { kind: 'environment', tokenVariable: tokenVar },
		source: `environment variables TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY${token === undefined ? '' : `, ${tokenVar}`}`,
		temporary: token !== undefined,
	};
}

/** Describes what is wrong with one value without showing it; undefined if it is fine. */
function checkValue(name: string, value: string, isSecretId: boolean): string | undefined {
	if (value.length === 0) {
		return `${name} is empty`;
	}
	if (WHITESPACE.test(value)) {
		return value.trim() !== value && !WHITESPACE.test(value.trim())
			? `${name} has spaces or a line break around it; remove them`
			: `${name} contains whitespace`;
	}
	if (isSecretId && !value.startsWith('AKID')) {
		return `${name} does not start with AKID, so it is not a Tencent Cloud SecretId`;
	}
	return undefined;
}

// ---- files ------------------------------------------------------------------------------------------

/** The message for a file that could not be read, by Node's error code; never quotes the file's contents. */
export function describeReadError(file: string, code: unknown): string {
	switch (code) {
		case 'ENOENT':
			return `${file} does not exist.`;
		case 'EACCES':
		case 'EPERM':
			return `${file} cannot be read: permission denied.`;
		case 'EISDIR':
			return `${file} is a directory, not a file.`;
		default:
			return `${file} cannot be read (${typeof code === 'string' ? code : 'unknown error'}).`;
	}
}

async function readText(file: string): Promise<{ text: string } | { error: string }> {
	try {
		return { text: await readFile(file, 'utf8') };
	} catch (error) {
		return { error: describeReadError(file, (error as { code?: unknown }).code) };
	}
}

function typeName(value: unknown): string {
	if (value === null) {
		return 'null';
	}
	if (Array.isArray(value)) {
		return 'an array';
	}
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// ---- tccli profiles ---------------------------------------------------------------------------------

export const TCCLI_SUFFIX = '.credential';

export function tccliDirectory(homeDir: string): string {
	return path.join(homeDir, '.tccli');
}

/** The profile tccli itself would use without --profile. */
export function defaultTccliProfile(env: Env): string {
	return env.TCCLI_PROFILE || 'default';
}

function isProfileName(name: string): boolean {
	return /^[A-Za-z0-9_.-]+$/.test(name) && !/^\.+$/.test(name);
}

export async function listTccliProfiles(tccliDir: string): Promise<{ ok: true; profiles: string[] } | { ok: false; missing: boolean; error: string }> {
	try {
		const names = await readdir(tccliDir);
		const profiles = names
			.filter((n) => n.endsWith(TCCLI_SUFFIX))
			.map((n) => n.slice(0, -TCCLI_SUFFIX.length))
			.filter(isProfileName)
			.sort();
		return { ok: true, profiles };
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		if (code === 'ENOENT') {
			return { ok: false, missing: true, error: `${tccliDir} does not exist; run "tccli configure" first.` };
		}
		return { ok: false, missing: false, error: `${tccliDir} cannot be read (${typeof code === 'string' ? code : 'unknown error'}).` };
	}
}

function expiresAtOf(json: Record<string, unknown>, type: string | undefined): number | string | undefined {
	const nested = type === 'oauth' || type === 'sso' ? json[type] : undefined;
	const candidates: [string, unknown][] = [['expiresAt', json.expiresAt]];
	if (typeof nested === 'object' && nested !== null) {
		candidates.push([`${type}.expiresAt`, (nested as Record<string, unknown>).expiresAt]);
	}
	for (const [name, value] of candidates) {
		if (value === undefined || value === null) {
			continue;
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
			return `field "${name}" must be a unix time in seconds, not ${typeName(value)}`;
		}
		return value;
	}
	return undefined;
}

const LOGIN_HINT: Record<string, string> = {
	sso: 'tccli sso login',
	oauth: 'tccli auth login',
};

/**
 * Parses the text of a tccli .credential file. `file` and `profile` only label messages; `now` is epoch
 * ms, to decide whether temporary keys have expired.
 */
export function parseTccliCredential(text: string, file: string, profile: string, now: number): CredentialImportResult {
	const where = `tccli profile "${profile}" (${file})`;
	const body = text.replace(/^\uFEFF/, '');
	if (body.trim() === '') {
		return fail(`The ${where} is empty; run "tccli configure --profile ${profile}" to set it up.`);
	}
	const syntax = findJsonSyntaxError(body);
	if (syntax) {
		return fail(`The ${where} is not valid JSON: expected ${syntax.expected} at ${lineColumn(body, syntax.offset)}.`);
	}
	const json: unknown = JSON.parse(body);
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return fail(`The ${where} must contain a JSON object, not ${typeName(json)}.`);
	}
	const obj = json as Record<string, unknown>;
	const type = obj.type;
	if (type !== undefined && type !== null && typeof type !== 'string') {
		return fail(`In the ${where}, field "type" must be a string, not ${typeName(type)}.`);
	}
	const kind = typeof type === 'string' && type !== '' ? type : undefined;
	if (kind === 'cvm-role') {
		return fail(
			`The ${where} uses type "cvm-role": its keys come from the CVM instance role at run time, so there are none to import. Use keys of a CAM user or role instead.`,
		);
	}
	if (kind !== undefined && kind !== 'oauth' && kind !== 'sso') {
		return fail(`The ${where} has a "type" that CIC Tasks does not know; only plain keys, "oauth" and "sso" profiles can be imported.`);
	}
	const roleArn = obj['role-arn'];
	if (typeof roleArn === 'string' && roleArn !== '') {
		return fail(
			`The ${where} assumes a role (role-arn), which CIC Tasks does not do; its keys alone would act as a different identity. Import credentials of the role instead.`,
		);
	}
	for (const [field, required] of [
		['secretId', true],
		['secretKey', true],
		['token', false],
	] as const) {
		const value = obj[field];
		if (value === undefined || value === null) {
			if (required) {
				return fail(`The ${where} has no "${field}" field; run "tccli configure --profile ${profile}" to set it.`);
			}
			continue;
		}
		if (typeof value !== 'string') {
			return fail(`In the ${where}, field "${field}" must be a string, not ${typeName(value)}.`);
		}
		if (value === '' && !required) {
			continue;
		}
		const problem = checkValue(`field "${field}"`, value, field === 'secretId');
		if (problem) {
			return fail(`In the ${where}, ${problem}.`);
		}
	}
	const secretId = obj.secretId as string;
	const secretKey = obj.secretKey as string;
	const token = typeof obj.token === 'string' && obj.token !== '' ? obj.token : undefined;
	const expires = expiresAtOf(obj, kind);
	if (typeof expires === 'string') {
		return fail(`In the ${where}, ${expires}.`);
	}
	const login = kind ? LOGIN_HINT[kind] : undefined;
	if (expires !== undefined && expires * 1000 <= now) {
		const again = login ? `run "${login} --profile ${profile}"` : 'run tccli again to get new keys';
		return fail(
			`The temporary keys in the ${where} expired at ${new Date(expires * 1000).toISOString()}; ${again}, then import again.`,
		);
	}
	if (kind !== undefined && token === undefined) {
		return fail(`The ${where} is an "${kind}" login but has no "token"; run "${login} --profile ${profile}" again.`);
	}
	return {
		ok: true,
		credentials: token === undefined ? { secretId, secretKey } : { secretId, secretKey, token },
		origin: { kind: 'tccli', profile, file },
		source: where,
		temporary: token !== undefined || kind !== undefined || expires !== undefined,
		...(expires !== undefined ? { expiresAt: new Date(expires * 1000) } : {}),
	};
}

/** Reads ~/.tccli/<profile>.credential; `tccliDir` is normally tccliDirectory(os.homedir()). */
export async function importTccliProfile(tccliDir: string, profile: string, now: number = Date.now()): Promise<CredentialImportResult> {
	if (!isProfileName(profile)) {
		return fail(`"${profile.slice(0, 60)}" is not a tccli profile name (letters, digits, ".", "_" and "-" only).`);
	}
	const file = path.join(tccliDir, `${profile}${TCCLI_SUFFIX}`);
	const read = await readText(file);
	if ('error' in read) {
		const listing = await listTccliProfiles(tccliDir);
		const available =
			listing.ok && listing.profiles.length > 0
				? ` Available profiles: ${listing.profiles.join(', ')}.`
				: ' No tccli profiles exist yet; run "tccli configure" first.';
		return fail(`No tccli profile "${profile}": ${read.error}${available}`);
	}
	return parseTccliCredential(read.text, file, profile, now);
}

// ---- ~/.tencentcloud/credentials -------------------------------------------------------------------

/** Where the SDKs' ProfileCredential looks, in order. */
export function tencentCloudCredentialsPaths(homeDir: string): string[] {
	return [path.join(homeDir, '.tencentcloud', 'credentials'), '/etc/tencentcloud/credentials'];
}

const INI_KEYS = ['secret_id', 'secret_key', 'token'] as const;

/** " (it has only another section, at line 3)": by line number, never by name, since the names come from the file. */
function describeOtherSections(lines: readonly number[]): string {
	if (lines.length === 0) {
		return '';
	}
	if (lines.length === 1) {
		return ` (it has only another section, at line ${lines[0]})`;
	}
	const more = lines.length > 5 ? ` and ${lines.length - 5} more` : '';
	return ` (it has only ${lines.length} other sections, at lines ${lines.slice(0, 5).join(', ')}${more})`;
}

/**
 * Parses the SDKs' INI credentials file. Like the SDKs, only the [default] section is read (secret_id,
 * secret_key, optional token); unlike them, a key given twice is an error rather than "last one wins".
 */
export function parseTencentCloudCredentials(text: string, file: string): CredentialImportResult {
	const values = new Map<string, string>();
	/** Line numbers of the other sections' headers: the names themselves come from the file, so they are not shown. */
	const otherSections: number[] = [];
	let hasDefault = false;
	let section: string | undefined;
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	for (const [index, raw] of lines.entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith(';')) {
			continue;
		}
		const header = /^\[([^\]]*)\]$/.exec(line);
		if (header) {
			section = header[1].trim();
			if (section === 'default') {
				hasDefault = true;
			} else {
				otherSections.push(index + 1);
			}
			continue;
		}
		if (section !== 'default') {
			continue;
		}
		const eq = line.indexOf('=');
		if (eq < 0) {
			return fail(`${file}, line ${index + 1}: expected "name = value" in the [default] section.`);
		}
		const key = line.slice(0, eq).trim();
		let value = line.slice(eq + 1).trim();
		const quoted = /^(["'])(.*)\1$/.exec(value);
		if (quoted) {
			value = quoted[2];
		}
		if ((INI_KEYS as readonly string[]).includes(key)) {
			if (values.has(key)) {
				return fail(`${file}, line ${index + 1}: "${key}" is set twice in [default]; keep one.`);
			}
			values.set(key, value);
		}
	}
	if (!hasDefault) {
		return fail(`${file} has no [default] section${describeOtherSections(otherSections)}; the Tencent Cloud SDKs read only [default].`);
	}
	for (const key of ['secret_id', 'secret_key'] as const) {
		if (!values.has(key)) {
			return fail(`${file}: [default] has no "${key}".`);
		}
	}
	const secretId = values.get('secret_id') ?? '';
	const secretKey = values.get('secret_key') ?? '';
	const token = values.get('token') || undefined;
	const problem =
		checkValue('"secret_id"', secretId, true) ??
		checkValue('"secret_key"', secretKey, false) ??
		(token === undefined ? undefined : checkValue('"token"', token, false));
	if (problem) {
		return fail(`${file}: in [default], ${problem}.`);
	}
	return {
		ok: true,
		credentials: token === undefined ? { secretId, secretKey } : { secretId, secretKey, token },
		origin: { kind: 'credentialsFile', file, section: 'default' },
		source: file,
		temporary: token !== undefined,
	};
}

/** Reads the first file of `files` that exists (normally tencentCloudCredentialsPaths(os.homedir())). */
export async function importTencentCloudCredentials(files: readonly string[]): Promise<CredentialImportResult> {
	const misses: string[] = [];
	for (const file of files) {
		const read = await readText(file);
		if ('text' in read) {
			return parseTencentCloudCredentials(read.text, file);
		}
		if (!read.error.endsWith('does not exist.')) {
			return fail(read.error);
		}
		misses.push(file);
	}
	return fail(`No Tencent Cloud credentials file found (looked for ${misses.join(' and ')}).`);
}
