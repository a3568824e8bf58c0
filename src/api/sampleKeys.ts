/**
 * Throwaway keys that the emulator makes (sample-data mode, `npm run emulator`) start with this marker, so
 * nobody mistakes one for a real key. Tencent Cloud's SecretIds are AKID followed by random letters and digits,
 * so one can begin this way only by a 1 in 62^6 chance. The marker is kept in masked hints (see maskSecretId),
 * so a stored profile can still be recognised as a sample.
 */
export const SAMPLE_SECRET_ID_PREFIX = 'AKIDSAMPLE';

/** For a full SecretId or a masked hint of one. */
export function isSampleSecretId(secretIdOrHint: string): boolean {
	return secretIdOrHint.startsWith(SAMPLE_SECRET_ID_PREFIX);
}
