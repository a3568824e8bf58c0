import * as assert from 'node:assert/strict';
import { maskSecretId } from '../../../src/api/redact';
import { isSampleSecretId, SAMPLE_SECRET_ID_PREFIX } from '../../../src/api/sampleKeys';
import { generateCredentials } from '../../../src/emulator/index';
import { sampleKeyNote, withSampleKeyLabel } from '../../../src/model/sampleKeyLabel';
import type { Localizer } from '../../../src/model/notifications';
import { secretIdWarning, validateSecretId } from '../../../src/model/validators';

/** Formats like vscode.l10n.t with no bundle loaded, and records which strings were asked for. */
function recordingL10n(): Localizer & { asked: string[] } {
	const asked: string[] = [];
	return {
		asked,
		t: (message, ...args) => {
			asked.push(message);
			return message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
		},
	};
}

const REAL_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';

describe('sample keys', () => {
	it('the emulator generates SecretIds with the sample marker that the extension accepts without a warning about length', () => {
		const ids = new Set<string>();
		for (let i = 0; i < 50; i++) {
			const { secretId, secretKey } = generateCredentials();
			assert.match(secretId, /^AKIDSAMPLE[A-Za-z0-9]{26}$/);
			assert.equal(validateSecretId(secretId), undefined);
			assert.match(secretKey, /^[A-Za-z0-9]{32}$/);
			ids.add(secretId);
		}
		assert.equal(ids.size, 50, 'each run gets its own key');
		assert.equal(SAMPLE_SECRET_ID_PREFIX, 'AKIDSAMPLE');
	});

	it('a masked hint keeps the marker, so a saved profile is still recognised; other ids show 4 + 4', () => {
		const { secretId } = generateCredentials();
		const hint = maskSecretId(secretId);
		assert.equal(hint, `AKIDSAMPLE…${secretId.slice(-4)}`);
		assert.ok(isSampleSecretId(hint) && isSampleSecretId(secretId));
		assert.equal(maskSecretId(REAL_ID), 'AKID…MPLE');
		assert.equal(isSampleSecretId(maskSecretId(REAL_ID)), false);
		assert.equal(maskSecretId('AKIDshort'), 'AKID…hort');
		assert.equal(maskSecretId('AKID1234'), '…');
		assert.equal(maskSecretId('AKIDSAMPLE12'), 'AKID…LE12', 'too short to keep the marker and still hide anything');
	});

	it('labels a sample key "sample key" (localised) and leaves every other key alone', () => {
		const l10n = recordingL10n();
		const hint = maskSecretId(generateCredentials().secretId);
		assert.equal(withSampleKeyLabel(hint, hint, l10n), `${hint} (sample key)`);
		assert.equal(withSampleKeyLabel('$(account) demo', hint, l10n), '$(account) demo (sample key)');
		assert.deepEqual(l10n.asked, ['{0} (sample key)', '{0} (sample key)']);
		const real = maskSecretId(REAL_ID);
		assert.equal(withSampleKeyLabel(real, real, l10n), real);
		assert.equal(withSampleKeyLabel('AKIDsample…abcd', 'AKIDsample…abcd', l10n), 'AKIDsample…abcd', 'the marker is upper case');
	});

	it('explains a failed check of a sample key, and the SecretId warning says what it is', () => {
		const l10n = recordingL10n();
		const { secretId } = generateCredentials();
		assert.match(sampleKeyNote(secretId, l10n), /^ This is a sample key made by the CIC Tasks emulator: it works only with a local emulator/);
		assert.equal(sampleKeyNote(REAL_ID, l10n), '');
		assert.match(secretIdWarning(secretId) ?? '', /sample key made by the CIC Tasks emulator/);
		assert.equal(secretIdWarning(REAL_ID), undefined);
	});
});
