import { inertText } from './inertText';
import { plural } from './plural';
import type { TaskTransition } from './taskStore';

/**
 * The part of `vscode.l10n` message builders need, so they can live here, outside VS Code, and be tested with
 * hostile input; the host passes `vscode.l10n` itself.
 */
export interface Localizer {
	t(message: string, ...args: Array<string | number | boolean>): string;
}

/** VS Code cuts a notification at 1,000 characters anyway (NotificationViewItem.MAX_MESSAGE_LENGTH). */
export const NOTIFICATION_LENGTH = 1000;

/**
 * What a notification may show of an already localized message: the whole text inert (see inertText), so
 * that not even two values side by side in a template can form a link. Our own messages contain no links.
 */
export function notificationText(message: string): string {
	return inertText(message, NOTIFICATION_LENGTH);
}

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

/** "1 task", "3 tasks": the log's English summary. */
function counted(n: number, one: string, many: string): string {
	return `${n} ${plural(n, one, many)}`;
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
		const reason = inertText(failed[0].task.FailureReason, MAX_REASON);
		const taskId = inertText(failed[0].task.TaskId);
		message = reason ? `Task ${taskId} failed: ${reason}` : `Task ${taskId} failed.`;
	} else if (failed.length === 0 && succeeded.length === 1) {
		message = `Task ${inertText(succeeded[0].task.TaskId)} succeeded.`;
	} else if (succeeded.length === 0) {
		message = `${counted(failed.length, 'task', 'tasks')} failed.`;
	} else if (failed.length === 0) {
		message = `${counted(succeeded.length, 'task', 'tasks')} succeeded.`;
	} else {
		message = `${counted(failed.length, 'task', 'tasks')} failed, ${succeeded.length} succeeded.`;
	}
	return {
		severity: failed.length > 0 ? 'error' : 'info',
		message,
		failed,
		succeeded,
		taskIds: [...failed, ...succeeded].map((t) => t.task.TaskId),
	};
}

/** The localized toast for a batch of transitions; task ids and the failure reason are inert. */
export function transitionMessage(notification: TransitionNotification, l10n: Localizer): string {
	const first = notification.failed[0] ?? notification.succeeded[0];
	if (notification.taskIds.length === 1 && first) {
		const taskId = inertText(first.task.TaskId);
		if (first.to !== 'Failed') {
			return l10n.t('CIC task {0} succeeded.', taskId);
		}
		const reason = inertText(first.task.FailureReason);
		return reason ? l10n.t('CIC task {0} failed: {1}', taskId, reason) : l10n.t('CIC task {0} failed.', taskId);
	}
	if (notification.succeeded.length === 0) {
		return l10n.t('{0} CIC tasks failed.', notification.failed.length);
	}
	if (notification.failed.length === 0) {
		return l10n.t('{0} CIC tasks succeeded.', notification.succeeded.length);
	}
	const failed = notification.failed.length;
	const succeeded = notification.succeeded.length;
	return plural(failed, l10n.t('{0} CIC task failed, {1} succeeded.', failed, succeeded), l10n.t('{0} CIC tasks failed, {1} succeeded.', failed, succeeded));
}

/** The warning for entries of cicTasks.savedViews that were skipped; each problem quotes workspace values. */
export function savedViewsWarning(errors: readonly string[], l10n: Localizer): string {
	return l10n.t('Some saved views in cicTasks.savedViews were skipped: {0}', inertText(errors.join(' '), NOTIFICATION_LENGTH - 80));
}
