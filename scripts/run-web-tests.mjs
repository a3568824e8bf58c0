// Runs the integration suite in code-server's real Node extension host, with headless Chromium as the workbench.
// The extension and the suite are loaded through VS Code's test payload (extensionDevelopmentPath /
// extensionTestsPath); the workbench reports mocha's outcome through window.codeAutomationExit, and the suite's
// entry writes the per-test result file named by CIC_TEST_RESULT_FILE. See /work/shared/docs/real-vscode-tests.md.
//
// node scripts/run-web-tests.mjs --codeServer=BIN --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//   [--chromium=/usr/bin/chromium] [--screenshotDir=DIR] [--activationFile=FILE] [--timeout=MS]
// Exit: 0 all passed; 1 a failing test, a file that failed to load, no tests, or a harness error; 2 timeout;
// 130/143 interrupted. Everything it starts or writes (processes, temp dir, XDG dirs, HOME) goes when it ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';

const opts = parseArgs(process.argv.slice(2));
const chromiumPath = opts.chromium ?? '/usr/bin/chromium';
const timeoutMs = Number(opts.timeout ?? 300000);
// CIC_TEST_HARNESS_VERBOSE=1 echoes every console message unfiltered, for debugging the runner itself.
const verbose = process.env.CIC_TEST_HARNESS_VERBOSE === '1';
const extDev = path.resolve(opts.extensionDevelopmentPath);
const testsIndex = path.resolve(opts.extensionTestsPath);
const screenshotDir = path.resolve(opts.screenshotDir ?? path.join(extDev, '.vscode-test', 'screenshots'));

// One temp dir holds every file the run creates: server and browser profiles, XDG dirs, HOME, TMPDIR, the workspace.
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cic-vscode-test-'));
const dirs = {};
for (const name of ['user/User', 'exts', 'xdg-config', 'xdg-data', 'xdg-cache', 'home', 'tmp', 'workspace', 'chromium']) {
	dirs[name] = path.join(runDir, name);
	fs.mkdirSync(dirs[name], { recursive: true });
}
// playwright-core puts its own artifacts in os.tmpdir(); keep them in runDir too.
process.env.TMPDIR = dirs.tmp;
const resultFile = path.join(runDir, 'result.json');
fs.writeFileSync(
	path.join(dirs['user/User'], 'settings.json'),
	JSON.stringify({
		'workbench.startupEditor': 'none',
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'extensions.autoUpdate': false,
		'extensions.autoCheckUpdates': false,
		'git.enabled': false,
		'workbench.tips.enabled': false,
	}),
);

// Every process started here carries this marker, so the cleanup also finds those that left the process group.
const RUN_MARKER = `CIC_TEST_HARNESS_RUN=${runDir}`;
const sandboxEnv = {
	XDG_CONFIG_HOME: dirs['xdg-config'],
	XDG_DATA_HOME: dirs['xdg-data'],
	XDG_CACHE_HOME: dirs['xdg-cache'],
	HOME: dirs.home,
	TMPDIR: dirs.tmp,
	CIC_TEST_HARNESS_RUN: runDir,
};
const inheritedEnv = Object.fromEntries(
	// VSCODE_* from a developer's VS Code terminal would make code-server talk to that window instead.
	Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE'),
);

let server;
let browserContext;
let finishing = false;
/** Set by SIGINT/SIGTERM/SIGHUP; what main() sees afterwards is the teardown, not a result worth reporting. */
let interrupted;
const startedAt = Date.now();
const elapsed = () => ((Date.now() - startedAt) / 1000).toFixed(1);
/** Seconds since start at which each phase was reached, printed at the end to show where the time goes. */
const times = {};
const serverLog = [];

process.on('exit', () => {
	// Last resort after a crash or a second Ctrl-C: nothing asynchronous can run here.
	for (const pid of harnessPids()) {
		tryKill(pid, 'SIGKILL');
	}
	fs.rmSync(runDir, { recursive: true, force: true });
});
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
	process.on(signal, () => {
		if (interrupted) {
			process.exit(code);
		}
		interrupted = signal;
		console.error(`\nrun-web-tests: ${signal}, cleaning up`);
		void shutdown().finally(() => process.exit(code));
	});
}

try {
	process.exitCode = await main();
} catch (e) {
	if (interrupted) {
		await new Promise(() => undefined); // the signal handler exits once cleanup is done
	}
	console.error(`run-web-tests: ${e instanceof Error ? e.stack : e}`);
	if (serverLog.length) {
		console.error(`--- code-server output (last lines) ---\n${serverLog.slice(-40).join('\n')}`);
	}
	process.exitCode = 1;
}
await shutdown();

