import type { Credentials } from '../api/credentials';
import { isAuthFailure, isNotFound, isTencentCloudError } from '../api/errors';
import type { OrganizationClient, RetryNotice } from '../api/organizationClient';
import type { TaskInfo } from '../api/types';
import { ActiveLoads } from './activeLoads';
import type { Disposable, Event } from './emitter';
import { Emitter } from './emitter';
import { errorMessage } from './errorInfo';
import { unwrapApiError } from './errorDescription';
import type { TaskFilter } from './filter';
import { filtersEqual, normalizeFilter } from './filter';
import type { Timers } from './poller';
import { TaskLoader, type LoadProgress, type TaskLoaderOptions } from './loader';
import type { NameCacheStore } from './nameCache';
import { ServiceNames, type ServiceNamesOptions } from './serviceNames';
import { runLoadMore, runPoll, runRefresh, type LoadMoreOutcome, type PollOutcome, type RefreshOutcome } from './refresh';
import { TaskStore, type TaskStatusUpdate } from './taskStore';
import type { ViewState } from './viewState';
import { searchAccounts, searchPrincipals, type AccountSearchResult, type PrincipalSearchResult } from './directorySearch';
import type { NameLookup } from './names';
import { checkNow, type NowState } from './nowCheck';
import { describeTaskContext, type TaskContext } from './taskContext';
import type { KnownDeprovisionStrategy } from '../api/writeTypes';
import { RetryLinks, type RetryLinkStorage } from './retryLinks';
import type { RetryChange } from './retryPlan';
import { preflight, sendRetries, type PreflightResult, type RetryResult } from './retryTask';

export type { ViewState } from './viewState';

export type CredentialsProvider = () => Promise<Credentials>;

/**
 * What the tasks are read from, already resolved by the host (profile and settings, or the sample emulator):
 * everything the service needs to build a client and decide the view state, and nothing it must look up.
 */
export type TaskTarget<Source = unknown> =
	| { kind: 'none' }
	| {
		kind: 'profile' | 'sample';
		/** The profile's name, or "Sample data": for the view's description. */
		label: string;
		endpoint: string;
		/** Undefined: no zone chosen yet (state noZone). */
		zoneId: string | undefined;
		/** Undefined: no saved credentials (state noCredentials). Called for every request, so a removed key fails at once. */
		credentials: CredentialsProvider | undefined;
		/** The host's own record behind the target (its profile or emulator), handed back untouched. */
		source: Source;
	};

/** How many tasks a load reads; read at every load, so a settings change applies to the next one. */
export interface LoadSettings {
	pageSize: number;
	/** Groups up to this size load whole; "Load more" reads this many more. */
	loadAllThreshold: number;
}

export interface ServiceLog {
	info(message: string): void;
	warn(message: string): void;
}

/** A load's verdict on the target's credentials: `problem` after an auth failure, undefined after a success. */
export interface CredentialsVerdict<Source = unknown> {
	target: TaskTarget<Source>;
	problem: string | undefined;
}

export interface TaskServiceOptions<Source = unknown> {
	/** Builds the client; the host passes its ClientFactory, so every client shares one rate limiter. */
	createClient: (endpoint: string, credentials: CredentialsProvider) => OrganizationClient;
	/** The one description of an error for a person: stale reasons, connection errors, the profile's note. */
	describeError: (error: unknown) => string;
	settings: () => LoadSettings;
	/** Awaited by the refresh that reached the verdict, so a caller sees the profile updated when it returns. */
	onCredentialsVerdict?: (verdict: CredentialsVerdict<Source>) => Promise<void> | void;
	log?: ServiceLog;
	now?: () => number;
	/** Loader tuning (request slots, poll threshold, splitting), for tests; zone and filter are the service's. */
	loader?: Omit<TaskLoaderOptions, 'client' | 'zoneId' | 'filter' | 'pageSize' | 'onRetry'>;
	timers?: Timers;
	pollShownAfterMs?: number;
	/** Where profiles' names persist per zone (sample data keeps them in memory only). */
	nameCache?: NameCacheStore;
	/** Where the links of profiles' retries persist (sample data keeps them in memory only). */
	retryLinks?: RetryLinkStorage;
	/** Name directory tuning, for tests. */
	names?: ServiceNamesOptions['directory'];
}

