import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../../src/api/client';
import { AbortError } from '../../../src/api/errors';
import type { CallOptions, OrganizationClient } from '../../../src/api/organizationClient';
import type { GetTaskStatusRequest, GetTaskStatusResponse, ListTasksRequest, ListTasksResponse, TaskInfo } from '../../../src/api/types';
import { TASK_STATUSES } from '../../../src/api/types';
import { FAULT_KINDS, generateTasks, startEmulator, type FaultKind, type RunningEmulator } from '../../../src/emulator/index';
import { createRng, deriveSeed, intBetween, type Rng } from '../../../src/emulator/random';
import { errorMessage } from '../../../src/model/errorInfo';
import type { PollOutcome, RefreshOutcome } from '../../../src/model/refresh';
import { TaskService, type LoadSettings } from '../../../src/model/taskService';
import type { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from '../model/fakeOrganizationClient';
import { DirectoryUnsupported } from '../api/directoryUnsupported';

/*
 * The task service's promise (src/model/taskService.ts, the very object the Tasks view drives), checked over
 * hundreds of random worlds (zone size, unknown task types, fault mix and
 * rate, latency, page size, concurrency, retries, budget, aborts at random points): whatever hits a load, the
 * store either holds exactly the server's tasks with every group marked complete, or the load says it failed or
 * was cancelled and the store marks the data stale or the affected groups incomplete. Never a silent partial
 * result shown as complete. Each case: a refresh → "load all" on what is incomplete → the world changes and a
 * poll runs → it changes again and a second refresh runs over the old data → faults off, a full refresh must
 * recover exactly. checkOutcome below states the invariant precisely.
 *
 * Run one case: CIC_FAULT_SEED=123; more or fewer cases: CIC_FAULT_CASES=1000. Every failure names its seed
 * and parameters. The emulator's faults are seeded, but which request draws which fault depends on arrival
 * order under concurrency, so a seed reproduces the world and the schedule of aborts, not every fault.
 */

const CASES = Number(process.env.CIC_FAULT_CASES ?? 300);
const ONLY_SEED = process.env.CIC_FAULT_SEED === undefined ? undefined : Number(process.env.CIC_FAULT_SEED);
/** Cases run side by side: most of a case is waiting on (simulated) latency, so overlapping them saves time. */
const PARALLEL_CASES = 4;

interface Case {
	seed: number;
	tasks: number;
	/** Some tasks get a type the loader does not know, which forces its TaskType split to fall back. */
	unknownTypeShare: number;
	faultRate: number;
	faultKinds: FaultKind[];
	latencyMs: number;
	pageSize: number;
	concurrency: number;
	maxRetries: number;
	/**
	 * The loadAllThreshold setting: groups up to this size load whole, larger ones one page (or what was loaded);
	 * Infinity loads everything. ("Load more" reads this many more.)
	 */
	budget: number;
	/** Aborts the refresh when this many API calls have started (plus abortDelayMs), or never. */
	abortAtCall: number | undefined;
	abortDelayMs: number;
	/** The same for a second refresh, over data loaded earlier, after the world has changed again. */
	secondAbortAtCall: number | undefined;
}

function drawCase(seed: number): Case {
	const rng = createRng(deriveSeed(seed, 'faults-property'));
	const kinds = FAULT_KINDS.filter(() => rng() < 0.5);
	const pageSize = rng() < 0.2 ? intBetween(rng, 1, 5) : intBetween(rng, 1, 100);
	// Page size 1 over 400 tasks would be 400 pages, several times over: small pages go with small zones so
	// 300 cases stay within seconds, without giving up tiny pages.
	const tasks = Math.min(intBetween(rng, 50, 400), pageSize * 20);
	return {
		seed,
		tasks: Math.max(50, tasks),
		unknownTypeShare: rng() < 0.2 ? 0.05 : 0,
		faultRate: rng() < 0.15 ? 0 : Math.round(rng() * 60) / 100,
		faultKinds: kinds.length > 0 ? kinds : [pickOne(rng, FAULT_KINDS)],
		latencyMs: intBetween(rng, 0, 5),
		pageSize,
		concurrency: intBetween(rng, 1, 8),
		maxRetries: intBetween(rng, 0, 6),
		budget: rng() < 0.5 ? Number.POSITIVE_INFINITY : intBetween(rng, 1, 150),
		abortAtCall: rng() < 0.3 ? intBetween(rng, 1, 40) : undefined,
		abortDelayMs: intBetween(rng, 0, 4),
		secondAbortAtCall: rng() < 0.4 ? intBetween(rng, 1, 30) : undefined,
	};
}

function pickOne<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)];
}

