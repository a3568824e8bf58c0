// Runs the integration suite in code-server's real Node extension host, with headless Chromium as the workbench.
// The extension and the suite are loaded through VS Code's test payload (extensionDevelopmentPath /
// extensionTestsPath); the workbench reports mocha's outcome through window.codeAutomationExit, and the suite's
// entry writes the per-test result file named by CIC_TEST_RESULT_FILE. See /work/shared/docs/real-vscode-tests.md.
//
// Console markers a test can log (test/integration/helpers.ts):
//   [vsx-snap] NAME          a screenshot of the workbench, saved as <screenshotDir>/NAME.png
//   [vsx-dom] ID SELECTOR    the elements matching SELECTOR (a CSS selector, base64url-encoded so that no console
//                            formatting can alter it) in the workbench page, written as JSON to
//                            $CIC_TEST_DOM_DIR/ID.json: [{ outerHTML, text, links: [{ href, text }] }], or
//                            { error } if the selector failed. The extension host cannot see the workbench DOM.
//   [vsx-keys] ID STEPS      a person's keyboard and mouse on the workbench: STEPS is base64url JSON, an array of
//                            { type: TEXT } | { press: KEY } | { click: { selector, text } }, done in order; then
//                            $CIC_TEST_DOM_DIR/ID.json is { done: true } or { error }. QuickInputs take no other input.
//   [vsx-axe] ID             axe-core's WCAG 2 A/AA rules (color-contrast among them) run in every extension webview
//                            page on screen (the frames whose body has data-test-hooks), written as JSON to
//                            $CIC_TEST_DOM_DIR/ID.json: { frames: [{ title, themeKind, violations, … }] } or { error }.
//
// node scripts/run-web-tests.mjs --codeServer=BIN --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//   [--chromium=/usr/bin/chromium] [--screenshotDir=DIR] [--activationFile=FILE] [--timeout=MS]
// Exit: 0 all passed; 1 a failing test, a file that failed to load, no tests, or a harness error; 2 timeout;
// 130/143 interrupted. Everything it starts or writes (processes, temp dir, XDG dirs, HOME) goes when it ends.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { createHarness } from './lib/codeServerHarness.mjs';

const opts = parseArgs(process.argv.slice(2));
const chromiumPath = opts.chromium ?? '/usr/bin/chromium';
const timeoutMs = Number(opts.timeout ?? 300000);
// CIC_TEST_HARNESS_VERBOSE=1 echoes every console message unfiltered, for debugging the runner itself.
const verbose = process.env.CIC_TEST_HARNESS_VERBOSE === '1';
const extDev = path.resolve(opts.extensionDevelopmentPath);
const testsIndex = path.resolve(opts.extensionTestsPath);
const screenshotDir = path.resolve(opts.screenshotDir ?? path.join(extDev, '.vscode-test', 'screenshots'));
const startedAt = Date.now();
const elapsed = () => ((Date.now() - startedAt) / 1000).toFixed(1);

const harness = createHarness({
	name: 'run-web-tests',
	tmpPrefix: 'cic-vscode-test-',
	markerVar: 'CIC_TEST_HARNESS_RUN',
	// The background count check would refresh under suites that change the emulator's data; tests call checkNow().
	settings: { 'cicTasks.autoRefresh.backgroundCheckInterval': 0 },
	trace: verbose ? (what) => console.log(`[${elapsed()} s] ${what}`) : undefined,
});
const { dirs } = harness;
const resultFile = path.join(harness.runDir, 'result.json');
const domDir = path.join(harness.runDir, 'dom');
/** Seconds since start at which each phase was reached, printed at the end to show where the time goes. */
const times = {};
let serverLog = [];

try {
	process.exitCode = await main();
} catch (e) {
	if (harness.interrupted) {
		await new Promise(() => undefined); // the signal handler exits once cleanup is done
	}
	console.error(`run-web-tests: ${e instanceof Error ? e.stack : e}`);
	if (serverLog.length) {
		console.error(`--- code-server output (last lines) ---\n${serverLog.slice(-40).join('\n')}`);
	}
	process.exitCode = 1;
}
await harness.cleanup();

