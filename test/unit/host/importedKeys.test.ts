import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importFromEnvironment, importTccliProfile, importTencentCloudCredentials, type ImportOrigin } from '../../../src/host/credentialImport';
import { describeRejectedImport } from '../../../src/host/importedKeys';
import type { Localizer } from '../../../src/model/notifications';

const l10n: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) };
const SECRET_ID = 'AKIDimported0000000000000000000000001';
const SECRET_KEY = 'ImportedSecretKey0123456789abcdefIMP';

describe('imported keys the service rejects', () => {
	let home: string;

	beforeEach(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-imported-'));
	});

	afterEach(() => {
		fs.rmSync(home, { recursive: true, force: true });
	});

	it('each import says where its keys came from', async () => {
		const env = importFromEnvironment({ TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY, TENCENTCLOUD_TOKEN: 'tok' });
		assert.ok(env.ok);
		assert.deepEqual(env.origin, { kind: 'environment', tokenVariable: 'TENCENTCLOUD_TOKEN' });
		fs.mkdirSync(path.join(home, '.tccli'));
		const tccliFile = path.join(home, '.tccli', 'dev.credential');
		fs.writeFileSync(tccliFile, JSON.stringify({ secretId: SECRET_ID, secretKey: SECRET_KEY }));
		const tccli = await importTccliProfile(path.join(home, '.tccli'), 'dev');
		assert.ok(tccli.ok);
		assert.deepEqual(tccli.origin, { kind: 'tccli', profile: 'dev', file: tccliFile });
		fs.mkdirSync(path.join(home, '.tencentcloud'));
		const iniFile = path.join(home, '.tencentcloud', 'credentials');
		fs.writeFileSync(iniFile, `[default]\nsecret_id = ${SECRET_ID}\nsecret_key = ${SECRET_KEY}\n`);
		const ini = await importTencentCloudCredentials([iniFile]);
		assert.ok(ini.ok);
		assert.deepEqual(ini.origin, { kind: 'credentialsFile', file: iniFile, section: 'default' });
	});

	it('a wrong SecretKey from the environment names TENCENTCLOUD_SECRET_KEY, and never asks to re-enter it', () => {
		const text = describeRejectedImport({ kind: 'environment' }, 'AuthFailure.SignatureFailure', home, l10n);
		assert.ok(text);
		assert.match(text, /the environment variable TENCENTCLOUD_SECRET_KEY/);
		assert.match(text, /restart VS Code/);
		assert.doesNotMatch(text, /re-?enter/i);
		assert.match(describeRejectedImport({ kind: 'environment' }, 'AuthFailure.SecretIdNotFound', home, l10n) ?? '', /TENCENTCLOUD_SECRET_ID/);
		assert.match(describeRejectedImport({ kind: 'environment', tokenVariable: 'TENCENTCLOUD_TOKEN' }, 'AuthFailure.TokenFailure', home, l10n) ?? '', /TENCENTCLOUD_TOKEN/);
		assert.match(describeRejectedImport({ kind: 'environment' }, 'AuthFailure', home, l10n) ?? '', /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/);
	});

	it('names the tccli profile file, and the credentials file with its section', () => {
		const tccli: ImportOrigin = { kind: 'tccli', profile: 'dev', file: path.join(home, '.tccli', 'dev.credential') };
		const tccliText = describeRejectedImport(tccli, 'AuthFailure.SignatureFailure', home, l10n) ?? '';
		assert.match(tccliText, /tccli profile "dev" \(~\/\.tccli\/dev\.credential\)/);
		assert.match(tccliText, /tccli configure --profile dev/);
		const ini: ImportOrigin = { kind: 'credentialsFile', file: path.join(home, '.tencentcloud', 'credentials'), section: 'default' };
		const iniText = describeRejectedImport(ini, 'AuthFailure.SignatureFailure', home, l10n) ?? '';
		assert.match(iniText, /"secret_key" in section \[default\] of ~\/\.tencentcloud\/credentials/);
		assert.match(describeRejectedImport(ini, 'AuthFailure.InvalidSecretId', home, l10n) ?? '', /"secret_id" in section \[default\]/);
		for (const text of [tccliText, iniText]) {
			assert.doesNotMatch(text, /re-?enter/i);
			assert.ok(!text.includes(SECRET_KEY) && !text.includes(SECRET_ID));
		}
	});

	it('leaves the clock, CAM permissions and other errors to the usual advice', () => {
		for (const code of ['AuthFailure.SignatureExpire', 'AuthFailure.UnauthorizedOperation', 'AuthFailure.MFAFailure', 'UnauthorizedOperation', 'ClientError.Timeout', 'InternalError']) {
			assert.equal(describeRejectedImport({ kind: 'environment' }, code, home, l10n), undefined, code);
		}
	});
});