/** The emulator's own sample tasks, some with a task type from the future. */
function worldOf(c: Case): TaskInfo[] {
	const rng = createRng(deriveSeed(c.seed, 'faults-world'));
	return generateTasks(c.tasks, c.seed).map((t) => (rng() < c.unknownTypeShare ? { ...t, TaskType: 'SomeFutureTaskType' } : t));
}

/** Passes calls through and lets the test act when the n-th call starts (to abort at a random point). */
class ObservedClient extends DirectoryUnsupported implements OrganizationClient {
	calls = 0;
	onCall: ((n: number) => void) | undefined;

	constructor(private readonly inner: OrganizationClient) {
		super();
	}

	get endpoint(): string {
		return this.inner.endpoint;
	}

	listTasks(request: ListTasksRequest, options?: CallOptions): Promise<ListTasksResponse> {
		this.started();
		return this.inner.listTasks(request, options);
	}

	listTaskPages(request: ListTasksRequest, options?: CallOptions): AsyncIterable<ListTasksResponse> {
		return this.inner.listTaskPages(request, options);
	}

	getTaskStatus(request: GetTaskStatusRequest, options?: CallOptions): Promise<GetTaskStatusResponse> {
		this.started();
		return this.inner.getTaskStatus(request, options);
	}

	private started(): void {
		// Counted apart from the callback: `f?.(++n)` would skip the increment whenever f is unset.
		this.calls++;
		this.onCall?.(this.calls);
	}
}

function idsOf(tasks: readonly TaskInfo[], status?: string): string[] {
	return tasks.filter((t) => status === undefined || t.Status === status).map((t) => t.TaskId).sort();
}

/** What each status group showed before an operation, to tell an untouched earlier snapshot from a changed one. */
type Snapshot = Map<string, string>;

function snapshotOf(store: TaskStore): Snapshot {
	return new Map(TASK_STATUSES.map((s) => [s, `${store.groupState(s).total}:${idsOf(store.tasks(), s).join()}`]));
}

function missingFrom(stored: readonly string[], server: readonly string[]): string[] {
	const have = new Set(stored);
	return server.filter((id) => !have.has(id));
}

/** "missing 3 (t-a, t-b, t-c), extra 1 (t-d)": short enough to read when many seeds fail. */
function describeDiff(stored: readonly string[], server: readonly string[]): string {
	const list = (ids: string[]): string => `${ids.length} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''})`;
	return `missing ${list(missingFrom(stored, server))}, extra ${list(missingFrom(server, stored))}`;
}

/** What an operation reported, in one shape for a refresh, a poll and the session's "load all". */
interface Reported {
	op: 'refresh' | 'poll' | 'loadAll';
	kind: 'success' | 'failure' | 'cancelled';
	reason?: string;
}

function reported(op: Reported['op'], outcome: RefreshOutcome | PollOutcome): Reported {
	return { op, kind: outcome.kind, reason: outcome.kind === 'failure' ? outcome.reason : undefined };
}

interface CheckOptions {
	/** What the store showed before the operation. */
	before: Snapshot;
	/** The server has not changed since the store was first filled: everything stored must match it. */
	serverStatic: boolean;
	/** The operation was asked to load everything (a refresh with an unlimited budget). */
	fullLoad: boolean;
}

/**
 * The invariant, after a refresh, a poll or a "load all":
 * - never a task twice, never a load still shown as running;
 * - a successful refresh: every stored task as the server has it, no stale mark, and after a full load
 *   every group complete (so the store equals the server);
 * - a failed refresh or poll gives a reason and marks the data stale with it (stale data may be any older
 *   state); a failed "load all" marks its group instead (checked where it runs);
 * - a cancellation: a group shown complete is either exactly what it was before (the earlier snapshot,
 *   untouched), or holds every task the server has in that status. A task that has since moved to another
 *   status may linger there until the next poll or refresh: older data, never missing data;
 * - whenever the server has not changed since the store was first filled, every stored task matches it and
 *   every group shown complete is exactly the server's.
 */
