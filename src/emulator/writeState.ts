import { randomInt } from 'node:crypto';
import type { TaskInfo } from '../api/types';
import type { TaskStore } from './store';

/**
 * What the write actions leave running: their tasks, each InProgress until a timer settles it after `delayMs`,
 * and the causes that make a task fail again however often it is retried (`blockers`, keyed by what the task
 * would change). A task whose cause is gone succeeds, and the directory's replay (directoryState.ts) then shows
 * the change in ListRoleAssignments / ListRoleConfigurationProvisionings.
 */

export const DEFAULT_WRITE_TASK_DELAY_MS = 2000;

const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** What a task would change: its type, configuration, account and (for assignments) principal. */
export function changeKey(t: Pick<TaskInfo, 'TaskType' | 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId'>): string {
	const assignment = t.TaskType === 'CreateRoleAssignment' || t.TaskType === 'DeleteRoleAssignment';
	return [t.TaskType, t.RoleConfigurationId, String(t.TargetUin), assignment ? t.PrincipalId : ''].join('\u0000');
}

export interface WriteStateOptions {
	delayMs?: number;
	/** Role assignments one role configuration may hold (RoleConfigurationAuthorizationOverLimit beyond); default none. */
	authorizationLimit?: number;
	/** Called after a task settled (for the log). */
	onSettled?: (task: TaskInfo) => void;
}

export class WriteState {
	/** changeKey → the FailureReason every task of that change ends with. */
	readonly blockers = new Map<string, string>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly afterSuccess = new Map<string, () => void>();
	delayMs: number;
	authorizationLimit: number;

	constructor(
		private readonly store: TaskStore,
		private readonly options: WriteStateOptions = {},
	) {
		this.delayMs = options.delayMs ?? DEFAULT_WRITE_TASK_DELAY_MS;
		this.authorizationLimit = options.authorizationLimit ?? Infinity;
	}

	newTaskId(): string {
		for (;;) {
			let id = 't-';
			for (let i = 0; i < 12; i++) {
				id += ID_CHARS[randomInt(ID_CHARS.length)];
			}
			if (!this.store.has(id)) {
				return id;
			}
		}
	}

	/** Appends the tasks (all InProgress) in one step and schedules each to settle; `then` runs after a success. */
	start(tasks: readonly TaskInfo[], then?: (task: TaskInfo) => void): void {
		this.store.add(tasks);
		for (const task of tasks) {
			if (then) {
				this.afterSuccess.set(task.TaskId, () => then(task));
			}
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.settle(task.TaskId);
			}, this.delayMs);
			timer.unref();
			this.timers.add(timer);
		}
	}

	/** Ends one task now (tests call it through the timer or directly); a task no longer InProgress is left alone. */
	settle(taskId: string): void {
		const task = this.store.get(taskId);
		const then = this.afterSuccess.get(taskId);
		this.afterSuccess.delete(taskId);
		if (task?.Status !== 'InProgress') {
			return;
		}
		const reason = this.blockers.get(changeKey(task));
		const settled = reason === undefined ? this.store.setStatus(taskId, 'Success') : this.store.setStatus(taskId, 'Failed', reason);
		if (settled.Status === 'Success') {
			then?.();
		}
		this.options.onSettled?.(settled);
	}

	/** Tasks of `key` still running: a second identical write while one runs is a conflict, not a new change. */
	pending(key: string): boolean {
		return this.store.view().some((t) => t.Status === 'InProgress' && changeKey(t) === key);
	}

	/** CreateRoleAssignment tasks still running for one role configuration. */
	pendingCreates(roleConfigurationId: string): number {
		return this.store.view().filter((t) => t.Status === 'InProgress' && t.TaskType === 'CreateRoleAssignment' && t.RoleConfigurationId === roleConfigurationId).length;
	}

	dispose(): void {
		for (const t of this.timers) {
			clearTimeout(t);
		}
		this.timers.clear();
		this.afterSuccess.clear();
	}
}

/** Cheap, stable hash for picking which sample failures a retry cannot fix. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
	}
	return h;
}

/** Throttling is transient by nature: a retry of such a task always goes through. */
const TRANSIENT_REASON = /RequestLimitExceeded|throttled|频率超限/;

/**
 * Sample data: about half of the failed tasks keep failing when retried, with their own FailureReason (the quota
 * is still full, the conflicting role is still there); the rest, and every throttled one, go through. Picked by
 * a hash of the TaskId, so it is the same on every run.
 */
export function sampleBlockers(tasks: readonly TaskInfo[]): Map<string, string> {
	const blockers = new Map<string, string>();
	for (const t of tasks) {
		if (t.Status === 'Failed' && t.FailureReason !== '' && !TRANSIENT_REASON.test(t.FailureReason) && hash(t.TaskId) % 2 === 0) {
			blockers.set(changeKey(t), t.FailureReason);
		}
	}
	return blockers;
}
