import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Localizer } from '../model/notifications';

/*
 * Whether each import source is there, for the Import Credentials picker: which environment variables are set,
 * whether ~/.tccli holds profiles, which credentials file exists. Names of variables and files only, never a
 * value or a file's contents. Free of VS Code (the words come through a Localizer) so unit tests can check them.
 */

type Env = Readonly<Record<string, string | undefined>>;

export interface EnvironmentStatus {
	secretId: boolean;
	secretKey: boolean;
	token: boolean;
}

/** The variables importFromEnvironment reads; empty counts as unset, as there. */
export function environmentStatus(env: Env): EnvironmentStatus {
	const isSet = (name: string): boolean => env[name] !== undefined && env[name] !== '';
	return {
		secretId: isSet('TENCENTCLOUD_SECRET_ID'),
		secretKey: isSet('TENCENTCLOUD_SECRET_KEY'),
		token: isSet('TENCENTCLOUD_SESSION_TOKEN') || isSet('TENCENTCLOUD_TOKEN'),
	};
}

export function describeEnvironmentStatus(status: EnvironmentStatus, l10n: Localizer): string {
	if (status.secretId && status.secretKey) {
		return status.token
			? l10n.t('Found: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and a session token are set')
			: l10n.t('Found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are set');
	}
	if (status.secretId) {
		return l10n.t('Incomplete: TENCENTCLOUD_SECRET_ID is set, TENCENTCLOUD_SECRET_KEY is not');
	}
	if (status.secretKey) {
		return l10n.t('Incomplete: TENCENTCLOUD_SECRET_KEY is set, TENCENTCLOUD_SECRET_ID is not');
	}
	return l10n.t('Not found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set');
}

/** `file` with the home folder written as `~`, as people write it. */
export function displayPath(file: string, homeDir: string): string {
	const relative = path.relative(homeDir, file);
	return homeDir !== '' && relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? path.join('~', relative) : file;
}

/** The tccli folder when listing it worked but found no profile, or failed (the folder is missing or unreadable). */
export function describeTccliStatus(listing: { ok: true; profiles: readonly string[] } | { ok: false; missing: boolean }, tccliDir: string, homeDir: string, l10n: Localizer): string {
	const folder = displayPath(tccliDir, homeDir);
	if (listing.ok) {
		return listing.profiles.length > 0
			? l10n.t('Found: {0}', folder)
			: l10n.t('Not found: {0} holds no profile; run "tccli configure" first', folder);
	}
	return listing.missing
		? l10n.t('Not found: {0} does not exist; run "tccli configure" first', folder)
		: l10n.t('Not readable: {0}', folder);
}

/** The first file of `files` that exists, or undefined. */
export async function firstExistingFile(files: readonly string[]): Promise<string | undefined> {
	for (const file of files) {
		try {
			if ((await stat(file)).isFile()) {
				return file;
			}
		} catch {
			// Missing or unreadable: the next candidate, as importTencentCloudCredentials does.
		}
	}
	return undefined;
}

export function describeCredentialsFileStatus(found: string | undefined, looked: readonly string[], homeDir: string, l10n: Localizer): string {
	return found !== undefined
		? l10n.t('Found: {0}', displayPath(found, homeDir))
		: l10n.t('Not found: looked for {0}', looked.map((f) => displayPath(f, homeDir)).join(', '));
}
