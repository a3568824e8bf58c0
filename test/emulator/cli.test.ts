import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FLAGS, parseCliArgs, usage } from '../../src/emulator/cliArgs';

/** The transpiled CLI next to this compiled test (out dir mirrors src/ and test/). */
const CLI = join(__dirname, '..', '..', 'src', 'emulator', 'cli.js');

function runCli(args: string[], untilListening: boolean): Promise<{ code: number | null; stdout: string; stderr: string; signalSentAfterMs?: number }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let sent = false;
		child.stdout.on('data', (d: Buffer) => {
			stdout += d.toString();
			if (untilListening && !sent && /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout) && /Ctrl-C/.test(stdout)) {
				sent = true;
				child.kill('SIGTERM');
			}
		});
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('emulator CLI', () => {
	it('parses every flag into options', () => {
		const c = parseCliArgs([
			'--port', '0', '--tasks', '50', '--seed', '3', '--zone', 'z-test', '--secret-id', 'ID', '--secret-key=KEY', '--token', 'T',
			'--fixture', 'f.json', '--latency-ms', '25', '--fault-rate', '0.1', '--fault-kinds', 'http502,reset', '--evolve',
			'--cic-disabled', '--language', 'en-US', '--list-tasks-rps', '5', '--get-task-status-rps', '50', '--verbose',
		]);
		assert.equal(c.kind, 'run');
		assert.deepEqual(c.kind === 'run' && c.options, {
			port: 0, tasks: 50, seed: 3, zoneId: 'z-test', secretId: 'ID', secretKey: 'KEY', token: 'T', fixture: 'f.json', latencyMs: 25,
			faultRate: 0.1, faultKinds: ['http502', 'reset'], evolve: true, cicDisabled: true, language: 'en-US',
			requestsPerSecond: { ListTasks: 5, GetTaskStatus: 50 },
		});
		assert.deepEqual(parseCliArgs(['--evolve-interval-ms', '500']), { kind: 'run', options: { evolve: { intervalMs: 500 } }, verbose: false });
		assert.deepEqual(parseCliArgs([]), { kind: 'run', options: {}, verbose: false });
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
			[['--secret-id', 'ID'], /given together/],
			[['--evolve=yes'], /takes no value/],
			[['--seed', '1', '--seed', '2'], /given twice/],
		];
		for (const [args, message] of cases) {
			const c = parseCliArgs(args);
			assert.equal(c.kind, 'error', args.join(' '));
			assert.match(c.kind === 'error' ? c.message : '', message);
		}
	});

	it('documents every flag with its default in --help', () => {
		const text = usage();
		for (const f of FLAGS) {
			assert.ok(text.includes(`--${f.name}`), f.name);
			if (f.default !== '') {
				assert.ok(text.includes(`(default: ${f.default})`), f.name);
			}
		}
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

		it('never prints a key it was given', async () => {
			const r = await runCli(['--secret-id', 'AKIDgiven', '--secret-key', 'top-secret-value'], true);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /AKIDgiven/);
			assert.doesNotMatch(r.stdout + r.stderr, /top-secret-value/);
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