/** What a task lookup found: the task's current status, or that the zone no longer knows it. */
export type TaskLookup =
	| {
		kind: 'found';
		status: TaskStatusUpdate & { TaskType: string; FailureReason: string };
		/** The task's row in the store after the write-back, when it is loaded. */
		task: TaskInfo | undefined;
	}
	| { kind: 'notFound'; zoneId: string };

/** Go to Task: the task as loaded in the store (fresh from GetTaskStatus), what GetTaskStatus says of one not loaded, or not found. */
export type TaskLocation =
	| { kind: 'loaded'; task: TaskInfo; status: TaskStatusUpdate & { TaskType: string; FailureReason: string } }
	| { kind: 'notLoaded'; status: TaskStatusUpdate & { TaskType: string; FailureReason: string } }
	| { kind: 'notFound'; zoneId: string };

/**
 * Failed loads whole up to this many times `loadAllThreshold` (10,000 at the default 1,000): it is the group people
 * act on, so it must not open partial. A factor, not a fixed number, so a user who lowers the threshold to spare a
 * slow link lowers this bound too; ten keeps a zone with a runaway failure count from turning every refresh into
 * an unbounded read. Groups the user asked to "Load all" get the same bound on later refreshes.
 */
export const LOAD_WHOLE_BOUND_FACTOR = 10;

export interface GroupBudgetInput {
	status: string;
	/** The group's exact count (TotalCounts). */
	total: number;
	/** How many the group holds now, or held before a filter change. */
	loaded: number;
	/** The user asked for "Load all" on this group. */
	wantsAll: boolean;
	loadAllThreshold: number;
	pageSize: number;
}

/**
 * How many tasks a refresh reads of one status group. Small groups, Failed, and groups the user asked to load whole
 * read to the end of every listing (not just `total` tasks, which can leave a listing unfinished after a TaskType
 * split fell back, and the group shown incomplete with all its tasks loaded). Large ones keep what the user had
 * loaded, at least one page.
 */
export function groupBudget(input: GroupBudgetInput): number {
	const bound = input.loadAllThreshold * LOAD_WHOLE_BOUND_FACTOR;
	const wholeUpTo = input.status === 'Failed' || input.wantsAll ? bound : input.loadAllThreshold;
	return input.total <= wholeUpTo ? Number.POSITIVE_INFINITY : Math.max(input.loaded, input.pageSize);
}

/** No client: no credentials, no zone, or the connection could not be built. */
export class NoClientError extends Error {
	override readonly name = 'NoClientError';

	constructor() {
		super('No client: add credentials and select a zone first.');
	}
}

const silentLog: ServiceLog = { info: () => undefined, warn: () => undefined };

/**
 * The tasks of one target, and everything that reads them: the one owner of the target, the client, the loader,
 * the filter, the view state, the retry notice and cancellation (one ActiveLoads registry, which the store's
 * tickets join). Refresh, poll, "Load more"/"Load all" and one task's GetTaskStatus all run here; the host adds
 * progress UI around them (from isLoading and onDidChange) and passes AbortSignals in.
 *
 * Switching target or filter clears the store at once and rebuilds the loader (zone and filter are fixed per
 * loader), so nothing still in flight can land: the store's tickets refuse results of superseded loads.
 */
