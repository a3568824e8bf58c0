import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { accountLabel, accountNameRows, notFoundSuffix, principalLabel, principalNameRows, whoWhereLabel } from '../model/nameLabels';
import { NO_NAMES, type NameLookup } from '../model/names';
import { LABEL_LIMITS, shorten, shortText, TOOLTIP_LIMITS } from '../model/shorten';
import { canonicalTaskType } from '../model/taskTypes';

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

/** Words for a task type; an alias (DeleteRolesAssignment) reads as its canonical type, an unknown one verbatim. */
export function taskTypeLabel(taskType: string): string {
	switch (canonicalTaskType(taskType)) {
		case 'CreateRoleAssignment':
			return vscode.l10n.t('Create role assignment');
		case 'DeleteRoleAssignment':
			return vscode.l10n.t('Delete role assignment');
		case 'ProvisionRoleConfiguration':
			return vscode.l10n.t('Provision role configuration');
		case 'DeprovisionRoleConfiguration':
			return vscode.l10n.t('Deprovision role configuration');
		// The user-sync task types (GetProvisioningTaskStatus), should such a task appear in a listing.
		case 'StartProvisioning':
			return vscode.l10n.t('Start user provisioning');
		case 'DeleteProvisioning':
			return vscode.l10n.t('Delete user provisioning');
		default:
			return taskType || vscode.l10n.t('Unknown task type');
	}
}

/** One icon per known task type; an unknown one gets a neutral icon (not a warning: it is just new to us). */
export function taskTypeIcon(taskType: string): vscode.ThemeIcon {
	switch (canonicalTaskType(taskType)) {
		case 'CreateRoleAssignment':
			return new vscode.ThemeIcon('person-add');
		case 'DeleteRoleAssignment':
			return new vscode.ThemeIcon('trash');
		case 'ProvisionRoleConfiguration':
			return new vscode.ThemeIcon('cloud-upload');
		case 'DeprovisionRoleConfiguration':
			return new vscode.ThemeIcon('cloud-download');
		case 'StartProvisioning':
		case 'DeleteProvisioning':
			return new vscode.ThemeIcon('sync');
		default:
			return new vscode.ThemeIcon('symbol-misc');
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

/** An API value in a tree label or description: one short line (the whole value is in the detail panel). */
export function labelText(value: string): string {
	return shortText(value, LABEL_LIMITS);
}

/**
 * "Alice Wang (alice) → Prod Web · 100012345678": who gets access, on which account, by name where the directory
 * knows it (src/model/nameLabels.ts has every form: groups, unknown and deleted IDs).
 */
export function taskDescription(task: TaskInfo, names: NameLookup = NO_NAMES): string {
	return whoWhereLabel(task, names, vscode.l10n, labelText);
}

/** A principal in a label (a group row of the tree): "Alice Wang (alice)", "Developers (g-…)", the ID alone, "u-… (not found)". */
export function principalNameLabel(principalType: string, principalId: string, names: NameLookup = NO_NAMES): string {
	return labelText(principalLabel(names.principal(principalType, principalId), principalId, vscode.l10n));
}

/** An account in a label: "Prod Web · 100012345678", the UIN alone, "100012345678 (not found)". */
export function accountNameLabel(targetUin: number, names: NameLookup = NO_NAMES): string {
	return labelText(accountLabel(names.account(targetUin), targetUin, vscode.l10n));
}

/** The label of a FailureReason: only a failed task has a failure reason; on others it is a neutral message. */
export function failureReasonLabel(task: TaskInfo): string {
	return task.Status === 'Failed' ? vscode.l10n.t('Failure reason') : vscode.l10n.t('Message');
}

/**
 * Every field in a tooltip, each value cut to a few lines (a 5,000-character name must not fill the screen),
 * with a closing line saying where the whole values are. Values come from the API and are untrusted: they go
 * through appendText, which escapes Markdown, and the string is neither trusted (no command links) nor HTML-enabled.
 */
export function taskTooltip(task: TaskInfo, names: NameLookup = NO_NAMES): vscode.MarkdownString {
	const md = new vscode.MarkdownString(undefined, false);
	md.isTrusted = false;
	md.supportHtml = false;
	let cut = false;
	const bounded = (value: string): string => {
		const short = shorten(value, TOOLTIP_LIMITS);
		cut ||= short.shortened;
		return short.text;
	};
	const row = (label: string, value: string): void => {
		md.appendMarkdown(`**${label}:** `);
		md.appendText(value);
		md.appendMarkdown('  \n');
	};
	row(vscode.l10n.t('Task'), bounded(task.TaskId));
	row(vscode.l10n.t('Status'), bounded(statusLabel(task.Status)));
	row(vscode.l10n.t('Type'), bounded(taskTypeLabel(task.TaskType)));
	row(vscode.l10n.t('Role configuration'), `${bounded(task.RoleConfigurationName)} (${bounded(task.RoleConfigurationId)})`);
	const principal = names.principal(task.PrincipalType, task.PrincipalId);
	const account = names.account(task.TargetUin);
	row(vscode.l10n.t('Principal'), `${bounded(principalTypeLabel(task.PrincipalType))} ${bounded(task.PrincipalId)}${notFoundSuffix(principal, vscode.l10n)}`);
	for (const name of principalNameRows(principal, vscode.l10n)) {
		row(name.label, bounded(name.value));
	}
	row(vscode.l10n.t('Target'), `${bounded(targetTypeLabel(task.TargetType))} ${task.TargetUin}${notFoundSuffix(account, vscode.l10n)}`);
	for (const name of accountNameRows(account, vscode.l10n)) {
		row(name.label, bounded(name.value));
	}
	if (task.FailureReason) {
		row(failureReasonLabel(task), bounded(task.FailureReason));
	}
	if (cut) {
		md.appendMarkdown('\n\n_');
		md.appendText(vscode.l10n.t('Long values are shortened here. Show Details shows them whole.'));
		md.appendMarkdown('_');
	}
	return md;
}

export function taskAccessibilityLabel(task: TaskInfo, names: NameLookup = NO_NAMES): string {
	return vscode.l10n.t(
		'{0}, {1}, role configuration {2}, {3} {4} on account {5}',
		labelText(taskTypeLabel(task.TaskType)),
		labelText(statusLabel(task.Status)),
		labelText(task.RoleConfigurationName),
		labelText(principalTypeLabel(task.PrincipalType)),
		principalNameLabel(task.PrincipalType, task.PrincipalId, names),
		accountNameLabel(task.TargetUin, names),
	);
}
