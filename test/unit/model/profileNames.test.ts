import * as assert from 'node:assert/strict';
import { uniqueProfileName } from '../../../src/model/profileNames';

describe('uniqueProfileName', () => {
	it('keeps the base name when no profile has it', () => {
		assert.equal(uniqueProfileName('default', []), 'default');
		assert.equal(uniqueProfileName('default', ['env', 'default-2']), 'default');
	});

	it('never returns a name a profile already has', () => {
		assert.equal(uniqueProfileName('default', ['default']), 'default-2');
		assert.equal(uniqueProfileName('default', ['default', 'default-2', 'default-3']), 'default-4');
		assert.equal(uniqueProfileName('default', ['default', 'default-3']), 'default-2');
	});

	it('matches names exactly, as the profile store does', () => {
		assert.equal(uniqueProfileName('default', ['Default']), 'default');
	});
});
