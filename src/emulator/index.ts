import { randomBytes } from 'node:crypto';
import { silentLogger, type Logger } from '../api/logger';
import { SAMPLE_SECRET_ID_PREFIX } from '../api/sampleKeys';
import { ACTION_RATE_LIMITS } from '../api/actionLimits';
import type { GroupInfo, OrgMember, RoleConfiguration, UserInfo } from '../api/directoryTypes';
import type { Language, TaskInfo, TaskStatusValue } from '../api/types';
import { API_ACTIONS, type ApiAction } from './actions';
import { DEFAULT_DELETED_PRINCIPALS, type Directory } from './directoryData';
import { fixtureModeDirectory, sampleModeDirectory } from './directorySetup';
import { DirectoryState } from './directoryState';
import { Evolver, type EvolveResult } from './evolve';
import { FAULT_KINDS, FaultInjector, type FaultKind } from './faults';
import { loadFixture, validateFixture, validateFixtureDocument, type Fixture } from './fixture';
import { PageTokens } from './paging';
import { SlidingWindowLimiter } from './rateLimit';
import { createUniverse, generateTasks, type UniverseSizes } from './sampleData';
import { createEmulatorServer } from './server';
import { Stats, type EmulatorCounters, type RequestLogEntry } from './stats';
import { TaskStore } from './store';
import type { KeyPair } from './verifySignature';
import { changeKey, DEFAULT_WRITE_TASK_DELAY_MS, sampleBlockers, WriteState } from './writeState';
import { NOT_OPEN_ANSWERS, type NotOpenAnswer, type ZoneState } from './zone';

/**
 * A local stand-in for the Organization CIC task APIs (ListTasks, GetTaskStatus) and the directory actions that
 * name what a task is about (DescribeIdentityCenter, Get/ListUsers, Get/ListGroups, Get/ListRoleConfigurations,
 * ListRoleAssignments, ListRoleConfigurationProvisionings, DescribeOrganizationMembers) on 127.0.0.1, faithful to
 * shared/docs/tencent-cloud-api.md §7 and cic-context-api.md §7. Backs the tests, the benchmarks and sample data.
 */

export type { EmulatorCounters, RequestLogEntry } from './stats';
export type { EvolveResult } from './evolve';
export type { FaultKind } from './faults';
export type { KeyPair } from './verifySignature';
export { FAULT_KINDS } from './faults';
export { FixtureError, type Fixture } from './fixture';
export { generateTasks } from './sampleData';
export type { NotOpenAnswer } from './zone';
export { DEFAULT_WRITE_TASK_DELAY_MS } from './writeState';

/** A fixture given in-process: the file formats as values (see fixture.ts and fixtureDirectory.ts). */
export type FixtureValue = readonly TaskInfo[] | Readonly<Record<string, unknown>>;

