import type { TaskInfo } from '../api/types';
import { ActiveLoads, type ActiveLoad, type LoadKind } from './activeLoads';
import type { Event } from './emitter';
import { Emitter } from './emitter';
import { compareStatuses, markSortedByTaskId } from './grouping';
import { StringPool } from './stringPool';
import { canonicalTaskType } from './taskTypes';

/**
 * The state the tree renders. Every operation that reads from the service (a refresh, a "load more", a
 * poll) first takes a ticket with a sequence number from {@link TaskStore.begin}; its results are stamped
 * with that number, and a result never replaces one stamped later. So a late answer from an older request
 * cannot overwrite newer data, and a refresh started later cancels (aborts) every older load of the tree.
 *
 * What is running, and its cancellation, is not kept here: every ticket is a load in the ActiveLoads registry
 * given to the constructor (Cancel Loading aborts them all there). The store keeps only which tickets' results
 * it still accepts.
 */

/** 'task' is one task's GetTaskStatus (a detail panel's Refresh, Go to Task), written back on its own ticket. */
export type OperationKind = LoadKind;

export interface StoreTicket {
	readonly seq: number;
	readonly kind: OperationKind;
	/** Aborted when a newer operation supersedes this one, on reset(), or when the parent signal aborts. */
	readonly signal: AbortSignal;
}

/** Times this extension saw things happen; the API itself reports no timestamps. */
export interface ObservedTimes {
	/** When the task was first loaded (epoch ms). */
	firstSeen: number;
	/** When a status different from the previous one was seen (epoch ms); undefined if never seen changing. */
	statusChangedAt?: number;
}

export interface TaskEntry {
	readonly task: TaskInfo;
	readonly observed: Readonly<ObservedTimes>;
}

export interface TaskTransition {
	task: TaskInfo;
	from: string;
	to: string;
	observedAt: number;
}

/** A status change reported by GetTaskStatus or a status listing. */
export interface TaskStatusUpdate {
	TaskId: string;
	Status: string;
	FailureReason?: string;
	TaskType?: string;
}

export interface StaleState {
	/** Why the last refresh failed, ready to show ("Rate limited", "Network unreachable", …). */
	reason: string;
	/** When the next automatic attempt is due (epoch ms), if one is scheduled. */
	retryAt: number | undefined;
}

export interface GroupProgress {
	/** Every listing of the group has been read to the end. */
	exhausted: boolean;
	/** Which listing failed and why; the group's tasks stay but are incomplete. */
	error?: string;
}

export interface StatusGroupState {
	status: string;
	/** Exact number on the service (TotalCounts), if counted. */
	total: number | undefined;
	loaded: number;
	exhausted: boolean;
	error: string | undefined;
	/** True only when everything is loaded and nothing failed: "12 of 12", never a silent "7 of 12". */
	complete: boolean;
}

export type FinishOutcome = { kind: 'success' } | { kind: 'failure'; reason: string; retryAt?: number } | { kind: 'cancelled' };

interface Entry {
	task: TaskInfo;
	observed: ObservedTimes;
	/** The ticket that last observed this task. */
	seq: number;
}

interface Active {
	ticket: StoreTicket;
	load: ActiveLoad;
	transitions: TaskTransition[];
}

/** Kinds whose success counts as fresh data (clears the stale mark, sets lastUpdated); their failures mark it stale. */
const FRESHENING_KINDS: ReadonlySet<OperationKind> = new Set<OperationKind>(['refresh', 'poll']);

const FINISHED = new Set(['Failed', 'Success']);

export class TaskStore {
	private readonly entries = new Map<string, Entry>();
	private readonly pool = new StringPool();
	/** Entries in TaskId order, kept between reads so grouping 100k tasks never has to sort them. */
	private ordered: Entry[] = [];
	/** Entries added since `ordered` was last brought up to date. */
	private added: Entry[] = [];
	/** What tasks() last returned, until a task is added, changed or dropped. */
	private snapshot: readonly TaskInfo[] | undefined;
	/**
	 * Since the last snapshot, only these entries changed in place (a poll's status updates): the next snapshot is
	 * that one with them swapped in, the order unchanged, instead of a new array built from every entry.
	 */
	private patch: { base: TaskInfo[]; changed: Set<Entry> } | undefined;
	/** The last snapshot's own, unfrozen copy: copying a frozen array of 100k costs V8 about ten times as much. */
	private snapshotCopy: TaskInfo[] | undefined;
	private readonly loadedByStatus = new Map<string, number>();
	private totals = new Map<string, number>();
	private totalsSeq = 0;
	/** Exact totals per status, then per canonical task type, from the listings split by TaskType. */
	private readonly typeTotals = new Map<string, { byType: Map<string, number>; seq: number }>();
	private readonly progress = new Map<string, GroupProgress & { seq: number }>();
	private readonly active = new Map<number, Active>();
	private seq = 0;
	private lastSuccessSeq = 0;
	private staleState: (StaleState & { seq: number }) | undefined;
	private lastUpdatedAt: number | undefined;
	private loadedOnce = false;

