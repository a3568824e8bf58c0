import type { CallOptions, OrganizationClient, RetryNotice } from '../api/organizationClient';
import type { ListTasksFilter, TaskInfo } from '../api/types';
import { PRINCIPAL_TYPES, TARGET_TYPES, TASK_STATUSES, TASK_TYPES } from '../api/types';
import { isAbortError, isNotFound } from '../api/errors';
import { errorCode, errorMessage, NEXT_TOKEN_INVALID } from './errorInfo';
import type { TaskFilter } from './filter';
import { filtersEqual, normalizeFilter, toServerFilters } from './filter';
import { compareStatuses } from './grouping';
import { PagingGuard } from './pagingGuard';
import { Semaphore } from './semaphore';
import type { TaskStatusUpdate } from './taskStore';
import { canonicalTaskType } from './taskTypes';

export interface TaskLoaderOptions {
	client: OrganizationClient;
	/** Zone and filter are fixed for the loader's life: its owner (the task service) builds a new loader when either changes. */
	zoneId: string;
	filter?: TaskFilter;
	/**
	 * Requests in flight or waiting for the rate limiter at once, across all listings. Default 20, the ListTasks
	 * budget: the limiter does the pacing and the ordering (longest chain first), and the first round trip of a
	 * refresh (counts and every listing's first page) fits in one window.
	 */
	concurrency?: number;
	/** MaxResults of every listing page (1–100). Default 100, the service's maximum. */
	pageSize?: number;
	/** At most this many in-progress tasks are polled one by one with GetTaskStatus. Default 10. */
	pollThreshold?: number;
	/** Upper bound of GetTaskStatus calls for tasks that left InProgress during a listing poll. Default 100. */
	maxStatusLookups?: number;
	/** A listing restarts at most this often after InvalidParameter.NextTokenInvalid. Default 3. */
	maxRestarts?: number;
	/**
	 * A listing longer than this many pages is read as parts (by TargetType × PrincipalType) in parallel, when
	 * the load wants more than that many pages' worth of tasks. Default 8; Infinity never splits.
	 */
	splitPages?: number;
	onRetry?: (notice: RetryNotice) => void;
}

export interface LoadProgress {
	status: string;
	loaded: number;
	/** Exact total when known (from loadCounts or the listings' TotalCounts). */
	total: number | undefined;
}

export interface LoadOptions {
	signal?: AbortSignal;
	onProgress?: (progress: LoadProgress) => void;
	/** Each page's tasks as they arrive, so they can be shown before the whole load finishes. */
	onTasks?: (tasks: TaskInfo[]) => void;
	/**
	 * Read only the listings of this (canonical) task type, for a "Load more" inside a task-type group. Ignored when
	 * the group is not read by task type (its split fell back), so the load still makes progress.
	 */
	taskType?: string;
}

export interface StatusCounts {
	/** Exact TotalCounts per status, for the statuses the filter allows, in tree order. */
	byStatus: Map<string, number>;
}

export interface FirstAnswer extends StatusCounts {
	/** Tasks under the filter whose Status is none of the documented ones (the service may add one). */
	otherStatuses: number;
}

export interface GroupLoadResult {
	status: string;
	/** Tasks received by this call (new or refreshed), in arrival order. */
	tasks: TaskInfo[];
	/** Distinct tasks loaded in this status group so far. */
	loaded: number;
	total: number | undefined;
	/** Every listing of the group has been read to the end. */
	exhausted: boolean;
}

export interface PollResult {
	/** Current status of each polled task that could be looked up. */
	updates: TaskStatusUpdate[];
	/** Full rows of tasks still in progress (listing mode only), including ones not polled before. */
	inProgress: TaskInfo[];
	/** Polled ids the service no longer knows. */
	missing: string[];
	/** More tasks left InProgress than were looked up; a full refresh is needed to see where they went. */
	needsRefresh: boolean;
	mode: 'getTaskStatus' | 'listing';
}

/** A listing failed; data loaded before the failure is kept and the group is left incomplete. */
export class ListingError extends Error {
	override readonly name = 'ListingError';

	constructor(
		readonly status: string,
		/** Which listing failed, e.g. "Status=Failed, TaskType=CreateRoleAssignment". */
		readonly listing: string,
		readonly code: string | undefined,
		cause: unknown,
	) {
		super(`Loading ${status} tasks failed (listing ${listing}): ${errorMessage(cause)}`, { cause });
	}
}