async function main() {
	const host = await startCodeServer();
	times.serverUp = elapsed();
	const { chromium } = await import('playwright-core');
	browserContext = await chromium.launchPersistentContext(dirs.chromium, {
		executablePath: chromiumPath,
		headless: true,
		viewport: { width: 1280, height: 800 },
		env: { ...inheritedEnv, ...sandboxEnv },
		// This script cleans up on signals itself; playwright's handlers would exit before code-server is gone.
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});

	let resolveExit;
	const exited = new Promise((resolve) => (resolveExit = resolve));
	let activationMs;
	const screenshots = [];
	const onLine = (line) => {
		const activation = /\[cic-activate\]\s+(\d+(?:\.\d+)?)/.exec(line);
		if (activation && activationMs === undefined) {
			activationMs = Number(activation[1]);
		}
	};
	await browserContext.exposeFunction('codeAutomationExit', (code) => resolveExit({ kind: 'exit', code }));
	// The workbench mirrors its whole log here; the console below carries the test output.
	await browserContext.exposeFunction('codeAutomationLog', () => undefined);
	times.browserUp = elapsed();
	const page = browserContext.pages()[0] ?? (await browserContext.newPage());
	let phase = 'startup';
	page.on('console', (msg) => {
		const line = consoleText(msg);
		if (verbose) {
			console.log(`[${elapsed()} s ${msg.type()}] ${line} @ ${msg.location().url}`);
		}
		onLine(line);
		if (line.includes('[cic-tests] begin')) {
			phase = 'tests';
			times.testsBegan = elapsed();
			return;
		}
		if (line.includes('[cic-tests] end')) {
			phase = 'done';
			return;
		}
		const snap = /\[vsx-snap\]\s+(\S+)/.exec(line);
		if (snap) {
			const file = path.join(screenshotDir, `${snap[1].replace(/[^\w.-]/g, '_')}.png`);
			fs.mkdirSync(screenshotDir, { recursive: true });
			screenshots.push(
				page.screenshot({ path: file }).then(
					() => console.log(`  [screenshot] ${path.relative(process.cwd(), file)}`),
					(e) => console.error(`  [screenshot failed] ${file}: ${e.message}`),
				),
			);
			return;
		}
		if (!verbose && !isNoise(line, msg.location().url) && (phase === 'tests' || msg.type() === 'error')) {
			console.log(line);
		}
	});
	page.on('crash', () => resolveExit({ kind: 'error', message: 'the workbench page crashed' }));
	server.on('exit', (code, signal) => resolveExit({ kind: 'error', message: `code-server exited early (${signal ?? code})` }));
	server.lineListeners.push(onLine);

	const remote = (p) => `vscode-remote://${host}${p}`;
	const payload = [
		['extensionDevelopmentPath', remote(extDev)],
		['extensionTestsPath', remote(testsIndex)],
		['skipWelcome', 'true'],
	];
	const url = `http://${host}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
	const timer = setTimeout(() => resolveExit({ kind: 'timeout' }), timeoutMs);
	await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
	times.pageLoaded = elapsed();
	const outcome = await exited;
	clearTimeout(timer);
	if (interrupted) {
		await new Promise(() => undefined); // the signal handler exits once cleanup is done
	}
	await Promise.all(screenshots);
	times.finished = elapsed();

	reportActivation(activationMs);
	if (outcome.kind === 'timeout') {
		console.error(`run-web-tests: timed out after ${timeoutMs} ms`);
		printSummary(readResults());
		return 2;
	}
	if (outcome.kind === 'error') {
		throw new Error(outcome.message);
	}
	const results = readResults();
	if (!results) {
		console.error(`run-web-tests: the suite wrote no result file (workbench exit code ${outcome.code}); did ${testsIndex} load?`);
		printSummary(undefined);
		return 1;
	}
	for (const f of results.failed) {
		console.log(`\nFAILED: ${f.title}\n${f.err}`);
	}
	console.log(
		`\ncode-server up at ${times.serverUp} s, browser at ${times.browserUp} s, workbench loaded at ${times.pageLoaded} s, tests began at ${times.testsBegan ?? '?'} s, ` +
			`finished at ${times.finished} s (workbench exit code ${outcome.code})`,
	);
	printSummary(results);
	if (results.failed.length > 0 || outcome.code !== 0) {
		return 1;
	}
	if (results.passed.length === 0) {
		console.error('run-web-tests: no tests ran');
		return 1;
	}
	return 0;
}

function startCodeServer() {
	const args = [
		'--auth', 'none',
		'--bind-addr', '127.0.0.1:0',
		'--config', path.join(runDir, 'config.yaml'),
		'--user-data-dir', path.join(runDir, 'user'),
		'--extensions-dir', dirs.exts,
		'--disable-telemetry',
		'--disable-update-check',
		'--disable-workspace-trust',
		'--disable-getting-started-override',
		'--ignore-last-opened',
	];
	const env = {
		...inheritedEnv,
		...sandboxEnv,
		// The extension exports its test API only in test mode; the suite's entry writes results here.
		CIC_TEST_MODE: process.env.CIC_TEST_MODE ?? '1',
		CIC_TEST_RESULT_FILE: resultFile,
	};
	// detached: its own process group, so the extension host and pty host can be ended together.
	server = spawn(opts.codeServer, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	server.lineListeners = [];
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('code-server did not start listening within 60 s')), 60000);
		const onData = (chunk) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) {
					continue;
				}
				serverLog.push(line);
				server.lineListeners.forEach((l) => l(line));
				const m = /HTTP server listening on http:\/\/([^/\s]+)\//.exec(line);
				if (m) {
					clearTimeout(timer);
					resolve(m[1]);
				}
			}
		};
		server.stdout.on('data', onData);
		server.stderr.on('data', onData);
		server.once('error', (e) => reject(e));
		server.once('exit', (code, signal) => reject(new Error(`code-server exited during start-up (${signal ?? code})`)));
	});
}

/**
 * Text of a console message. The workbench forwards the extension host's console through its log service as
 * ('%c INFO', 'color: …', format, ...args), so the format placeholders of mocha's spec reporter arrive unfilled.
 */
function consoleText(msg) {
	const args = msg.args().map((a) => String(a).replace(/^JSHandle@/, ''));
	if (args.length >= 3 && /^%c\s*\w+$/.test(args[0])) {
		const level = args[0].replace(/^%c\s*/, '');
		return `${level === 'INFO' ? '' : `${level}: `}${format(...args.slice(2))}`;
	}
	return msg.text();
}

/**
 * The workbench's complaints about being offline and about code-server, which every run has and no test causes:
 * the open-vsx gallery it cannot reach, the proprietary `vsda` module code-server does not ship, sandbox warnings.
 */
function isNoise(line, url) {
	return (
		/open-vsx\.org|\/node_modules\/vsda\//.test(url) ||
		[
			/^\s*$/,
			/open-vsx\.org/,
			/The web worker extension host is started in a same-origin iframe/,
			/An iframe which has both allow-scripts and allow-same-origin/,
			/Long running operations during shutdown/,
		].some((r) => r.test(line))
	);
}

function readResults() {
	try {
		return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
	} catch {
		return undefined;
	}
}

function printSummary(results) {
	console.log(`${results?.passed.length ?? 0} passed, ${results ? results.failed.length : 'unknown'} failed`);
}

function reportActivation(ms) {
	console.log(ms === undefined ? 'activation: not reported' : `activation: ${ms} ms`);
	if (opts.activationFile) {
		fs.mkdirSync(path.dirname(opts.activationFile), { recursive: true });
		fs.writeFileSync(opts.activationFile, `${JSON.stringify({ activationMs: ms ?? null, measuredAt: new Date().toISOString() })}\n`);
	}
}

async function shutdown() {
	if (finishing) {
		return;
	}
	finishing = true;
	const ours = new Set(harnessPids());
	if (browserContext) {
		// unref: once the browser has closed, this timer must not hold the process open for the rest of its 10 s.
		await Promise.race([browserContext.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10000).unref())]);
	}
	if (verbose) {
		console.log(`[${elapsed()} s] browser closed`);
	}
	if (server?.pid) {
		tryKill(-server.pid, 'SIGTERM');
	}
	for (const end = Date.now() + 5000; harnessPids().length > 0 && Date.now() < end; ) {
		await delay(100);
	}
	for (const pid of harnessPids()) {
		tryKill(pid, 'SIGKILL');
	}
	// Chromium's helpers end as zombies reparented to init; wait the moment it takes to reap them, so that no
	// trace of the run is left in the process table when this script returns.
	for (const end = Date.now() + 3000; [...ours].some((pid) => fs.existsSync(`/proc/${pid}`)) && Date.now() < end; ) {
		await delay(100);
	}
	if (verbose) {
		console.log(`[${elapsed()} s] processes ended`);
	}
	fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
}

/** Live (non-zombie) processes of this run: code-server's process group, and anything carrying the run marker. */
function harnessPids() {
	const pids = [];
	let entries;
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		// No procfs (not Linux): the process group is all that can be found.
		return server?.pid && isAlive(-server.pid) ? [-server.pid] : [];
	}
	for (const entry of entries) {
		const pid = Number(entry);
		if (!Number.isInteger(pid) || pid === process.pid) {
			continue;
		}
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (state === 'Z' || state === 'X') {
				continue;
			}
			if ((server?.pid && Number(pgrp) === server.pid) || fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(RUN_MARKER)) {
				pids.push(pid);
			}
		} catch {
			// The process ended while being read, or is not ours to read.
		}
	}
	return pids;
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function tryKill(pid, signal) {
	try {
		process.kill(pid, signal);
	} catch {
		// Already gone.
	}
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseArgs(argv) {
	const parsed = {};
	for (const arg of argv) {
		const m = /^--([A-Za-z]+)=(.*)$/s.exec(arg);
		if (!m) {
			throw new Error(`run-web-tests: unexpected argument ${arg}`);
		}
		parsed[m[1]] = m[2];
	}
	for (const required of ['codeServer', 'extensionDevelopmentPath', 'extensionTestsPath']) {
		if (!parsed[required]) {
			throw new Error(`run-web-tests: --${required}=… is required`);
		}
	}
	return parsed;
}
