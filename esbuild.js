// Builds every bundle of the extension. `node esbuild.js [--production] [--watch] [--tests] [--outdir=DIR]`
//   default       dist/extension.js (+ the lazily loaded emulator, its CLI, + webview scripts into media/dist/)
//   --production  minified, no source maps, no test hooks (what the .vsix ships)
//   --watch       rebuild on change
//   --tests       transpile src/ and test/ file by file into out/ (or --outdir=DIR) for mocha and the extension host
//   --outdir=DIR  with --tests: instead of out/; otherwise: DIR/dist/ and DIR/media/dist/ instead of dist/ and
//                 media/dist/ (the bundle test builds there so it never touches the dist/ an integration run uses)
'use strict';
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const outdirArgument = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
/** Where --tests writes; separate folders let several test runs proceed side by side. */
const testOutDir = outdirArgument ?? 'out';
/** Where dist/ and media/dist/ go for the bundles. */
const bundleRoot = outdirArgument ?? '.';

/**
 * `__CIC_TEST_HOOKS__` (declared in src/buildFlags.d.ts): the test API, the test-only command arguments and the
 * webview test hooks exist only where it is true. In --production it is false and esbuild drops the code it guards.
 */
const testHooksDefine = { __CIC_TEST_HOOKS__: production ? 'false' : 'true' };

/** Prints esbuild's problems in the format VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => {
			if (watch) {
				console.log('[watch] build started');
			}
		});
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {
					console.error(`    ${location.file}:${location.line}:${location.column}:`);
				}
			}
			if (watch) {
				console.log('[watch] build finished');
			}
		});
	},
};

const common = {
	bundle: true,
	minify: production,
	sourcemap: production ? false : 'linked',
	sourcesContent: false,
	logLevel: 'silent',
	plugins: [problemMatcher],
	legalComments: 'none',
	define: testHooksDefine,
};

/**
 * The node bundles: the extension itself, and the emulator (sample data) kept apart and required on first use
 * (src/host/emulatorLoader.ts), so activation never reads it. Everything else is in dist/extension.js.
 */
function nodeBundles() {
	const bundles = [
		{ entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
		{ entryPoints: ['src/emulator/index.ts'], outfile: 'dist/emulator.js' },
		// The emulator's command line (`npm run emulator`): built, not shipped (.vscodeignore).
		{ entryPoints: ['src/emulator/cli.ts'], outfile: 'dist/emulator-cli.js' },
	];
	return bundles
		.filter((b) => b.entryPoints.every((e) => fs.existsSync(e)))
		.map((b) => ({
			...common,
			...b,
			outfile: path.join(bundleRoot, b.outfile),
			format: 'cjs',
			platform: 'node',
			target: 'node20',
			external: ['vscode'],
			// Node reads modules as UTF-8; esbuild's default \uXXXX escapes would double the size of the zh-CN texts.
			charset: 'utf8',
		}));
}

/** Webview scripts: one browser bundle per file in src/webview/ui/*.ts, written to media/dist/ (inside localResourceRoots). */
function webviewBundles() {
	const dir = 'src/webview/ui';
	if (!fs.existsSync(dir)) {
		return [];
	}
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
		.map((f) => ({
			...common,
			entryPoints: [path.join(dir, f)],
			outfile: path.join(bundleRoot, 'media/dist', f.replace(/\.ts$/, '.js')),
			format: 'iife',
			platform: 'browser',
			target: 'es2022',
		}));
}

function listTs(dir) {
	if (!fs.existsSync(dir)) {
		return [];
	}
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			out.push(...listTs(p));
		} else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
			out.push(p);
		}
	}
	return out;
}

/** Tests run from out/: every file transpiled on its own (no bundling), so mocha sees one module per file. */
function testBuild() {
	return {
		entryPoints: [...listTs('src'), ...listTs('test')].filter((f) => !f.startsWith(path.join('src', 'webview', 'ui'))),
		outdir: testOutDir,
		outbase: '.',
		bundle: false,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		sourcemap: 'inline',
		logLevel: 'silent',
		plugins: [problemMatcher],
		// The unit and integration tests run against the test hooks.
		define: { __CIC_TEST_HOOKS__: 'true' },
	};
}

async function main() {
	const configs = tests ? [testBuild()] : [...nodeBundles(), ...webviewBundles()];
	if (tests) {
		fs.rmSync(testOutDir, { recursive: true, force: true });
	} else if (production) {
		// A packaged build must not ship source maps a previous development build left behind.
		for (const dir of ['dist', 'media/dist']) {
			fs.rmSync(path.join(bundleRoot, dir), { recursive: true, force: true });
		}
	}
	const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
	if (watch) {
		await Promise.all(contexts.map((c) => c.watch()));
		return;
	}
	try {
		await Promise.all(contexts.map((c) => c.rebuild()));
	} finally {
		await Promise.all(contexts.map((c) => c.dispose()));
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
