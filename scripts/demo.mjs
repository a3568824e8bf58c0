// `npm run demo`: builds, then opens a real VS Code with the extension in sample-data mode (an emulator with 500
// generated tasks that keep changing, started inside the extension; no account needed).
//
//   npm run demo                          desktop VS Code if `code` is on the PATH, otherwise code-server: open the URL it prints
//   npm run demo -- --code-server         code-server even when `code` is on the PATH
//   npm run demo -- --port=8080           code-server on this port (default: a free one)
//   npm run demo -- --screenshot FILE     headless: open the workbench in Chromium, click the CIC Tasks icon, wait for
//                                         the sample groups, write a PNG, exit (0 on success); what CI runs
//   npm run demo -- --no-build            skip `node esbuild.js`
//
// The VS Code it opens gets CIC_DEMO=1, which makes the extension run "Explore Sample Data" at activation
// (src/extension.ts). Its profile, settings, extensions dir, HOME/XDG dirs and workspace live in one temp dir;
// Ctrl-C (or closing the desktop window) ends every process started here and removes that dir.
// code-server is installed like the integration tests' (bash scripts/test-integration.sh --install-only);
// see /work/shared/docs/real-vscode-tests.md for why it is loaded through the `payload` URL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness } from './lib/codeServerHarness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CS_VERSION = '4.100.3';
const CS_BIN = path.join(ROOT, '.vscode-test', `code-server-${CS_VERSION}`, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT_TIMEOUT_MS = Number(process.env.CIC_DEMO_TIMEOUT_MS ?? 180000);

const opts = parseArgs(process.argv.slice(2));
const harness = createHarness({
	name: 'demo',
	tmpPrefix: 'cic-demo-',
	markerVar: 'CIC_DEMO_RUN',
	// A demo is opened by hand too, where the trust prompt would only get in the way.
	settings: { 'security.workspace.trust.enabled': false },
	signalMessage: 'stopping what it started',
});
const { runDir, dirs } = harness;

try {
	process.exitCode = await main();
} catch (e) {
	console.error(`demo: ${e instanceof Error ? e.message : e}`);
	process.exitCode = 1;
}
await harness.cleanup();

async function main() {
	if (!opts.noBuild) {
		run(process.execPath, ['esbuild.js'], 'build');
	}
	const code = opts.screenshot || opts.codeServer ? undefined : findOnPath(process.platform === 'win32' ? ['code.cmd', 'code'] : ['code']);
	if (code) {
		return desktop(code);
	}
	if (!fs.existsSync(CS_BIN)) {
		console.log(opts.screenshot ? 'demo: installing code-server (once)' : 'demo: `code` is not on the PATH; installing code-server (once) to open the demo in a browser');
	}
	run('bash', ['scripts/test-integration.sh', '--install-only'], 'code-server install');
	const { server, log, lineListeners, host: listening } = harness.startCodeServer({ bin: CS_BIN, port: opts.port, env: { CIC_DEMO: '1' } });
	if (process.env.CIC_DEMO_VERBOSE === '1') {
		lineListeners.push((line) => console.log(`[code-server] ${line}`));
	}
	// The last lines of code-server's output are what explain a failed start.
	const host = await listening.catch((e) => {
		throw new Error(`${e.message}\n${log.slice(-20).join('\n')}`);
	});
	const url = workbenchUrl(host);
	if (opts.screenshot) {
		return screenshot(url, path.resolve(opts.screenshot));
	}
	console.log(`\nCIC Tasks demo (code-server ${CS_VERSION}) is running. Open this URL in a browser:\n\n  ${url}\n`);
	console.log('Click the CIC Tasks icon in the activity bar: it shows sample data. Ctrl-C stops the demo.\n');
	const exit = await new Promise((resolve) => server.once('exit', (c, s) => resolve(s ?? c)));
	console.error(`demo: code-server exited (${exit})`);
	return 1;
}

/** Desktop VS Code: a separate instance (own profile), so closing it or Ctrl-C here ends exactly what was started. */
async function desktop(code) {
	const args = [
		'--new-window',
		'--wait',
		`--user-data-dir=${path.join(runDir, 'user')}`,
		`--extensions-dir=${dirs.exts}`,
		`--extensionDevelopmentPath=${ROOT}`,
		'--disable-workspace-trust',
		'--skip-welcome',
		'--skip-release-notes',
		dirs.workspace,
	];
	console.log(`demo: ${code} ${args.join(' ')}`);
	console.log('Click the CIC Tasks icon in the activity bar of the new window: it shows sample data. Close the window or press Ctrl-C to stop.');
	// HOME and XDG stay the user's: desktop VS Code needs its keychain and display settings; everything it writes goes to --user-data-dir.
	const child = spawn(code, args, {
		cwd: ROOT,
		env: { ...harness.inheritedEnv, CIC_DEMO: '1', CIC_DEMO_RUN: runDir },
		stdio: 'inherit',
		shell: process.platform === 'win32',
	});
	harness.track(child);
	const status = await new Promise((resolve) => {
		child.once('error', (e) => resolve(`failed to start: ${e.message}`));
		child.once('exit', (c, s) => resolve(s ?? c));
	});
	return status === 0 ? 0 : (console.error(`demo: ${code} exited (${status})`), 1);
}

/** The workbench with the extension loaded from this folder in development mode (as VS Code's browser tests do it). */
function workbenchUrl(host) {
	const payload = [
		['extensionDevelopmentPath', `vscode-remote://${host}${toPosix(ROOT)}`],
		['skipWelcome', 'true'],
	];
	return `http://${host}/?folder=${encodeURIComponent(toPosix(dirs.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function screenshot(url, file) {
	const started = Date.now();
	const step = (what) => console.log(`demo: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	const browserContext = await harness.launchChromium(CHROMIUM);
	const page = browserContext.pages()[0] ?? (await browserContext.newPage());
	page.setDefaultTimeout(SCREENSHOT_TIMEOUT_MS);
	const failure = async (what, error) => {
		// A picture of the failure says more than a timeout; it goes next to the requested file.
		const failed = file.replace(/(\.png)?$/i, '.failed.png');
		await page.screenshot({ path: failed }).catch(() => undefined);
		return new Error(`${what}: ${error instanceof Error ? error.message.split('\n')[0] : error} (the page at that moment: ${path.relative(process.cwd(), failed)})`);
	};
	await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
	step('workbench loading');
	const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="CIC Tasks"]').first();
	try {
		await icon.waitFor({ state: 'visible' });
	} catch (e) {
		throw await failure('the CIC Tasks icon did not appear in the activity bar (did the extension load?)', e);
	}
	step('activity bar ready');
	await icon.click();
	const tree = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Tasks/ }) }).locator('.monaco-list-row');
	try {
		await tree.filter({ hasText: 'Failed' }).first().waitFor({ state: 'visible' });
	} catch (e) {
		throw await failure('the tasks tree did not show the sample groups (no "Failed" row)', e);
	}
	step('sample groups shown');
	// Away from the icon, whose hover would cover the tree; then let the counts and the status bar settle.
	await page.mouse.move(800, 300);
	await page.waitForTimeout(1500);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file });
	step(`screenshot written to ${path.relative(process.cwd(), file) || file}`);
	return 0;
}

