// The desktop path: downloads VS Code with @vscode/test-electron and runs the same suite (index.ts) in it.
// Needs a desktop with internet access to update.code.visualstudio.com; the CI machines have none and use
// scripts/test-integration.sh (code-server) instead. Run after a build:
//   node esbuild.js && node esbuild.js --tests && node out/test/integration/runTest.js
// CIC_VSCODE_VERSION picks the VS Code build ('stable' by default; e.g. 1.100.0 for the engines.vscode minimum).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { runTests } from '@vscode/test-electron';

interface TestResults {
	passed: string[];
	failed: { title: string; err: string }[];
}

async function main(): Promise<number> {
	const root = path.resolve(__dirname, '../../..');
	const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-tasks-desktop-test-'));
	const workspace = path.join(tempDir, 'workspace');
	const resultFile = path.join(tempDir, 'result.json');
	fs.mkdirSync(workspace);
	try {
		let failedRun: unknown;
		try {
			await runTests({
				version: process.env.CIC_VSCODE_VERSION ?? 'stable',
				cachePath: path.join(root, '.vscode-test'),
				extensionDevelopmentPath: root,
				extensionTestsPath: path.join(__dirname, 'index.js'),
				launchArgs: ['--disable-extensions', workspace],
				extensionTestsEnv: { CIC_TEST_MODE: '1', CIC_TEST_RESULT_FILE: resultFile },
			});
		} catch (err) {
			failedRun = err;
		}
		const results = fs.existsSync(resultFile) ? (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as TestResults) : undefined;
		for (const f of results?.failed ?? []) {
			console.log(`\nFAILED: ${f.title}\n${f.err}`);
		}
		console.log(`${results?.passed.length ?? 0} passed, ${results ? results.failed.length : 'unknown'} failed`);
		if (failedRun !== undefined) {
			console.error(`runTest: ${failedRun instanceof Error ? failedRun.message : inspect(failedRun)}`);
			return 1;
		}
		return results && results.failed.length === 0 && results.passed.length > 0 ? 0 : 1;
	} finally {
		fs.rmSync(tempDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(err);
		process.exit(1);
	},
);