export class TaskService<Source = unknown> implements Disposable {
	private readonly changeEmitter = new Emitter<void>();
	/** Target, state, filter, retry notice or loading activity changed (the store has its own change event). */
	readonly onDidChange: Event<void> = this.changeEmitter.event;
	private readonly loads: ActiveLoads;
	readonly store: TaskStore;
	/** Which new tasks Retry Task started for which failed ones, for the panels' links. */
	readonly retryLinks: RetryLinks;
	private currentTarget: TaskTarget<Source> = { kind: 'none' };
	private client: OrganizationClient | undefined;
	private loader: TaskLoader | undefined;
	private filter: TaskFilter = {};
	private viewState: ViewState = 'loading';
	private connectError: string | undefined;
	private retryNotice: { notice: RetryNotice; until: number } | undefined;
	/** Status groups the user asked to "Load all" for this target: later refreshes read them whole (within the bound). */
	private readonly wantsAll = new Set<string>();
	/** How deep each group was read before a filter change cleared the store. */
	private readonly rememberedDepth = new Map<string, number>();
	private readonly log: ServiceLog;
	private readonly now: () => number;
	private readonly nameService: ServiceNames;
	/**
	 * The names of the current zone's users, groups, accounts and role configurations: one stable object for the
	 * service's life. It reads the current zone's directory; onDidChange fires when names arrive and when the
	 * target moves to another zone. Names are resolved in the background after every write of tasks.
	 */
	readonly names: NameLookup;

	constructor(private readonly options: TaskServiceOptions<Source>) {
		this.log = options.log ?? silentLog;
		this.now = options.now ?? Date.now;
		this.loads = new ActiveLoads({ onChange: () => this.changed(), timers: options.timers, pollShownAfterMs: options.pollShownAfterMs });
		this.store = new TaskStore(this.now, this.loads);
		this.retryLinks = new RetryLinks(options.retryLinks, this.now);
		this.nameService = new ServiceNames({
			beginLoad: () => this.loads.begin('names'),
			tasks: () => this.store.tasks(),
			cache: options.nameCache,
			log: this.log,
			now: this.now,
			directory: options.names,
		});
		this.names = this.nameService;
		this.store.onDidChange(() => this.nameService.schedule());
	}

	get target(): TaskTarget<Source> {
		return this.currentTarget;
	}

	get state(): ViewState {
		return this.viewState;
	}

	get currentFilter(): TaskFilter {
		return this.filter;
	}

	get zoneId(): string | undefined {
		return this.currentTarget.kind === 'none' ? undefined : this.currentTarget.zoneId;
	}

	/** Where requests go, while there is a client; undefined means nothing can be sent. */
	get endpoint(): string | undefined {
		return this.client?.endpoint;
	}

	/** Why the last target could not get a client, for the view's message. */
	get connectionError(): string | undefined {
		return this.connectError;
	}

	/** Something the user can cancel is running (Cancel Loading, the overview's spinner). */
	get isLoading(): boolean {
		return this.loads.isLoading;
	}

	/** A refresh or "Load more" is running: what the view's progress bar shows. */
	get isReadingTasks(): boolean {
		return this.store.isLoading;
	}

	/** The retry the client is waiting on right now, for "rate limited, retrying in 2 s". */
	get pendingRetry(): RetryNotice | undefined {
		// Only while a load is running: a notice that arrives as (or after) its load settles is not news.
		return this.retryNotice && this.loads.isLoading && this.retryNotice.until > this.now() ? this.retryNotice.notice : undefined;
	}

	/**
	 * Points the service at a target: cancels every load, clears the store at once, builds the client and loader,
	 * and decides the view state. Does not load: call refresh() when the state is 'ready'. With `filter`, the
	 * filter is replaced in the same step (sample data starts unfiltered). Throws nothing: a client that cannot
	 * be built (a bad endpoint) gives state 'connectionError', and the error is returned for the host to report.
	 */
	setTarget(target: TaskTarget<Source>, options: { filter?: TaskFilter } = {}): { state: ViewState; error?: unknown } {
		this.clear();
		this.currentTarget = target;
		this.wantsAll.clear();
		this.rememberedDepth.clear();
		if (options.filter !== undefined) {
			this.filter = normalizeFilter(options.filter);
		}
		let error: unknown;
		let state: ViewState;
		try {
			state = this.connect(target);
			this.connectError = undefined;
		} catch (caught) {
			error = caught;
			state = this.failConnection(caught);
		}
		this.nameService.useZone(this.namesZone());
		this.setState(state);
		return error === undefined ? { state } : { state, error };
	}