interface Listing {
	readonly filter: ListTasksFilter;
	readonly description: string;
	nextToken: string | undefined;
	started: boolean;
	done: boolean;
	inFlight: boolean;
	total: number | undefined;
	restarts: number;
	/** Pages read since the last (re)start, for the remaining chain length. */
	pagesRead: number;
	/** Stops the NextToken chain when it goes round, repeats itself, or runs past its TotalCounts. */
	readonly guard: PagingGuard;
	/**
	 * While set, the listing is read through these parts instead of its own cursor (kept for the fallback).
	 * Undone when their TotalCounts add up to less than the listing's: some task has a TargetType or
	 * PrincipalType the parts do not cover.
	 */
	parts: Listing[] | undefined;
	/** The listing was split once; after a fallback it is never split again. */
	splitDecided: boolean;
	/** The parts' totals were checked against this listing's. */
	partsChecked: boolean;
}

interface Group {
	readonly status: string;
	listings: Listing[];
	/** Listings also split by TaskType, to read in parallel; undone when the split misses tasks. */
	split: boolean;
	readonly tasks: Map<string, TaskInfo>;
	countedTotal: number | undefined;
	/** A count call is on its way (loadCounts): the split check waits for it instead of counting again. */
	counting?: boolean;
	/** The first pages sent alongside the counts (prefetchFirstPages); the next loadMore waits for them. */
	prefetch?: Promise<void>;
	/** Tasks the group held before the prefetch or the count pages: the next loadMore's budget counts from here. */
	budgetBase?: number;
}

function describeListing(filter: ListTasksFilter): string {
	return (Object.keys(filter) as (keyof ListTasksFilter)[]).map((k) => `${k}=${filter[k]}`).join(', ') || 'all tasks';
}

function newListing(filter: ListTasksFilter, pageSize: number): Listing {
	return {
		filter,
		description: describeListing(filter),
		nextToken: undefined,
		started: false,
		done: false,
		inFlight: false,
		total: undefined,
		restarts: 0,
		pagesRead: 0,
		guard: new PagingGuard(pageSize),
		parts: undefined,
		splitDecided: false,
		partsChecked: false,
	};
}

/** The listings actually read: a split listing's parts, every other listing itself. */
function leaves(listings: readonly Listing[]): Listing[] {
	return listings.flatMap((l) => l.parts ?? [l]);
}

/**
 * Loads tasks of one zone for one filter. Each status group is read through one or more listings (the
 * user's filter values times, when no task type was chosen, the four known task types), run in parallel
 * and continued through their NextToken cursors on demand. Cursors survive an abort or an error, so the
 * next loadMore continues where the last one stopped. A chain that does not end is stopped by its
 * PagingGuard with ClientError.PagingLoop, reported like any other listing failure.
 *
 * The zone and filter are given once: whoever owns them (the task service) replaces the loader when they change,
 * so there is no second, mutable copy that could disagree with the owner's.
 */
export class TaskLoader {
	private readonly filter: TaskFilter;
	private groups = new Map<string, Group>();
	private readonly semaphore: Semaphore;
	private readonly pageSize: number;
	private readonly pollThreshold: number;
	private readonly maxStatusLookups: number;
	private readonly maxRestarts: number;
	private readonly splitPages: number;
	/** Each status's last exact count under this loader's filter; kept across restart() to plan the next refresh. */
	private readonly lastCounts = new Map<string, number>();

	constructor(private readonly options: TaskLoaderOptions) {
		this.filter = normalizeFilter(options.filter);
		this.semaphore = new Semaphore(options.concurrency ?? 20, { deferHandOff: true });
		this.pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
		this.pollThreshold = options.pollThreshold ?? 10;
		this.maxStatusLookups = options.maxStatusLookups ?? 100;
		this.maxRestarts = options.maxRestarts ?? 3;
		this.splitPages = options.splitPages ?? 8;
	}

	get currentFilter(): TaskFilter {
		return this.filter;
	}

	get zoneId(): string {
		return this.options.zoneId;
	}

	/** Forgets cursors and loaded tasks, for a refresh; in-flight loads finish into detached state. */
	restart(): void {
		this.groups = new Map();
	}