function checkOutcome(ctx: string, store: TaskStore, server: readonly TaskInfo[], outcome: Reported, o: CheckOptions): void {
	const stored = store.tasks();
	assert.equal(new Set(stored.map((t) => t.TaskId)).size, stored.length, `${ctx}: a task is stored twice`);
	assert.equal(store.isLoading, false, `${ctx}: the store still shows a load in progress`);
	const refreshed = outcome.op === 'refresh' && outcome.kind === 'success';
	if (o.serverStatic || refreshed) {
		const serverById = new Map(server.map((t) => [t.TaskId, t]));
		for (const task of stored) {
			assert.deepEqual({ ...task }, serverById.get(task.TaskId), `${ctx}: stored task ${task.TaskId} is not what the server has`);
		}
		for (const status of TASK_STATUSES) {
			const group = store.groupState(status);
			if (group.complete) {
				const [mine, theirs] = [idsOf(stored, status), idsOf(server, status)];
				assert.ok(mine.join() === theirs.join(), `${ctx}: group ${status} is shown complete but ${describeDiff(mine, theirs)} (${JSON.stringify(group)})`);
			}
		}
	}
	if (refreshed) {
		assert.equal(store.stale, undefined, `${ctx}: a successful refresh left a stale mark`);
		assert.ok(store.hasLoaded, `${ctx}: a successful refresh was not recorded`);
		if (o.fullLoad) {
			for (const status of TASK_STATUSES) {
				const group = store.groupState(status);
				assert.ok(group.complete, `${ctx}: group ${status} is not complete after a successful full load (${JSON.stringify(group)})`);
			}
		}
	}
	if (outcome.kind === 'failure' && outcome.op !== 'loadAll') {
		assert.ok(/\S/.test(outcome.reason ?? ''), `${ctx}: a failure without a reason`);
		assert.equal(store.stale?.reason, outcome.reason, `${ctx}: the failure did not mark the data stale with its reason`);
	}
	if (outcome.kind === 'cancelled') {
		const now = snapshotOf(store);
		for (const status of TASK_STATUSES) {
			const group = store.groupState(status);
			if (group.complete && now.get(status) !== o.before.get(status)) {
				const [mine, theirs] = [idsOf(stored, status), idsOf(server, status)];
				assert.deepEqual(missingFrom(mine, theirs), [], `${ctx}: after a cancelled refresh group ${status} changed and is shown complete but ${describeDiff(mine, theirs)} (${JSON.stringify(group)})`);
			}
		}
	}
}

/** The view's "Load all", through the service as the Load All command runs it. */
async function loadAll(service: TaskService, status: string): Promise<'success' | 'failure'> {
	const outcome = await service.loadGroup(status, 'all');
	assert.ok(outcome, 'the service has a loader');
	assert.notEqual(outcome.kind, 'cancelled', 'nothing cancels a "load all" here');
	return outcome.kind === 'success' ? 'success' : 'failure';
}

/** The service over one client, pointed at the emulator's zone as the host points it at sample data. */
function serviceFor(client: OrganizationClient, zoneId: string, settings: LoadSettings, concurrency?: number): TaskService {
	const service = new TaskService({
		createClient: () => client,
		// The reason a failure shows is the error's own message, as the invariant compares them.
		describeError: errorMessage,
		settings: () => settings,
		loader: concurrency === undefined ? {} : { concurrency },
	});
	const connected = service.setTarget({ kind: 'sample', label: 'Sample data', endpoint: client.endpoint, zoneId, credentials: () => Promise.reject(new Error('unused')), source: undefined });
	assert.equal(connected.state, 'ready');
	return service;
}

/** Whatever the operation, once it has settled the service shows nothing running and no retry pending. */
function checkSettled(ctx: string, service: TaskService): void {
	assert.equal(service.isLoading, false, `${ctx}: the service still shows a load in progress`);
	assert.equal(service.pendingRetry, undefined, `${ctx}: a retry notice outlived its load`);
}

function defined<T>(ctx: string, outcome: T | undefined): T {
	assert.ok(outcome !== undefined, `${ctx}: the service did not run the load`);
	return outcome;
}

/** What happened in one case, for the run's summary and to prove the cases reach every branch. */
interface CaseSummary {
	refresh: RefreshOutcome['kind'];
	loadAll: ('success' | 'failure')[];
	/** 'skipped': nothing was in progress, so the service had nothing to poll. */
	poll: PollOutcome['kind'] | 'skipped';
	second: RefreshOutcome['kind'];
	requests: number;
	faults: number;
}

