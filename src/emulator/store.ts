import type { ListTasksFilter, TaskInfo, TaskStatusValue } from '../api/types';
import { FILTER_FIELDS } from './params';

/** Filters whose matches are kept; a zone's listings use a few dozen (statuses × task types × parts). */
const MATCH_CACHE_SIZE = 256;

/**
 * The tasks of one zone, in a stable order. Tasks are only ever appended or updated in place, never removed or
 * reordered, so a task's position (`seq`, 1-based) is a durable cursor: paging by "after seq N" neither skips nor
 * repeats a task when statuses change or new tasks arrive (they land after every existing cursor).
 */
export class TaskStore {
	private readonly entries: TaskInfo[] = [];
	private readonly byId = new Map<string, number>();
	private version = 0;
	private readonly matchCache = new Map<string, { version: number; positions: Int32Array }>();

	constructor(tasks: readonly TaskInfo[] = []) {
		this.add(tasks);
	}

	/** Changes whenever a task is added or updated: lets views derived from the tasks know they are stale. */
	get revision(): number {
		return this.version;
	}

	get size(): number {
		return this.entries.length;
	}

	has(taskId: string): boolean {
		return this.byId.has(taskId);
	}

	get(taskId: string): TaskInfo | undefined {
		const i = this.byId.get(taskId);
		return i === undefined ? undefined : this.entries[i];
	}

	/** Appends in the given order; all-or-nothing, so a duplicate TaskId leaves the store untouched. */
	add(tasks: readonly TaskInfo[]): void {
		const seen = new Set<string>();
		for (const t of tasks) {
			if (this.byId.has(t.TaskId) || seen.has(t.TaskId)) {
				throw new Error(`duplicate TaskId ${JSON.stringify(t.TaskId)}`);
			}
			seen.add(t.TaskId);
		}
		for (const t of tasks) {
			this.byId.set(t.TaskId, this.entries.length);
			this.entries.push({ ...t });
		}
		this.version++;
	}

	/** FailureReason is kept only on Failed tasks, as the service reports it. */
	setStatus(taskId: string, status: TaskStatusValue, failureReason = ''): TaskInfo {
		const i = this.byId.get(taskId);
		const current = i === undefined ? undefined : this.entries[i];
		if (i === undefined || current === undefined) {
			throw new Error(`no task ${JSON.stringify(taskId)}`);
		}
		const updated: TaskInfo = { ...current, Status: status, FailureReason: status === 'Failed' ? failureReason : '' };
		this.entries[i] = updated;
		this.version++;
		return updated;
	}

	/** Copies, so callers cannot change the store behind its back. */
	snapshot(): TaskInfo[] {
		return this.entries.map((t) => ({ ...t }));
	}

	/** The live objects in order, for read-only scans inside the emulator. */
	view(): readonly TaskInfo[] {
		return this.entries;
	}

	/** How many tasks match the filter. `filterKey` names the filter (equal filters, equal keys). */
	count(filter: ListTasksFilter, filterKey: string): number {
		return this.matches(filter, filterKey).length;
	}

	/** Up to `limit` matching tasks after position `afterSeq`, and whether any match remains beyond them. */
	page(filter: ListTasksFilter, filterKey: string, afterSeq: number, limit: number): { tasks: TaskInfo[]; lastSeq: number; more: boolean } {
		const positions = this.matches(filter, filterKey);
		// The first match after the cursor: positions ascend.
		let low = 0;
		let high = positions.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if ((positions[mid] ?? 0) < afterSeq) {
				low = mid + 1;
			} else {
				high = mid;
			}
		}
		const taken = positions.subarray(low, low + limit);
		const tasks = Array.from(taken, (i) => this.entries[i]);
		const lastSeq = taken.length > 0 ? (taken[taken.length - 1] ?? 0) + 1 : afterSeq;
		return { tasks, lastSeq, more: low + limit < positions.length };
	}

	/**
	 * The positions of the tasks a filter matches, ascending, from one scan per filter and store version: a listing's
	 * count and pages then cost no scan of their own. In one process with the client (tests, benchmarks), a scan per
	 * request of a large zone would be the emulator's time, not the service's, on the client's clock.
	 */
	private matches(filter: ListTasksFilter, filterKey: string): Int32Array {
		const cached = this.matchCache.get(filterKey);
		if (cached && cached.version === this.version) {
			return cached.positions;
		}
		const match = matcher(filter);
		const found: number[] = [];
		for (let i = 0; i < this.entries.length; i++) {
			const task = this.entries[i];
			if (task && match(task)) {
				found.push(i);
			}
		}
		if (this.matchCache.size >= MATCH_CACHE_SIZE) {
			this.matchCache.clear();
		}
		const positions = Int32Array.from(found);
		this.matchCache.set(filterKey, { version: this.version, positions });
		return positions;
	}
}

/** All set filters must hold (the service ANDs them). */
export function matcher(filter: ListTasksFilter): (task: TaskInfo) => boolean {
	const fields = FILTER_FIELDS.filter((f) => filter[f] !== undefined);
	const values = fields.map((f) => filter[f]);
	return (task) => {
		for (let i = 0; i < fields.length; i++) {
			const field = fields[i];
			if (field !== undefined && task[field] !== values[i]) {
				return false;
			}
		}
		return true;
	};
}
