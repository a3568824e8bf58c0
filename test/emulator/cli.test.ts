import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLAGS, parseCliArgs, parseStdinSecrets, usage } from '../../src/emulator/cliArgs';
import { errorOf, send } from './helpers';

/** The transpiled CLI next to this compiled test (out dir mirrors src/ and test/). */
const CLI = join(__dirname, '..', '..', 'src', 'emulator', 'cli.js');

interface RunOptions {
	/** Added to this process's environment for the child. */
	env?: Record<string, string>;
	/** Written to the child's standard input, which is then closed (otherwise stdin is /dev/null). */
	stdin?: string;
	/** Runs once the emulator is listening, before SIGTERM; the child's pid and port. */
	whileListening?: (pid: number, port: number) => Promise<void>;
}

function runCli(args: string[], untilListening: boolean, o: RunOptions = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {
			stdio: [o.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			env: { ...process.env, ...o.env },
		});
		let stdout = '';
		let stderr = '';
		let sent = false;
		let failure: Error | undefined;
		child.stdout?.on('data', (d: Buffer) => {
			stdout += d.toString();
			const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
			if (untilListening && !sent && listening && /Ctrl-C/.test(stdout)) {
				sent = true;
				const pid = child.pid as number;
				void (o.whileListening?.(pid, Number(listening[1])) ?? Promise.resolve())
					.catch((e: unknown) => (failure = e instanceof Error ? e : new Error(JSON.stringify(e))))
					.finally(() => child.kill('SIGTERM'));
			}
		});
		child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) => (failure ? reject(failure) : resolve({ code, stdout, stderr })));
		if (o.stdin !== undefined) {
			child.stdin?.end(o.stdin);
		}
	});
}

/** The command line of a process as other users see it: `ps`, and /proc/PID/cmdline where there is one. */
function visibleCommandLine(pid: number): string {
	const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
	const proc = `/proc/${pid}/cmdline`;
	const cmdline = existsSync(proc) ? readFileSync(proc, 'utf8').replace(/\0/g, ' ') : '';
	const seen = `${ps.stdout ?? ''}\n${cmdline}`;
	assert.match(seen, /cli\.js/, 'the command line of the emulator was read');
	return seen;
}

/** The `Response` object of an emulator answer, error or not. */
function responseOf(res: { text: string }): Record<string, unknown> {
	return (JSON.parse(res.text) as { Response: Record<string, unknown> }).Response;
}

const GIVEN_ID = 'AKIDgiven0000000000000000000000000007';
const GIVEN_KEY = 'GivenSecretKeyValue0123456789abXY';
const GIVEN_TOKEN = 'GivenTokenValue.abc_DEF-123';