	/**
	 * The first round trip of a refresh: every status's exact total and, beside it, the first page of every listing,
	 * so that the rate limiter's first window is full (its slots are reused one window after each answer, so an idle
	 * first window costs the whole load). The tasks go to `onTasks`.
	 *
	 * With the status left open, a status read by task type needs no count call: its listings' first pages carry
	 * TotalCounts that add up to it. The one count of the whole filter, needed anyway to find tasks of statuses the
	 * docs do not list, checks them: only when it finds more than the task types add up to (an undocumented status
	 * or task type) are those statuses counted one by one, in a second round trip, and a status whose count exceeds
	 * its task types' falls back to listings without a task type (checkSplit). A status whose count is its own first
	 * page (countReadsFirstPage) is counted that way; under a status filter, every status is counted as loadCounts does.
	 */
	async firstAnswer(options: LoadOptions = {}): Promise<FirstAnswer> {
		const { signal } = options;
		const statuses = this.statuses();
		const direct = new Set(statuses.filter((status) => options.onTasks !== undefined && this.countReadsFirstPage(status)));
		if (this.filter.statuses && this.filter.statuses.length > 0) {
			// Only documented statuses can be filtered on, so there is nothing else to find and no count to check against.
			const counting = this.loadCounts(this.filter, signal, options.onTasks);
			// Each group's loadMore waits for its own prefetch.
			void this.prefetchFirstPages(options, direct);
			return { ...(await counting), otherStatuses: 0 };
		}
		const groups = statuses.map((status) => this.group(status));
		for (const group of groups) {
			group.counting = true;
		}
		try {
			const { onTasks } = options;
			const counted = (status: string): Promise<number | undefined> =>
				direct.has(status) && onTasks ? this.countWithFirstPage(status, signal, onTasks) : Promise.resolve(undefined);
			// The count of the whole filter is sent first: it gates the totals shown.
			const [whole, directCounts] = await Promise.all([
				this.countListings(toServerFilters(this.filter), 'any status', signal),
				Promise.all(statuses.map(counted)),
				Promise.all(this.prefetchFirstPages(options, direct).map((prefetch) => prefetch.catch(() => undefined))),
			]);
			const byStatus = new Map(statuses.map((status, i) => [status, direct.has(status) ? directCounts[i] : this.typedTotal(groups[i])]));
			const recount = async (which: readonly string[]): Promise<void> => {
				const counts = await Promise.all(which.map((status) => this.countGroup(status, signal)));
				which.forEach((status, i) => byStatus.set(status, counts[i]));
			};
			// A first page that failed leaves its status without a total: counted on its own (the page is read again later).
			const unknown = statuses.filter((status) => byStatus.get(status) === undefined);
			await recount(unknown);
			const sum = (): number => [...byStatus.values()].reduce<number>((n, count) => n + (count ?? 0), 0);
			if (whole > sum()) {
				await recount(statuses.filter((status) => !direct.has(status) && !unknown.includes(status)));
			}
			const exact = new Map(statuses.map((status) => [status, byStatus.get(status) ?? 0]));
			for (const group of groups) {
				group.countedTotal = exact.get(group.status);
				this.lastCounts.set(group.status, group.countedTotal ?? 0);
				this.checkSplit(group);
			}
			return { byStatus: exact, otherStatuses: Math.max(0, whole - sum()) };
		} finally {
			for (const group of groups) {
				group.counting = false;
			}
		}
	}

	/**
	 * Sends the first page of every listing of every status group but those whose count reads it (`direct`), and
	 * returns those groups' reading. The next loadMore of a group waits for these pages and counts them against its budget; a page
	 * that failed is read again there.
	 */
	private prefetchFirstPages(options: LoadOptions, direct: ReadonlySet<string>): Promise<void>[] {
		const started: Promise<void>[] = [];
		for (const status of this.statuses()) {
			const group = this.group(status);
			if (group.prefetch || group.listings.some((l) => l.started) || direct.has(status)) {
				continue;
			}
			group.budgetBase ??= group.tasks.size;
			const prefetch = this.drain(group, 0, options, group.tasks.size).then(() => undefined);
			// Handled by the loadMore that waits for it; until then it must not count as unhandled.
			prefetch.catch(() => undefined);
			group.prefetch = prefetch;
			started.push(prefetch);
		}
		return started;
	}

	/** The sum of a group's listings' TotalCounts once each has reported, else undefined. */
	private typedTotal(group: Group): number | undefined {
		const listings = group.listings;
		return listings.every((l) => l.total !== undefined) ? listings.reduce((sum, l) => sum + (l.total ?? 0), 0) : undefined;
	}

	/** The status groups the filter allows, in tree order. */
	statuses(filter: TaskFilter = this.filter): string[] {
		return filter.statuses && filter.statuses.length > 0 ? [...new Set(filter.statuses)].sort(compareStatuses) : [...TASK_STATUSES];
	}

