import type { TaskTransition } from './taskStore';

export type NotifyOn = 'failed' | 'all' | 'none';

export interface TransitionNotification {
	severity: 'error' | 'info';
	/** English text; the view may rebuild a localised one from the counts and tasks below. */
	message: string;
	failed: TaskTransition[];
	succeeded: TaskTransition[];
	/** For "Show Details" / "Copy Task ID": failed tasks first, each sorted by TaskId. */
	taskIds: string[];
}

const MAX_REASON = 200;

function shorten(text: string): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 1)}…` : oneLine;
}

function byTaskId(a: TaskTransition, b: TaskTransition): number {
	return a.task.TaskId < b.task.TaskId ? -1 : a.task.TaskId > b.task.TaskId ? 1 : 0;
}

/** The last transition per task wins, should one batch report the same task twice. */
function latestPerTask(transitions: readonly TaskTransition[]): TaskTransition[] {
	const byId = new Map<string, TaskTransition>();
	for (const t of transitions) {
		byId.set(t.task.TaskId, t);
	}
	return [...byId.values()];
}

function plural(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** One notification for a batch of transitions, or undefined when the setting says nothing is worth one. */
export function buildNotification(transitions: readonly TaskTransition[], notifyOn: NotifyOn): TransitionNotification | undefined {
	if (notifyOn === 'none') {
		return undefined;
	}
	const latest = latestPerTask(transitions);
	const failed = latest.filter((t) => t.to === 'Failed').sort(byTaskId);
	const succeeded = notifyOn === 'all' ? latest.filter((t) => t.to === 'Success').sort(byTaskId) : [];
	if (failed.length === 0 && succeeded.length === 0) {
		return undefined;
	}
	let message: string;
	if (failed.length === 1 && succeeded.length === 0) {
		const reason = shorten(failed[0].task.FailureReason);
		message = reason ? `Task ${failed[0].task.TaskId} failed: ${reason}` : `Task ${failed[0].task.TaskId} failed.`;
	} else if (failed.length === 0 && succeeded.length === 1) {
		message = `Task ${succeeded[0].task.TaskId} succeeded.`;
	} else if (succeeded.length === 0) {
		message = `${plural(failed.length, 'task', 'tasks')} failed.`;
	} else if (failed.length === 0) {
		message = `${plural(succeeded.length, 'task', 'tasks')} succeeded.`;
	} else {
		message = `${plural(failed.length, 'task', 'tasks')} failed, ${succeeded.length} succeeded.`;
	}
	return {
		severity: failed.length > 0 ? 'error' : 'info',
		message,
		failed,
		succeeded,
		taskIds: [...failed, ...succeeded].map((t) => t.task.TaskId),
	};
}
