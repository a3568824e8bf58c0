// The names figure of `npm run bench` (issue 10 item 7): resolving every name of 10,000 tasks that name 2,000
// distinct principals (users and groups) and 500 member accounts, at 200 ms latency, alone and together with the
// listing that loads those tasks. Called from scripts/bench.ts; the figures are explained in docs/benchmarks.md.
import { createOrganizationClient, RateLimiter } from '../../src/api';
import type { TaskInfo } from '../../src/api/types';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { NameDirectory } from '../../src/model/nameDirectory';
import type { NameLookup } from '../../src/model/names';
import { TaskService } from '../../src/model/taskService';

export const NAMES_TASKS = 10_000;
/**
 * With seed 6, 1,510 users and 503 groups make the 10,000 tasks name exactly 2,000 distinct principals (1,502 users,
 * 498 groups; the emulator deletes 3 of them, which answer not found); every one of the 500 member accounts is named.
 */
const SEED = 6;
const SIZES = { users: 1510, groups: 503, accounts: 500 };
const DIRECTORY_ACTIONS = ['GetUser', 'ListUsers', 'GetGroup', 'ListGroups', 'GetRoleConfiguration', 'ListRoleConfigurations', 'DescribeOrganizationMembers'];

export interface NamesFigures {
	/** Requests sent (every action of the figure), as the emulator counted them. */
	requests: number;
	seconds: number;
	/** Answers the emulator's real 20/s-per-action limiter refused: must be 0. */
	throttled: number;
	/** The limiter ceiling over the measured time: 1 would be as fast as the per-action budgets allow. */
	ceilingFraction: number;
	/** Per action budget, the fastest the zero-throttling limiter serves its requests; the figure's is the slowest budget's. */
	ceilingSeconds: number;
	/** The longest NextToken chain (pages read one after another) times the latency: no client can beat it. */
	chainFloorSeconds: number;
	byAction: Record<string, number>;
}

export interface NamesBenchResult {
	principals: number;
	accounts: number;
	names: NamesFigures & { notFound: number };
	listAndNames: NamesFigures & { tasks: number; listSeconds: number };
}

interface BenchOptions {
	latencyMs: number;
	requestsPerSecond: number;
	progress: (message: string) => void;
}

/** `floor((R-1)/N)` full cycles of (latency + window) per budget, plus the last answer's latency (as for the listing). */
function ceilingOf(byAction: Record<string, number>, options: BenchOptions): number {
	const windowSeconds = new RateLimiter({ requestsPerSecond: options.requestsPerSecond }).windowMs / 1000;
	const latency = options.latencyMs / 1000;
	// GetTaskStatus draws on the ListTasks budget (src/api/actionLimits.ts).
	const budgets = new Map<string, number>();
	for (const [action, count] of Object.entries(byAction)) {
		const budget = action === 'GetTaskStatus' ? 'ListTasks' : action;
		budgets.set(budget, (budgets.get(budget) ?? 0) + count);
	}
	let ceiling = 0;
	for (const requests of budgets.values()) {
		if (requests > 0) {
			ceiling = Math.max(ceiling, Math.floor((requests - 1) / options.requestsPerSecond) * (latency + windowSeconds) + latency);
		}
	}
	return ceiling;
}

function unresolved(names: NameLookup, tasks: readonly TaskInfo[]): number {
	let missing = 0;
	for (const t of tasks) {
		if (!names.principal(t.PrincipalType, t.PrincipalId) || !names.account(t.TargetUin) || !names.roleConfiguration(t.RoleConfigurationId)) {
			missing++;
		}
	}
	return missing;
}

function directoryCounts(emulator: RunningEmulator, withListing: boolean): Record<string, number> {
	const byAction = emulator.counters().byAction;
	const actions = withListing ? [...DIRECTORY_ACTIONS, 'ListTasks', 'GetTaskStatus'] : DIRECTORY_ACTIONS;
	return Object.fromEntries(actions.filter((a) => (byAction[a] ?? 0) > 0).map((a) => [a, byAction[a] ?? 0]));
}

function figures(emulator: RunningEmulator, seconds: number, byAction: Record<string, number>, chainPages: number, options: BenchOptions): NamesFigures {
	const ceilingSeconds = ceilingOf(byAction, options);
	return {
		requests: Object.values(byAction).reduce((a, b) => a + b, 0),
		seconds,
		throttled: emulator.counters().throttled,
		ceilingFraction: ceilingSeconds / seconds,
		ceilingSeconds,
		chainFloorSeconds: (chainPages * options.latencyMs) / 1000,
		byAction,
	};
}

function start(options: BenchOptions): Promise<RunningEmulator> {
	return startEmulator({ tasks: NAMES_TASKS, seed: SEED, latencyMs: options.latencyMs, directorySizes: SIZES });
}