	/**
	 * One call per status (and per combination of the filter's values) for exact totals, all at once. A count is
	 * MaxResults=1, except, when the caller takes the tasks (`onTasks`), where it doubles as a first page at no cost
	 * (countReadsFirstPage): then it asks a full page, whose tasks go to `onTasks` like any page's.
	 */
	async loadCounts(filter: TaskFilter = this.filter, signal?: AbortSignal, onTasks?: (tasks: TaskInfo[]) => void): Promise<StatusCounts> {
		const statuses = this.statuses(filter);
		const own = filtersEqual(filter, this.filter);
		const groups = own ? statuses.map((status) => this.group(status)) : [];
		for (const group of groups) {
			group.counting = true;
		}
		try {
			const perStatus = await Promise.all(
				statuses.map((status) => (own && onTasks && this.countReadsFirstPage(status) ? this.countWithFirstPage(status, signal, onTasks) : this.countGroup(status, signal, filter))),
			);
			const byStatus = new Map(statuses.map((s, i) => [s, perStatus[i]]));
			for (const group of groups) {
				group.countedTotal = byStatus.get(group.status);
				this.lastCounts.set(group.status, group.countedTotal ?? 0);
				// The first pages sent beside the counts may all have reported already.
				this.checkSplit(group);
			}
			return { byStatus };
		} finally {
			for (const group of groups) {
				group.counting = false;
			}
		}
	}

	/**
	 * Finds the tasks of undocumented statuses: the filter's listings without a status, read from the start, keeping
	 * only those tasks, until `expected` are found, the listings end, or `maxScanned` tasks were read.
	 */
	async loadOtherStatuses(expected: number, maxScanned: number, options: LoadOptions = {}): Promise<TaskInfo[]> {
		const known = new Set<string>(TASK_STATUSES);
		const scratch: Group = { status: '', listings: [], split: false, tasks: new Map(), countedTotal: undefined };
		scratch.listings = toServerFilters(this.filter).map((f) => newListing(f, this.pageSize));
		const found = new Map<string, TaskInfo>();
		let scanned = 0;
		for (const listing of scratch.listings) {
			while (!listing.done && found.size < expected && scanned < maxScanned) {
				const page = await this.fetchPage(scratch, listing, options.signal);
				scanned += page.length;
				const others = page.filter((t) => !known.has(t.Status) && !found.has(t.TaskId));
				for (const task of others) {
					found.set(task.TaskId, task);
				}
				if (others.length > 0) {
					options.onTasks?.(others);
				}
			}
		}
		return [...found.values()];
	}

	progress(status: string): LoadProgress & { exhausted: boolean } {
		const group = this.group(status);
		return { status, loaded: group.tasks.size, total: this.totalOf(group), exhausted: this.exhausted(group) };
	}

	/**
	 * Exact totals per canonical task type in a status group, from the TotalCounts of its listings by TaskType; only
	 * types whose every listing has reported. Empty when the group is not read by task type (a split that fell back
	 * because of task types the split does not know): then no type's share is known.
	 */
	typeTotals(status: string): Map<string, number> {
		const group = this.group(status);
		const totals = new Map<string, number>();
		if (!group.listings.every((l) => l.filter.TaskType !== undefined)) {
			return totals;
		}
		const unreported = new Set<string>();
		for (const listing of group.listings) {
			const type = canonicalTaskType(listing.filter.TaskType ?? '');
			if (listing.total === undefined) {
				unreported.add(type);
			} else {
				totals.set(type, (totals.get(type) ?? 0) + listing.total);
			}
		}
		for (const type of unreported) {
			totals.delete(type);
		}
		return totals;
	}

	/** Tasks loaded so far in a status group (de-duplicated by TaskId). */
	loadedTasks(status: string): TaskInfo[] {
		return [...this.group(status).tasks.values()];
	}

	/**
	 * Loads at least maxTasks more tasks of a status group (fewer if it runs out; whole pages, so possibly
	 * more). Every listing gets its first page even beyond the budget, which gives exact per-listing
	 * totals. Throws ListingError naming the failed listing, or the abort reason; tasks received before
	 * that were already passed to onTasks and stay loaded.
	 */
	async loadMore(status: string, maxTasks: number, options: LoadOptions = {}): Promise<GroupLoadResult> {
		const group = this.group(status);
		const { signal } = options;
		const prefetch = group.prefetch;
		group.prefetch = undefined;
		if (prefetch) {
			// Its failure is not this call's (it may be an earlier refresh's cancellation): a first page that failed is
			// still unread, so the reading below asks it again and reports what happens then.
			await prefetch.catch(() => undefined);
		}
		if (group.split && group.countedTotal === undefined && !group.counting) {
			// The task-type split can only be checked against an exact count.
			group.countedTotal = await this.countGroup(status, signal);
		}
		const before = group.budgetBase ?? group.tasks.size;
		group.budgetBase = undefined;
		// A listing whose first page came with the prefetch was not split then: that load wanted no more.
		for (const listing of group.listings) {
			if (listing.started) {
				this.maybeSplit(group, listing, maxTasks - (group.tasks.size - before));
			}
		}
		return this.drain(group, maxTasks, options, before);
	}