	private readonly changeEmitter = new Emitter<void>();
	private readonly transitionEmitter = new Emitter<TaskTransition[]>();
	readonly onDidChange: Event<void> = this.changeEmitter.event;
	/** Tasks seen going from InProgress to Failed/Success; never on the first load or for tasks first seen finished. */
	readonly onDidObserveTransitions: Event<TaskTransition[]> = this.transitionEmitter.event;

	/**
	 * @param loads the registry of running loads its tickets join; the owner of the store (the task service)
	 *   passes its own, so that one Cancel Loading reaches every ticket.
	 */
	constructor(
		private readonly now: () => number = Date.now,
		private readonly loads: ActiveLoads = new ActiveLoads(),
	) {}

	// ---- operations -----------------------------------------------------------------------------------

	/**
	 * A refresh supersedes every other load of the tree, a poll every older poll. A 'task' ticket supersedes
	 * nothing and is superseded only by reset(): its one answer loses to anything observed later anyway.
	 */
	begin(kind: OperationKind, parent?: AbortSignal): StoreTicket {
		if (kind === 'refresh') {
			for (const state of [...this.active.values()]) {
				if (state.ticket.kind !== 'task') {
					this.supersede(state);
				}
			}
		} else if (kind === 'poll') {
			for (const state of [...this.active.values()]) {
				if (state.ticket.kind === 'poll') {
					this.supersede(state);
				}
			}
		}
		const load = this.loads.begin(kind, parent);
		const ticket: StoreTicket = { seq: ++this.seq, kind, signal: load.signal };
		this.active.set(ticket.seq, { ticket, load, transitions: [] });
		this.changeEmitter.fire();
		return ticket;
	}

	/** Whether results for this ticket are still accepted. */
	isActive(ticket: StoreTicket): boolean {
		return this.active.has(ticket.seq);
	}

	/** Exact per-status totals (TotalCounts) as counted by this ticket. */
	setTotals(ticket: StoreTicket, totals: ReadonlyMap<string, number>): boolean {
		if (!this.isActive(ticket) || ticket.seq < this.totalsSeq) {
			return false;
		}
		this.totals = new Map(totals);
		this.totalsSeq = ticket.seq;
		this.changeEmitter.fire();
		return true;
	}

	/**
	 * Exact totals per task type within a status (the TotalCounts of its listings by TaskType), as read by this
	 * ticket; a type missing from the map is not known. An older ticket's totals never replace a newer one's.
	 */
	setTypeTotals(ticket: StoreTicket, status: string, byType: ReadonlyMap<string, number>): boolean {
		const current = this.typeTotals.get(status);
		if (!this.isActive(ticket) || (current && current.seq > ticket.seq)) {
			return false;
		}
		// The same counts keep their ticket, so moves observed since then still adjust them (see moveTypeTotal).
		if (current && sameCounts(current.byType, byType)) {
			return true;
		}
		this.typeTotals.set(status, { byType: new Map(byType), seq: ticket.seq });
		this.changeEmitter.fire();
		return true;
	}

	setGroupProgress(ticket: StoreTicket, status: string, progress: GroupProgress): boolean {
		const current = this.progress.get(status);
		if (!this.isActive(ticket) || (current && current.seq > ticket.seq)) {
			return false;
		}
		this.progress.set(status, { exhausted: progress.exhausted, error: progress.error, seq: ticket.seq });
		this.changeEmitter.fire();
		return true;
	}

	/** Adds or updates tasks; an entry observed by a newer ticket is left alone. */
	mergeTasks(ticket: StoreTicket, tasks: readonly TaskInfo[]): boolean {
		const state = this.active.get(ticket.seq);
		if (state === undefined) {
			return false;
		}
		for (const task of tasks) {
			this.observe(state, task);
		}
		this.changeEmitter.fire();
		return true;
	}

