import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Issue 13 items 5 and 6: the .vsix ships `node esbuild.js --production`, and that build must not contain the test
// API (it hands out SecretStorage), the test-only command arguments or the webview test hooks. The development
// build is checked for the same words, so the test cannot pass because a word was misspelt or a bundle is empty.
const root = path.resolve(__dirname, '../../../..');

/** Words that exist only in test-hook code, per shipped bundle (string literals and property names survive minifying). */
const TEST_ONLY_WORDS: Record<string, readonly string[]> = {
	'dist/extension.js': [
		'CIC_TEST_MODE', // the switch itself
		'testApi', // activate()'s export with secrets, globalState and session
		'skipCheck', // Add Credentials without the live check
		'evolveIntervalMs', // Explore Sample Data's generator options
		'testReply', // the host's half of the webview test protocol (src/webview/testProtocol.ts)
	],
	// The page's half.
	'media/dist/detail.js': ['testReply', 'requestId', 'securitypolicyviolation'],
	'media/dist/overview.js': ['testReply', 'requestId', 'securitypolicyviolation'],
};

function build(outdir: string, production: boolean): void {
	// --outdir keeps both builds out of the dist/ and media/dist/ that the integration runs load.
	execFileSync(process.execPath, ['esbuild.js', ...(production ? ['--production'] : []), `--outdir=${outdir}`], { cwd: root, stdio: 'pipe' });
}

function read(outdir: string, bundle: string): string {
	return fs.readFileSync(path.join(outdir, bundle), 'utf8');
}

describe('production bundle', function () {
	this.timeout(60000);
	let scratch: string;
	let production: string;
	let development: string;

	before(() => {
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-bundle-'));
		production = path.join(scratch, 'production');
		development = path.join(scratch, 'development');
		build(production, true);
		build(development, false);
	});

	after(() => {
		fs.rmSync(scratch, { recursive: true, force: true });
	});

	for (const [bundle, words] of Object.entries(TEST_ONLY_WORDS)) {
		it(`${bundle} has no test hooks in the production build, and has them in the development build`, () => {
			const shipped = read(production, bundle);
			const developed = read(development, bundle);
			assert.ok(shipped.length > 1000, `${bundle} was built`);
			for (const word of words) {
				assert.ok(developed.includes(word), `the development ${bundle} contains "${word}" (else this check proves nothing)`);
				assert.ok(!shipped.includes(word), `the production ${bundle} contains "${word}"`);
			}
		});
	}

	it('the production build still says when it ignores a test-only argument', () => {
		assert.ok(read(production, 'dist/extension.js').includes('ignored its arguments, which only test mode accepts'));
	});

	// Issue 9: one runtime bundle. Only the emulator (sample data) stays apart, loaded on first use; its CLI is built
	// for `npm run emulator` and not shipped.
	it('the production build writes the extension, the emulator and its CLI, and .vscodeignore ships only the first two', () => {
		const written = fs.readdirSync(path.join(production, 'dist')).filter((f) => f.endsWith('.js')).sort();
		assert.deepEqual(written, ['emulator-cli.js', 'emulator.js', 'extension.js']);
		const shipped = fs
			.readFileSync(path.join(root, '.vscodeignore'), 'utf8')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line.startsWith('!dist/'));
		assert.deepEqual(shipped.sort(), ['!dist/emulator.js', '!dist/extension.js']);
	});

	it('dist/extension.js stays within its 400 KB budget (docs/benchmarks.md)', () => {
		const bytes = fs.statSync(path.join(production, 'dist/extension.js')).size;
		assert.ok(bytes <= 400 * 1024, `dist/extension.js is ${bytes} bytes`);
	});

	it('no production bundle mentions CIC_TEST_MODE or exports a test API', () => {
		const bundles = ['dist', 'media/dist'].flatMap((dir) =>
			fs.readdirSync(path.join(production, dir)).filter((f) => f.endsWith('.js')).map((f) => `${dir}/${f}`),
		);
		assert.ok(bundles.length >= Object.keys(TEST_ONLY_WORDS).length, 'the production build wrote its bundles');
		for (const bundle of bundles) {
			const text = read(production, bundle);
			assert.ok(!text.includes('CIC_TEST_MODE'), `${bundle} mentions CIC_TEST_MODE`);
			assert.ok(!text.includes('testApi'), `${bundle} mentions testApi`);
		}
	});
});
