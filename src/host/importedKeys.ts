import type { Localizer } from '../model/notifications';
import type { ImportOrigin } from './credentialImport';
import { displayPath } from './credentialSources';

/*
 * What to say when the service rejects keys the user did not type: imported from an environment variable, a tccli
 * profile or the SDKs' credentials file. The advice table says "Re-enter the SecretKey", which blames the user;
 * here the place is named (variable, file, section) and the fix is made there. Names and paths only, never a value.
 * Free of VS Code (the words come through a Localizer) so unit tests can check them.
 */

type Culprit = 'secretId' | 'secretKey' | 'token' | 'keys';

/** Which part of the key pair an AuthFailure code points at; undefined when the source is not at fault (clock, CAM). */
function culpritOf(code: string): Culprit | undefined {
	switch (code) {
		case 'AuthFailure.SignatureFailure':
			return 'secretKey';
		case 'AuthFailure.SecretIdNotFound':
		case 'AuthFailure.InvalidSecretId':
			return 'secretId';
		case 'AuthFailure.TokenFailure':
			return 'token';
		case 'AuthFailure.SignatureExpire':
		case 'AuthFailure.UnauthorizedOperation':
		case 'AuthFailure.MFAFailure':
			return undefined;
		default:
			return code === 'AuthFailure' || code.startsWith('AuthFailure.') ? 'keys' : undefined;
	}
}

const VARIABLES: Readonly<Record<Exclude<Culprit, 'token' | 'keys'>, string>> = {
	secretId: 'TENCENTCLOUD_SECRET_ID',
	secretKey: 'TENCENTCLOUD_SECRET_KEY',
};

const INI_KEYS: Readonly<Record<Exclude<Culprit, 'keys'>, string>> = { secretId: 'secret_id', secretKey: 'secret_key', token: 'token' };

/** "the environment variable TENCENTCLOUD_SECRET_KEY", "tccli profile "dev" (~/.tccli/dev.credential)", … */
function describePlace(origin: ImportOrigin, culprit: Culprit, homeDir: string, l10n: Localizer): string {
	switch (origin.kind) {
		case 'environment':
			if (culprit === 'keys') {
				return l10n.t('the environment variables {0} and {1}', VARIABLES.secretId, VARIABLES.secretKey);
			}
			return l10n.t('the environment variable {0}', culprit === 'token' ? origin.tokenVariable ?? 'TENCENTCLOUD_SESSION_TOKEN' : VARIABLES[culprit]);
		case 'tccli':
			return l10n.t('tccli profile "{0}" ({1})', origin.profile, displayPath(origin.file, homeDir));
		case 'credentialsFile':
			return culprit === 'keys'
				? l10n.t('section [{0}] of {1}', origin.section, displayPath(origin.file, homeDir))
				: l10n.t('"{0}" in section [{1}] of {2}', INI_KEYS[culprit], origin.section, displayPath(origin.file, homeDir));
	}
}

function describeFix(origin: ImportOrigin, l10n: Localizer): string {
	switch (origin.kind) {
		case 'environment':
			return l10n.t('Correct the variable where it is set, restart VS Code so that it sees the change, and import again.');
		case 'tccli':
			return l10n.t('Correct the profile (for example with "tccli configure --profile {0}") and import again.', origin.profile);
		case 'credentialsFile':
			return l10n.t('Correct the file and import again.');
	}
}

/**
 * The advice for keys from `origin` that the service rejected with `code`, or undefined when the code is not about
 * the keys themselves (a clock off, a CAM permission): then the table's own advice fits.
 */
export function describeRejectedImport(origin: ImportOrigin, code: string, homeDir: string, l10n: Localizer): string | undefined {
	const culprit = culpritOf(code);
	if (culprit === undefined) {
		return undefined;
	}
	const place = describePlace(origin, culprit, homeDir, l10n);
	const fix = describeFix(origin, l10n);
	switch (culprit) {
		case 'secretKey':
			return l10n.t('The service could not verify the signature: the SecretKey from {0} does not belong to its SecretId. {1}', place, fix);
		case 'secretId':
			return l10n.t('The service does not know the SecretId from {0} (mistyped, deleted or disabled). {1}', place, fix);
		case 'token':
			return l10n.t('The service rejected the session token from {0} (invalid or expired). {1}', place, fix);
		case 'keys':
			return l10n.t('The service rejected the keys from {0}. {1}', place, fix);
	}
}
