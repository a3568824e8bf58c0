import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
	importFromEnvironment,
	importTccliProfile,
	importTencentCloudCredentials,
	listTccliProfiles,
	tccliDirectory,
	tencentCloudCredentialsPaths,
} from '../../../src/host/credentialImport';
import { resolveEndpoint } from '../../../src/api/endpoint';
import { ClientErrorCode, TencentCloudError } from '../../../src/api/errors';
import { FixtureError, loadFixtureFile } from '../../../src/emulator/fixture';
import { parseSavedViews } from '../../../src/model/filter';
import {
	validateEndpoint,
	validateSecretId,
	validateSecretKey,
	validateSessionToken,
	validateZoneId,
} from '../../../src/model/validators';
import { isFromWebviewMessage } from '../../../src/webview/protocol';

/*
 * Every input a user gives, with the message each bad one gets: zone IDs, SecretId / SecretKey / session token,
 * endpoints (the input box and the client's own check), saved views and filter arguments, emulator fixture
 * files, tccli profiles, the SDKs' INI file, environment variables and webview messages. Each message must
 * name the problem (the field, item, line or position), stay on one line, and never contain a secret given
 * in the input, not even a fragment. "Nothing lost": good entries next to bad ones survive, every bad one is
 * reported, and reading a file never changes it. The file inputs live in test/fixtures/bad-input/.
 */

/** The secrets planted in the corpus files and inputs. */
const KEY = 'BadInputCanaryKey0123456789abcXY';
const TOKEN = 'BadInputCanaryToken.abc_DEF-123456';
const ID = 'AKIDbadinput000000000000000000000001';

function repoRoot(): string {
	// Tests run from out/ or .out-rel/ (esbuild --tests --outdir), so walk up to the package rather than count levels.
	let dir = __dirname;
	while (!existsSync(path.join(dir, 'package.json'))) {
		const up = path.dirname(dir);
		assert.notEqual(up, dir, 'package.json not found above the test');
		dir = up;
	}
	return dir;
}

const CORPUS = path.join(repoRoot(), 'test', 'fixtures', 'bad-input');

/** No 8-character run of a secret: a message quoting part of a key is as bad as quoting all of it. */
function assertNoSecret(message: string, secrets: readonly string[] = [KEY, TOKEN]): void {
	for (const secret of secrets) {
		for (let i = 0; i + 8 <= secret.length; i++) {
			assert.ok(!message.includes(secret.slice(i, i + 8)), `the message quotes a secret (${secret.slice(i, i + 8)}…): ${message}`);
		}
	}
}

/** Planted in corpus files where a value, not a key, sits: a message names the place, never what is written there. */
const FILE_VALUE_MARKERS = /SECRET-LOOKING|FIXTURE-MARKER|FIXTURE|LOOKING/;

/** One readable line that ends its sentence once. */
function assertReadable(message: string | undefined, context: string): asserts message is string {
	assert.ok(message && message.trim().length > 0, `${context}: no message`);
	assert.ok(!/[\r\n]/.test(message), `${context}: the message spans lines: ${JSON.stringify(message)}`);
	assert.ok(!/\.\.$/.test(message), `${context}: the message ends in "..": ${message}`);
	assert.ok(message.length < 500, `${context}: the message is ${message.length} characters long`);
}

type Validator = (value: string) => string | undefined;

/** Each [input, what the message must say]; the input is checked as given and, for secrets, never echoed. */
function checkValidator(name: string, validate: Validator, cases: readonly [string, RegExp][], secret: boolean, good: readonly string[]): void {
	for (const [input, expected] of cases) {
		const message = validate(input);
		assertReadable(message, `${name} ${JSON.stringify(input)}`);
		assert.match(message, expected, `${name} ${JSON.stringify(input)}`);
		assertNoSecret(message, secret ? [KEY, TOKEN, input.trim()].filter((s) => s.length >= 8) : [KEY, TOKEN]);
	}
	for (const input of good) {
		assert.equal(validate(input), undefined, `${name} accepts ${JSON.stringify(input)}`);
		// The prompts trim what is pasted before checking it, so surrounding blanks never lose a good value.
		assert.equal(validate(` ${input}\n`.trim()), undefined, `${name} accepts ${JSON.stringify(input)} pasted with blanks`);
	}
}

