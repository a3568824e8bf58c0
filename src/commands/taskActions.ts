import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { taskPickText, type TaskWords } from '../model/displayText';
import type { TaskFilter } from '../model/filter';
import { notifyInfo } from '../host/notify';
import type { TasksSession } from '../host/session';
import { isTaskNode } from '../views/nodes';
import { statusLabel, taskDescription, taskTypeLabel } from '../views/presentation';
import type { TaskDocumentProvider } from '../views/taskDocumentProvider';

/** The view layer's words for task values, for the pure QuickPick text builders (src/model/displayText.ts). */
export const TASK_WORDS: TaskWords = { statusLabel, taskTypeLabel, taskDescription };

/** Console roots per site: no CIC deep link is documented, so the Organization console root is the honest target. */
const CONSOLE_URLS = {
	china: 'https://console.cloud.tencent.com/organization',
	international: 'https://console.tencentcloud.com/organization',
} as const;

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
		return pickTasks(found, placeHolder);
	}
	return pickTasks(session.store.tasks(), placeHolder);
}

async function pickTasks(tasks: readonly TaskInfo[], placeHolder: string): Promise<TaskInfo[]> {
	if (tasks.length === 0) {
		void notifyInfo(vscode.l10n.t('No tasks are loaded yet. Refresh the Tasks view first.'));
		return [];
	}
	const picked = await vscode.window.showQuickPick(
		tasks.map((task) => ({ ...taskPickText(task, TASK_WORDS), task })),
		{ placeHolder, matchOnDescription: true, matchOnDetail: true },
	);
	return picked ? [picked.task] : [];
}

export async function copyText(text: string, what: string): Promise<void> {
	await vscode.env.clipboard.writeText(text);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 2500);
}

export type TaskField = 'TaskId' | 'FailureReason' | 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId';

export async function copyField(session: TasksSession, field: TaskField, args: readonly unknown[]): Promise<void> {
	const tasks = await resolveTasks(session, args, vscode.l10n.t('Task to copy from'));
	if (tasks.length === 0) {
		return;
	}
	const values = tasks.map((t) => String(t[field] ?? '')).filter((v) => v !== '');
	if (values.length === 0) {
		void notifyInfo(vscode.l10n.t('The selected task has no {0}.', field));
		return;
	}
	await copyText(values.join('\n'), field);
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

/** Open as JSON (from the detail panel): the task as a read-only JSON document. */
export async function openTaskJson(documents: TaskDocumentProvider, task: TaskInfo): Promise<void> {
	const uri = documents.set(task.TaskId, task);
	const document = await vscode.workspace.openTextDocument(uri);
	await vscode.languages.setTextDocumentLanguage(document, 'json');
	await vscode.window.showTextDocument(document, { preview: true });
}

export async function filterByTask(session: TasksSession, by: 'roleConfiguration' | 'principal' | 'account', args: readonly unknown[]): Promise<void> {
	const [task] = await resolveTasks(session, args, vscode.l10n.t('Task whose value to filter by'));
	if (!task) {
		return;
	}
	await filterByTaskInfo(session, task, by);
}

/** Filters the tree by one value of this task (also used by the detail panel, which holds its own copy). */
export async function filterByTaskInfo(session: TasksSession, task: TaskInfo, by: 'roleConfiguration' | 'principal' | 'account'): Promise<void> {
	const next: TaskFilter = { ...session.currentFilter };
	if (by === 'roleConfiguration') {
		next.roleConfigurationIds = [task.RoleConfigurationId];
	} else if (by === 'principal' && (task.PrincipalType === 'User' || task.PrincipalType === 'Group')) {
		next.principal = { type: task.PrincipalType === 'User' ? 'User' : 'Group', id: task.PrincipalId };
	} else if (by === 'account' && (task.TargetType === 'MemberUin' || task.TargetType === 'ManagerUin')) {
		next.target = { type: task.TargetType === 'MemberUin' ? 'MemberUin' : 'ManagerUin', uin: task.TargetUin };
	} else {
		throw new Error(vscode.l10n.t('This task has a value the service does not accept as a filter.'));
	}
	await session.setFilter(next);
}

export async function openConsole(session: TasksSession): Promise<void> {
	const target = session.currentTarget;
	const site = target.kind === 'profile' && target.profile.site === 'international' ? 'international' : 'china';
	await vscode.env.openExternal(vscode.Uri.parse(CONSOLE_URLS[site]));
}