	/** Status changes for tasks already loaded; unknown task ids are ignored (there is nothing to show). */
	applyStatusUpdates(ticket: StoreTicket, updates: readonly TaskStatusUpdate[]): boolean {
		const state = this.active.get(ticket.seq);
		if (state === undefined) {
			return false;
		}
		for (const update of updates) {
			const entry = this.entries.get(update.TaskId);
			if (entry) {
				this.observe(state, {
					...entry.task,
					Status: update.Status,
					TaskType: update.TaskType ?? entry.task.TaskType,
					FailureReason: update.FailureReason ?? '',
				});
			}
		}
		this.changeEmitter.fire();
		return true;
	}

	/**
	 * Ends an operation. A successful refresh drops tasks it did not see again (so a new filter or a
	 * vanished task takes effect) and clears the stale mark; a failed refresh or poll keeps every task and
	 * marks the data stale (unless something newer succeeded meanwhile); a cancellation changes nothing.
	 * Returns false if the ticket was already superseded.
	 */
	finish(ticket: StoreTicket, outcome: FinishOutcome): boolean {
		const state = this.active.get(ticket.seq);
		if (state === undefined) {
			return false;
		}
		this.release(state);
		if (outcome.kind === 'success') {
			if (ticket.kind === 'refresh') {
				this.pruneOlderThan(ticket.seq);
				this.loadedOnce = true;
			}
			if (FRESHENING_KINDS.has(ticket.kind)) {
				this.lastSuccessSeq = Math.max(this.lastSuccessSeq, ticket.seq);
				this.lastUpdatedAt = this.now();
				if (this.staleState && this.staleState.seq < ticket.seq) {
					this.staleState = undefined;
				}
			}
		} else if (outcome.kind === 'failure' && FRESHENING_KINDS.has(ticket.kind) && ticket.seq > this.lastSuccessSeq) {
			// A failed "load more" is the group's error (setGroupProgress), a failed task lookup its panel's: not stale data.
			this.staleState = { reason: outcome.reason, retryAt: outcome.retryAt, seq: ticket.seq };
		}
		this.changeEmitter.fire();
		this.flushTransitions(state);
		return true;
	}

	/**
	 * Tasks first seen already finished (`from` is ''), found by a background check in a group that was loaded whole:
	 * reported like transitions, so the notifier follows `cicTasks.notifyOn` for them too.
	 */
	announceTransitions(transitions: readonly TaskTransition[]): void {
		if (transitions.length > 0) {
			this.transitionEmitter.fire([...transitions]);
		}
	}

	/** For a profile or zone switch: forget everything at once and ignore whatever is still in flight. */
	reset(): void {
		for (const state of [...this.active.values()]) {
			state.transitions = [];
			this.supersede(state);
		}
		this.entries.clear();
		this.pool.clear();
		this.ordered = [];
		this.added = [];
		this.invalidateSnapshot();
		this.loadedByStatus.clear();
		this.totals = new Map();
		this.totalsSeq = this.seq;
		this.typeTotals.clear();
		this.progress.clear();
		this.staleState = undefined;
		this.lastUpdatedAt = undefined;
		this.lastSuccessSeq = this.seq;
		this.loadedOnce = false;
		this.changeEmitter.fire();
	}

	dispose(): void {
		for (const state of [...this.active.values()]) {
			state.transitions = [];
			this.supersede(state);
		}
		this.changeEmitter.dispose();
		this.transitionEmitter.dispose();
	}

	// ---- reading --------------------------------------------------------------------------------------

	get(taskId: string): TaskEntry | undefined {
		return this.entries.get(taskId);
	}

	/**
	 * Every loaded task, in TaskId order, as one immutable array that stays the same object until something
	 * changes; groupTasks knows it is sorted and skips both sorting and checking.
	 */
	tasks(): readonly TaskInfo[] {
		if (this.snapshot === undefined) {
			const patch = this.patch;
			this.patch = undefined;
			let next: TaskInfo[];
			if (patch && this.added.length === 0 && patch.changed.size <= patch.base.length / PATCH_SHARE) {
				next = patch.base;
				for (const entry of patch.changed) {
					next[indexByTaskId(this.ordered, entry.task.TaskId)] = entry.task;
				}
			} else {
				if (this.added.length > 0) {
					this.ordered = mergeByTaskId(this.ordered, this.added.sort(compareEntries));
					this.added = [];
				}
				next = this.ordered.map((e) => e.task);
			}
			this.snapshotCopy = next;
			this.snapshot = markSortedByTaskId(Object.freeze(next.slice()));
		}
		return this.snapshot;
	}