async function runCase(c: Case): Promise<CaseSummary> {
	const ctx = `seed ${c.seed} ${JSON.stringify({ ...c, budget: String(c.budget) })}`;
	const world = worldOf(c);
	let emulator: RunningEmulator | undefined;
	try {
		emulator = await startEmulator({
			fixture: world,
			seed: c.seed,
			faultRate: c.faultRate,
			faultKinds: c.faultKinds,
			latencyMs: c.latencyMs,
			requestsPerSecond: { ListTasks: Number.POSITIVE_INFINITY, GetTaskStatus: Number.POSITIVE_INFINITY },
		});
		const emu = emulator;
		const client = new ObservedClient(
			createOrganizationClient({
				endpoint: emu.url,
				credentials: emu.credentials,
				requestsPerSecond: 100_000,
				retry: { baseDelayMs: 1, maxDelayMs: 4, maxRetries: c.maxRetries },
				timeoutMs: 5000,
			}),
		);
		const settings: LoadSettings = { pageSize: c.pageSize, loadAllThreshold: c.budget };
		const service = serviceFor(client, emu.zoneId, settings, c.concurrency);
		const store = service.store;

		/** A signal that aborts when the n-th call from now starts (and abortDelayMs have passed). */
		const abortAt = (n: number | undefined): AbortSignal => {
			const controller = new AbortController();
			const at = client.calls + (n ?? Number.POSITIVE_INFINITY);
			client.onCall = (k) => {
				if (k === at) {
					setTimeout(() => controller.abort(), c.abortDelayMs);
				}
			};
			return controller.signal;
		};

		// 1. A refresh under faults, maybe aborted part-way.
		const summary: CaseSummary = { refresh: 'success', loadAll: [], poll: 'success', second: 'success', requests: 0, faults: 0 };
		const fullLoad = c.budget === Number.POSITIVE_INFINITY;
		const first = defined(ctx, await service.refresh(abortAt(c.abortAtCall)));
		client.onCall = undefined;
		summary.refresh = first.kind;
		const step1 = `${ctx} [first refresh → ${first.kind}${first.kind === 'failure' ? `: ${first.reason}` : ''}]`;
		checkOutcome(step1, store, emu.tasks(), reported('refresh', first), { before: new Map(), serverStatic: true, fullLoad });
		checkSettled(step1, service);

		// 2. "Load all" on every group left incomplete, still under faults: a success completes the group
		// exactly, a failure leaves it incomplete with the error on it.
		for (const state of store.statusGroups()) {
			if (!state.complete && state.total !== undefined) {
				const before = snapshotOf(store);
				const result = await loadAll(service, state.status);
				summary.loadAll.push(result);
				const step2 = `${ctx} [load all ${state.status} → ${result}]`;
				checkOutcome(step2, store, emu.tasks(), { op: 'loadAll', kind: result }, { before, serverStatic: true, fullLoad: false });
				checkSettled(step2, service);
				const after = store.groupState(state.status);
				if (result === 'success') {
					assert.ok(after.complete, `${step2}: not complete after a successful load all (${JSON.stringify(after)})`);
				} else {
					assert.ok(!after.complete && after.error, `${step2}: a failed load all must leave the group incomplete with its error (${JSON.stringify(after)})`);
				}
			}
		}

		// 3. The world moves on and one auto-refresh tick runs, still under faults (a refresh follows when the
		// poll says one is needed, as the service does).
		emu.evolveStep();
		const polledIds = store.inProgressIds();
		const beforePoll = snapshotOf(store);
		const ticked = await service.poll();
		summary.poll = ticked?.kind ?? 'skipped';
		const step3 = `${ctx} [poll of ${polledIds.length} → ${summary.poll}${ticked?.kind === 'failure' ? `: ${ticked.reason}` : ''}]`;
		if (ticked === undefined) {
			// Only when nothing is in progress: then nothing is read and nothing changes.
			assert.deepEqual(polledIds, [], `${step3}: the service skipped a poll with tasks in progress`);
			assert.deepEqual(snapshotOf(store), beforePoll, `${step3}: a skipped poll changed the store`);
		}
		const poll: PollOutcome = ticked ?? { kind: 'success', changed: false, inProgress: 0, needsRefresh: false };
		checkOutcome(step3, store, emu.tasks(), reported('poll', poll), { before: beforePoll, serverStatic: false, fullLoad: false });
		checkSettled(step3, service);
		if (poll.kind === 'success') {
			const server = new Map(emu.tasks().map((t) => [t.TaskId, t]));
			for (const id of poll.needsRefresh ? [] : polledIds) {
				assert.equal(store.get(id)?.task.Status, server.get(id)?.Status, `${step3}: polled task ${id} has a status the server does not`);
			}
		}

		// 4. The world moves again; a refresh over the data loaded so far, under faults, maybe aborted.
		emu.evolveStep();
		const beforeSecond = snapshotOf(store);
		const second = defined(ctx, await service.refresh(abortAt(c.secondAbortAtCall)));
		client.onCall = undefined;
		summary.second = second.kind;
		const step4 = `${ctx} [second refresh → ${second.kind}${second.kind === 'failure' ? `: ${second.reason}` : ''}]`;
		checkOutcome(step4, store, emu.tasks(), reported('refresh', second), { before: beforeSecond, serverStatic: false, fullLoad });
		checkSettled(step4, service);

		summary.faults = emu.counters().faultsInjected;
		// 5. Faults off: a full refresh recovers whatever happened before, exactly.
		emu.setFaults(0);
		settings.loadAllThreshold = Number.POSITIVE_INFINITY;
		const last = defined(ctx, await service.refresh());
		const step5 = `${ctx} [final refresh → ${last.kind}${last.kind === 'failure' ? `: ${last.reason}` : ''}]`;
		assert.equal(last.kind, 'success', `${step5}: did not recover`);
		checkOutcome(step5, store, emu.tasks(), reported('refresh', last), { before: snapshotOf(store), serverStatic: false, fullLoad: true });
		assert.equal(store.size, emu.tasks().length, `${step5}: size`);
		checkSettled(step5, service);
		assert.equal(service.state, 'ready', `${step5}: the view state`);
		service.dispose();
		summary.requests = emu.counters().requests;
		return summary;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(message.includes(`seed ${c.seed} `) ? message : `${ctx}: ${message}`);
	} finally {
		await emulator?.close();
	}
}