function run(command, args, what) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) {
		throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
	}
}

function findOnPath(names) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
		for (const name of names) {
			const candidate = path.join(dir, name);
			try {
				fs.accessSync(candidate, fs.constants.X_OK);
				if (fs.statSync(candidate).isFile()) {
					return candidate;
				}
			} catch {
				// Not here.
			}
		}
	}
	return undefined;
}

function toPosix(p) {
	return process.platform === 'win32' ? `/${p.replace(/\\/g, '/')}` : p;
}

function parseArgs(argv) {
	const parsed = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--screenshot' || arg.startsWith('--screenshot=')) {
			parsed.screenshot = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
			if (!parsed.screenshot) {
				fail('--screenshot needs a file name, e.g. --screenshot .vscode-test/demo.png');
			}
		} else if (arg === '--port' || arg.startsWith('--port=')) {
			parsed.port = Number(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]);
			if (!Number.isInteger(parsed.port) || parsed.port < 0 || parsed.port > 65535) {
				fail('--port needs a port number (0 for a free one)');
			}
		} else if (arg === '--code-server') {
			parsed.codeServer = true;
		} else if (arg === '--no-build') {
			parsed.noBuild = true;
		} else if (arg === '--help' || arg === '-h') {
			console.log('npm run demo [-- --screenshot FILE] [-- --code-server] [-- --port=N] [-- --no-build]');
			process.exit(0);
		} else {
			fail(`unknown argument ${arg} (try --help)`);
		}
	}
	return parsed;
}

function fail(message) {
	console.error(`demo: ${message}`);
	process.exit(2);
}
