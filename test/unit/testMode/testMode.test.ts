import * as assert from 'node:assert/strict';
import { testArgumentParsers } from '../../../src/commands/testArguments';
import { isTestMode, testModeFrom, testOnlyArgument } from '../../../src/host/testMode';

// Issue 13 item 5: outside test mode, the arguments that skip a prompt or point at a file, an environment or an
// endpoint are ignored; in test mode the suite still gets them.

function recordingLog(): { debug(message: string): void; lines: string[] } {
	const lines: string[] = [];
	return { lines, debug: (message) => void lines.push(message) };
}

describe('test mode', () => {
	it('needs both a build with the hooks and CIC_TEST_MODE', () => {
		assert.equal(testModeFrom(true, { CIC_TEST_MODE: '1' }), true);
		assert.equal(testModeFrom(true, {}), false);
		assert.equal(testModeFrom(true, { CIC_TEST_MODE: '' }), false);
		// The packaged build: the environment alone turns nothing on.
		assert.equal(testModeFrom(false, { CIC_TEST_MODE: '1' }), false);
	});

	it('follows CIC_TEST_MODE at run time in a build with the hooks', () => {
		const saved = process.env.CIC_TEST_MODE;
		try {
			delete process.env.CIC_TEST_MODE;
			assert.equal(isTestMode(), false);
			process.env.CIC_TEST_MODE = '1';
			assert.equal(isTestMode(), true);
		} finally {
			if (saved === undefined) {
				delete process.env.CIC_TEST_MODE;
			} else {
				process.env.CIC_TEST_MODE = saved;
			}
		}
	});
});

describe('test-only command arguments', () => {
	// registerCommands.ts passes the parser only in test mode; `undefined` is what every command gets otherwise.
	const off = undefined;

	it('outside test mode, drops every dangerous argument and says so in the log', () => {
		const cases: [string, unknown][] = [
			['cicTasks.exportTasks', { path: '/tmp/attacker-chosen.json', format: 'csv' }],
			['cicTasks.addCredentials', { name: 'default', secretId: 'AKIDexample', secretKey: 'key', skipCheck: true }],
			['cicTasks.removeCredentials', { profileId: 'p1', confirm: false }],
			['cicTasks.importCredentials', { source: 'env', home: '/tmp', env: { TENCENTCLOUD_SECRET_ID: 'x' }, endpoint: 'https://evil.example' }],
			['cicTasks.exploreSampleData', { fixture: '/etc/passwd', tasks: 5, seed: 1, evolveIntervalMs: 0 }],
		];
		for (const [command, arg] of cases) {
			const log = recordingLog();
			assert.equal(testOnlyArgument(off, command, arg, log), undefined, command);
			assert.deepEqual(log.lines, [`${command}: ignored its arguments, which only test mode accepts`]);
		}
	});

	it('outside test mode, logs nothing when a command gets no argument', () => {
		const log = recordingLog();
		assert.equal(testOnlyArgument(off, 'cicTasks.exportTasks', undefined, log), undefined);
		assert.deepEqual(log.lines, []);
	});

	it('in test mode, passes the parsed argument on', () => {
		const log = recordingLog();
		assert.deepEqual(testOnlyArgument(testArgumentParsers.exportTasks, 'cicTasks.exportTasks', { path: '/tmp/x.csv', format: 'csv' }, log), {
			path: '/tmp/x.csv',
			format: 'csv',
		});
		assert.deepEqual(log.lines, []);
	});

	it('parses each shape the integration suite passes, and nothing else', () => {
		const p = testArgumentParsers;
		assert.deepEqual(p.exportTasks({ path: '/tmp/x', format: 'xml' }), { path: '/tmp/x', format: undefined });
		assert.equal(p.exportTasks({ format: 'csv' }), undefined);
		assert.equal(p.exportTasks('/tmp/x'), undefined);

		assert.deepEqual(p.addCredentials({ name: 'n', site: 'custom', endpoint: 'http://127.0.0.1:1', secretId: 'AKID1', secretKey: 'k', skipCheck: true }), {
			name: 'n', site: 'custom', endpoint: 'http://127.0.0.1:1', secretId: 'AKID1', secretKey: 'k', token: undefined, zoneId: undefined, skipCheck: true,
		});
		assert.equal(p.addCredentials({ secretId: 'AKID1' }), undefined, 'a SecretKey is required');
		assert.equal(p.addCredentials({ secretId: 'AKID1', secretKey: 'k', site: 'elsewhere' })?.site, undefined);
		assert.equal(p.addCredentials({ secretId: 'AKID1', secretKey: 'k', skipCheck: 'yes' })?.skipCheck, false);

		assert.deepEqual(p.removeCredentials({ profileId: 'p1', confirm: false }), { profileId: 'p1', confirm: false });
		assert.deepEqual(p.removeCredentials({ profileId: 'p1' }), { profileId: 'p1', confirm: true }, 'only confirm: false skips the dialog');
		assert.equal(p.removeCredentials('p1'), undefined);

		assert.deepEqual(p.importCredentials({ source: 'tccli', profile: 'x', home: '/h', env: { A: 'a', B: 2 } }), {
			source: 'tccli', profile: 'x', home: '/h', env: { A: 'a', B: undefined }, name: undefined, zoneId: undefined, site: undefined, endpoint: undefined,
		});
		assert.equal(p.importCredentials({ source: 'keychain' }), undefined);

		assert.deepEqual(p.exploreSampleData({ tasks: 5000, seed: 3, evolveIntervalMs: 0 }), { tasks: 5000, seed: 3, evolve: false });
		assert.deepEqual(p.exploreSampleData({ evolveIntervalMs: 250, fixture: 'f.json' }), { evolve: { intervalMs: 250 }, fixture: 'f.json' });
		assert.equal(p.exploreSampleData(7), undefined);
	});
});