	/**
	 * Cancels every load, clears the store at once and drops the client, keeping target and state: for the moment
	 * between "the profile changed" and the host having resolved the new target.
	 */
	clear(): void {
		this.cancelAll();
		this.store.reset();
		this.client = undefined;
		this.loader = undefined;
		this.retryNotice = undefined;
		this.changed();
	}

	/**
	 * The target could not even be resolved (e.g. secret storage unreadable): nothing is sent, and the view
	 * says what to fix. Clears like setTarget.
	 */
	setConnectionFailed(target: TaskTarget<Source>, error: unknown): void {
		this.clear();
		this.currentTarget = target;
		this.nameService.useZone(undefined);
		this.setState(this.failConnection(error));
	}

	/** The same target with new details (a renamed profile, its attention note): no reconnect, no reload. */
	updateTargetDetails(label: string, source: Source): void {
		if (this.currentTarget.kind !== 'none') {
			this.currentTarget = { ...this.currentTarget, label, source };
			this.changed();
		}
	}

	/** A different filter clears the store at once and gives a new loader; true if it changed (then refresh). */
	setFilter(filter: TaskFilter): boolean {
		const next = normalizeFilter(filter);
		if (filtersEqual(next, this.filter)) {
			return false;
		}
		this.filter = next;
		this.cancelAll();
		this.rememberDepth();
		this.store.reset();
		this.loader = this.client && this.zoneId ? this.newLoader(this.client, this.zoneId) : undefined;
		this.changed();
		return true;
	}

	/** Cancel Loading: stops every refresh, "Load more", poll and task lookup; the next tick polls again. */
	cancelAll(): void {
		this.loads.cancelAll();
	}

	/** Reloads counts and the first pages; the old data stays (marked stale) if it fails. */
	async refresh(signal?: AbortSignal, onProgress?: (p: LoadProgress) => void): Promise<RefreshOutcome | undefined> {
		const loader = this.loader;
		if (!loader || this.viewState === 'noCredentials' || this.viewState === 'noZone') {
			return undefined;
		}
		if (this.viewState !== 'ready') {
			this.setState('ready');
		}
		const target = this.currentTarget;
		const started = this.now();
		this.nameService.renew(started);
		try {
			const outcome = await runRefresh({ store: this.store, loader, budget: this.budget(), signal, onProgress, describeError: this.options.describeError });
			this.log.info(`Refresh ${outcome.kind} in ${this.now() - started} ms (${this.store.size} tasks loaded)`);
			if (outcome.kind === 'failure' && this.loader === loader) {
				await this.onLoadFailure(target, outcome.error);
			} else if (outcome.kind === 'success') {
				await this.options.onCredentialsVerdict?.({ target, problem: undefined });
			}
			return outcome;
		} finally {
			this.endOfLoad();
		}
	}

	/**
	 * Loads more of one status group ("Load more") or all of it ("Load all"); a failure flags the group. With a task
	 * type, only that type's share of the group (a load inside a task-type group).
	 */
	async loadGroup(status: string, mode: 'more' | 'all', signal?: AbortSignal, taskType?: string): Promise<LoadMoreOutcome | undefined> {
		const loader = this.loader;
		if (!loader) {
			return undefined;
		}
		const count = mode === 'all' ? 'all' : this.options.settings().loadAllThreshold;
		if (mode === 'all' && taskType === undefined) {
			this.wantsAll.add(status);
		}
		this.nameService.resume();
		try {
			return await runLoadMore({ store: this.store, loader, status, count, signal, taskType });
		} finally {
			this.endOfLoad();
		}
	}