export async function benchNames(options: BenchOptions): Promise<NamesBenchResult> {
	// (a) The tasks already loaded; the directory resolves every name, as after a first load with an empty cache.
	let emulator = await start(options);
	let principals: number;
	let accounts: number;
	let names: NamesBenchResult['names'];
	try {
		const tasks = emulator.tasks();
		principals = new Set(tasks.map((t) => `${t.PrincipalType}:${t.PrincipalId}`)).size;
		accounts = new Set(tasks.filter((t) => t.TargetType === 'MemberUin').map((t) => t.TargetUin)).size;
		options.progress(`resolving the names of ${NAMES_TASKS} tasks: ${principals} principals, ${accounts} member accounts (${options.latencyMs} ms latency)`);
		const client = createOrganizationClient({ endpoint: emulator.url, credentials: emulator.credentials, requestsPerSecond: options.requestsPerSecond });
		const directory = new NameDirectory({ client, zoneId: emulator.zoneId });
		const started = performance.now();
		const result = await directory.resolve(tasks);
		const seconds = (performance.now() - started) / 1000;
		const missing = unresolved(directory, tasks);
		if (missing > 0 || result.failed > 0) {
			throw new Error(`the names of ${missing} tasks were not resolved (${result.failed} lookups failed)`);
		}
		const byAction = directoryCounts(emulator, false);
		names = { ...figures(emulator, seconds, byAction, byAction.ListUsers ?? 0, options), notFound: result.notFound };
		directory.dispose();
	} finally {
		await emulator.close();
	}

	// (b) The extension's own path: a refresh that lists all 10,000 tasks, names resolved in the background as
	// pages arrive, through the same client and limiter; done when both are.
	emulator = await start(options);
	try {
		options.progress(`listing ${NAMES_TASKS} tasks and resolving their names together`);
		const service = new TaskService<undefined>({
			createClient: (endpoint, credentials) => createOrganizationClient({ endpoint, credentials, requestsPerSecond: options.requestsPerSecond }),
			describeError: (error) => (error instanceof Error ? error.message : String(error)),
			settings: () => ({ pageSize: 100, loadAllThreshold: NAMES_TASKS }),
		});
		const credentials = emulator.credentials;
		service.setTarget({ kind: 'sample', label: 'bench', endpoint: emulator.url, zoneId: emulator.zoneId, credentials: () => Promise.resolve(credentials), source: undefined });
		const started = performance.now();
		const outcome = await service.refresh();
		const listSeconds = (performance.now() - started) / 1000;
		await service.resolveNames();
		const seconds = (performance.now() - started) / 1000;
		const tasks = service.store.tasks();
		if (outcome?.kind !== 'success' || tasks.length !== NAMES_TASKS) {
			throw new Error(`the listing did not complete (${outcome?.kind}, ${tasks.length} of ${NAMES_TASKS} tasks)`);
		}
		const missing = unresolved(service.names, tasks);
		if (missing > 0) {
			throw new Error(`the names of ${missing} tasks were not resolved after the listing`);
		}
		const byAction = directoryCounts(emulator, true);
		const perListing = new Map<string, number>();
		for (const task of tasks) {
			const key = `${task.Status}/${task.TaskType}`;
			perListing.set(key, (perListing.get(key) ?? 0) + 1);
		}
		const chainPages = Math.max(byAction.ListUsers ?? 0, Math.ceil(Math.max(...perListing.values()) / 100));
		service.dispose();
		return { principals, accounts, names, listAndNames: { ...figures(emulator, seconds, byAction, chainPages, options), tasks: NAMES_TASKS, listSeconds } };
	} finally {
		await emulator.close();
	}
}

const twoDigits = (n: number): string => n.toFixed(2);

/** The rows of the bench table: figure, measured, target, verdict. */
export function namesRows(r: NamesBenchResult): [string, string, string, string][] {
	const met = (ok: boolean): string => (ok ? 'met' : 'missed');
	const describe = (f: NamesFigures): string =>
		`${f.requests} requests, ${twoDigits(f.seconds)} s, ${f.throttled} throttled; limiter ceiling ${twoDigits(f.ceilingSeconds)} s ` +
		`(${(f.ceilingFraction * 100).toFixed(0)}% of it), longest page chain ${twoDigits(f.chainFloorSeconds)} s`;
	return [
		[
			`1b. Names of ${NAMES_TASKS.toLocaleString('en-US')} tasks (${r.principals.toLocaleString('en-US')} principals, ${r.accounts} member accounts), tasks already loaded`,
			`${describe(r.names)}; ${r.names.notFound} not found (deleted)`,
			'0 throttled',
			met(r.names.throttled === 0),
		],
		[
			'    listing and names together (one refresh, names in the background)',
			`${describe(r.listAndNames)}; the listing itself ${twoDigits(r.listAndNames.listSeconds)} s`,
			'0 throttled',
			met(r.listAndNames.throttled === 0),
		],
	];
}

/** The `--json` fields: `names.{requests,seconds,throttled,ceilingFraction,…}` and `listAndNames.{…}`. */
export function namesJson(r: NamesBenchResult, round: (n: number, digits?: number) => number): Record<string, unknown> {
	const numbers = (f: object): Record<string, unknown> =>
		Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
	return { names: { ...numbers(r.names), principals: r.principals, accounts: r.accounts }, listAndNames: numbers(r.listAndNames) };
}
