import * as vscode from 'vscode';
import type { DetailStrings, OverviewStrings } from './protocol';

/** Every label the webviews show, localized here because the webview side has no l10n API. */

export function detailStrings(): DetailStrings {
	return {
		task: vscode.l10n.t('Task'),
		status: vscode.l10n.t('Status'),
		taskType: vscode.l10n.t('Task type'),
		roleConfiguration: vscode.l10n.t('Role configuration'),
		principal: vscode.l10n.t('Principal'),
		target: vscode.l10n.t('Target account'),
		failureReason: vscode.l10n.t('Failure reason'),
		noFailureReason: vscode.l10n.t('The service gave no failure reason.'),
		firstSeen: vscode.l10n.t('First seen (observed)'),
		statusChanged: vscode.l10n.t('Status changed (observed)'),
		notSeenChanging: vscode.l10n.t('Not seen changing'),
		elapsed: vscode.l10n.t('Running for (observed)'),
		elapsedValue: vscode.l10n.t('at least {0}'),
		observedNote: vscode.l10n.t('The API reports no timestamps: these are the times this extension observed, in this window.'),
		rawJson: vscode.l10n.t('Raw JSON'),
		refresh: vscode.l10n.t('Refresh'),
		refreshing: vscode.l10n.t('Refreshing…'),
		copyJson: vscode.l10n.t('Copy JSON'),
		openJson: vscode.l10n.t('Open as JSON'),
		openConsole: vscode.l10n.t('Open Organization Console'),
		copy: {
			TaskId: vscode.l10n.t('Copy task ID'),
			RoleConfigurationId: vscode.l10n.t('Copy role configuration ID'),
			RoleConfigurationName: vscode.l10n.t('Copy role configuration name'),
			PrincipalId: vscode.l10n.t('Copy principal ID'),
			TargetUin: vscode.l10n.t('Copy target account UIN'),
			FailureReason: vscode.l10n.t('Copy failure reason'),
		},
		showForRoleConfiguration: vscode.l10n.t('Show tasks for this role configuration'),
		showForPrincipal: vscode.l10n.t('Show tasks for this principal'),
		showForAccount: vscode.l10n.t('Show tasks for this account'),
		cannotFilter: vscode.l10n.t('The service does not accept this value as a filter.'),
		notInTree: vscode.l10n.t('This task is not loaded in the Tasks view under the current filter, so it only updates when you refresh it here.'),
		restored: vscode.l10n.t('Restored from the last session; refresh to see the current status.'),
		emptyValue: vscode.l10n.t('(empty)'),
		actions: vscode.l10n.t('Task actions'),
		details: vscode.l10n.t('Task details'),
	};
}

export function overviewStrings(): OverviewStrings {
	return {
		title: vscode.l10n.t('CIC Tasks Overview'),
		loadedTasks: vscode.l10n.t('{0} tasks loaded'),
		filter: vscode.l10n.t('Filter: {0}'),
		clearFilter: vscode.l10n.t('Clear Filter'),
		refresh: vscode.l10n.t('Refresh'),
		byStatus: vscode.l10n.t('By status'),
		byTaskType: vscode.l10n.t('By task type'),
		byRoleConfiguration: vscode.l10n.t('Role configurations by status'),
		roleConfiguration: vscode.l10n.t('Role configuration'),
		total: vscode.l10n.t('Total'),
		failureReasons: vscode.l10n.t('Failure reasons'),
		noFailures: vscode.l10n.t('No failed tasks are loaded.'),
		noReason: vscode.l10n.t('(no reason given)'),
		empty: vscode.l10n.t('No tasks are loaded. Refresh the Tasks view, or clear its filter.'),
		barLabel: vscode.l10n.t('{0}: {1} tasks. Show them in the Tasks view.'),
		cellLabel: vscode.l10n.t('{0}, {1}: {2} tasks. Show them in the Tasks view.'),
		reasonLabel: vscode.l10n.t('Show failed tasks of the role configurations with this reason ({0} tasks)'),
		tasksCount: vscode.l10n.t('{0} tasks'),
		more: vscode.l10n.t('{0} more not shown'),
		exactNote: vscode.l10n.t('Counts by status are exact totals from the service; the other charts count the loaded tasks.'),
		loadedNote: vscode.l10n.t('The charts count the loaded tasks.'),
		openTask: vscode.l10n.t('Show details of {0}'),
	};
}