function hashTree(dir: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		const full = path.join(entry.parentPath, entry.name);
		if (entry.isFile()) {
			out.set(full, `${statSync(full).mtimeMs}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`);
		}
	}
	return out;
}

describe('reliability: bad input corpus', () => {
	let untouched: Map<string, string>;
	let home: string;

	before(() => {
		untouched = hashTree(CORPUS);
		// The credential files are read from a temporary home laid out as the tools lay it out.
		home = mkdtempSync(path.join(tmpdir(), 'cic-bad-input-'));
		cpSync(path.join(CORPUS, 'tccli'), tccliDirectory(home), { recursive: true });
		mkdirSync(path.join(home, '.tencentcloud'));
	});

	after(() => {
		rmSync(home, { recursive: true, force: true });
		// Nothing the suite read was written to.
		assert.deepEqual(hashTree(CORPUS), untouched, 'the corpus files are unchanged');
	});

	it('zone IDs', () => {
		checkValidator('zone ID', validateZoneId, [
			['', /Enter the CIC zone \(space\) ID, e\.g\. z-/],
			[' z-2d8shd8abc', /Remove the spaces around the zone ID/],
			['z-2d8shd8abc\n', /Remove the spaces around the zone ID/],
			['zone-2d8shd8abc', /starts with "z-".*Identity Center overview/],
			['2d8shd8abc', /starts with "z-"/],
			['Z-2D8SHD8ABC', /starts with "z-"/],
			['z-2D8SHD8ABC', /only lower-case letters and digits/],
			['z-2d8s_hd8', /only lower-case letters and digits/],
			['z-<script>alert(1)</script>', /only lower-case letters and digits/],
			['z-abc', /4 to 32 characters/],
			[`z-${'a'.repeat(33)}`, /4 to 32 characters/],
			['z-', /Enter the rest of the zone ID after "z-", e\.g\. z-2d8shd8abc/],
		], false, ['z-2d8shd8abc', 'z-abcd', `z-${'0'.repeat(32)}`]);
	});

	it('SecretId, SecretKey and session token: each named, none echoed', () => {
		checkValidator('SecretId', validateSecretId, [
			['', /Enter the SecretId \(it starts with AKID\)/],
			[` ${ID}`, /Remove the spaces around the SecretId/],
			[`${ID.slice(0, 20)} ${ID.slice(20)}`, /SecretId contains no spaces/],
			[KEY, /looks like a SecretKey; the SecretId starts with AKID/],
			[`akid${ID.slice(4)}`, /starts with AKID \(upper case\)/],
			[`AKID${'é'.repeat(20)}`, /only letters and digits/],
			['AKIDshort', /16 to 128 characters/],
			[`AKID${'x'.repeat(200)}`, /16 to 128 characters/],
		], true, [ID, `AKID${'T'.repeat(60)}`]);
		checkValidator('SecretKey', validateSecretKey, [
			['', /Enter the SecretKey/],
			[`${KEY} `, /Remove the spaces around the SecretKey/],
			[`${KEY}\n`, /Remove the spaces around the SecretKey/],
			[`${KEY.slice(0, 12)} ${KEY.slice(12)}`, /SecretKey contains no spaces or line breaks/],
			[`${KEY.slice(0, 12)}\t${KEY.slice(12)}`, /SecretKey contains no spaces or line breaks/],
			[`${KEY}é`, /SecretKey contains only printable ASCII/],
			[`${KEY}\u200b`, /SecretKey contains only printable ASCII/],
			[ID, /looks like a SecretId; enter the SecretKey/],
			['short', /SecretKey has 16 to 256 characters/],
			['k'.repeat(300), /SecretKey has 16 to 256 characters/],
		], true, [KEY, 'k'.repeat(40)]);
		checkValidator('session token', validateSessionToken, [
			[` ${TOKEN}`, /Remove the spaces around the session token/],
			[`${TOKEN.slice(0, 10)}\n${TOKEN.slice(10)}`, /session token contains no spaces or line breaks; copy it again in one piece/],
			[`${TOKEN}ü`, /session token contains only printable ASCII/],
		], true, ['', TOKEN, `${TOKEN}.${'t'.repeat(1500)}`]);
	});

	it('endpoints: the input box and the client agree, name the problem, and never echo user info or a query', () => {
		// [input, input-box message, client message (resolveEndpoint, used for the cicTasks.endpoint setting)]
		const bad: [string, RegExp, RegExp][] = [
			['organization.tencentcloudapi.com', /Enter a full URL starting with https:\/\//, /^$/],
			['http://organization.tencentcloudapi.com', /Plain http:\/\/ is allowed only for a local emulator/, /Refusing to send signed requests over plain http to organization\.tencentcloudapi\.com/],
			['http://localhost.evil.example', /Plain http:\/\/ is allowed only for a local emulator/, /Refusing to send signed requests over plain http/],
			['http://127.0.0.1.nip.io:8080', /Plain http:\/\/ is allowed only for a local emulator/, /Refusing to send signed requests over plain http/],
			[`https://user:${KEY}@organization.tencentcloudapi.com`, /must not contain a user name or password/, /must not contain a user name or password/],
			[`http://AKID:${KEY}@127.0.0.1:8080`, /must not contain a user name or password/, /must not contain a user name or password/],
			[`https://organization.tencentcloudapi.com/?SecretKey=${KEY}`, /is a host only: remove the path, query or fragment/, /must not have a path or query/],
			['https://organization.tencentcloudapi.com/v3', /is a host only/, /must not have a path or query: https:\/\/organization\.tencentcloudapi\.com\/v3/],
			['https://organization.tencentcloudapi.com#x', /is a host only/, /must not have a path or query/],
			['ftp://organization.tencentcloudapi.com', /must use https:\/\/ \(not ftp:\/\/\)/, /must use https:\/\/ \(got ftp:\/\/\)/],
			['file:///etc/passwd', /must use https:\/\/ \(not file:\/\/\)/, /must use https:\/\/ \(got file:\/\/\)/],
			['javascript:alert(1)', /Enter a full URL starting with https:\/\//, /not a valid URL/],
			['https://', /not a valid URL/, /not a valid URL/],
			['https://organization tencentcloudapi.com', /not a valid URL/, /not a valid URL/],
			['https://organization.tencentcloudapi.com:99999', /not a valid URL/, /not a valid URL/],
			[' https://organization.tencentcloudapi.com', /Remove the spaces around the endpoint/, /^$/],
			// Issue 13: plain http only to exactly localhost, 127.0.0.1 and [::1]; http://127.1:9000 used to be in `good`.
			['http://127.0.0.2:9000', /only for a local emulator at exactly localhost, 127\.0\.0\.1 or \[::1\]; use https:\/\//, /plain http to 127\.0\.0\.2:9000; use https:\/\/ \(http:\/\/ is allowed only for localhost, 127\.0\.0\.1 and \[::1\]/],
			['http://[::ffff:7f00:1]:9000', /only for a local emulator at exactly/, /plain http to \[::ffff:7f00:1\]:9000; use https/],
			['http://[::ffff:127.0.0.1]:9000', /only for a local emulator at exactly/, /plain http to \[::ffff:7f00:1\]:9000; use https/],
			['http://localhost.:9000', /only for a local emulator at exactly/, /plain http to localhost\.:9000; use https/],
			['http://127.1:9000', /write the host as 127\.0\.0\.1\./, /write the host exactly as 127\.0\.0\.1/],
			['http://0x7f000001:9000', /write the host as 127\.0\.0\.1\./, /write the host exactly as 127\.0\.0\.1/],
			['http://[0:0:0:0:0:0:0:1]:9000', /write the host as \[::1\]\./, /write the host exactly as \[::1\]/],
		];
		const good = [
			'https://organization.tencentcloudapi.com',
			'https://organization.intl.tencentcloudapi.com',
			'https://organization.tencentcloudapi.com:443/',
			'http://127.0.0.1:8080',
			'http://localhost:8080',
			'http://[::1]:8080',
			'http://LOCALHOST:8080',
			'https://127.0.0.2:9000',
			'HTTPS://ORGANIZATION.TENCENTCLOUDAPI.COM',
		];
		for (const [input, boxMessage, clientMessage] of bad) {
			const message = validateEndpoint(input);
			assertReadable(message, `endpoint ${input}`);
			assert.match(message, boxMessage, input);
			assertNoSecret(message);
			let thrown: unknown;
			try {
				resolveEndpoint(input);
			} catch (error) {
				thrown = error;
			}
			if (clientMessage.source === '^$') {
				// The client is more forgiving (adds https://, trims, ignores an empty fragment); the box still asks for the clean form.
				assert.equal(thrown, undefined, `the client accepts ${input}`);
				continue;
			}
			assert.ok(thrown instanceof TencentCloudError, `the client rejects ${input}`);
			assert.ok(thrown.code === ClientErrorCode.InvalidEndpoint || thrown.code === ClientErrorCode.InsecureEndpoint, thrown.code);
			assertReadable(thrown.message, `client endpoint ${input}`);
			assert.match(thrown.message, clientMessage, input);
			assertNoSecret(thrown.message);
			assertNoSecret(thrown.stack ?? '');
		}
		for (const input of good) {
			assert.equal(validateEndpoint(input), undefined, `the input box accepts ${input}`);
			assert.doesNotThrow(() => resolveEndpoint(input), `the client accepts ${input}`);
		}
		// What the box lets through, the client must accept: otherwise a saved profile could never connect.
		for (const input of [...bad.map(([i]) => i), ...good]) {
			if (validateEndpoint(input) === undefined) {
				assert.doesNotThrow(() => resolveEndpoint(input), input);
			}
		}
	});

	it('saved views: every entry is kept or reported by position and label, in order', () => {
		const setting = JSON.parse(readFileSync(path.join(CORPUS, 'saved-views.json'), 'utf8')) as unknown[];
		const { views, errors } = parseSavedViews(setting);
		assert.deepEqual(views.map((v) => v.label), ['Failed only', 'Role A', 'Group and account', 'In progress'], 'the good views survive, trimmed');
		assert.deepEqual(views[1]?.filter, { roleConfigurationIds: ['rc-4kd8s2x1'], taskTypes: ['CreateRoleAssignment', 'SomeFutureTaskType'] }, 'unknown task types are kept');
		const expected: RegExp[] = [
			/^Saved view 2: must be an object with "label" and "filter", not a string\.$/,
			/^Saved view 3 "Bad status": "statuses"\[1\]: unknown status "Broken" \(use Failed, InProgress, Success\)\.$/,
			/^Saved view 5 "Typo": "filter" has unknown field "status" \(allowed: statuses, /,
			/^Saved view 6: "label" must be a non-empty string\.$/,
			/^Saved view 7 "Failed only": another saved view already uses this label/,
			/^Saved view 8 "No filter": "filter" is missing\.$/,
			/^Saved view 9 "Bad role id": "roleConfigurationIds"\[0\]: A role configuration ID starts with "rc-", e\.g\. rc-4kd8s2x1\.$/,
			/^Saved view 10 "Bad principal": "principal\.type" must be "User" or "Group"\.$/,
			/^Saved view 11 "Principal id": "principal\.id": A CIC user ID starts with "u-"/,
			/^Saved view 12 "Bad uin": "target\.uin" must be a positive whole number, not a string\.$/,
			/^Saved view 13 "Negative uin": "target\.uin" must be a positive whole number, not -5\.$/,
			/^Saved view 14 "Extra": unknown field "color" \(allowed: label, filter\)\.$/,
			/^Saved view 15 "Not a list": "statuses" must be a list of strings, not a string\.$/,
			/^Saved view 17 "Bad task type": "taskTypes"\[0\]: "Create Role" is not a task type name/,
			/^Saved view 18: must be an object with "label" and "filter", not null\.$/,
			/^Saved view 20 "Proto": "filter" has unknown field "__proto__"/,
		];
		assert.equal(errors.length, expected.length, errors.join('\n'));
		errors.forEach((e, i) => {
			assertReadable(e, `saved view error ${i}`);
			assert.match(e, expected[i]);
		});
		assert.equal(views.length + errors.length, setting.length, 'every entry is either kept or reported');
		assert.equal(({} as Record<string, unknown>).statuses, undefined, 'a "__proto__" key pollutes nothing');
		for (const [value, message] of [
			['a string', /must be a list of \{"label", "filter"\} objects, not a string/],
			[{ label: 'x', filter: {} }, /must be a list of \{"label", "filter"\} objects, not an object/],
			[42, /not a number/],
		] as [unknown, RegExp][]) {
			const result = parseSavedViews(value);
			assert.deepEqual(result.views, []);
			assert.equal(result.errors.length, 1);
			assert.match(result.errors[0], message);
		}
		assert.deepEqual(parseSavedViews(undefined), { views: [], errors: [] });
	});

	it('filter arguments: the command argument is checked like a saved view', () => {
		// filterFromArgument (src/commands/filterTasks.ts) imports vscode, so plain mocha checks what it runs:
		// parseSavedViews on one entry labelled "argument", whose message it shows without the prefix.
		const cases: [unknown, RegExp][] = [
			[{ statuses: 'Failed' }, /^"statuses" must be a list of strings, not a string\.$/],
			[{ statuses: ['failed'] }, /^"statuses"\[0\]: unknown status "failed"/],
			[{ principal: { type: 'User', id: 'g-8sk2d7m1' } }, /^"principal\.id": A CIC user ID starts with "u-"/],
			[{ target: { type: 'MemberUin', uin: 1.5 } }, /^"target\.uin" must be a positive whole number, not 1\.5\.$/],
			[{ target: { type: 'MemberUin', uin: 2 ** 60 } }, /^"target\.uin" must be a positive whole number/],
			[{ roleConfigurationIds: ['rc-1', 'rc-<b>'] }, /^"roleConfigurationIds"\[1\]: A role configuration ID contains only letters and digits/],
			[{ command: 'workbench.action.terminal.new' }, /^"filter" has unknown field "command"/],
			[['Failed'], /^"filter" must be an object, not an array\.$/],
			[null, /^"filter" must be an object, not null\.$/],
		];
		for (const [filter, expected] of cases) {
			const { views, errors } = parseSavedViews([{ label: 'argument', filter }]);
			assert.deepEqual(views, [], JSON.stringify(filter));
			const message = (errors[0] ?? '').replace(/^Saved view 1 "argument": /, '');
			assertReadable(message, `filter ${JSON.stringify(filter)}`);
			assert.match(message, expected);
		}
		assert.deepEqual(parseSavedViews([{ label: 'argument', filter: { statuses: ['Failed'], target: { type: 'ManagerUin', uin: 100012345678 } } }]).errors, []);
	});

	it('emulator fixture files: file, item and field named; a valid hostile file loads verbatim', async () => {
		const cases: [string, RegExp][] = [
			['trailing-comma.json', /trailing-comma\.json: not valid JSON at line 2, column 20 \(position 21\)/],
			['truncated.json', /truncated\.json: not valid JSON at line 7, column 17 \(position 150, the end of the file\): expected ':' after the property name$/],
			['object.json', /object\.json: expected a JSON array of TaskInfo objects, got object$/],
			['item-not-object.json', /item-not-object\.json: item \[1\]: expected a TaskInfo object, got string$/],
			['missing-field.json', /missing-field\.json: item \[1\]: missing field Status$/],
			['wrong-type.json', /wrong-type\.json: item \[0\]: field TaskType must be a string, got null$/],
			['uin-as-string.json', /uin-as-string\.json: item \[0\]: field TargetUin must be a non-negative integer, got string$/],
			['uin-fraction.json', /uin-fraction\.json: item \[0\]: field TargetUin must be a non-negative integer, got a fraction$/],
			['unknown-field.json', /unknown-field\.json: item \[0\]: unknown field "CreateTime" \(TaskInfo has only /],
			['duplicate-id.json', /duplicate-id\.json: item \[2\]: duplicate TaskId \(the same as item \[0\]\)$/],
			['broken-with-marker.json', /broken-with-marker\.json: not valid JSON at line 1, column 45 \(position 44\): expected a value$/],
			['no-such-file.json', /no-such-file\.json: file not found$/],
		];
		const dir = path.join(CORPUS, 'emulator-fixtures');
		for (const [file, expected] of cases) {
			await assert.rejects(loadFixtureFile(path.join(dir, file)), (error: unknown) => {
				assert.ok(error instanceof FixtureError, file);
				assertReadable(error.message, file);
				assert.match(error.message, expected);
				assert.doesNotMatch(error.message, FILE_VALUE_MARKERS, file);
				return true;
			});
		}
		const corpusFiles = readdirSync(dir).filter((f) => f !== 'hostile-valid.json');
		assert.deepEqual(corpusFiles.sort(), cases.map(([f]) => f).filter((f) => f !== 'no-such-file.json').sort(), 'every corpus file has a case');
		// Nothing lost: HTML, RTL marks, NUL, unknown types and statuses come through exactly as written.
		const text = readFileSync(path.join(dir, 'hostile-valid.json'), 'utf8');
		assert.deepEqual(await loadFixtureFile(path.join(dir, 'hostile-valid.json')), JSON.parse(text));
	});

	it('tccli profiles: profile, file and field named, never a key; good profiles import whole', async () => {
		const dir = tccliDirectory(home);
		const at = (profile: string): string => `tccli profile "${profile}" \\(${path.join(dir, `${profile}.credential`).replace(/[.\\]/g, '\\$&')}\\)`;
		const cases: [string, RegExp][] = [
			['broken-json', new RegExp(`${at('broken-json')} is not valid JSON: expected ',' or '}' at line 4, column 5\\.$`)],
			['unterminated', new RegExp(`${at('unterminated')} is not valid JSON: expected no line break or control character inside a string at line 3, column 51\\.$`)],
			['array', new RegExp(`${at('array')} must contain a JSON object, not an array\\.$`)],
			['empty', new RegExp(`${at('empty')} is empty; run "tccli configure --profile empty"`)],
			['no-secret-key', new RegExp(`${at('no-secret-key')} has no "secretKey" field`)],
			['number-secret-key', new RegExp(`${at('number-secret-key')}, field "secretKey" must be a string, not a number\\.$`)],
			['token-not-string', new RegExp(`${at('token-not-string')}, field "token" must be a string, not an object\\.$`)],
			['key-with-newline', new RegExp(`${at('key-with-newline')}, field "secretKey" has spaces or a line break around it; remove them\\.$`)],
			['key-with-space', new RegExp(`${at('key-with-space')}, field "secretKey" contains whitespace\\.$`)],
			['id-is-key', new RegExp(`${at('id-is-key')}, field "secretId" does not start with AKID`)],
			['cvm-role', new RegExp(`${at('cvm-role')} uses type "cvm-role": its keys come from the CVM instance role`)],
			['role-arn', new RegExp(`${at('role-arn')} assumes a role \\(role-arn\\)`)],
			['sso-no-token', new RegExp(`${at('sso-no-token')} is an "sso" login but has no "token"; run "tccli sso login --profile sso-no-token"`)],
			['expired', new RegExp(`${at('expired')} expired at 2020-09-13T12:26:40\\.000Z; run "tccli auth login --profile expired"`)],
			['bad-expiry', new RegExp(`${at('bad-expiry')}, field "expiresAt" must be a unix time in seconds, not a string\\.$`)],
			['secret-looking-type', new RegExp(`${at('secret-looking-type')} has a "type" that CIC Tasks does not know`)],
			['unknown-type', new RegExp(`${at('unknown-type')} has a "type" that CIC Tasks does not know; only plain keys, "oauth" and "sso" profiles can be imported\\.$`)],
			['../../etc/passwd', /^"\.\.\/\.\.\/etc\/passwd" is not a tccli profile name/],
			['missing', new RegExp(`^No tccli profile "missing": .*missing\\.credential does not exist\\. Available profiles: array, bad-expiry, .*, good, .*, unterminated\\.$`)],
		];
		const now = Date.UTC(2025, 0, 1);
		for (const [profile, expected] of cases) {
			const result = await importTccliProfile(dir, profile, now);
			assert.equal(result.ok, false, profile);
			const message = result.ok ? '' : result.error;
			assertReadable(message, `tccli ${profile}`);
			assert.match(message, expected);
			assertNoSecret(message);
			assert.doesNotMatch(message, FILE_VALUE_MARKERS, profile);
			assert.ok(!message.includes('saml'), `${profile}: quotes the type: ${message}`);
		}
		// Nothing lost: the good profiles next to the broken ones import whole, the listing shows every profile.
		assert.deepEqual(await importTccliProfile(dir, 'good', now), {
			ok: true,
			credentials: { secretId: ID, secretKey: KEY },
			origin: { kind: 'tccli', profile: 'good', file: path.join(dir, 'good.credential') },
			source: `tccli profile "good" (${path.join(dir, 'good.credential')})`,
			temporary: false,
		});
		const sso = await importTccliProfile(dir, 'sso', now);
		assert.ok(sso.ok && sso.credentials.token === TOKEN && sso.temporary && sso.expiresAt?.getTime() === 4102444800_000);
		const listing = await listTccliProfiles(dir);
		assert.ok(listing.ok);
		assert.equal(listing.profiles.length, readdirSync(path.join(CORPUS, 'tccli')).length);
		const covered = new Set([...cases.map(([p]) => p), 'good', 'sso']);
		assert.deepEqual(listing.profiles.filter((p) => !covered.has(p)), [], 'every corpus profile has a case');
	});

	it('100,000 levels of nesting in a tccli profile or a fixture: a clear message, never RangeError', async () => {
		const depth = 100_000;
		const dir = tccliDirectory(home);
		const deep: [string, string, RegExp][] = [
			['deep-arrays', `${'['.repeat(depth)}${']'.repeat(depth)}`, /must contain a JSON object, not an array\.$/],
			['deep-objects', `${'{"secretId":'.repeat(depth)}1${'}'.repeat(depth)}`, /field "secretId" must be a string, not an object\.$/],
			['deep-unclosed', `${'[{"a":'.repeat(depth)}`, /is not valid JSON: expected a value at line 1, column 600001\.$/],
		];
		const now = Date.UTC(2025, 0, 1);
		for (const [profile, text, expected] of deep) {
			const file = path.join(dir, `${profile}.credential`);
			writeFileSync(file, text);
			try {
				const result = await importTccliProfile(dir, profile, now);
				const message = result.ok ? '' : result.error;
				assertReadable(message, profile);
				assert.match(message, expected);
			} finally {
				rmSync(file);
			}
		}
		const fixture = path.join(home, 'deep-fixture.json');
		writeFileSync(fixture, '['.repeat(depth));
		await assert.rejects(loadFixtureFile(fixture), (error: unknown) => {
			assert.ok(error instanceof FixtureError);
			assertReadable(error.message, 'deep fixture');
			assert.match(error.message, /deep-fixture\.json: not valid JSON at line 1, column 100001 \(position 100000, the end of the file\): expected a value$/);
			return true;
		});
		writeFileSync(fixture, `${'['.repeat(depth)}${']'.repeat(depth)}`);
		await assert.rejects(loadFixtureFile(fixture), /deep-fixture\.json: item \[0\]: expected a TaskInfo object, got array$/);
	});

	it('the SDK INI file: file and line or key named, never a key; [default] survives other sections', async () => {
		const target = tencentCloudCredentialsPaths(home)[0];
		const load = async (file: string): Promise<ReturnType<typeof importTencentCloudCredentials>> => {
			cpSync(path.join(CORPUS, 'ini', file), target);
			// Only the home file: /etc/tencentcloud/credentials of the machine running the tests must not count.
			return importTencentCloudCredentials([target]);
		};
		const file = target.replace(/[.\\/]/g, '\\$&');
		const cases: [string, RegExp][] = [
			['empty.ini', new RegExp(`^${file} has no \\[default\\] section; the Tencent Cloud SDKs read only \\[default\\]\\.$`)],
			['no-default.ini', new RegExp(`^${file} has no \\[default\\] section \\(it has only another section, at line 1\\); the Tencent Cloud SDKs read only \\[default\\]\\.$`)],
			['secret-looking-section.ini', new RegExp(`^${file} has no \\[default\\] section \\(it has only another section, at line 2\\);`)],
			['missing-secret-key.ini', new RegExp(`^${file}: \\[default\\] has no "secret_key"\\.$`)],
			['duplicate-key.ini', new RegExp(`^${file}, line 4: "secret_key" is set twice in \\[default\\]; keep one\\.$`)],
			['not-name-value.ini', new RegExp(`^${file}, line 3: expected "name = value" in the \\[default\\] section\\.$`)],
			['spaces-in-key.ini', new RegExp(`^${file}: in \\[default\\], "secret_key" contains whitespace\\.$`)],
			['id-not-akid.ini', new RegExp(`^${file}: in \\[default\\], "secret_id" does not start with AKID`)],
			['token-with-space.ini', new RegExp(`^${file}: in \\[default\\], "token" contains whitespace\\.$`)],
		];
		for (const [name, expected] of cases) {
			const result = await load(name);
			assert.equal(result.ok, false, name);
			const message = result.ok ? '' : result.error;
			assertReadable(message, `ini ${name}`);
			assert.match(message, expected);
			assertNoSecret(message);
			assert.doesNotMatch(message, FILE_VALUE_MARKERS, name);
			assert.ok(!message.includes('prod'), `${name}: quotes a section name: ${message}`);
		}
		// Nothing lost: BOM, CRLF, comments, quotes, an empty token and junk in other sections around a good [default].
		assert.deepEqual(await load('good-among-others.ini'), { ok: true, credentials: { secretId: ID, secretKey: KEY }, origin: { kind: 'credentialsFile', file: target, section: 'default' }, source: target, temporary: false });
		assert.deepEqual(
			readdirSync(path.join(CORPUS, 'ini')).filter((f) => f !== 'good-among-others.ini').sort(),
			cases.map(([f]) => f).sort(),
			'every corpus file has a case',
		);
		// A file that is not there, or a folder where the file should be.
		rmSync(target);
		const missing = await importTencentCloudCredentials([target]);
		assert.match(missing.ok ? '' : missing.error, /^No Tencent Cloud credentials file found \(looked for .*credentials\)\.$/);
		mkdirSync(target);
		const folder = await importTencentCloudCredentials([target]);
		assert.match(folder.ok ? '' : folder.error, /credentials is a directory, not a file\.$/);
		rmSync(target, { recursive: true });
	});

	it('environment variables: the variable named, never its value', () => {
		const cases: [Record<string, string>, RegExp][] = [
			[{}, /TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set/],
			[{ TENCENTCLOUD_SECRET_KEY: KEY }, /TENCENTCLOUD_SECRET_KEY is set but TENCENTCLOUD_SECRET_ID is not; set both/],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: ` ${KEY}` }, /TENCENTCLOUD_SECRET_KEY has spaces or a line break around it/],
			[{ TENCENTCLOUD_SECRET_ID: KEY, TENCENTCLOUD_SECRET_KEY: KEY }, /TENCENTCLOUD_SECRET_ID does not start with AKID/],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_TOKEN: `${TOKEN} x` }, /TENCENTCLOUD_TOKEN contains whitespace/],
			[{ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_SESSION_TOKEN: TOKEN, TENCENTCLOUD_TOKEN: `${TOKEN}2` }, /both set, to different values/],
		];
		for (const [env, expected] of cases) {
			const result = importFromEnvironment(env);
			const message = result.ok ? '' : result.error;
			assertReadable(message, `env ${Object.keys(env).join('+')}`);
			assert.match(message, expected);
			assertNoSecret(message);
		}
		const good = importFromEnvironment({ TENCENTCLOUD_SECRET_ID: ID, TENCENTCLOUD_SECRET_KEY: KEY, TENCENTCLOUD_TOKEN: TOKEN, UNRELATED: 'x' });
		assert.ok(good.ok && good.credentials.token === TOKEN && good.credentials.secretKey === KEY);
	});

	it('webview messages: only the protocol gets through, and a bad message next to good ones costs none of them', () => {
		// A rejected message is dropped with one log line, "<panel>: ignored a message from the webview that is not
		// part of the protocol" (src/webview/webviewChannel.ts, which needs vscode); the guard decides.
		const corpus = JSON.parse(readFileSync(path.join(CORPUS, 'webview-messages.json'), 'utf8')) as { accepted: unknown[]; rejected: unknown[] };
		const live: unknown[] = [
			new (class Message {
				type = 'refresh';
			})(),
			Object.defineProperty({ type: 'copy' }, 'field', { get: () => 'TaskId', enumerable: true }),
			{ type: 'openTask', taskId: { toString: () => 't-1' } },
			{ type: 'refresh', [Symbol('x')]: 1 },
		];
		// Interleaved, as a page would send them: every good message is still accepted after bad ones.
		const stream = corpus.rejected.flatMap((bad, i) => [bad, corpus.accepted[i % corpus.accepted.length]]);
		for (const message of stream) {
			const expected = corpus.accepted.includes(message);
			assert.equal(isFromWebviewMessage(message), expected, `${expected ? 'accepts' : 'rejects'} ${JSON.stringify(message)}`);
		}
		for (const message of live) {
			assert.equal(isFromWebviewMessage(message), false, `rejects ${String(message)}`);
		}
		assert.equal(({} as Record<string, unknown>).polluted, undefined);
	});
});