describe('emulator CLI', () => {
	it('parses every flag into options', () => {
		const c = parseCliArgs([
			'--port', '0', '--tasks', '50', '--seed', '3', '--zone', 'z-test', '--secret-id', 'ID',
			'--fixture', 'f.json', '--latency-ms', '25', '--fault-rate', '0.1', '--fault-kinds', 'http502,reset', '--evolve',
			'--cic-disabled', '--language', 'en-US', '--list-tasks-rps', '5', '--get-task-status-rps', '50', '--verbose',
		], { CIC_EMULATOR_SECRET_KEY: 'KEY', CIC_EMULATOR_TOKEN: 'T' });
		assert.equal(c.kind, 'run');
		assert.deepEqual(c.kind === 'run' && c.options, {
			port: 0, tasks: 50, seed: 3, zoneId: 'z-test', secretId: 'ID', secretKey: 'KEY', token: 'T', fixture: 'f.json', latencyMs: 25,
			faultRate: 0.1, faultKinds: ['http502', 'reset'], evolve: true, cicDisabled: true, language: 'en-US',
			requestsPerSecond: { ListTasks: 5, GetTaskStatus: 50 },
		});
		assert.deepEqual(parseCliArgs(['--evolve-interval-ms', '500']), { kind: 'run', options: { evolve: { intervalMs: 500 } }, verbose: false });
		assert.deepEqual(parseCliArgs(['--authorizations-per-role-configuration', '3']), { kind: 'run', options: { authorizationsPerRoleConfiguration: 3 }, verbose: false });
		assert.deepEqual(parseCliArgs([]), { kind: 'run', options: {}, verbose: false });
		assert.deepEqual(parseCliArgs(['--secret-id', 'ID', '--secret-key-stdin']), { kind: 'run', options: { secretId: 'ID' }, verbose: false, secretsFromStdin: true });
		assert.deepEqual(parseCliArgs([], { CIC_EMULATOR_TOKEN: 'T' }), { kind: 'run', options: { token: 'T' }, verbose: false }, 'a token alone makes the generated key temporary');
		assert.deepEqual(parseCliArgs([], { CIC_EMULATOR_SECRET_KEY: '', CIC_EMULATOR_TOKEN: '' }), { kind: 'run', options: {}, verbose: false }, 'empty variables count as unset');
		assert.equal(parseCliArgs(['--help']).kind, 'help');
		assert.equal(parseCliArgs(['-h']).kind, 'help');
	});

	it('rejects bad flags with a clear message', () => {
		const cases: [string[], RegExp][] = [
			[['--bogus'], /unknown argument "--bogus"/],
			[['positional'], /unknown argument/],
			[['--port'], /--port needs a value/],
			[['--port', '70000'], /--port expects a port number/],
			[['--tasks', 'many'], /--tasks expects a non-negative integer, got "many"/],
			[['--fault-rate', '2'], /between 0 and 1/],
			[['--fault-kinds', 'http502,meteor'], /unknown kind "meteor"/],
			[['--language', 'fr-FR'], /zh-CN or en-US/],
			[['--secret-id', 'ID'], /--secret-id needs its SecretKey: set CIC_EMULATOR_SECRET_KEY, or pass --secret-key-stdin/],
			[['--secret-key-stdin'], /--secret-key-stdin needs --secret-id/],
			[['--secret-id', ''], /must not be empty/],
			[['--evolve=yes'], /takes no value/],
			[['--seed', '1', '--seed', '2'], /given twice/],
			[['--authorizations-per-role-configuration', '2.5'], /non-negative integer/],
		];
		for (const [args, message] of cases) {
			const c = parseCliArgs(args);
			assert.equal(c.kind, 'error', args.join(' '));
			assert.match(c.kind === 'error' ? c.message : '', message);
		}
	});

	it('refuses a key or token on the command line, pointing to the environment, without repeating it', () => {
		const secret = 'top-secret-value-42';
		const cases: [string[], RegExp][] = [
			[['--secret-id', 'AKIDx', '--secret-key', secret], /--secret-key is not accepted: .*ps.*shell history\. Set CIC_EMULATOR_SECRET_KEY in the environment, or pass --secret-key-stdin/],
			[[`--secret-key=${secret}`], /--secret-key is not accepted/],
			[['--token', secret], /--token is not accepted: .*Set CIC_EMULATOR_TOKEN in the environment/],
			[[`--token=${secret}`], /--token is not accepted/],
			[[`--secretkey=${secret}`], /unknown argument "--secretkey=…"/],
			[['--secret-id', 'AKIDx', '--evolve', secret], /unknown argument #4 \(not a --flag\)/],
		];
		for (const [args, message] of cases) {
			const c = parseCliArgs(args, { CIC_EMULATOR_SECRET_KEY: 'k' });
			assert.equal(c.kind, 'error', args.join(' '));
			const text = c.kind === 'error' ? c.message : '';
			assert.match(text, message);
			assert.ok(!text.includes(secret), `echoes the value: ${text}`);
		}
		const both = parseCliArgs(['--secret-id', 'AKIDx', '--secret-key-stdin'], { CIC_EMULATOR_SECRET_KEY: 'k' });
		assert.match(both.kind === 'error' ? both.message : '', /CIC_EMULATOR_SECRET_KEY is set and --secret-key-stdin is given: use one of them/);
		const keyOnly = parseCliArgs([], { CIC_EMULATOR_SECRET_KEY: 'k' });
		assert.match(keyOnly.kind === 'error' ? keyOnly.message : '', /CIC_EMULATOR_SECRET_KEY needs --secret-id/);
		assert.ok(!FLAGS.some((f) => f.name === 'secret-key' || f.name === 'token'), 'no flag takes a secret');
	});

	it('reads the SecretKey and an optional token from standard input', () => {
		assert.deepEqual(parseStdinSecrets(`${GIVEN_KEY}\n`, { secretId: 'AKIDx' }), { options: { secretId: 'AKIDx', secretKey: GIVEN_KEY } });
		assert.deepEqual(parseStdinSecrets(`${GIVEN_KEY}\r\n${GIVEN_TOKEN}\r\n\r\n`, {}), { options: { secretKey: GIVEN_KEY, token: GIVEN_TOKEN } });
		const errors: [string, RegExp][] = [
			['', /held no SecretKey/],
			[`\n${GIVEN_KEY}`, /held no SecretKey/],
			[`${GIVEN_KEY}\n${GIVEN_TOKEN}\nextra`, /has 3 lines; --secret-key-stdin expects the SecretKey and at most a token/],
		];
		for (const [text, message] of errors) {
			const r = parseStdinSecrets(text, {});
			assert.ok('error' in r);
			assert.match(r.error, message);
			assert.ok(!r.error.includes(GIVEN_KEY.slice(0, 8)) && !r.error.includes(GIVEN_TOKEN.slice(0, 8)), r.error);
		}
		const twice = parseStdinSecrets(`${GIVEN_KEY}\n${GIVEN_TOKEN}`, { token: 'from-env' });
		assert.ok('error' in twice && /both from CIC_EMULATOR_TOKEN and from standard input/.test(twice.error));
	});

	it('documents every flag with its default in --help', () => {
		const text = usage();
		for (const f of FLAGS) {
			assert.ok(text.includes(`--${f.name}`), f.name);
			if (f.default !== '') {
				assert.ok(text.includes(`(default: ${f.default})`), f.name);
			}
		}
		assert.match(text, /CIC_EMULATOR_SECRET_KEY\s+SecretKey for --secret-id/);
		assert.match(text, /CIC_EMULATOR_TOKEN\s+require this X-TC-Token/);
		assert.doesNotMatch(text, /--secret-key |--token /, 'no flag that takes a secret is offered');
	});

	describe('as a process', () => {
		it('prints the URL, zone and generated key, and exits 0 on SIGTERM', async () => {
			const r = await runCli(['--port', '0', '--tasks', '3', '--zone', 'z-cli'], true);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /listening on http:\/\/127\.0\.0\.1:\d+/);
			assert.match(r.stdout, /z-cli/);
			assert.match(r.stdout, /secret id:\s+AKID/);
			assert.match(r.stdout, /secret key:/);
		});

		it('prints a generated key pair with the sample marker', async () => {
			const r = await runCli(['--tasks', '1'], true);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /secret id:\s+AKIDSAMPLE[A-Za-z0-9]{26}\s+\(sample key, generated for this run\)/);
		});

		it('takes the key and token from the environment: the command line ps shows holds no secret', async () => {
			const r = await runCli(['--secret-id', GIVEN_ID, '--tasks', '2', '--verbose'], true, {
				env: { CIC_EMULATOR_SECRET_KEY: GIVEN_KEY, CIC_EMULATOR_TOKEN: GIVEN_TOKEN },
				whileListening: async (pid, port) => {
					const seen = visibleCommandLine(pid);
					assert.ok(!seen.includes(GIVEN_KEY) && !seen.includes(GIVEN_TOKEN), `a secret is on the command line: ${seen}`);
					// The keys really came through: a request signed with them succeeds, one with a wrong key does not.
					const emu = { port, credentials: { secretId: GIVEN_ID, secretKey: GIVEN_KEY, token: GIVEN_TOKEN } };
					const ok = await send(emu, 'ListTasks', { ZoneId: 'z-sample' });
					assert.equal(ok.status, 200);
					assert.equal(errorOf(responseOf(ok)), undefined, ok.text);
					const wrong = await send(emu, 'ListTasks', { ZoneId: 'z-sample' }, { secretKey: 'WrongKey0123456789abcdefWRONG0000' });
					assert.equal(errorOf(responseOf(wrong))?.Code, 'AuthFailure.SignatureFailure');
				},
			});
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /secret id:\s+AKID…0007\s+\(given\)/, 'a given SecretId is shown masked');
			assert.ok(!(r.stdout + r.stderr).includes(GIVEN_ID), 'the full SecretId is never printed');
			assert.ok(!(r.stdout + r.stderr).includes(GIVEN_KEY) && !(r.stdout + r.stderr).includes(GIVEN_TOKEN), 'no secret is printed');
		});

		it('takes the key and token from standard input with --secret-key-stdin', async () => {
			const r = await runCli(['--secret-id', GIVEN_ID, '--secret-key-stdin', '--tasks', '2'], true, {
				stdin: `${GIVEN_KEY}\n${GIVEN_TOKEN}\n`,
				whileListening: async (pid, port) => {
					const seen = visibleCommandLine(pid);
					assert.ok(!seen.includes(GIVEN_KEY) && !seen.includes(GIVEN_TOKEN), `a secret is on the command line: ${seen}`);
					const emu = { port, credentials: { secretId: GIVEN_ID, secretKey: GIVEN_KEY, token: GIVEN_TOKEN } };
					const ok = await send(emu, 'ListTasks', { ZoneId: 'z-sample' });
					assert.equal(errorOf(responseOf(ok)), undefined, ok.text);
				},
			});
			assert.equal(r.code, 0, r.stderr);
			assert.ok(!(r.stdout + r.stderr).includes(GIVEN_KEY) && !(r.stdout + r.stderr).includes(GIVEN_TOKEN), 'no secret is printed');
			const empty = await runCli(['--secret-id', GIVEN_ID, '--secret-key-stdin'], false, { stdin: '' });
			assert.equal(empty.code, 2);
			assert.match(empty.stderr, /standard input held no SecretKey/);
		});

		it('masks an unknown SecretId in its log', async () => {
			const unknown = 'AKIDunknownKeyId00000000000000000LAST';
			const r = await runCli(['--tasks', '1', '--verbose'], true, {
				whileListening: async (_pid, port) => {
					const emu = { port, credentials: { secretId: unknown, secretKey: GIVEN_KEY } };
					const res = await send(emu, 'ListTasks', { ZoneId: 'z-sample' });
					assert.equal(errorOf(responseOf(res))?.Code, 'AuthFailure.SecretIdNotFound');
				},
			});
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stderr, /AuthFailure\.SecretIdNotFound: unknown SecretId AKID…LAST/);
			assert.ok(!r.stderr.includes(unknown), `the full SecretId is logged: ${r.stderr}`);
		});

		it('exits 2 on a key given as a flag, naming the environment variable, never the key', async () => {
			const r = await runCli(['--secret-id', GIVEN_ID, '--secret-key', GIVEN_KEY], false);
			assert.equal(r.code, 2);
			assert.match(r.stderr, /--secret-key is not accepted: .*CIC_EMULATOR_SECRET_KEY/);
			assert.ok(!(r.stdout + r.stderr).includes(GIVEN_KEY));
		});

		it('exits 2 on a bad flag and 1 on a bad fixture', async () => {
			const bad = await runCli(['--nope'], false);
			assert.equal(bad.code, 2);
			assert.match(bad.stderr, /unknown argument "--nope"/);
			const fixture = await runCli(['--fixture', '/definitely/missing.json'], false);
			assert.equal(fixture.code, 1);
			assert.match(fixture.stderr, /missing\.json: file not found/);
		});
	});
});