	/** loadMore's reading: pages of the group's listings until `maxTasks` more than `before` are loaded. */
	private async drain(group: Group, maxTasks: number, options: LoadOptions, before: number): Promise<GroupLoadResult> {
		const { status } = group;
		const received: TaskInfo[] = [];
		let stop: { error: unknown } | undefined;
		const { signal } = options;
		const byType = options.taskType !== undefined && group.listings.every((l) => l.filter.TaskType !== undefined);
		const ofType = (l: Listing): boolean => !byType || canonicalTaskType(l.filter.TaskType ?? '') === options.taskType;

		const wanted = (): number => maxTasks - (group.tasks.size - before);
		const nextListing = (): Listing | undefined => {
			if (stop || signal?.aborted) {
				return undefined;
			}
			const open = leaves(group.listings).filter((l) => !l.done && !l.inFlight && ofType(l));
			if (open.length === 0) {
				return undefined;
			}
			const unstarted = open.find((l) => !l.started);
			if (unstarted || wanted() <= 0) {
				return unstarted;
			}
			// Longest chain first: the semaphore orders requests across groups the same way.
			return open.reduce((best, l) => (this.remainingPages(l) > this.remainingPages(best) ? l : best));
		};
		const readPage = async (listing: Listing): Promise<void> => {
			try {
				const tasks = await this.fetchPage(group, listing, signal);
				received.push(...tasks);
				options.onTasks?.(tasks);
				options.onProgress?.({ status, loaded: group.tasks.size, total: this.totalOf(group) });
				this.maybeSplit(group, listing, wanted());
			} catch (error) {
				stop ??= { error };
			}
		};
		// Up to the semaphore's limit per group; a split adds listings mid-load, so pages are started as
		// slots free rather than by a fixed set of workers.
		await new Promise<void>((resolve) => {
			let running = 0;
			const pump = (): void => {
				while (running < this.semaphore.limit) {
					const listing = nextListing();
					if (!listing) {
						break;
					}
					running++;
					void readPage(listing).finally(() => {
						running--;
						pump();
					});
				}
				if (running === 0) {
					resolve();
				}
			};
			pump();
		});

		if (signal?.aborted) {
			throw signal.reason ?? stop?.error;
		}
		if (stop) {
			throw stop.error;
		}
		return { status, tasks: received, loaded: group.tasks.size, total: this.totalOf(group), exhausted: this.exhausted(group) };
	}

	/** Drains every listing of a status group. */
	loadAll(status: string, options: LoadOptions = {}): Promise<GroupLoadResult> {
		return this.loadMore(status, Number.POSITIVE_INFINITY, options);
	}

	/**
	 * Refreshes what is in progress: a handful of tasks by GetTaskStatus each; more than pollThreshold by
	 * reading the Status=InProgress listings and looking up only the tasks that left them.
	 */
	async pollInProgress(taskIds: readonly string[], signal?: AbortSignal): Promise<PollResult> {
		const ids = [...new Set(taskIds)];
		if (ids.length <= this.pollThreshold) {
			const { updates, missing } = await this.lookUpStatuses(ids, signal);
			return { updates, inProgress: [], missing, needsRefresh: false, mode: 'getTaskStatus' };
		}
		const inProgress = await this.readInProgress(signal);
		const stillRunning = new Set(inProgress.map((t) => t.TaskId));
		const left = ids.filter((id) => !stillRunning.has(id));
		const { updates, missing } = await this.lookUpStatuses(left.slice(0, this.maxStatusLookups), signal);
		for (const task of inProgress) {
			updates.push({ TaskId: task.TaskId, Status: task.Status, TaskType: task.TaskType, FailureReason: task.FailureReason });
		}
		return { updates, inProgress, missing, needsRefresh: left.length > this.maxStatusLookups, mode: 'listing' };
	}

	/** One task's GetTaskStatus, through the same request slots (and retry notices) as the listings. */
	async taskStatus(taskId: string, signal?: AbortSignal): Promise<TaskStatusUpdate & { TaskType: string; FailureReason: string }> {
		const { TaskStatus } = await this.semaphore.run(
			() => this.options.client.getTaskStatus({ ZoneId: this.options.zoneId, TaskId: taskId }, this.callOptions(signal)),
			signal,
		);
		return { TaskId: taskId, Status: TaskStatus.Status, TaskType: TaskStatus.TaskType, FailureReason: TaskStatus.FailureReason ?? '' };
	}

