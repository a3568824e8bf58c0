import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listTccliProfiles, tccliDirectory, tencentCloudCredentialsPaths } from '../../../src/host/credentialImport';
import {
	describeCredentialsFileStatus,
	describeEnvironmentStatus,
	describeTccliStatus,
	displayPath,
	environmentStatus,
	firstExistingFile,
} from '../../../src/host/credentialSources';
import type { Localizer } from '../../../src/model/notifications';

const l10n: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) };
const SECRET = 'SecretValue0123456789abcdefSECRET';

describe('import source status', () => {
	let home: string;

	beforeEach(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-sources-'));
	});

	afterEach(() => {
		fs.rmSync(home, { recursive: true, force: true });
	});

	it('says which environment variables are set, never their values', () => {
		const both = describeEnvironmentStatus(environmentStatus({ TENCENTCLOUD_SECRET_ID: 'AKIDx', TENCENTCLOUD_SECRET_KEY: SECRET }), l10n);
		assert.match(both, /^Found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are set/);
		assert.ok(!both.includes(SECRET));
		assert.match(describeEnvironmentStatus(environmentStatus({}), l10n), /^Not found: .*are not set/);
		assert.match(describeEnvironmentStatus(environmentStatus({ TENCENTCLOUD_SECRET_ID: 'AKIDx', TENCENTCLOUD_SECRET_KEY: '' }), l10n), /^Incomplete: TENCENTCLOUD_SECRET_ID is set, TENCENTCLOUD_SECRET_KEY is not/);
		assert.match(describeEnvironmentStatus(environmentStatus({ TENCENTCLOUD_SECRET_KEY: SECRET }), l10n), /^Incomplete: TENCENTCLOUD_SECRET_KEY is set/);
		assert.match(describeEnvironmentStatus(environmentStatus({ TENCENTCLOUD_SECRET_ID: 'a', TENCENTCLOUD_SECRET_KEY: 'b', TENCENTCLOUD_TOKEN: 't' }), l10n), /session token/);
	});

	it('says whether the tccli folder exists and holds profiles', async () => {
		const dir = tccliDirectory(home);
		const missing = await listTccliProfiles(dir);
		assert.equal(describeTccliStatus(missing, dir, home, l10n), `Not found: ${path.join('~', '.tccli')} does not exist; run "tccli configure" first`);
		fs.mkdirSync(dir);
		assert.match(describeTccliStatus(await listTccliProfiles(dir), dir, home, l10n), /^Not found: .* holds no profile/);
		fs.writeFileSync(path.join(dir, 'dev.credential'), JSON.stringify({ secretId: 'AKIDx', secretKey: SECRET }));
		assert.equal(describeTccliStatus(await listTccliProfiles(dir), dir, home, l10n), `Found: ${path.join('~', '.tccli')}`);
	});

	it('says whether ~/.tencentcloud/credentials exists, by name, never its contents', async () => {
		const files = [tencentCloudCredentialsPaths(home)[0]];
		assert.equal(describeCredentialsFileStatus(await firstExistingFile(files), files, home, l10n), `Not found: looked for ${path.join('~', '.tencentcloud', 'credentials')}`);
		fs.mkdirSync(path.join(home, '.tencentcloud'));
		fs.writeFileSync(files[0], `[default]\nsecret_id = AKIDx\nsecret_key = ${SECRET}\n`);
		const found = describeCredentialsFileStatus(await firstExistingFile(files), files, home, l10n);
		assert.equal(found, `Found: ${path.join('~', '.tencentcloud', 'credentials')}`);
		assert.ok(!found.includes(SECRET));
	});

	it('writes paths under the home folder with ~ and leaves others whole', () => {
		assert.equal(displayPath('/home/ana/.tccli', '/home/ana'), path.join('~', '.tccli'));
		assert.equal(displayPath('/etc/tencentcloud/credentials', '/home/ana'), '/etc/tencentcloud/credentials');
		assert.equal(displayPath('/home/anabel/x', '/home/ana'), '/home/anabel/x');
	});
});