describe('reliability: faults (property test against the emulator)', function () {
	this.timeout(120_000);

	it(`a load equals the server or says it did not, over ${ONLY_SEED === undefined ? CASES : 1} random worlds`, async () => {
		const seeds = ONLY_SEED === undefined ? Array.from({ length: CASES }, (_v, i) => i + 1) : [ONLY_SEED];
		const failures: string[] = [];
		const summaries: CaseSummary[] = [];
		let next = 0;
		const worker = async (): Promise<void> => {
			while (next < seeds.length) {
				const seed = seeds[next++];
				const c = drawCase(seed);
				try {
					summaries.push(await runCase(c));
				} catch (error) {
					failures.push(error instanceof Error ? error.message : String(error));
				}
			}
		};
		await Promise.all(Array.from({ length: PARALLEL_CASES }, worker));
		assert.deepEqual(failures, [], `${failures.length} of ${seeds.length} seeds failed:\n${failures.join('\n')}`);
		const count = (f: (s: CaseSummary) => boolean): number => summaries.filter(f).length;
		const tally = {
			refreshSucceeded: count((s) => s.refresh === 'success'),
			refreshFailed: count((s) => s.refresh === 'failure'),
			refreshCancelled: count((s) => s.refresh === 'cancelled'),
			loadAllSucceeded: summaries.reduce((n, s) => n + s.loadAll.filter((r) => r === 'success').length, 0),
			loadAllFailed: summaries.reduce((n, s) => n + s.loadAll.filter((r) => r === 'failure').length, 0),
			pollFailed: count((s) => s.poll === 'failure'),
			secondFailed: count((s) => s.second === 'failure'),
			secondCancelled: count((s) => s.second === 'cancelled'),
			requests: summaries.reduce((n, s) => n + s.requests, 0),
			faultsInjected: summaries.reduce((n, s) => n + s.faults, 0),
		};
		console.log(`      ${JSON.stringify(tally)}`);
		if (seeds.length >= 100) {
			// A property test whose cases never fail, never get cancelled or never recover proves nothing.
			for (const [name, n] of Object.entries(tally)) {
				assert.ok(n >= seeds.length / 30, `only ${n} cases with ${name}: the random worlds no longer cover it`);
			}
		}
	});

	it('a cancelled refresh over earlier data leaves the groups it interrupted incomplete (found by the property test)', async () => {
		// 80 tasks in progress, 20 of each task type: two pages of 10 per listing.
		const client = new FakeOrganizationClient(makeTasks(400));
		const settings: LoadSettings = { pageSize: 10, loadAllThreshold: Number.POSITIVE_INFINITY };
		const service = serviceFor(client, 'z-test1234', settings);
		const store = service.store;
		assert.equal((await service.refresh())?.kind, 'success');
		// Three tasks finish on the server: InProgress now counts three fewer than the store holds.
		const moved = client.tasks.filter((t) => t.Status === 'InProgress').slice(0, 3);
		for (const t of moved) {
			client.setStatus(t.TaskId, 'Failed', 'quota');
		}
		const controller = new AbortController();
		client.intercept = (kind, request) => {
			if (kind === 'ListTasks' && (request as ListTasksRequest).NextToken !== undefined) {
				// The user cancels as the second pages are requested, after the new counts have landed (the first
				// pages bring them).
				controller.abort();
				return new AbortError();
			}
			return undefined;
		};
		settings.loadAllThreshold = 1000;
		assert.deepEqual(await service.refresh(controller.signal), { kind: 'cancelled' });
		const inProgress = store.groupState('InProgress');
		assert.equal(inProgress.total, client.tasks.filter((t) => t.Status === 'InProgress').length, 'the new count landed');
		// Before the fix the group kept "exhausted" from the first refresh: 80 loaded ≥ 77 counted read as complete,
		// though three of the 80 are no longer in progress.
		assert.equal(inProgress.complete, false, `InProgress must not look complete: ${JSON.stringify(inProgress)}`);
		assert.equal(store.groupState('Failed').complete, false);
		assert.equal(store.stale, undefined, 'a cancellation is not a failure');
	});

	it('retries exhausted (fault rate 1): the refresh fails, says why, and never shows a group complete', async () => {
		const emu = await startEmulator({ tasks: 60, seed: 5, faultRate: 1, requestsPerSecond: { ListTasks: Number.POSITIVE_INFINITY } });
		try {
			const maxRetries = 2;
			const client = new ObservedClient(
				createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 100_000, retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries } }),
			);
			// Groups up to 100 load whole, as runRefresh's default budget of 100 tasks per group did.
			const settings: LoadSettings = { pageSize: 10, loadAllThreshold: 100 };
			const service = serviceFor(client, emu.zoneId, settings);
			const store = service.store;
			const outcome = await service.refresh();
			assert.equal(outcome?.kind, 'failure');
			assert.ok(outcome?.kind === 'failure' && /\S/.test(outcome.reason));
			assert.equal(store.stale?.reason, outcome.kind === 'failure' ? outcome.reason : undefined, 'the data is marked stale with the reason');
			checkSettled('fault rate 1', service);
			assert.equal(store.size, 0);
			assert.equal(store.hasLoaded, false);
			for (const status of TASK_STATUSES) {
				assert.equal(store.groupState(status).complete, false, `${status} must not look complete`);
			}
			assert.ok(emu.counters().requests <= client.calls * (maxRetries + 1), `at most ${maxRetries + 1} attempts per call (${emu.counters().requests} requests for ${client.calls} calls)`);

			// With data loaded first, a failing refresh keeps it, marked stale; a failing "load all" marks its group.
			emu.setFaults(0);
			settings.loadAllThreshold = 5;
			assert.equal((await service.refresh())?.kind, 'success');
			const before = store.tasks();
			emu.setFaults(1);
			settings.loadAllThreshold = 100;
			const again = await service.refresh();
			assert.equal(again?.kind, 'failure');
			assert.deepEqual(store.tasks(), before, 'old data kept');
			assert.ok(store.stale, 'marked stale');
			const incomplete = store.statusGroups().find((s) => !s.complete);
			assert.ok(incomplete, 'a group is still incomplete');
			assert.equal(await loadAll(service, incomplete.status), 'failure');
			const state = store.groupState(incomplete.status);
			assert.ok(!state.complete && state.error, `the group shows its error (${JSON.stringify(state)})`);
			checkOutcome('fault rate 1', store, emu.tasks(), { op: 'loadAll', kind: 'failure' }, { before: snapshotOf(store), serverStatic: true, fullLoad: false });
		} finally {
			await emu.close();
		}
	});
});
