import { isSampleSecretId } from '../api/sampleKeys';
import type { Localizer } from './notifications';

/*
 * The emulator's throwaway keys (AKIDSAMPLE…) say so wherever the extension shows a key or a profile, so a sample
 * key saved as a profile is never taken for a real one. Free of VS Code so unit tests can check the labels.
 */

/** `text` (a profile's name or SecretId hint) followed by "(sample key)" when the key is one the emulator made. */
export function withSampleKeyLabel(text: string, secretIdOrHint: string, l10n: Localizer): string {
	return isSampleSecretId(secretIdOrHint) ? l10n.t('{0} (sample key)', text) : text;
}

/** Appended to a failed credentials check: a sample key only ever works against the emulator. */
export function sampleKeyNote(secretId: string, l10n: Localizer): string {
	return isSampleSecretId(secretId)
		? ` ${l10n.t('This is a sample key made by the CIC Tasks emulator: it works only with a local emulator, never with Tencent Cloud.')}`
		: '';
}