	// ---- internals ------------------------------------------------------------------------------------

	/**
	 * Whether a status's count call can ask a full page at no cost: when the group is read through the count's own
	 * listings (the filter names the task types), or when the last count found the status small enough for one page
	 * (then that page is likely all of it, and the four listings by task type are not needed).
	 */
	private countReadsFirstPage(status: string): boolean {
		const group = this.group(status);
		if (group.listings.some((l) => l.started || l.inFlight)) {
			return false;
		}
		if (!group.split) {
			return true;
		}
		const last = this.lastCounts.get(status);
		return last !== undefined && last <= this.pageSize;
	}

	/** The count as a first page (see countReadsFirstPage); a small status's whole listing completes the group. */
	private async countWithFirstPage(status: string, signal: AbortSignal | undefined, onTasks: (tasks: TaskInfo[]) => void): Promise<number> {
		const group = this.group(status);
		const sum = (listings: readonly Listing[]): number => listings.reduce((n, l) => n + (l.total ?? 0), 0);
		if (!group.split) {
			await Promise.all(group.listings.map(async (listing) => onTasks(await this.fetchPage(group, listing, signal))));
			return sum(group.listings);
		}
		// Each listing without a task type in a group of its own, so that its tasks can be told apart below.
		const wholes = toServerFilters({ ...this.filter, statuses: [status] }).map((f) => {
			const scratch: Group = { status, listings: [newListing(f, this.pageSize)], split: false, tasks: new Map(), countedTotal: undefined };
			return { scratch, listing: scratch.listings[0] };
		});
		await Promise.all(
			wholes.map(async ({ scratch, listing }) => {
				const tasks = await this.fetchPage(scratch, listing, signal);
				for (const task of tasks) {
					group.tasks.set(task.TaskId, task);
				}
				onTasks(tasks);
			}),
		);
		if (wholes.every(({ listing }) => listing.done)) {
			this.completeFromWholeListings(group, wholes.map(({ scratch, listing }) => ({ listing, tasks: [...scratch.tasks.values()] })));
		}
		return sum(wholes.map(({ listing }) => listing));
	}

	/**
	 * Every task of the group came with its count pages: the listings by task type are complete without a request,
	 * their totals counted from those tasks (the "N of M" of each task type), or, with a task type the split does not
	 * know, the group is the whole listings themselves.
	 */
	private completeFromWholeListings(group: Group, wholes: readonly { listing: Listing; tasks: readonly TaskInfo[] }[]): void {
		const baseKey = (filter: ListTasksFilter): string => describeListing({ ...filter, TaskType: undefined });
		let covered = 0;
		const totals = new Map<Listing, number>();
		for (const { listing, tasks } of wholes) {
			for (const typed of group.listings.filter((l) => baseKey(l.filter) === baseKey(listing.filter))) {
				const n = tasks.filter((t) => t.TaskType === typed.filter.TaskType).length;
				totals.set(typed, n);
				covered += n;
			}
		}
		if (covered < wholes.reduce((n, w) => n + w.tasks.length, 0)) {
			group.listings = wholes.map((w) => w.listing);
			group.split = false;
			return;
		}
		for (const [typed, total] of totals) {
			typed.total = total;
			typed.started = true;
			typed.done = true;
		}
	}

	private countGroup(status: string, signal: AbortSignal | undefined, filter: TaskFilter = this.filter): Promise<number> {
		return this.countListings(toServerFilters({ ...filter, statuses: [status] }), status, signal);
	}

	private async countListings(listings: readonly ListTasksFilter[], status: string, signal: AbortSignal | undefined): Promise<number> {
		const pages = await Promise.all(
			listings.map(async (f) => {
				try {
					return await this.semaphore.run(
						// Limiter priority 1: ahead of polls and lookups (0), never kept waiting for (it starts no chain).
						() => this.options.client.listTasks({ ...f, ZoneId: this.options.zoneId, MaxResults: 1 }, this.callOptions(signal, 1)),
						signal,
						// Exact totals are shown first and gate the split checks.
						Number.POSITIVE_INFINITY,
					);
				} catch (error) {
					if (isAbortError(error) || signal?.aborted) {
						throw error;
					}
					throw new ListingError(status, `${describeListing(f)} (count)`, errorCode(error), error);
				}
			}),
		);
		return pages.reduce((sum, page) => sum + page.TotalCounts, 0);
	}

	private callOptions(signal: AbortSignal | undefined, priority?: number): CallOptions {
		return { signal, onRetry: this.options.onRetry, priority };
	}