	get size(): number {
		return this.entries.size;
	}

	/** TaskIds currently InProgress, for polling. */
	inProgressIds(): string[] {
		return [...this.entries.values()].filter((e) => e.task.Status === 'InProgress').map((e) => e.task.TaskId);
	}

	total(status: string): number | undefined {
		return this.totals.get(status);
	}

	/** The exact number of tasks of a (canonical) task type in a status, when its listings reported it. */
	typeTotal(status: string, taskType: string): number | undefined {
		if (this.totals.get(status) === 0) {
			return 0;
		}
		return this.typeTotals.get(status)?.byType.get(canonicalTaskType(taskType));
	}

	groupState(status: string): StatusGroupState {
		const total = this.totals.get(status);
		const loaded = this.loadedByStatus.get(status) ?? 0;
		const progress = this.progress.get(status);
		const exhausted = progress?.exhausted ?? false;
		const error = progress?.error;
		return {
			status,
			total,
			loaded,
			exhausted,
			error,
			complete: exhausted && error === undefined && loaded >= (total ?? 0),
		};
	}

	/** Counted statuses and statuses of loaded tasks, in tree order (Failed, InProgress, Success, others). */
	statusGroups(): StatusGroupState[] {
		const statuses = new Set([...this.totals.keys(), ...[...this.loadedByStatus].filter(([, n]) => n > 0).map(([s]) => s)]);
		return [...statuses].sort(compareStatuses).map((s) => this.groupState(s));
	}

	get stale(): StaleState | undefined {
		return this.staleState && { reason: this.staleState.reason, retryAt: this.staleState.retryAt };
	}

	/** When a refresh or poll last succeeded (epoch ms). */
	get lastUpdated(): number | undefined {
		return this.lastUpdatedAt;
	}

	/** Whether a refresh has ever completed since construction or reset(). */
	get hasLoaded(): boolean {
		return this.loadedOnce;
	}

	/** A refresh or "Load more" is running: tasks may still arrive. */
	get isLoading(): boolean {
		return this.loads.count('refresh') + this.loads.count('loadMore') > 0;
	}

	// ---- internals ------------------------------------------------------------------------------------

	private observe(state: Active, received: TaskInfo): void {
		const seq = state.ticket.seq;
		const entry = this.entries.get(received.TaskId);
		if (entry !== undefined && entry.seq > seq) {
			return;
		}
		const task = this.pool.task(received);
		if (entry === undefined) {
			const created: Entry = { task, observed: { firstSeen: this.now() }, seq };
			this.entries.set(task.TaskId, created);
			this.added.push(created);
			this.invalidateSnapshot();
			this.countLoaded(task.Status, +1);
			return;
		}
		const from = entry.task.Status;
		if (from !== task.Status) {
			const at = this.now();
			entry.observed = { ...entry.observed, statusChangedAt: at };
			this.countLoaded(from, -1);
			this.countLoaded(task.Status, +1);
			// Only when the earlier sighting is no older than the totals do we know the totals still count it
			// under its old status (tasks only move forward), so moving it keeps them exact.
			if (entry.seq >= this.totalsSeq) {
				this.moveTotal(from, task.Status);
				this.moveTypeTotal(from, task.Status, canonicalTaskType(task.TaskType), entry.seq);
			}
			if (this.loadedOnce && from === 'InProgress' && FINISHED.has(task.Status)) {
				state.transitions.push({ task, from, to: task.Status, observedAt: at });
			}
		}
		if (!sameTask(entry.task, task)) {
			entry.task = task;
			this.changedInPlace(entry);
		}
		entry.seq = seq;
	}

	/** A task was added or dropped: the next snapshot is built from every entry. */
	private invalidateSnapshot(): void {
		this.snapshot = undefined;
		this.patch = undefined;
		this.snapshotCopy = undefined;
	}

	/** A task changed but kept its place in TaskId order (see `patch`). */
	private changedInPlace(entry: Entry): void {
		if (this.snapshot !== undefined && this.snapshotCopy !== undefined) {
			this.patch = { base: this.snapshotCopy, changed: new Set() };
			this.snapshot = undefined;
			this.snapshotCopy = undefined;
		}
		this.patch?.changed.add(entry);
	}

	private countLoaded(status: string, delta: number): void {
		this.loadedByStatus.set(status, (this.loadedByStatus.get(status) ?? 0) + delta);
	}