	/** One auto-refresh tick: only tasks in progress are read again; a full refresh follows when the poll needs one. */
	async poll(signal?: AbortSignal): Promise<PollOutcome | undefined> {
		const loader = this.loader;
		if (!loader || this.viewState !== 'ready' || this.store.inProgressIds().length === 0) {
			return undefined;
		}
		let outcome: PollOutcome;
		this.nameService.resume();
		try {
			outcome = await runPoll({ store: this.store, loader, signal, describeError: this.options.describeError });
		} finally {
			this.endOfLoad();
		}
		if (outcome.kind === 'success' && outcome.needsRefresh && this.loader === loader && !signal?.aborted) {
			await this.refresh(signal);
		} else if (outcome.kind === 'failure') {
			// The reason says what to do; the error names the listing and what went wrong with it.
			this.log.warn(`Auto-refresh failed: ${outcome.reason} (${errorMessage(outcome.error)})`);
		}
		return outcome;
	}

	/**
	 * The exact count per status under the current filter (one MaxResults=1 call each), for the background check;
	 * stores nothing. Registered as a poll, so Cancel Loading stops it. Undefined when nothing can be counted.
	 */
	async countTotals(signal?: AbortSignal): Promise<ReadonlyMap<string, number> | undefined> {
		const loader = this.loader;
		if (!loader || this.viewState !== 'ready') {
			return undefined;
		}
		const load = this.loads.begin('poll', signal);
		try {
			return (await loader.loadCounts(loader.currentFilter, load.signal)).byStatus;
		} finally {
			load.end();
			this.endOfLoad();
		}
	}

	/**
	 * GetTaskStatus for one task (a detail panel's Refresh), written back to the store under a 'task' ticket
	 * taken before the request: a poll that started earlier and answers later cannot undo it, and a poll or
	 * refresh that started later wins over it. Throws NoClientError without a client, the abort reason when
	 * cancelled, and the API's error otherwise.
	 */
	async refreshTask(taskId: string, signal?: AbortSignal): Promise<TaskLookup> {
		const loader = this.loader;
		if (!loader) {
			throw new NoClientError();
		}
		const ticket = this.store.begin('task', signal);
		try {
			const status = await loader.taskStatus(taskId, ticket.signal);
			if (ticket.signal.aborted) {
				throw ticket.signal.reason;
			}
			this.store.applyStatusUpdates(ticket, [status]);
			this.store.finish(ticket, { kind: 'success' });
			return { kind: 'found', status, task: this.store.get(taskId)?.task };
		} catch (error) {
			this.store.finish(ticket, { kind: 'cancelled' });
			if (isNotFound(error) && !ticket.signal.aborted) {
				return { kind: 'notFound', zoneId: loader.zoneId };
			}
			throw error;
		} finally {
			this.endOfLoad();
		}
	}

	/**
	 * Go to Task: where a task is. Always one GetTaskStatus through refreshTask's path, also for a loaded task,
	 * so the tree shows its current status when it is revealed (and an unreachable service says so).
	 */
	async findTask(taskId: string, signal?: AbortSignal): Promise<TaskLocation> {
		const found = await this.refreshTask(taskId, signal);
		if (found.kind === 'notFound') {
			return found;
		}
		const loaded = this.store.get(taskId)?.task;
		return loaded ? { kind: 'loaded', task: loaded, status: found.status } : { kind: 'notLoaded', status: found.status };
	}

	/**
	 * Who and where a task is about (a detail panel): the name directory's entries, and GetUser / GetGroup /
	 * DescribeOrganizationMembers / GetRoleConfiguration for what it does not know yet. Registered as a task
	 * lookup, so Cancel Loading and a target change stop it. Throws NoClientError without a client, the abort
	 * reason when cancelled; a part that fails carries its error.
	 */
	async describeTaskContext(task: TaskInfo, signal?: AbortSignal): Promise<TaskContext> {
		return this.withZoneClient(signal, (client, zoneId, s) => describeTaskContext(client, zoneId, task, this.names, s));
	}

