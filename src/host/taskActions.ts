import * as vscode from 'vscode';
import type { TaskInfo } from '../api';
import type { TaskFilter } from '../model/filter';
import type { TasksSession } from './session';
import type { TaskDocumentProvider } from './taskDocuments';

/*
 * The task actions both a command (src/commands/taskActions.ts) and a detail panel (src/webview/taskDetailPanel.ts)
 * run, here in the layer both may import.
 */

/** Console roots per site: no CIC deep link is documented, so the Organization console root is the honest target. */
const CONSOLE_URLS = {
	china: 'https://console.cloud.tencent.com/organization',
	international: 'https://console.tencentcloud.com/organization',
} as const;

export type FilterBy = 'roleConfiguration' | 'principal' | 'account';

export async function copyText(text: string, what: string): Promise<void> {
	await vscode.env.clipboard.writeText(text);
	vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 2500);
}

/** Open as JSON (from the detail panel): the task as a read-only JSON document. */
export async function openTaskJson(documents: TaskDocumentProvider, task: TaskInfo): Promise<void> {
	const uri = documents.set(task.TaskId, task);
	const document = await vscode.workspace.openTextDocument(uri);
	await vscode.languages.setTextDocumentLanguage(document, 'json');
	await vscode.window.showTextDocument(document, { preview: true });
}

/** Filters the tree by one value of this task (also used by the detail panel, which holds its own copy). */
export async function filterByTaskInfo(session: TasksSession, task: TaskInfo, by: FilterBy): Promise<void> {
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
