// What scripts/run-web-tests.mjs (the integration suite) and scripts/demo.mjs (npm run demo) share: a sandbox temp dir
// that holds everything a run writes, code-server started inside it, headless Chromium, and the cleanup that leaves no
// process, no temp dir and nothing in ~ behind, also after SIGINT/SIGTERM/SIGHUP or a crash.
// Each script keeps its own flow (payload and results, URL printing and screenshots); this file knows none of that.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Settings both scripts need: a quiet, offline workbench that opens nothing on its own. */
const BASE_SETTINGS = {
	'workbench.startupEditor': 'none',
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoUpdate': false,
	'extensions.autoCheckUpdates': false,
	'git.enabled': false,
	'workbench.tips.enabled': false,
};

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/**
 * Creates the run's temp dir and installs the exit and signal handlers that clean it up.
 * name: prefix of messages ('demo'); tmpPrefix: of the temp dir; markerVar: the environment variable that marks every
 * process of this run; settings: added to BASE_SETTINGS; signalMessage: what follows `NAME: SIGINT, ` on a signal;
 * trace: optional, called with the cleanup's progress (for a script's verbose mode).
 */
export function createHarness({ name, tmpPrefix, markerVar, settings = {}, signalMessage = 'cleaning up', trace = () => undefined }) {
	// One temp dir holds every file the run creates: server and browser profiles, XDG dirs, HOME, TMPDIR, the workspace.
	const runDir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
	const dirs = {};
	for (const dir of ['user/User', 'exts', 'xdg-config', 'xdg-data', 'xdg-cache', 'home', 'tmp', 'workspace', 'chromium']) {
		dirs[dir] = path.join(runDir, dir);
		fs.mkdirSync(dirs[dir], { recursive: true });
	}
	fs.writeFileSync(path.join(dirs['user/User'], 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, '\t'));

	// Every process started here carries this marker, so the cleanup also finds those that left the process group.
	const marker = `${markerVar}=${runDir}`;
	const sandboxEnv = {
		XDG_CONFIG_HOME: dirs['xdg-config'],
		XDG_DATA_HOME: dirs['xdg-data'],
		XDG_CACHE_HOME: dirs['xdg-cache'],
		HOME: dirs.home,
		TMPDIR: dirs.tmp,
		[markerVar]: runDir,
	};
	// VSCODE_* from a developer's VS Code terminal would make code-server (or a new window) talk to that VS Code instead.
	const inheritedEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE'));

	/** Processes started here; `group` ones lead their own process group, which is ended as a whole. */
	const children = [];
	let browserContext;
	let cleaning;

	const h = {
		runDir,
		dirs,
		inheritedEnv,
		sandboxEnv,
		/** The signal that interrupted the run, if one did: what the script sees afterwards is the teardown. */
		interrupted: undefined,

		/** Remembers a process started by the script itself, so that cleanup ends it. */
		track(child, { group = false } = {}) {
			children.push({ child, group });
			return child;
		},

		/**
		 * Starts code-server inside the sandbox. Returns { server, log, lineListeners, host }, host a promise of the
		 * `127.0.0.1:PORT` it listens on; every output line goes to log and to each of lineListeners.
		 */
		startCodeServer({ bin, port = 0, env = {} }) {
			const args = [
				'--auth', 'none',
				'--bind-addr', `127.0.0.1:${port}`,
				'--config', path.join(runDir, 'config.yaml'),
				'--user-data-dir', path.join(runDir, 'user'),
				'--extensions-dir', dirs.exts,
				'--disable-telemetry',
				'--disable-update-check',
				'--disable-workspace-trust',
				'--disable-getting-started-override',
				'--ignore-last-opened',
			];
			// detached: its own process group, so the extension host and pty host (and anything they start) end together.
			const server = h.track(spawn(bin, args, { env: { ...inheritedEnv, ...sandboxEnv, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }), { group: true });
			const log = [];
			const lineListeners = [];
			const host = new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('code-server did not start listening within 60 s')), 60000);
				const onData = (chunk) => {
					for (const line of chunk.toString().split('\n').filter((l) => l.trim())) {
						log.push(line);
						lineListeners.forEach((l) => l(line));
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
			return { server, log, lineListeners, host };
		},

		/** Headless Chromium with its profile in the sandbox; closed by cleanup. */
		async launchChromium(executablePath) {
			// playwright-core puts its own artifacts in os.tmpdir(); keep them in runDir too.
			process.env.TMPDIR = dirs.tmp;
			const { chromium } = await import('playwright-core');
			browserContext = await chromium.launchPersistentContext(dirs.chromium, {
				executablePath,
				headless: true,
				viewport: { width: 1280, height: 800 },
				env: { ...inheritedEnv, ...sandboxEnv },
				// The harness cleans up on signals itself; playwright's handlers would exit before code-server is gone.
				handleSIGINT: false,
				handleSIGTERM: false,
				handleSIGHUP: false,
				args: CHROMIUM_ARGS,
			});
			return browserContext;
		},

		/**
		 * Live (non-zombie) processes of this run: the process groups of group children, and anything carrying the
		 * marker in its environment or the run dir on its command line (desktop VS Code's main process detaches from its CLI).
		 */
		pids() {
			const groups = new Set(children.filter((c) => c.group && c.child.pid).map((c) => c.child.pid));
			if (process.platform === 'linux') {
				const pids = [];
				for (const entry of fs.readdirSync('/proc')) {
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
						if (
							groups.has(Number(pgrp)) ||
							fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker) ||
							fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runDir)
						) {
							pids.push(pid);
						}
					} catch {
						// Ended while being read, or not ours to read.
					}
				}
				return pids;
			}
			if (process.platform === 'win32') {
				// No process table to search here: the children themselves are all that can be ended.
				return children.filter(({ child }) => isRunning(child)).map(({ child }) => child.pid);
			}
			const ps = spawnSync('ps', ['-Axww', '-o', 'pid=,pgid=,command='], { encoding: 'utf8' });
			return (ps.stdout ?? '')
				.split('\n')
				.map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
				.filter((m) => m && Number(m[1]) !== process.pid && (groups.has(Number(m[2])) || m[3].includes(runDir)))
				.map((m) => Number(m[1]));
		},

		/** Ends everything this run started and removes its temp dir; safe to call more than once. */
		cleanup() {
			cleaning ??= (async () => {
				const ours = new Set(h.pids());
				if (browserContext) {
					// unref: once the browser has closed, this timer must not hold the process open for the rest of its 10 s.
					await Promise.race([browserContext.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10000).unref())]);
				}
				trace('browser closed');
				for (const { child, group } of children) {
					if (isRunning(child)) {
						tryKill(group ? -child.pid : child.pid, 'SIGTERM');
					}
				}
				for (const pid of h.pids()) {
					tryKill(pid, 'SIGTERM');
				}
				for (const end = Date.now() + 5000; h.pids().length > 0 && Date.now() < end; ) {
					await delay(100);
				}
				for (const pid of h.pids()) {
					tryKill(pid, 'SIGKILL');
				}
				// Chromium's helpers end as zombies reparented to init; wait the moment it takes to reap them, so that no
				// trace of the run is left in the process table when the script returns.
				for (const end = Date.now() + 3000; [...ours].some((pid) => fs.existsSync(`/proc/${pid}`)) && Date.now() < end; ) {
					await delay(100);
				}
				trace('processes ended');
				fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
			})();
			return cleaning;
		},
	};

	process.on('exit', () => {
		// Last resort after a crash or a second Ctrl-C: nothing asynchronous can run here.
		for (const pid of h.pids()) {
			tryKill(pid, 'SIGKILL');
		}
		fs.rmSync(runDir, { recursive: true, force: true });
	});
	for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
		process.on(signal, () => {
			if (h.interrupted) {
				process.exit(code);
			}
			h.interrupted = signal;
			console.error(`\n${name}: ${signal}, ${signalMessage}`);
			void h.cleanup().finally(() => process.exit(code));
		});
	}
	return h;
}

function isRunning(child) {
	return child.exitCode === null && child.signalCode === null && Boolean(child.pid);
}

function tryKill(pid, signal) {
	try {
		if (process.platform === 'win32') {
			spawnSync('taskkill', ['/T', '/F', '/PID', String(Math.abs(pid))], { stdio: 'ignore' });
		} else {
			process.kill(pid, signal);
		}
	} catch {
		// Already gone.
	}
}

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