	/**
	 * The Now check of one task: whether its role assignment exists today and how its role configuration is
	 * deployed on its account (src/model/nowCheck.ts). Throws like describeTaskContext.
	 */
	async checkNow(task: TaskInfo, signal?: AbortSignal): Promise<NowState> {
		return this.withZoneClient(signal, (client, zoneId, s) => checkNow(client, zoneId, task, s, { now: this.now }));
	}

	/**
	 * Retry Task's preflight (src/model/retryTask.ts): GetTaskStatus of each old task and the state checks; sends
	 * no write. A task lookup like checkNow, so Cancel Loading stops it. Throws NoClientError without a client.
	 */
	async preflightRetry(changes: readonly RetryChange[], signal?: AbortSignal): Promise<PreflightResult[]> {
		return this.withZoneClient(signal, (client, zoneId, s) => preflight({ client, zoneId, log: this.log }, changes, s));
	}

	/**
	 * Sends the confirmed retries, each request once (the audit goes to the service log). Not a load of the view:
	 * Cancel Loading must not cut a write off halfway. The tasks they start go into the store, where polling
	 * follows them, and each old task is linked to its new ones. Throws NoClientError without a client.
	 */
	async sendRetries(changes: readonly RetryChange[], deprovisionStrategy?: KnownDeprovisionStrategy): Promise<RetryResult[]> {
		const client = this.client;
		const zoneId = this.zoneId;
		if (!client || !zoneId) {
			throw new NoClientError();
		}
		const keptIn = this.currentTarget.kind === 'profile' ? zoneId : undefined;
		const sentAt = this.now();
		const results = await sendRetries({ client, zoneId, log: this.log }, changes, { deprovisionStrategy });
		const started = results.flatMap((r) => (r.outcome.kind === 'started' ? r.outcome.tasks : []));
		if (started.length > 0 && this.client === client) {
			const ticket = this.store.begin('task');
			this.store.mergeTasks(ticket, started);
			this.store.finish(ticket, { kind: 'success' });
			this.endOfLoad();
		}
		for (const r of results) {
			const ids = r.outcome.kind === 'started' ? r.outcome.tasks.map((t) => t.TaskId) : r.outcome.kind === 'alreadyDone' ? r.outcome.taskIds : [];
			for (const old of r.change.tasks) {
				this.retryLinks.link(old.TaskId, ids, keptIn, sentAt);
			}
		}
		return results;
	}

	/** Resolves the names of the loaded tasks now, if anything is due; settles when no resolution is running. */
	resolveNames(): Promise<void> {
		this.nameService.schedule();
		return this.nameService.settled();
	}

	/**
	 * Users and groups matching typed text, for Filter Tasks…'s principal step (ListUsers / ListGroups `Filter`).
	 * Not a load of the view: the picker cancels it with `signal` as the text changes. Throws NoClientError
	 * without a client.
	 */
	async searchPrincipals(text: string, signal?: AbortSignal): Promise<PrincipalSearchResult> {
		const client = this.client;
		const zoneId = this.zoneId;
		if (!client || !zoneId) {
			throw new NoClientError();
		}
		return searchPrincipals(client, zoneId, text, { signal, now: this.now });
	}

	/** Member accounts matching typed text (DescribeOrganizationMembers `SearchKey`); as searchPrincipals. */
	async searchAccounts(text: string, signal?: AbortSignal): Promise<AccountSearchResult> {
		const client = this.client;
		if (!client || !this.zoneId) {
			throw new NoClientError();
		}
		return searchAccounts(client, text, { signal, now: this.now });
	}

	dispose(): void {
		this.cancelAll();
		this.retryLinks.dispose();
		this.nameService.dispose();
		this.store.dispose();
		this.loads.dispose();
		this.changeEmitter.dispose();
	}

