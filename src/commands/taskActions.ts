import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { taskPickText, type TaskWords } from '../model/displayText';
import { notifyInfo } from '../host/notify';
import type { TasksSession } from '../host/session';
import { copyText, filterByTaskInfo, type FilterBy } from '../host/taskActions';
import { isTaskNode } from '../views/nodes';
import { statusLabel, taskDescription, taskTypeLabel } from '../host/presentation';
import type { NameLookup } from '../model/names';
import { serviceNames } from '../host/sessionNames';

/**
 * The view layer's words for task values, for the pure QuickPick text builders (src/model/displayText.ts), with
 * who and where by name as far as the directory knows them.
 */
export function taskWords(names: NameLookup): TaskWords {
	return { statusLabel, taskTypeLabel, taskDescription: (task) => taskDescription(task, names) };
}

/**
 * Resolves the tasks a command acts on: the clicked row plus any other selected rows (multi-select), a task
 * id or ids (from notifications), or, from the Command Palette, a pick among the loaded tasks.
 */
export async function resolveTasks(session: TasksSession, args: readonly unknown[], placeHolder: string): Promise<TaskInfo[]> {
	const [first, selection] = args;
	if (Array.isArray(selection) && selection.some(isTaskNode)) {
		return selection.filter(isTaskNode).map((n) => n.task);
	}
	if (isTaskNode(first)) {
		return [first.task];
	}
	const ids = typeof first === 'string' ? [first] : Array.isArray(first) ? first.filter((v): v is string => typeof v === 'string') : [];
	if (ids.length > 0) {
		const found = ids.map((id) => session.store.get(id)?.task).filter((t): t is TaskInfo => t !== undefined);
		if (found.length === 1 || ids.length === 1) {
			return found;
		}
		return pickTasks(found, placeHolder, serviceNames(session.service));
	}
	return pickTasks(session.store.tasks(), placeHolder, serviceNames(session.service));
}

async function pickTasks(tasks: readonly TaskInfo[], placeHolder: string, names: NameLookup): Promise<TaskInfo[]> {
	if (tasks.length === 0) {
		void notifyInfo(vscode.l10n.t('No tasks are loaded yet. Refresh the Tasks view first.'));
		return [];
	}
	const words = taskWords(names);
	const picked = await vscode.window.showQuickPick(
		tasks.map((task) => ({ ...taskPickText(task, words), task })),
		{ placeHolder, matchOnDescription: true, matchOnDetail: true },
	);
	return picked ? [picked.task] : [];
}

export type TaskField = 'TaskId' | 'FailureReason' | 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId';

export async function copyField(session: TasksSession, field: TaskField, args: readonly unknown[]): Promise<void> {
	const tasks = await resolveTasks(session, args, vscode.l10n.t('Task to copy from'));
	if (tasks.length === 0) {
		return;
	}
	const values = tasks.map((t) => String(t[field] ?? '')).filter((v) => v !== '');
	// A FailureReason on a task that did not fail is a neutral message, as the detail panel and tooltips call it.
	const what = field !== 'FailureReason' ? field : tasks.every((t) => t.Status === 'Failed') ? vscode.l10n.t('Failure reason') : vscode.l10n.t('Message');
	if (values.length === 0) {
		void notifyInfo(vscode.l10n.t('The selected task has no {0}.', what));
		return;
	}
	await copyText(values.join('\n'), what);
}

/** Copy as JSON: one object, or an array when several rows are selected. */
export async function copyAsJson(session: TasksSession, args: readonly unknown[]): Promise<void> {
	const tasks = await resolveTasks(session, args, vscode.l10n.t('Task to copy'));
	if (tasks.length === 0) {
		return;
	}
	await copyText(JSON.stringify(tasks.length === 1 ? tasks[0] : tasks, null, 2), 'JSON');
}

/** Show Details: one detail panel per task (an open one is revealed). */
export async function showDetails(session: TasksSession, panels: { showTasks(tasks: readonly TaskInfo[]): void }, args: readonly unknown[]): Promise<void> {
	const tasks = await resolveTasks(session, args, vscode.l10n.t('Task to show'));
	panels.showTasks(tasks);
}

export async function filterByTask(session: TasksSession, by: FilterBy, args: readonly unknown[]): Promise<void> {
	const [task] = await resolveTasks(session, args, vscode.l10n.t('Task whose value to filter by'));
	if (!task) {
		return;
	}
	await filterByTaskInfo(session, task, by);
}