	private moveTotal(from: string, to: string): void {
		const fromTotal = this.totals.get(from);
		const toTotal = this.totals.get(to);
		if (fromTotal !== undefined && fromTotal > 0) {
			this.totals.set(from, fromTotal - 1);
		}
		if (toTotal !== undefined) {
			this.totals.set(to, toTotal + 1);
		}
	}

	/** Like moveTotal, per task type; only where the type totals are no newer than the earlier sighting. */
	private moveTypeTotal(from: string, to: string, taskType: string, sightingSeq: number): void {
		const fromTotals = this.typeTotals.get(from);
		const toTotals = this.typeTotals.get(to);
		const fromTotal = fromTotals && fromTotals.seq <= sightingSeq ? fromTotals.byType.get(taskType) : undefined;
		if (fromTotals && fromTotal !== undefined && fromTotal > 0) {
			fromTotals.byType.set(taskType, fromTotal - 1);
		}
		const toTotal = toTotals && toTotals.seq <= sightingSeq ? toTotals.byType.get(taskType) : undefined;
		if (toTotals && toTotal !== undefined) {
			toTotals.byType.set(taskType, toTotal + 1);
		}
	}

	private pruneOlderThan(seq: number): void {
		let pruned = false;
		for (const [id, entry] of this.entries) {
			if (entry.seq < seq) {
				this.entries.delete(id);
				this.countLoaded(entry.task.Status, -1);
				pruned = true;
			}
		}
		if (pruned) {
			this.invalidateSnapshot();
			const kept = (e: Entry): boolean => this.entries.get(e.task.TaskId) === e;
			this.ordered = this.ordered.filter(kept);
			this.added = this.added.filter(kept);
		}
		for (const [status, progress] of this.progress) {
			if (progress.seq < seq) {
				this.progress.delete(status);
			}
		}
	}

	private supersede(state: Active): void {
		this.active.delete(state.ticket.seq);
		state.load.abort(new SupersededError());
		state.load.end();
		this.flushTransitions(state);
	}

	private release(state: Active): void {
		this.active.delete(state.ticket.seq);
		state.load.end();
	}

	/** What was observed stays observed, so a superseded operation still reports the moves it applied. */
	private flushTransitions(state: Active): void {
		if (state.transitions.length > 0) {
			const transitions = state.transitions;
			state.transitions = [];
			this.transitionEmitter.fire(transitions);
		}
	}
}

/** Unchanged tasks keep their object, so tasks() (and the tree built from it) stays as it was. */
function sameTask(a: TaskInfo, b: TaskInfo): boolean {
	return (
		a.Status === b.Status &&
		a.FailureReason === b.FailureReason &&
		a.TaskType === b.TaskType &&
		a.RoleConfigurationId === b.RoleConfigurationId &&
		a.RoleConfigurationName === b.RoleConfigurationName &&
		a.TargetUin === b.TargetUin &&
		a.TargetType === b.TargetType &&
		a.PrincipalId === b.PrincipalId &&
		a.PrincipalType === b.PrincipalType
	);
}

function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
	return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

function compareEntries(a: Entry, b: Entry): number {
	return a.task.TaskId < b.task.TaskId ? -1 : a.task.TaskId > b.task.TaskId ? 1 : 0;
}

/** Beyond one changed task in this many, building the snapshot afresh is no dearer than patching the last one. */
const PATCH_SHARE = 8;

/** The index of the entry with this TaskId in a TaskId-ordered list that holds it. */
function indexByTaskId(ordered: readonly Entry[], taskId: string): number {
	let low = 0;
	let high = ordered.length - 1;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if ((ordered[mid]?.task.TaskId ?? '') < taskId) {
			low = mid + 1;
		} else {
			high = mid;
		}
	}
	return low;
}

/** Merges two TaskId-ordered lists in linear time. */
function mergeByTaskId(a: readonly Entry[], b: readonly Entry[]): Entry[] {
	const out = new Array<Entry>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) {
		out[k++] = compareEntries(a[i], b[j]) <= 0 ? a[i++] : b[j++];
	}
	while (i < a.length) {
		out[k++] = a[i++];
	}
	while (j < b.length) {
		out[k++] = b[j++];
	}
	return out;
}

/** The abort reason of a ticket that a newer operation replaced; callers treat it as a silent cancellation. */
export class SupersededError extends Error {
	override readonly name = 'AbortError';
	readonly superseded = true;

	constructor() {
		super('Superseded by a newer refresh.');
	}
}