	// ---- internals ------------------------------------------------------------------------------------

	private connect(target: TaskTarget<Source>): ViewState {
		if (target.kind === 'none' || target.credentials === undefined) {
			return 'noCredentials';
		}
		if (!target.zoneId) {
			return 'noZone';
		}
		this.client = this.options.createClient(target.endpoint, target.credentials);
		this.loader = this.newLoader(this.client, target.zoneId);
		return 'ready';
	}

	private async withZoneClient<T>(signal: AbortSignal | undefined, run: (client: OrganizationClient, zoneId: string, signal: AbortSignal) => Promise<T>): Promise<T> {
		const client = this.client;
		const zoneId = this.zoneId;
		if (!client || !zoneId) {
			throw new NoClientError();
		}
		const load = this.loads.begin('task', signal);
		try {
			return await run(client, zoneId, load.signal);
		} finally {
			load.end();
			this.endOfLoad();
		}
	}

	private namesZone(): Parameters<ServiceNames['useZone']>[0] {
		const target = this.currentTarget;
		return this.client && target.kind !== 'none' && target.zoneId
			? { client: this.client, endpoint: target.endpoint, zoneId: target.zoneId, persist: target.kind === 'profile' }
			: undefined;
	}

	private failConnection(error: unknown): ViewState {
		this.client = undefined;
		this.loader = undefined;
		this.connectError = this.options.describeError(error);
		return 'connectionError';
	}

	private newLoader(client: OrganizationClient, zoneId: string): TaskLoader {
		return new TaskLoader({
			...this.options.loader,
			client,
			zoneId,
			filter: this.filter,
			pageSize: this.options.settings().pageSize,
			onRetry: (notice) => {
				this.retryNotice = { notice, until: this.now() + notice.delayMs };
				this.changed();
			},
		});
	}

	private budget(): (status: string) => number {
		const settings = this.options.settings();
		return (status) =>
			groupBudget({
				status,
				total: this.store.total(status) ?? 0,
				loaded: Math.max(this.store.groupState(status).loaded, this.rememberedDepth.get(status) ?? 0),
				wantsAll: this.wantsAll.has(status),
				loadAllThreshold: settings.loadAllThreshold,
				pageSize: settings.pageSize,
			});
	}

	/** Before the store is cleared for a new filter: how deep each group was read, so the next refresh reads as deep. */
	private rememberDepth(): void {
		for (const group of this.store.statusGroups()) {
			this.rememberedDepth.set(group.status, Math.max(group.loaded, this.rememberedDepth.get(group.status) ?? 0));
		}
	}

	private async onLoadFailure(target: TaskTarget<Source>, error: unknown): Promise<void> {
		const apiError = unwrapApiError(error);
		const code = isTencentCloudError(apiError) ? apiError.code : undefined;
		this.log.warn(`Load failed: ${this.options.describeError(error)}`);
		if (code === 'FailedOperation.IdentityCenterNotOpen' && !this.store.hasLoaded) {
			this.setState('cicNotOpen');
		} else if (code === 'FailedOperation.ZoneIdNotExist' && !this.store.hasLoaded) {
			// The zone belongs to the profile, not to a setting: name both, and where to choose another.
			this.log.warn(`Zone ${this.zoneId ?? '?'} of "${target.kind === 'none' ? '' : target.label}" was not found for these credentials; choose the right zone with Select Zone….`);
			this.setState('zoneNotFound');
		} else if (isAuthFailure(apiError)) {
			await this.options.onCredentialsVerdict?.({ target, problem: this.options.describeError(error) });
		}
	}

	/** A load settled: whatever retry it was waiting on is over. */
	private endOfLoad(): void {
		if (this.retryNotice !== undefined) {
			this.retryNotice = undefined;
			this.changed();
		}
	}

	private setState(state: ViewState): void {
		this.viewState = state;
		this.changed();
	}

	private changed(): void {
		this.changeEmitter.fire();
	}
}
