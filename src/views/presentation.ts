import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';

/**
 * How task values read in the UI: one table per field, localized, with a plain fallback for values the
 * service may add later (an unknown status or task type is shown verbatim, never dropped).
 */

export function statusLabel(status: string): string {
	switch (status) {
		case 'Failed':
			return vscode.l10n.t('Failed');
		case 'InProgress':
			return vscode.l10n.t('In progress');
		case 'Success':
			return vscode.l10n.t('Succeeded');
		default:
			return status || vscode.l10n.t('Unknown status');
	}
}

export function statusIcon(status: string): vscode.ThemeIcon {
	switch (status) {
		case 'Failed':
			return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
		case 'InProgress':
			return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
		case 'Success':
			return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
		default:
			return new vscode.ThemeIcon('question');
	}
}

export function taskTypeLabel(taskType: string): string {
	switch (taskType) {
		case 'CreateRoleAssignment':
			return vscode.l10n.t('Create role assignment');
		case 'DeleteRoleAssignment':
			return vscode.l10n.t('Delete role assignment');
		case 'ProvisionRoleConfiguration':
			return vscode.l10n.t('Provision role configuration');
		case 'DeprovisionRoleConfiguration':
			return vscode.l10n.t('Deprovision role configuration');
		default:
			return taskType || vscode.l10n.t('Unknown task type');
	}
}

export function principalTypeLabel(principalType: string): string {
	switch (principalType) {
		case 'User':
			return vscode.l10n.t('User');
		case 'Group':
			return vscode.l10n.t('Group');
		default:
			return principalType;
	}
}

export function targetTypeLabel(targetType: string): string {
	switch (targetType) {
		case 'MemberUin':
			return vscode.l10n.t('Member account');
		case 'ManagerUin':
			return vscode.l10n.t('Manager account');
		default:
			return targetType;
	}
}

/** "u-123 → 100012345678": who gets access, on which account. */
export function taskDescription(task: TaskInfo): string {
	return `${task.PrincipalId} → ${task.TargetUin}`;
}

/**
 * Every field in a tooltip. Values come from the API and are untrusted: they go through appendText, which
 * escapes Markdown, and the string is neither trusted (no command links) nor HTML-enabled.
 */
export function taskTooltip(task: TaskInfo): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, false);
	md.isTrusted = false;
	md.supportHtml = false;
	const row = (label: string, value: string): void => {
		md.appendMarkdown(`**${label}:** `);
		md.appendText(value);
		md.appendMarkdown('  \n');
	};
	row(vscode.l10n.t('Task'), task.TaskId);
	row(vscode.l10n.t('Status'), statusLabel(task.Status));
	row(vscode.l10n.t('Type'), taskTypeLabel(task.TaskType));
	row(vscode.l10n.t('Role configuration'), `${task.RoleConfigurationName} (${task.RoleConfigurationId})`);
	row(vscode.l10n.t('Principal'), `${principalTypeLabel(task.PrincipalType)} ${task.PrincipalId}`);
	row(vscode.l10n.t('Target'), `${targetTypeLabel(task.TargetType)} ${task.TargetUin}`);
	if (task.FailureReason) {
		row(vscode.l10n.t('Failure reason'), task.FailureReason);
	}
	return md;
}

export function taskAccessibilityLabel(task: TaskInfo): string {
	return vscode.l10n.t(
		'{0}, {1}, role configuration {2}, {3} {4} on account {5}',
		taskTypeLabel(task.TaskType),
		statusLabel(task.Status),
		task.RoleConfigurationName,
		principalTypeLabel(task.PrincipalType),
		task.PrincipalId,
		String(task.TargetUin),
	);
}
