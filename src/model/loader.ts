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

export interface TaskLoaderOptions {
	client: OrganizationClient;
	/** Zone and filter are fixed for the loader's life: its owner (the task service) builds a new loader when either changes. */
	zoneId: string;
	filter?: TaskFilter;
	/** Requests in flight at once across all listings; the client's rate limiter does the pacing. Default 8. */
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
}

export interface StatusCounts {
	/** Exact TotalCounts per status, for the statuses the filter allows, in tree order. */
	byStatus: Map<string, number>;
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

	constructor(private readonly options: TaskLoaderOptions) {
		this.filter = normalizeFilter(options.filter);
		this.semaphore = new Semaphore(options.concurrency ?? 8, { deferHandOff: true });
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

	/** The status groups the filter allows, in tree order. */
	statuses(filter: TaskFilter = this.filter): string[] {
		return filter.statuses && filter.statuses.length > 0 ? [...new Set(filter.statuses)].sort(compareStatuses) : [...TASK_STATUSES];
	}

	/** One MaxResults=1 call per status (and per combination of the filter's values) for exact totals. */
	async loadCounts(filter: TaskFilter = this.filter, signal?: AbortSignal): Promise<StatusCounts> {
		const statuses = this.statuses(filter);
		const perStatus = await Promise.all(statuses.map((status) => this.countGroup(status, signal, filter)));
		const byStatus = new Map(statuses.map((s, i) => [s, perStatus[i]]));
		if (filtersEqual(filter, this.filter)) {
			for (const [status, total] of byStatus) {
				this.group(status).countedTotal = total;
			}
		}
		return { byStatus };
	}

	progress(status: string): LoadProgress & { exhausted: boolean } {
		const group = this.group(status);
		return { status, loaded: group.tasks.size, total: this.totalOf(group), exhausted: this.exhausted(group) };
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
		const received: TaskInfo[] = [];
		let stop: { error: unknown } | undefined;
		const { signal } = options;
		if (group.split && group.countedTotal === undefined) {
			// The task-type split can only be checked against an exact count.
			group.countedTotal = await this.countGroup(status, signal);
		}
		const before = group.tasks.size;

		const wanted = (): number => maxTasks - (group.tasks.size - before);
		const nextListing = (): Listing | undefined => {
			if (stop || signal?.aborted) {
				return undefined;
			}
			const open = leaves(group.listings).filter((l) => !l.done && !l.inFlight);
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

	private async countGroup(status: string, signal: AbortSignal | undefined, filter: TaskFilter = this.filter): Promise<number> {
		const listings = toServerFilters({ ...filter, statuses: [status] });
		const pages = await Promise.all(
			listings.map(async (f) => {
				try {
					return await this.semaphore.run(
						() => this.options.client.listTasks({ ...f, ZoneId: this.options.zoneId, MaxResults: 1 }, this.callOptions(signal)),
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

	private callOptions(signal: AbortSignal | undefined): CallOptions {
		return { signal, onRetry: this.options.onRetry };
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
		if (group.countedTotal !== undefined) {
			return group.countedTotal;
		}
		return group.listings.every((l) => l.total !== undefined)
			? group.listings.reduce((sum, l) => sum + (l.total ?? 0), 0)
			: undefined;
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
			const response = await this.semaphore.run(
				() =>
					this.options.client.listTasks(
						{ ...listing.filter, ZoneId: this.options.zoneId, MaxResults: this.pageSize, NextToken: listing.nextToken },
						this.callOptions(signal),
					),
				signal,
				this.remainingPages(listing, group),
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
