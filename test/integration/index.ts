// The entry VS Code loads as `extensionTestsPath`, in the extension host, from both runners:
// scripts/run-web-tests.mjs (code-server, CI) and runTest.ts (@vscode/test-electron, desktop).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestResults {
	passed: string[];
	failed: { title: string; err: string }[];
}

/** Every compiled `*.test.js` under this folder, sorted so the order is the same on every machine. */
function findTestFiles(dir: string): string[] {
	const files: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			files.push(...findTestFiles(full));
		} else if (entry.name.endsWith('.test.js')) {
			files.push(full);
		}
	}
	return files.sort();
}

function describeError(err: unknown): string {
	return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Loads each file the way Mocha's own loadFiles does, but one at a time: Mocha would throw out of run() at the
 * first bad file and the run would end with no result at all. Files that throw are returned as failures, kept
 * outside Mocha so that no grep can filter them away.
 */
function loadTestFiles(mocha: Mocha, files: string[]): TestResults['failed'] {
	const root = path.resolve(__dirname, '../../..');
	const failures: TestResults['failed'] = [];
	for (const file of files) {
		try {
			mocha.suite.emit('pre-require', globalThis, file, mocha);
			// eslint-disable-next-line @typescript-eslint/no-require-imports -- test files are found at run time, as Mocha's own loadFiles does
			mocha.suite.emit('require', require(file), file, mocha);
			mocha.suite.emit('post-require', globalThis, file, mocha);
		} catch (err) {
			failures.push({ title: `${path.relative(root, file)} failed to load`, err: describeError(err) });
		}
	}
	return failures;
}

export function run(): Promise<void> {
	// The web runner echoes the workbench console between these markers (test output, load errors and the
	// extension's own console), without the workbench's start-up chatter.
	console.log('[cic-tests] begin');
	// CIC_TEST_GREP runs a subset, e.g. CIC_TEST_GREP=foundation npm run test:integration.
	const grep = process.env.CIC_TEST_GREP;
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec', ...(grep ? { grep } : {}) });
	const files = findTestFiles(__dirname);
	const loadFailures = loadTestFiles(mocha, files);
	const results: TestResults = { passed: [], failed: [...loadFailures] };
	for (const f of loadFailures) {
		console.error(`${f.title}:\n${f.err}`);
	}

	return new Promise((resolve, reject) => {
		const runner = mocha.run((failures) => {
			console.log('[cic-tests] end');
			const resultFile = process.env.CIC_TEST_RESULT_FILE;
			if (resultFile) {
				fs.writeFileSync(resultFile, JSON.stringify(results));
			}
			if (failures + loadFailures.length > 0) {
				reject(new Error(`${failures} integration test(s) failed, ${loadFailures.length} file(s) failed to load`));
			} else if (results.passed.length === 0) {
				reject(new Error(`no integration tests ran (found ${files.length} test file(s) in ${__dirname})`));
			} else {
				resolve();
			}
		});
		runner.on('pass', (test) => results.passed.push(test.fullTitle()));
		runner.on('fail', (test, err) => results.failed.push({ title: test.fullTitle(), err: describeError(err) }));
	});
}
