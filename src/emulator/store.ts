import type { ListTasksFilter, TaskInfo, TaskStatusValue } from '../api/types';
import { FILTER_FIELDS } from './params';

/**
 * The tasks of one zone, in a stable order. Tasks are only ever appended or updated in place, never removed or
 * reordered, so a task's position (`seq`, 1-based) is a durable cursor: paging by "after seq N" neither skips nor
 * repeats a task when statuses change or new tasks arrive (they land after every existing cursor).
 */
export class TaskStore {
	private readonly entries: TaskInfo[] = [];
	private readonly byId = new Map<string, number>();
	private version = 0;
	private readonly countCache = new Map<string, { version: number; count: number }>();

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

	count(filter: ListTasksFilter, filterKey: string): number {
		const cached = this.countCache.get(filterKey);
		if (cached && cached.version === this.version) {
			return cached.count;
		}
		const match = matcher(filter);
		let count = 0;
		for (const t of this.entries) {
			if (match(t)) {
				count++;
			}
		}
		if (this.countCache.size > 256) {
			this.countCache.clear();
		}
		this.countCache.set(filterKey, { version: this.version, count });
		return count;
	}

	/** Up to `limit` matching tasks after position `afterSeq`, and whether any match remains beyond them. */
	page(filter: ListTasksFilter, afterSeq: number, limit: number): { tasks: TaskInfo[]; lastSeq: number; more: boolean } {
		const match = matcher(filter);
		const tasks: TaskInfo[] = [];
		let lastSeq = afterSeq;
		for (let i = afterSeq; i < this.entries.length; i++) {
			const t = this.entries[i];
			if (!match(t)) {
				continue;
			}
			if (tasks.length === limit) {
				return { tasks, lastSeq, more: true };
			}
			tasks.push(t);
			lastSeq = i + 1;
		}
		return { tasks, lastSeq, more: false };
	}
}

/** All set filters must hold (the service ANDs them). */
export function matcher(filter: ListTasksFilter): (task: TaskInfo) => boolean {
	const checks = FILTER_FIELDS.filter((f) => filter[f] !== undefined).map((f) => [f, filter[f]] as const);
	if (checks.length === 0) {
		return () => true;
	}
	return (task) => checks.every(([f, v]) => task[f] === v);
}
