import * as assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findJsonSyntaxError } from '../../../src/api/jsonSyntax';
import type { CredentialImportResult } from '../../../src/host/credentialImport';
import {
	describeReadError,
	defaultTccliProfile,
	importFromEnvironment,
	importTccliProfile,
	importTencentCloudCredentials,
	listTccliProfiles,
	parseTencentCloudCredentials,
	tccliDirectory,
	tencentCloudCredentialsPaths,
} from '../../../src/host/credentialImport';

const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'SeCrEtKeYvAlUe0123456789abcdefXY';
const TOKEN = 'TokenValue.abc_DEF-123';
const NOW = Date.UTC(2025, 0, 1) ;
const NOW_S = NOW / 1000;

function errorOf(result: CredentialImportResult): string {
	assert.equal(result.ok, false, `expected an error, got ${JSON.stringify(result)}`);
	return result.ok ? '' : result.error;
}

/** No secret, and not even a recognisable piece of one, may appear in an error. */
function assertNoSecrets(message: string): void {
	for (const secret of [KEY, TOKEN, KEY.slice(0, 8), KEY.slice(-8), 'SeCrEt']) {
		assert.ok(!message.includes(secret), `error leaks a secret: ${message}`);
	}
}

describe('credential import', () => {
	describe('environment variables', () => {
		it('imports keys, with the token under either name', () => {
			const plain = importFromEnvironment({ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY });
			assert.deepEqual(plain, {
				ok: true,
				credentials: { secretId: ID, secretKey: KEY },
				origin: { kind: 'environment' },
				source: 'environment variables TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY',
				temporary: false,
			});
			for (const name of ['TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN']) {
				const r = importFromEnvironment({ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, [name]: TOKEN });
				assert.ok(r.ok);
				assert.equal(r.credentials.token, TOKEN);
				assert.equal(r.temporary, true);
				assert.ok(r.source.endsWith(name));
			}
			const same = importFromEnvironment({
				TENCENTCLOUD_SECRET_ID: ID,
				TENCENTCLOUD_SECRET_KEY: KEY,
				TENCENTCLOUD_SESSION_TOKEN: TOKEN,
				TENCENTCLOUD_TOKEN: TOKEN,
			});
			assert.ok(same.ok);
		});

		const BAD: [Record<string, string>, RegExp][] = [
			[{}, /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set/],
			[{ TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, /are not set/],
			[{ TENCENTCLOUD_SECRET_KEY: KEY }, /TENCENTCLOUD_SECRET_ID is not; set both/],
			[{ TENCENTCLOUD_SECRET_ID: ID }, /TENCENTCLOUD_SECRET_KEY is not; set both/],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: `${KEY}\n` }, /TENCENTCLOUD_SECRET_KEY has spaces or a line break around it/],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: `${KEY.slice(0, 10)} ${KEY.slice(10)}` }, /TENCENTCLOUD_SECRET_KEY contains whitespace/],
			[{ TENCENTCLOUD_SECRET_ID: KEY, TENCENTCLOUD_SECRET_KEY: KEY }, /TENCENTCLOUD_SECRET_ID does not start with AKID/],
			[
				{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_SESSION_TOKEN: TOKEN, TENCENTCLOUD_TOKEN: `${TOKEN}x` },
				/both set, to different values/,
			],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_TOKEN: `${TOKEN} x` }, /TENCENTCLOUD_TOKEN contains whitespace/],
		];
		for (const [env, expected] of BAD) {
			it(`rejects ${Object.keys(env).join('+') || 'nothing'} (${expected.source.slice(0, 40)})`, () => {
				const message = errorOf(importFromEnvironment(env));
				assert.match(message, expected);
				assertNoSecrets(message);
			});
		}
	});

	describe('tccli profiles', () => {
		let home: string;
		let dir: string;

		before(async () => {
			home = await mkdtemp(path.join(tmpdir(), 'cic-cred-'));
			dir = tccliDirectory(home);
			await mkdir(dir);
			const files: Record<string, string> = {
				default: JSON.stringify({ secretId: ID, secretKey: KEY, token: '' }),
				temp: JSON.stringify({ secretId: ID, secretKey: KEY, token: TOKEN, expiresAt: NOW_S + 3600 }),
				sso: JSON.stringify({ type: 'sso', secretId: ID, secretKey: KEY, token: TOKEN, sso: { expiresAt: NOW_S + 60, zoneId: 'z-1' } }),
				oauth: JSON.stringify({ type: 'oauth', secretId: ID, secretKey: KEY, token: TOKEN, expiresAt: NOW_S + 60 }),
				'with.bom': `\uFEFF${JSON.stringify({ secretId: ID, secretKey: KEY })}`,
			};
			for (const [name, text] of Object.entries(files)) {
				await writeFile(path.join(dir, `${name}.credential`), text);
			}
			await writeFile(path.join(dir, 'default.configure'), '{}');
		});

		after(async () => {
			await rm(home, { recursive: true, force: true });
		});

		async function importText(text: string, profile = 'case'): Promise<CredentialImportResult> {
			await writeFile(path.join(dir, `${profile}.credential`), text);
			try {
				return await importTccliProfile(dir, profile, NOW);
			} finally {
				await rm(path.join(dir, `${profile}.credential`));
			}
		}

		it('lists the profiles', async () => {
			assert.deepEqual(await listTccliProfiles(dir), { ok: true, profiles: ['default', 'oauth', 'sso', 'temp', 'with.bom'] });
			const missing = await listTccliProfiles(path.join(home, 'nope'));
			assert.ok(!missing.ok && /does not exist; run "tccli configure" first/.test(missing.error));
			assert.equal(defaultTccliProfile({}), 'default');
			assert.equal(defaultTccliProfile({ TCCLI_PROFILE: 'dev' }), 'dev');
		});

		it('imports permanent keys (an empty token is no token)', async () => {
			const r = await importTccliProfile(dir, 'default', NOW);
			assert.deepEqual(r, {
				ok: true,
				credentials: { secretId: ID, secretKey: KEY },
				origin: { kind: 'tccli', profile: 'default', file: path.join(dir, 'default.credential') },
				source: `tccli profile "default" (${path.join(dir, 'default.credential')})`,
				temporary: false,
			});
			assert.ok((await importTccliProfile(dir, 'with.bom', NOW)).ok);
		});

		it('imports temporary keys with their expiry', async () => {
			for (const [profile, expires] of [
				['temp', NOW_S + 3600],
				['sso', NOW_S + 60],
				['oauth', NOW_S + 60],
			] as const) {
				const r = await importTccliProfile(dir, profile, NOW);
				assert.ok(r.ok, profile);
				assert.equal(r.temporary, true);
				assert.equal(r.credentials.token, TOKEN);
				assert.equal(r.expiresAt?.getTime(), expires * 1000);
			}
		});

		it('names the available profiles when one is missing', async () => {
			const message = errorOf(await importTccliProfile(dir, 'prod', NOW));
			assert.match(message, /No tccli profile "prod": .*prod\.credential does not exist\. Available profiles: default, oauth, sso, temp, with\.bom\./);
			const empty = await mkdtemp(path.join(tmpdir(), 'cic-empty-'));
			try {
				assert.match(errorOf(await importTccliProfile(empty, 'default', NOW)), /No tccli profiles exist yet; run "tccli configure" first/);
			} finally {
				await rm(empty, { recursive: true, force: true });
			}
		});

		it('refuses profile names that could leave the directory', async () => {
			for (const name of ['../default', '..', 'a/b', '']) {
				assert.match(errorOf(await importTccliProfile(dir, name, NOW)), /is not a tccli profile name/);
			}
		});

		const BAD: [string, string, RegExp][] = [
			['empty file', '', /is empty; run "tccli configure --profile case"/],
			['whitespace only', '  \n', /is empty/],
			['truncated JSON', `{"secretId": "${ID}", "secretKey": "${KEY}"`, /not valid JSON: expected ',' or '}' at line 1, column 101/],
			['unquoted key', `{"secretId": "${ID}",\n  secretKey: "${KEY}"}`, /expected a property name in double quotes at line 2, column 3/],
			['trailing comma', `{"secretId": "${ID}", "secretKey": "${KEY}",}`, /expected a property name in double quotes at line 1, column 102/],
			['bare word inside', `{"secretKey": ${KEY}}`, /expected a value at line 1, column 15/],
			['line break in a string', `{"secretKey": "${KEY.slice(0, 5)}\n${KEY.slice(5)}"}`, /no line break or control character inside a string at line 1, column 21/],
			['bad escape', `{"secretKey": "\\q${KEY}"}`, /a valid escape sequence/],
			['trailing garbage', `{"secretId": "${ID}"} ${KEY}`, /expected the end of the file at line 1, column 54/],
			['an array', `["${ID}", "${KEY}"]`, /must contain a JSON object, not an array/],
			['a string', `"${KEY}"`, /must contain a JSON object, not a string/],
			['no secretId', JSON.stringify({ secretKey: KEY }), /has no "secretId" field; run "tccli configure --profile case"/],
			['no secretKey', JSON.stringify({ secretId: ID }), /has no "secretKey" field/],
			['null secretKey', JSON.stringify({ secretId: ID, secretKey: null }), /has no "secretKey" field/],
			['numeric secretKey', JSON.stringify({ secretId: ID, secretKey: 12345 }), /field "secretKey" must be a string, not a number/],
			['object token', JSON.stringify({ secretId: ID, secretKey: KEY, token: { v: TOKEN } }), /field "token" must be a string, not an object/],
			['empty secretKey', JSON.stringify({ secretId: ID, secretKey: '' }), /field "secretKey" is empty/],
			['empty secretId', JSON.stringify({ secretId: '', secretKey: KEY }), /field "secretId" is empty/],
			['key with inner space', JSON.stringify({ secretId: ID, secretKey: `${KEY.slice(0, 9)} ${KEY.slice(9)}` }), /field "secretKey" contains whitespace/],
			['key with a newline at the end', JSON.stringify({ secretId: ID, secretKey: `${KEY}\n` }), /field "secretKey" has spaces or a line break around it/],
			['token with a space', JSON.stringify({ secretId: ID, secretKey: KEY, token: `${TOKEN} ` }), /field "token" has spaces/],
			['secretId that is a key', JSON.stringify({ secretId: KEY, secretKey: KEY }), /field "secretId" does not start with AKID/],
			['cvm-role', JSON.stringify({ type: 'cvm-role', secretId: '', secretKey: '' }), /uses type "cvm-role".*there are none to import/],
			['unknown type', JSON.stringify({ type: 'saml', secretId: ID, secretKey: KEY }), /has a "type" that CIC Tasks does not know; only plain keys, "oauth" and "sso"/],
			['numeric type', JSON.stringify({ type: 3, secretId: ID, secretKey: KEY }), /field "type" must be a string, not a number/],
			['role-arn', JSON.stringify({ secretId: ID, secretKey: KEY, 'role-arn': 'qcs::cam::uin/1:roleName/x' }), /assumes a role \(role-arn\)/],
			['expired sso', JSON.stringify({ type: 'sso', secretId: ID, secretKey: KEY, token: TOKEN, expiresAt: NOW_S - 10 }), /expired at 2024-12-31T23:59:50\.000Z; run "tccli sso login --profile case", then import again/],
			['expired oauth (nested)', JSON.stringify({ type: 'oauth', secretId: ID, secretKey: KEY, token: TOKEN, oauth: { expiresAt: NOW_S } }), /expired at .*run "tccli auth login --profile case"/],
			['expired plain', JSON.stringify({ secretId: ID, secretKey: KEY, token: TOKEN, expiresAt: NOW_S - 1 }), /expired at .*run tccli again to get new keys/],
			['expiresAt as text', JSON.stringify({ secretId: ID, secretKey: KEY, expiresAt: '2025-01-01' }), /field "expiresAt" must be a unix time in seconds, not a string/],
			['sso without token', JSON.stringify({ type: 'sso', secretId: ID, secretKey: KEY, expiresAt: NOW_S + 100 }), /"sso" login but has no "token"/],
		];
		for (const [what, text, expected] of BAD) {
			it(`rejects ${what} with a clear message and no secret`, async () => {
				const message = errorOf(await importText(text));
				assert.match(message, expected);
				assert.ok(message.includes(path.join(dir, 'case.credential')), `names the file: ${message}`);
				assertNoSecrets(message);
			});
		}

		it('never quotes a "type" value from the file', async () => {
			const message = errorOf(await importText(JSON.stringify({ type: 'SECRET-LOOKING-VALUE', secretId: ID, secretKey: KEY })));
			assert.match(message, /field|"type"/);
			assert.doesNotMatch(message, /SECRET|LOOKING|VALUE/i);
		});

		it('gives a clear error, not RangeError, for 100,000 levels of nesting', async () => {
			const depth = 100_000;
			assert.match(errorOf(await importText(`${'['.repeat(depth)}${']'.repeat(depth)}`)), /must contain a JSON object, not an array/);
			assert.match(errorOf(await importText(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)), /has no "secretId" field/);
			assert.match(errorOf(await importText('['.repeat(depth))), /not valid JSON: expected a value at line 1, column 100001\./);
			assert.match(errorOf(await importText(`${'{"a":['.repeat(depth)}1${']}'.repeat(depth - 1)}]]`)), /not valid JSON: expected ',' or '}' at line 1, column 800001\./);
		});

		it('reports an unreadable file', async () => {
			// Root reads any file whatever its mode, so there only the mapping of the error code can be checked.
			if (process.getuid?.() === 0) {
				const file = path.join(dir, 'locked.credential');
				assert.equal(describeReadError(file, 'EACCES'), `${file} cannot be read: permission denied.`);
				assert.equal(describeReadError(file, 'EPERM'), `${file} cannot be read: permission denied.`);
				assert.equal(describeReadError(file, 'EIO'), `${file} cannot be read (EIO).`);
				return;
			}
			const file = path.join(dir, 'locked.credential');
			await writeFile(file, '{}');
			await chmod(file, 0o000);
			try {
				assert.match(errorOf(await importTccliProfile(dir, 'locked', NOW)), /cannot be read: permission denied/);
			} finally {
				await rm(file, { force: true });
			}
		});

		it('reports a directory in place of a file', async () => {
			await mkdir(path.join(dir, 'odd.credential'));
			try {
				assert.match(errorOf(await importTccliProfile(dir, 'odd', NOW)), /odd\.credential is a directory, not a file/);
			} finally {
				await rm(path.join(dir, 'odd.credential'), { recursive: true });
			}
		});
	});

	describe('JSON syntax locator', () => {
		it('agrees with JSON.parse on what is valid', () => {
			const samples = ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' 1 ', '"x"', '{"a":{"b":[]}}', '{', '[1,]', '01', '-', '"\\u12"', 'nul', '{"a" 1}', '[1 2]', '{"a":1,}'];
			for (const text of samples) {
				let valid = true;
				try {
					JSON.parse(text);
				} catch {
					valid = false;
				}
				assert.equal(findJsonSyntaxError(text) === undefined, valid, text);
			}
		});

		it('walks any depth of nesting without recursion', () => {
			const depth = 100_000;
			assert.equal(findJsonSyntaxError(`${'[{"k":'.repeat(depth)}0${'}]'.repeat(depth)}`), undefined);
			assert.deepEqual(findJsonSyntaxError(`${'['.repeat(depth)}1,`), { offset: depth + 2, expected: 'a value' });
			assert.deepEqual(findJsonSyntaxError(`${'{"a":'.repeat(depth)}}`), { offset: 5 * depth, expected: 'a value' });
		});
	});

	describe('~/.tencentcloud/credentials', () => {
		let home: string;

		before(async () => {
			home = await mkdtemp(path.join(tmpdir(), 'cic-ini-'));
			await mkdir(path.join(home, '.tencentcloud'));
		});

		after(async () => {
			await rm(home, { recursive: true, force: true });
		});

		it('reads [default] like the SDKs, first existing file wins', async () => {
			const [file] = tencentCloudCredentialsPaths(home);
			await writeFile(file, `# comment\n[other]\nsecret_id = AKIDother\n\n[default]\nsecret_id = ${ID}\r\nsecret_key = "${KEY}"\n; note\ntoken = ${TOKEN}\nregion = ap-guangzhou\n`);
			const r = await importTencentCloudCredentials([file, path.join(home, 'never-read')]);
			assert.deepEqual(r, { ok: true, credentials: { secretId: ID, secretKey: KEY, token: TOKEN }, origin: { kind: 'credentialsFile', file, section: 'default' }, source: file, temporary: true });
			const fallback = await importTencentCloudCredentials([path.join(home, 'missing'), file]);
			assert.ok(fallback.ok);
			assert.equal(tencentCloudCredentialsPaths('/home/me')[1], '/etc/tencentcloud/credentials');
		});

		it('says where it looked when no file exists', async () => {
			const message = errorOf(await importTencentCloudCredentials([path.join(home, 'a'), path.join(home, 'b')]));
			assert.match(message, /No Tencent Cloud credentials file found \(looked for .*a and .*b\)/);
		});

		const BAD: [string, string, RegExp][] = [
			['no sections', `secret_id = ${ID}\nsecret_key = ${KEY}\n`, /has no \[default\] section; the Tencent Cloud SDKs read only \[default\]/],
			['other sections only', `[prod]\nsecret_id = ${ID}\nsecret_key = ${KEY}\n`, /has no \[default\] section \(it has only another section, at line 1\); the Tencent Cloud SDKs read only \[default\]\.$/],
			['many other sections', `[a]\n[b]\n\n[c]\n[d]\n[e]\n[f]\n[g]\n`, /\(it has only 7 other sections, at lines 1, 2, 4, 5, 6 and 2 more\)/],
			['missing secret_key', `[default]\nsecret_id = ${ID}\n`, /\[default\] has no "secret_key"/],
			['missing secret_id', `[default]\nsecret_key = ${KEY}\n`, /\[default\] has no "secret_id"/],
			['empty secret_key', `[default]\nsecret_id = ${ID}\nsecret_key =\n`, /"secret_key" is empty/],
			['space inside the key', `[default]\nsecret_id = ${ID}\nsecret_key = ${KEY.slice(0, 4)} ${KEY.slice(4)}\n`, /"secret_key" contains whitespace/],
			['secret_id without AKID', `[default]\nsecret_id = ${KEY}\nsecret_key = ${KEY}\n`, /"secret_id" does not start with AKID/],
			['duplicate key', `[default]\nsecret_id = ${ID}\nsecret_key = ${KEY}\nsecret_key = ${KEY}x\n`, /line 4: "secret_key" is set twice in \[default\]/],
			['line without =', `[default]\nsecret_id = ${ID}\n${KEY}\n`, /line 3: expected "name = value" in the \[default\] section/],
		];
		it('names other sections by line, never by name', () => {
			const text = `[AKIDsectionMARKER00000000000000000001]\nsecret_id = ${ID}\n[${KEY}]\nsecret_key = ${KEY}\n`;
			const message = errorOf(parseTencentCloudCredentials(text, '/home/me/.tencentcloud/credentials'));
			assert.match(message, /\(it has only 2 other sections, at lines 1, 3\)/);
			assert.doesNotMatch(message, /MARKER|AKIDsection/);
			assertNoSecrets(message);
		});

		for (const [what, text, expected] of BAD) {
			it(`rejects ${what} with a clear message and no secret`, () => {
				const message = errorOf(parseTencentCloudCredentials(text, '/home/me/.tencentcloud/credentials'));
				assert.match(message, expected);
				assert.ok(message.startsWith('/home/me/.tencentcloud/credentials'), message);
				assertNoSecrets(message);
			});
		}
	});
});