async function main() {
	const { server, log, lineListeners, host: listening } = harness.startCodeServer({
		bin: opts.codeServer,
		env: {
			// The extension exports its test API only in test mode; the suite's entry writes results here.
			CIC_TEST_MODE: process.env.CIC_TEST_MODE ?? '1',
			CIC_TEST_RESULT_FILE: resultFile,
			CIC_TEST_DOM_DIR: domDir,
		},
	});
	serverLog = log;
	const host = await listening;
	times.serverUp = elapsed();
	const browserContext = await harness.launchChromium(chromiumPath);

	let resolveExit;
	const exited = new Promise((resolve) => (resolveExit = resolve));
	let activationMs;
	// Screenshots and DOM answers still being written; awaited before the run ends.
	const pending = [];
	fs.mkdirSync(domDir, { recursive: true });
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
			pending.push(
				page.screenshot({ path: file }).then(
					() => console.log(`  [screenshot] ${path.relative(process.cwd(), file)}`),
					(e) => console.error(`  [screenshot failed] ${file}: ${e.message}`),
				),
			);
			return;
		}
		const dom = /\[vsx-dom\]\s+([\w.-]+)\s+([A-Za-z0-9_-]+)/.exec(line);
		if (dom) {
			pending.push(answerDomQuery(page, dom[1], Buffer.from(dom[2], 'base64url').toString('utf8')));
			return;
		}
		const keys = /\[vsx-keys\]\s+([\w.-]+)\s+([A-Za-z0-9_-]+)/.exec(line);
		if (keys) {
			pending.push(answerKeys(page, keys[1], JSON.parse(Buffer.from(keys[2], 'base64url').toString('utf8'))));
			return;
		}
		const axe = /\[vsx-axe\]\s+([\w.-]+)/.exec(line);
		if (axe) {
			pending.push(answerAxeQuery(page, axe[1]));
			return;
		}
		if (!verbose && !isNoise(line, msg.location().url) && (phase === 'tests' || msg.type() === 'error')) {
			console.log(line);
		}
	});
	page.on('crash', () => resolveExit({ kind: 'error', message: 'the workbench page crashed' }));
	server.on('exit', (code, signal) => resolveExit({ kind: 'error', message: `code-server exited early (${signal ?? code})` }));
	lineListeners.push(onLine);

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
	if (harness.interrupted) {
		await new Promise(() => undefined); // the signal handler exits once cleanup is done
	}
	await Promise.all(pending);
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

/** Evaluates a [vsx-dom] query in the workbench page and writes the answer where the test waits for it. */
async function answerDomQuery(page, id, selector) {
	let answer;
	try {
		const elements = await page.$$eval(selector, (els) =>
			els.map((el) => ({
				outerHTML: el.outerHTML,
				text: el.textContent ?? '',
				// An input's value is a property, not in its outerHTML: what a QuickInput holds now.
				value: typeof el.value === 'string' ? el.value : undefined,
				links: [...(el.matches('a') ? [el] : []), ...el.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent ?? '' })),
			})),
		);
		answer = { elements };
	} catch (e) {
		answer = { error: e instanceof Error ? e.message : String(e) };
	}
	writeAnswer(id, answer, 'dom query');
}

/** Plays a [vsx-keys] sequence on the workbench, as a person would type and click, and says when it is done. */
async function answerKeys(page, id, steps) {
	let answer;
	try {
		for (const step of steps) {
			if (typeof step.type === 'string') {
				await page.keyboard.type(step.type);
			} else if (typeof step.press === 'string') {
				await page.keyboard.press(step.press);
			} else if (step.click) {
				await page.locator(step.click.selector).filter({ hasText: step.click.text }).first().click({ timeout: 10000 });
			}
		}
		answer = { done: true };
	} catch (e) {
		answer = { error: e instanceof Error ? e.message : String(e) };
	}
	writeAnswer(id, answer, 'keys');
}

/**
 * Runs axe-core in each extension webview page on screen and writes what it found. The pages' CSP allows only
 * their own nonce'd script, so axe goes in through Playwright's frame.evaluate (DevTools evaluation, which a CSP
 * does not govern); nothing is added to the extension or its pages.
 */
async function answerAxeQuery(page, id) {
	// The WCAG 2 A and AA rules (2.0, 2.1, 2.2); axe's best-practice and experimental rules are left out.
	const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations', 'incomplete'] };
	let answer;
	try {
		const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
		const frames = [];
		for (const frame of page.frames()) {
			const ours = await frame.evaluate(() => document.body?.dataset.testHooks === 'true').catch(() => false);
			if (!ours) {
				continue;
			}
			if (!(await frame.evaluate(() => typeof window.axe === 'object'))) {
				await frame.evaluate(source);
			}
			frames.push(
				await frame.evaluate(async (options) => {
					const result = await window.axe.run(document, options);
					return {
						title: document.title,
						themeKind: document.body.dataset.vscodeThemeKind ?? '',
						taskId: document.querySelector('[data-field="TaskId"]')?.textContent ?? '',
						rules: result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length,
						violations: result.violations.map((v) => ({
							id: v.id,
							impact: v.impact,
							help: v.help,
							nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: n.failureSummary ?? '' })),
						})),
						// Contrast axe could not decide, with its reason: text the colour of its background ("equalRatio")
						// is invisible, yet axe files it here rather than under violations.
						undecidedContrast: result.incomplete
							.filter((i) => i.id === 'color-contrast')
							.flatMap((i) => i.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 300), reason: n.any.map((c) => c.data?.messageKey ?? c.message).join(', ') }))),
					};
				}, options),
			);
		}
		answer = { frames };
	} catch (e) {
		answer = { error: e instanceof Error ? e.message : String(e) };
	}
	writeAnswer(id, answer, 'axe query');
}

/** Written whole, then renamed: the test polls for the file and must never read half of it. */
function writeAnswer(id, answer, what) {
	const file = path.join(domDir, `${id}.json`);
	try {
		fs.writeFileSync(`${file}.tmp`, JSON.stringify(answer));
		fs.renameSync(`${file}.tmp`, file);
	} catch (e) {
		console.error(`  [${what} failed] ${id}: ${e.message}`);
	}
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
