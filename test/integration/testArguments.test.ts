import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { activateForTest, delay, removeAllProfiles, waitFor, waitIdle } from './helpers';

// Issue 13 item 5: another extension (or, before notifications were made inert, a link) could run a command with
// arguments that skip its prompts. Outside test mode they must be ignored and the command must prompt as usual.
// This suite turns test mode off in the extension host for a moment: the build still has the hooks, so it is the
// run-time half of the switch (src/host/testMode.ts) that is under test here; test/unit/testMode covers the build.

const IGNORED = /ignored its arguments, which only test mode accepts/;

/** Runs `body` with CIC_TEST_MODE unset, as in a user's VS Code; the test hooks need it back for cleanup. */
async function outsideTestMode<T>(body: () => Promise<T>): Promise<T> {
	const saved = process.env.CIC_TEST_MODE;
	delete process.env.CIC_TEST_MODE;
	try {
		return await body();
	} finally {
		if (saved !== undefined) {
			process.env.CIC_TEST_MODE = saved;
		}
	}
}

/** Runs a command that should open a prompt (a QuickPick, input box or save dialog) and dismisses it as a user would. */
async function runAndDismiss(command: string, arg: unknown): Promise<unknown> {
	let settled = false;
	const running = Promise.resolve(vscode.commands.executeCommand(command, arg)).finally(() => {
		settled = true;
	});
	for (let i = 0; i < 50 && !settled; i++) {
		await delay(200);
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
	}
	assert.ok(settled, `${command} ended once its prompt was dismissed`);
	return running;
}

describe('test-only command arguments outside test mode', function () {
	this.timeout(90000);
	let api: TestApi;
	let scratch: string;

	before(async () => {
		api = await activateForTest();
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-args-'));
	});

	after(async () => {
		await vscode.commands.executeCommand('cicTasks.leaveSampleData');
		await removeAllProfiles(api);
		fs.rmSync(scratch, { recursive: true, force: true });
	});

	function ignoredLines(command: string): number {
		return api.log.recentLines().filter((l) => l.includes(command) && IGNORED.test(l)).length;
	}

	it('Explore Sample Data ignores a fixture and generator options', async () => {
		const before = ignoredLines('cicTasks.exploreSampleData');
		await outsideTestMode(() =>
			Promise.resolve(vscode.commands.executeCommand('cicTasks.exploreSampleData', { fixture: path.join(scratch, 'none.json'), tasks: 7, seed: 5, evolveIntervalMs: 0 })),
		);
		await waitIdle(api);
		assert.equal(api.session.currentTarget.kind, 'sample');
		assert.ok(api.session.store.size > 7, `the default sample loaded, not 7 tasks from the arguments (${api.session.store.size})`);
		assert.equal(ignoredLines('cicTasks.exploreSampleData'), before + 1, 'the log says the arguments were ignored');
	});

	it('Export Tasks opens the save dialog instead of writing to a given path', async () => {
		const target = path.join(scratch, 'chosen-by-someone-else.json');
		const before = ignoredLines('cicTasks.exportTasks');
		const result = await outsideTestMode(() => runAndDismiss('cicTasks.exportTasks', { path: target, format: 'json' }));
		assert.equal(result, undefined, 'nothing was exported once the dialog was dismissed');
		assert.equal(fs.existsSync(target), false, 'no file at the given path');
		assert.equal(ignoredLines('cicTasks.exportTasks'), before + 1, 'the log says the arguments were ignored');
	});

	it('Add Credentials prompts instead of saving given keys without the live check', async () => {
		const before = ignoredLines('cicTasks.addCredentials');
		const result = await outsideTestMode(() =>
			runAndDismiss('cicTasks.addCredentials', { name: 'planted', site: 'custom', endpoint: 'https://attacker.example', secretId: 'AKIDplanted000000000000000000000000', secretKey: 'planted-secret-key-000000000000', skipCheck: true }),
		);
		assert.equal(result, undefined);
		assert.deepEqual(api.profiles.list().map((p) => p.name), [], 'no profile was saved');
		assert.equal(ignoredLines('cicTasks.addCredentials'), before + 1, 'the log says the arguments were ignored');
	});

	it('Import Credentials asks for the source instead of reading a given environment', async () => {
		const before = ignoredLines('cicTasks.importCredentials');
		const env = { TENCENTCLOUD_SECRET_ID: 'AKIDplanted000000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'planted-secret-key-000000000000' };
		await outsideTestMode(() => runAndDismiss('cicTasks.importCredentials', { source: 'env', env, home: scratch, endpoint: 'https://attacker.example' }));
		assert.deepEqual(api.profiles.list().map((p) => p.name), [], 'no profile was imported');
		assert.equal(ignoredLines('cicTasks.importCredentials'), before + 1, 'the log says the arguments were ignored');
	});

	it('still takes the test arguments in test mode', async () => {
		const target = path.join(scratch, 'test-mode.json');
		await vscode.commands.executeCommand('cicTasks.exportTasks', { path: target });
		await waitFor('the export', () => (fs.existsSync(target) ? true : undefined));
	});
});