export interface EmulatorOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	/** How many sample tasks to generate (default 500); ignored when `fixture` is given. */
	tasks?: number;
	/** Seed for sample data, evolution and fault draws (default 1). */
	seed?: number;
	/** The one zone this account has (default `z-sample`). */
	zoneId?: string;
	/** Generated (AKIDSAMPLE…) when omitted. */
	secretId?: string;
	/** Generated when omitted. */
	secretKey?: string;
	/** When set, the main key pair is temporary: every request must carry this X-TC-Token. */
	token?: string;
	/** More key pairs the emulator knows (a key with `token` requires it). */
	extraKeys?: readonly KeyPair[];
	/**
	 * Tasks to serve instead of generated ones, and optionally the directory: an array of TaskInfo, an object
	 * `{tasks, users?, groups?, accounts?, roleConfigurations?, zoneName?}`, or the path of a JSON file holding either.
	 */
	fixture?: FixtureValue | string;
	/** Sizes of the generated directory (default: drawn from the seed); ignored with a fixture. */
	directorySizes?: UniverseSizes;
	/** Principals that tasks name but the directory no longer has (default 3); ignored with a fixture. */
	deletedPrincipals?: number;
	/** DescribeIdentityCenter's ZoneName (default `cic-sample`). */
	zoneName?: string;
	/** How DescribeIdentityCenter answers while CIC is not open (default 'error': FailedOperation.IdentityCenterNotOpen). */
	notOpenAnswer?: NotOpenAnswer;
	/** Added before every response (default 0). */
	latencyMs?: number;
	/** Share of requests that get a fault (0..1, default 0). */
	faultRate?: number;
	/** Which faults to mix (default all of FAULT_KINDS). */
	faultKinds?: readonly FaultKind[];
	/** Let InProgress tasks finish and new ones appear; `true` steps every 3 s. */
	evolve?: boolean | { intervalMs?: number };
	/** How long a write action's task stays InProgress before it ends (default DEFAULT_WRITE_TASK_DELAY_MS). */
	writeTaskDelayMs?: number;
	/**
	 * Role assignments one role configuration may hold before CreateRoleAssignment answers
	 * FailedOperation.RoleConfigurationAuthorizationOverLimit (default none: the service's limit is not documented).
	 */
	authorizationsPerRoleConfiguration?: number;
	/**
	 * Changes whose tasks fail whatever is retried, as `{task, reason}`: a task of the same type, configuration,
	 * account (and principal) ends Failed with `reason`. Sample data (no fixture) also blocks about half of its
	 * failed tasks with their own FailureReason; the rest succeed when retried.
	 */
	writeBlockers?: readonly { task: Pick<TaskInfo, 'TaskType' | 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId'>; reason: string }[];
	/** Start with CIC not enabled (FailedOperation.IdentityCenterNotOpen). */
	cicDisabled?: boolean;
	/** Per-action limits in requests per second (default: ACTION_RATE_LIMITS, as the docs state); Infinity = none. */
	requestsPerSecond?: Partial<Record<ApiAction, number>>;
	/** Message language when a request has no usable X-TC-Language (default zh-CN, as the service). */
	language?: Language;
	/** The server clock in ms (default Date.now); drives signature expiry, rate limits, the log and Date. */
	now?: () => number;
	logger?: Logger;
}

