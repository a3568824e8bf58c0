import type { TaskInfo } from '../api/types';
import { isAbortError } from '../api/errors';
import { errorMessage } from './errorInfo';
import type { LoadProgress, TaskLoader } from './loader';
import { ListingError } from './loader';
import type { TaskStore } from './taskStore';

export interface RefreshOptions {
	store: TaskStore;
	loader: TaskLoader;
	/** How many tasks to load per status group; e.g. keep what the user had loaded. Default 100. */
	budget?: (status: string) => number;
	/** Cancels the refresh (e.g. from a progress notification); a newer refresh cancels it too. */
	signal?: AbortSignal;
	onProgress?: (progress: LoadProgress) => void;
	/** Shown as the stale reason; defaults to the error's message (the API layer keeps it secret-free). */
	describeError?: (error: unknown) => string;
	/** When the caller will try again, for the stale marker. */
	retryAt?: number;
	/** At most this many tasks are read to find those of undocumented statuses. Default 10,000. */
	otherStatusScan?: number;
}

export type RefreshOutcome =
	| { kind: 'success' }
	| { kind: 'failure'; reason: string; failures: ListingError[]; error: unknown }
	| { kind: 'cancelled' };

/**
 * The standard refresh: exact counts and the first pages of every status group in one round trip (counts sent
 * first, totals shown before any task), then the rest of each group's budget in parallel, streamed into the store.
 * A failure keeps the old data (marked stale) and flags the failed groups.
 */
export async function runRefresh(options: RefreshOptions): Promise<RefreshOutcome> {
	const { store, loader } = options;
	const ticket = store.begin('refresh', options.signal);
	const describe = options.describeError ?? errorMessage;
	loader.restart();
	let failures: ListingError[] = [];
	try {
		// The first round trip: the counts, and beside them every listing's first page (or a count that is one),
		// whose tasks wait here for a few milliseconds so that the exact totals are on screen first.
		let early: TaskInfo[][] | undefined = [];
		const firstPage = (tasks: TaskInfo[]): void => void (early ? early.push(tasks) : store.mergeTasks(ticket, tasks));
		const counts = await loader.firstAnswer({ signal: ticket.signal, onTasks: firstPage, onProgress: options.onProgress });
		store.setTotals(ticket, counts.byStatus);
		for (const tasks of early) {
			store.mergeTasks(ticket, tasks);
		}
		early = undefined;
		const otherStatuses = async (): Promise<void> => {
			// A status the docs do not list is still a task to show: found through the listings without a status.
			if (counts.otherStatuses > 0) {
				await loader.loadOtherStatuses(counts.otherStatuses, options.otherStatusScan ?? 10_000, { signal: ticket.signal, onTasks: (tasks) => store.mergeTasks(ticket, tasks) });
			}
		};
		const results = await Promise.allSettled([
			otherStatuses(),
			...[...counts.byStatus].map(async ([status, total]) => {
				if (total === 0) {
					store.setGroupProgress(ticket, status, { exhausted: true });
					return;
				}
				try {
					const result = await loader.loadMore(status, options.budget?.(status) ?? 100, {
						signal: ticket.signal,
						onTasks: (tasks) => {
							// Each listing's first page brings its TotalCounts: the per-task-type totals of "N of M".
							store.setTypeTotals(ticket, status, loader.typeTotals(status));
							store.mergeTasks(ticket, tasks);
						},
						onProgress: options.onProgress,
					});
					store.setTypeTotals(ticket, status, loader.typeTotals(status));
					store.setGroupProgress(ticket, status, { exhausted: result.exhausted });
				} catch (error) {
					// Also on cancellation: the group's progress may still be "exhausted" from an earlier refresh,
					// and next to this refresh's new totals and partial pages that would show an interrupted
					// group as complete. (A superseded ticket is no longer active, so this is then ignored.)
					store.setGroupProgress(ticket, status, error instanceof ListingError ? { exhausted: false, error: error.message } : { exhausted: false });
					throw error;
				}
			}),
		]);
		const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
		failures = errors.filter((e): e is ListingError => e instanceof ListingError);
		if (errors.length > 0) {
			throw errors.find((e) => !isAbortError(e)) ?? errors[0];
		}
		store.finish(ticket, { kind: 'success' });
		return { kind: 'success' };
	} catch (error) {
		if (isAbortError(error) || ticket.signal.aborted) {
			store.finish(ticket, { kind: 'cancelled' });
			return { kind: 'cancelled' };
		}
		const reason = describe(error);
		store.finish(ticket, { kind: 'failure', reason, retryAt: options.retryAt });
		if (failures.length === 0 && error instanceof ListingError) {
			failures = [error];
		}
		return { kind: 'failure', reason, failures, error };
	}
}