	private group(status: string): Group {
		let group = this.groups.get(status);
		if (group === undefined) {
			const split = !(this.filter.taskTypes && this.filter.taskTypes.length > 0);
			group = { status, listings: this.listingsFor(status, split), split, tasks: new Map(), countedTotal: undefined };
			this.groups.set(status, group);
		}
		return group;
	}

	private listingsFor(status: string, split: boolean): Listing[] {
		const filters = toServerFilters({ ...this.filter, statuses: [status] });
		const expanded = split ? filters.flatMap((f) => TASK_TYPES.map((type) => ({ ...f, TaskType: type }))) : filters;
		return expanded.map((f) => newListing(f, this.pageSize));
	}

	private totalOf(group: Group): number | undefined {
		return group.countedTotal ?? this.typedTotal(group);
	}

	private exhausted(group: Group): boolean {
		// A split listing is complete only through parts that were checked to cover it.
		return group.listings.every((l) => (l.parts ? l.partsChecked && l.parts.every((p) => p.done) : l.done));
	}

	/**
	 * Pages left in a listing's NextToken chain. Before its first page only a bound is known: the parent's
	 * for a part, the group's exact count otherwise, so the first pages of big groups (which decide on
	 * splitting) go before those of small ones.
	 */
	private remainingPages(listing: Listing, group?: Group): number {
		if (listing.total === undefined) {
			const parent = group?.listings.find((l) => l.parts?.includes(listing));
			const bound = parent?.total ?? group?.countedTotal;
			return bound === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(bound / this.pageSize));
		}
		return listing.done ? 0 : Math.max(1, Math.ceil(listing.total / this.pageSize) - listing.pagesRead);
	}

	/**
	 * A long listing is one sequential NextToken chain, which alone can outlast everything else a load
	 * reads. After its first page (which gives TotalCounts), a listing of more than splitPages pages is read
	 * instead as up to four parts by the two-valued filters TargetType × PrincipalType (those the user's
	 * filter leaves open), started from scratch; the first page's tasks are de-duplicated by TaskId. Only
	 * when the load wants that much: a "Load more" of one page should not cost four extra requests.
	 */
	private maybeSplit(group: Group, listing: Listing, wanted: number): void {
		if (listing.splitDecided || !group.listings.includes(listing) || listing.total === undefined || listing.done) {
			return;
		}
		// The parts start from scratch, so what counts is what is left of the chain.
		const pages = this.remainingPages(listing, group);
		// Every part costs a request (its last page is partial) and the first page is read again, so only a
		// chain that would outlast the rest pays off: more than a quarter of all the pages the counted groups
		// hold (at 20 requests a second and ~200 ms latency about four requests are in flight per round trip).
		let counted = 0;
		for (const g of this.groups.values()) {
			counted += Math.ceil((g.countedTotal ?? 0) / this.pageSize);
		}
		if (pages <= this.splitPages || pages <= counted / 4 || wanted <= this.splitPages * this.pageSize) {
			return;
		}
		listing.splitDecided = true;
		let filters: ListTasksFilter[] = [listing.filter];
		if (listing.filter.TargetType === undefined) {
			filters = filters.flatMap((f) => TARGET_TYPES.map((TargetType) => ({ ...f, TargetType })));
		}
		if (listing.filter.PrincipalType === undefined) {
			filters = filters.flatMap((f) => PRINCIPAL_TYPES.map((PrincipalType) => ({ ...f, PrincipalType })));
		}
		if (filters.length > 1) {
			listing.parts = filters.map((f) => newListing(f, this.pageSize));
		}
	}

	/**
	 * Once every part has reported TotalCounts, parts adding up to less than the listing's own total mean
	 * tasks with a TargetType or PrincipalType the parts miss: the listing goes back to its own cursor
	 * (which stayed after its first page), and TaskId de-duplicates what the parts already delivered.
	 */
	private checkParts(listing: Listing): void {
		const parts = listing.parts;
		if (!parts || listing.partsChecked || listing.total === undefined || parts.some((p) => p.total === undefined)) {
			return;
		}
		const sum = parts.reduce((s, p) => s + (p.total ?? 0), 0);
		if (sum < listing.total) {
			listing.parts = undefined;
		} else {
			listing.partsChecked = true;
		}
	}

	private async fetchPage(group: Group, listing: Listing, signal: AbortSignal | undefined): Promise<TaskInfo[]> {
		listing.inFlight = true;
		try {
			listing.guard.beforePage();
			// One order in both queues, the loader's slots and the rate limiter's (which also keeps slots free for
			// the longer chains in flight): the chain that decides when the load ends never waits behind a shorter one.
			const priority = this.remainingPages(listing, group);
			const response = await this.semaphore.run(
				() =>
					this.options.client.listTasks(
						{ ...listing.filter, ZoneId: this.options.zoneId, MaxResults: this.pageSize, NextToken: listing.nextToken },
						this.callOptions(signal, priority),
					),
				signal,
				priority,
			);
			if (response.IsTruncated && !response.NextToken) {
				// Following it would loop or stop early without saying so.
				throw new ListingError(group.status, listing.description, undefined, new Error('the service reported more results but no usable NextToken'));
			}
			// Throws ClientError.PagingLoop (a ListingError below) on a token that came round again, on pages that
			// bring nothing new, or past what TotalCounts allows: Load more, Load all and polls all page through here.
			listing.guard.accept(response);
			listing.started = true;
			listing.pagesRead++;
			listing.total = response.TotalCounts;
			listing.nextToken = response.IsTruncated ? response.NextToken : undefined;
			listing.done = !response.IsTruncated;
			if (listing.done) {
				listing.guard.reset();
			}
			for (const task of response.Tasks) {
				group.tasks.set(task.TaskId, task);
			}
			for (const parent of group.listings) {
				if (parent.parts?.includes(listing)) {
					this.checkParts(parent);
				}
			}
			this.checkSplit(group);
			return response.Tasks;
		} catch (error) {
			if (isAbortError(error) || signal?.aborted) {
				throw error;
			}
			if (errorCode(error) === NEXT_TOKEN_INVALID && listing.nextToken !== undefined && listing.restarts < this.maxRestarts) {
				// The cursor expired or the data moved under it: read the listing again from the start; the
				// tasks map de-duplicates what the first pass already delivered.
				listing.restarts++;
				listing.nextToken = undefined;
				listing.pagesRead = 0;
				listing.guard.reset();
				return [];
			}
			throw error instanceof ListingError ? error : new ListingError(group.status, listing.description, errorCode(error), error);
		} finally {
			listing.inFlight = false;
		}
	}

	/**
	 * Splitting by the four known task types misses tasks of any other type. Once every split listing has
	 * reported its TotalCounts, a sum below the group's exact count means such tasks exist, so the group
	 * falls back to listings without TaskType (tasks already loaded are kept and de-duplicated).
	 */
	private checkSplit(group: Group): void {
		if (!group.split || group.countedTotal === undefined || group.listings.some((l) => l.total === undefined)) {
			return;
		}
		const sum = group.listings.reduce((s, l) => s + (l.total ?? 0), 0);
		if (sum < group.countedTotal) {
			group.split = false;
			for (const l of group.listings) {
				l.done = true;
			}
			group.listings = this.listingsFor(group.status, false);
		} else {
			group.split = false;
		}
	}

	private async lookUpStatuses(ids: readonly string[], signal: AbortSignal | undefined): Promise<{ updates: TaskStatusUpdate[]; missing: string[] }> {
		const updates: TaskStatusUpdate[] = [];
		const missing: string[] = [];
		await Promise.all(
			ids.map(async (id) => {
				try {
					const { TaskStatus } = await this.semaphore.run(
						() => this.options.client.getTaskStatus({ ZoneId: this.options.zoneId, TaskId: id }, this.callOptions(signal)),
						signal,
					);
					updates.push({ TaskId: id, Status: TaskStatus.Status, TaskType: TaskStatus.TaskType, FailureReason: TaskStatus.FailureReason });
				} catch (error) {
					if (isNotFound(error) && !signal?.aborted) {
						missing.push(id);
					} else {
						throw error;
					}
				}
			}),
		);
		return { updates, missing };
	}

	/** All tasks currently InProgress under the filter, through listings of their own (group cursors stay). */
	private async readInProgress(signal: AbortSignal | undefined): Promise<TaskInfo[]> {
		if (this.filter.statuses && this.filter.statuses.length > 0 && !this.filter.statuses.includes('InProgress')) {
			return [];
		}
		const scratch: Group = { status: 'InProgress', listings: [], split: false, tasks: new Map(), countedTotal: undefined };
		scratch.listings = toServerFilters({ ...this.filter, statuses: ['InProgress'] }).map((f) => newListing(f, this.pageSize));
		await Promise.all(
			scratch.listings.map(async (listing) => {
				// Ends: fetchPage throws once the chain stops making progress (see PagingGuard).
				while (!listing.done) {
					await this.fetchPage(scratch, listing, signal);
				}
			}),
		);
		return [...scratch.tasks.values()];
	}
}