export interface RunningEmulator {
	/** `http://127.0.0.1:PORT` */
	readonly url: string;
	readonly port: number;
	readonly zoneId: string;
	readonly zoneName: string;
	readonly credentials: { readonly secretId: string; readonly secretKey: string; readonly token?: string };
	/** Every request so far (oldest dropped beyond 200k) with arrival time, action and outcome. */
	requestLog(): RequestLogEntry[];
	counters(): EmulatorCounters;
	/** The most requests admitted in any 1 s window (optionally for one action), from the server's own log. */
	maxRequestsInWindow(action?: string, windowMs?: number): number;
	resetStats(): void;
	setCicEnabled(enabled: boolean): void;
	/** FailureReason defaults to a generic text for Failed and is cleared for any other status. */
	setTaskStatus(taskId: string, status: TaskStatusValue, failureReason?: string): TaskInfo;
	/** Appended after every existing task (the listing order); a duplicate TaskId throws and adds nothing. */
	addTasks(tasks: readonly TaskInfo[]): void;
	tasks(): TaskInfo[];
	/** Copies of the directory served, and the principals deliberately left out of it. */
	directory(): DirectorySnapshot;
	evolveStep(): EvolveResult;
	/** Ends a write's InProgress task now, as its timer would (Success, or Failed when blocked). */
	settleWriteTask(taskId: string): TaskInfo | undefined;
	/** Makes every later task of this change fail with `reason` (undefined lifts the block). */
	setWriteBlocker(task: Pick<TaskInfo, 'TaskType' | 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId'>, reason: string | undefined): void;
	setWriteTaskDelay(ms: number): void;
	/** The limit of EmulatorOptions.authorizationsPerRoleConfiguration; undefined for none. */
	setAuthorizationLimit(limit: number | undefined): void;
	setLatency(ms: number): void;
	setFaults(rate: number, kinds?: readonly FaultKind[]): void;
	close(): Promise<void>;
}

export const DEFAULT_TASK_COUNT = 500;
export const DEFAULT_SEED = 1;
export const DEFAULT_ZONE_ID = 'z-sample';
export const DEFAULT_EVOLVE_INTERVAL_MS = 3000;
export const DEFAULT_REQUESTS_PER_SECOND: Readonly<Record<ApiAction, number>> = Object.fromEntries(
	API_ACTIONS.map((action) => [action, ACTION_RATE_LIMITS[action].perSecond]),
) as Record<ApiAction, number>;

export interface DirectorySnapshot {
	readonly users: UserInfo[];
	readonly groups: GroupInfo[];
	/** Group ID → member user IDs. */
	readonly groupMembers: Record<string, string[]>;
	readonly roleConfigurations: RoleConfiguration[];
	readonly accounts: OrgMember[];
	readonly deletedPrincipalIds: string[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
	// 248 is the largest multiple of 62 below 256: rejecting above it keeps every character equally likely.
	let out = '';
	while (out.length < length) {
		for (const b of randomBytes(length * 2)) {
			if (b < 248 && out.length < length) {
				out += ALNUM[b % 62];
			}
		}
	}
	return out;
}

/**
 * Throwaway keys for one run. The SecretId carries the sample marker (AKIDSAMPLE…) and keeps the 36 characters
 * of a permanent key, so the extension accepts it without a length warning and labels it "sample key".
 */
export function generateCredentials(): { secretId: string; secretKey: string } {
	return { secretId: `${SAMPLE_SECRET_ID_PREFIX}${randomAlnum(36 - SAMPLE_SECRET_ID_PREFIX.length)}`, secretKey: randomAlnum(32) };
}

function nonNegative(name: string, v: number | undefined, fallback: number, integer: boolean): number {
	const value = v ?? fallback;
	if (!(value >= 0) || (integer && !Number.isInteger(value))) {
		throw new RangeError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${v}`);
	}
	return value;
}

/** Undefined: no limit (the service's is not documented). */
function authorizationLimit(limit: number | undefined): number {
	return limit === undefined ? Infinity : nonNegative('authorizationsPerRoleConfiguration', limit, 0, true);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const port = nonNegative('port', options.port, 0, true);
	if (port > 65535) {
		throw new RangeError(`port must be at most 65535, got ${port}`);
	}
	const seed = nonNegative('seed', options.seed, DEFAULT_SEED, true);
	const zoneId = options.zoneId ?? DEFAULT_ZONE_ID;
	if (zoneId === '') {
		throw new RangeError('zoneId must not be empty');
	}
	if ((options.secretId === undefined) !== (options.secretKey === undefined)) {
		throw new TypeError('secretId and secretKey must be given together');
	}
	const generated = generateCredentials();
	const main: KeyPair = {
		secretId: options.secretId ?? generated.secretId,
		secretKey: options.secretKey ?? generated.secretKey,
		...(options.token !== undefined ? { token: options.token } : {}),
	};
	const keys: readonly KeyPair[] = [main, ...(options.extraKeys ?? [])];

	const notOpenAnswer = options.notOpenAnswer ?? 'error';
	if (!NOT_OPEN_ANSWERS.includes(notOpenAnswer)) {
		throw new RangeError(`notOpenAnswer must be one of ${NOT_OPEN_ANSWERS.join(', ')}`);
	}
	const logger = options.logger ?? silentLogger;
	const universe = createUniverse(seed, zoneId, options.directorySizes);
	let initial: TaskInfo[];
	let directory: Directory;
	if (options.fixture === undefined) {
		const count = nonNegative('tasks', options.tasks, DEFAULT_TASK_COUNT, true);
		initial = generateTasks(count, seed, { zoneId, sizes: options.directorySizes });
		const deletedPrincipals = nonNegative('deletedPrincipals', options.deletedPrincipals, DEFAULT_DELETED_PRINCIPALS, true);
		directory = sampleModeDirectory(universe, initial, seed, { deletedPrincipals, zoneName: options.zoneName });
	} else {
		const fixture: Fixture =
			typeof options.fixture === 'string' ? await loadFixture(options.fixture) : validateFixtureDocument(options.fixture, 'fixture option');
		initial = fixture.tasks;
		directory = fixtureModeDirectory(initial, fixture.directory, seed, zoneId, options.zoneName);
	}
	const store = new TaskStore(initial);
	const writes = new WriteState(store, {
		delayMs: nonNegative('writeTaskDelayMs', options.writeTaskDelayMs, DEFAULT_WRITE_TASK_DELAY_MS, false),
		authorizationLimit: authorizationLimit(options.authorizationsPerRoleConfiguration),
		onSettled: (t) => logger.debug(`emulator: write task ${t.TaskId} ${t.TaskType} → ${t.Status}`),
	});
	if (options.fixture === undefined) {
		for (const [key, reason] of sampleBlockers(initial)) {
			writes.blockers.set(key, reason);
		}
	}
	for (const b of options.writeBlockers ?? []) {
		writes.blockers.set(changeKey(b.task), b.reason);
	}
	const zone: ZoneState = {
		zoneId,
		store,
		tokens: new PageTokens(),
		directory: new DirectoryState(directory, store),
		writes,
		cicEnabled: !options.cicDisabled,
		notOpenAnswer,
	};

	const limits: Record<string, number> = { ...DEFAULT_REQUESTS_PER_SECOND };
	for (const [action, rps] of Object.entries(options.requestsPerSecond ?? {})) {
		if (!(typeof rps === 'number' && rps > 0)) {
			throw new RangeError(`requestsPerSecond.${action} must be a positive number (Infinity for no limit), got ${rps}`);
		}
		limits[action] = rps;
	}
	const faults = new FaultInjector(seed, options.faultRate ?? 0, options.faultKinds ?? FAULT_KINDS);
	let latencyMs = nonNegative('latencyMs', options.latencyMs, 0, false);
	const now = options.now ?? Date.now;
	const stats = new Stats();
	const evolver = new Evolver(store, seed, zoneId, universe);

	const http = createEmulatorServer({
		zone,
		keys: () => keys,
		limiter: new SlidingWindowLimiter(limits),
		faults,
		stats,
		logger,
		now,
		latencyMs: () => latencyMs,
		defaultLanguage: options.language ?? 'zh-CN',
	});
	const actualPort = await http.listen(port);

	let evolveTimer: NodeJS.Timeout | undefined;
	if (options.evolve) {
		const intervalMs = nonNegative(
			'evolve.intervalMs',
			typeof options.evolve === 'object' ? options.evolve.intervalMs : undefined,
			DEFAULT_EVOLVE_INTERVAL_MS,
			false,
		);
		evolveTimer = setInterval(() => {
			const r = evolver.step();
			logger.debug(`emulator: evolve: ${r.finished.length} finished, ${r.created.length} new`);
		}, Math.max(10, intervalMs));
		evolveTimer.unref();
	}
	logger.info(`emulator: listening on http://127.0.0.1:${actualPort} (zone ${zoneId}, ${store.size} tasks)`);

	let closed: Promise<void> | undefined;
	return {
		url: `http://127.0.0.1:${actualPort}`,
		port: actualPort,
		zoneId,
		zoneName: directory.zone.ZoneName,
		credentials: { secretId: main.secretId, secretKey: main.secretKey, ...(main.token !== undefined ? { token: main.token } : {}) },
		requestLog: () => stats.entries(),
		counters: () => stats.counters(),
		maxRequestsInWindow: (action, windowMs) => stats.maxInWindow(action, windowMs),
		resetStats: () => stats.reset(),
		setCicEnabled: (enabled) => {
			zone.cicEnabled = enabled;
		},
		setTaskStatus: (taskId, status, failureReason) =>
			store.setStatus(taskId, status, failureReason ?? (status === 'Failed' ? 'Task failed (set by the emulator).' : '')),
		addTasks: (tasks) => store.add(validateFixture(tasks, 'addTasks')),
		tasks: () => store.snapshot(),
		directory: () => structuredClone({
			users: [...directory.users],
			groups: [...directory.groups],
			groupMembers: Object.fromEntries([...directory.groupMembers].map(([id, members]) => [id, [...members]])),
			roleConfigurations: [...directory.roleConfigurations],
			accounts: [...directory.accounts],
			deletedPrincipalIds: [...directory.deletedPrincipalIds],
		}),
		evolveStep: () => evolver.step(),
		settleWriteTask: (taskId) => {
			writes.settle(taskId);
			const task = store.get(taskId);
			return task === undefined ? undefined : { ...task };
		},
		setWriteBlocker: (task, reason) => {
			if (reason === undefined) {
				writes.blockers.delete(changeKey(task));
			} else {
				writes.blockers.set(changeKey(task), reason);
			}
		},
		setAuthorizationLimit: (limit) => {
			writes.authorizationLimit = authorizationLimit(limit);
		},
		setWriteTaskDelay: (ms) => {
			writes.delayMs = nonNegative('writeTaskDelayMs', ms, 0, false);
		},
		setLatency: (ms) => {
			latencyMs = nonNegative('latencyMs', ms, 0, false);
		},
		setFaults: (rate, kinds) => faults.configure(rate, kinds),
		close: () => {
			closed ??= (async () => {
				if (evolveTimer) {
					clearInterval(evolveTimer);
				}
				writes.dispose();
				await http.close();
				logger.info('emulator: closed');
			})();
			return closed;
		},
	};
}