export interface PollOptions {
	store: TaskStore;
	loader: TaskLoader;
	signal?: AbortSignal;
	describeError?: (error: unknown) => string;
	retryAt?: number;
}

export type PollOutcome =
	| { kind: 'success'; changed: boolean; inProgress: number; needsRefresh: boolean }
	| { kind: 'failure'; reason: string; error: unknown }
	| { kind: 'cancelled' };

/** One auto-refresh tick: only what is in progress is read again. */
export async function runPoll(options: PollOptions): Promise<PollOutcome> {
	const { store, loader } = options;
	const ids = store.inProgressIds();
	const before = new Map(ids.map((id) => [id, store.get(id)?.task.Status]));
	const ticket = store.begin('poll', options.signal);
	try {
		const result = await loader.pollInProgress(ids, ticket.signal);
		if (!store.isActive(ticket)) {
			return { kind: 'cancelled' };
		}
		const newTasks = result.inProgress.filter((t) => store.get(t.TaskId) === undefined);
		store.applyStatusUpdates(ticket, result.updates);
		store.mergeTasks(ticket, newTasks);
		const changed = newTasks.length > 0 || result.updates.some((u) => before.has(u.TaskId) && before.get(u.TaskId) !== u.Status);
		store.finish(ticket, { kind: 'success' });
		return { kind: 'success', changed, inProgress: store.inProgressIds().length, needsRefresh: result.needsRefresh || result.missing.length > 0 };
	} catch (error) {
		if (isAbortError(error) || ticket.signal.aborted) {
			store.finish(ticket, { kind: 'cancelled' });
			return { kind: 'cancelled' };
		}
		const reason = (options.describeError ?? errorMessage)(error);
		store.finish(ticket, { kind: 'failure', reason, retryAt: options.retryAt });
		return { kind: 'failure', reason, error };
	}
}

export interface LoadMoreOptions {
	store: TaskStore;
	loader: TaskLoader;
	status: string;
	/** How many more tasks to load, or 'all'. */
	count: number | 'all';
	/** Only this (canonical) task type's listings, for a load inside a task-type group. */
	taskType?: string;
	signal?: AbortSignal;
	onProgress?: (progress: LoadProgress) => void;
}

export type LoadMoreOutcome = { kind: 'success'; exhausted: boolean } | { kind: 'failure'; reason: string; error: unknown } | { kind: 'cancelled' };

/** "Load more" / "Load all" on a status group; a failure flags the group (never the whole view) as incomplete. */
export async function runLoadMore(options: LoadMoreOptions): Promise<LoadMoreOutcome> {
	const { store, loader, status } = options;
	const ticket = store.begin('loadMore', options.signal);
	const load = { signal: ticket.signal, onTasks: (tasks: TaskInfo[]) => store.mergeTasks(ticket, tasks), onProgress: options.onProgress, taskType: options.taskType };
	try {
		const result =
			options.count === 'all' ? await loader.loadAll(status, load) : await loader.loadMore(status, options.count, load);
		store.setTypeTotals(ticket, status, loader.typeTotals(status));
		store.setGroupProgress(ticket, status, { exhausted: result.exhausted });
		store.finish(ticket, { kind: 'success' });
		return { kind: 'success', exhausted: result.exhausted };
	} catch (error) {
		if (isAbortError(error) || ticket.signal.aborted) {
			store.finish(ticket, { kind: 'cancelled' });
			return { kind: 'cancelled' };
		}
		const reason = errorMessage(error);
		store.setGroupProgress(ticket, status, { exhausted: false, error: reason });
		store.finish(ticket, { kind: 'failure', reason });
		return { kind: 'failure', reason, error };
	}
}
