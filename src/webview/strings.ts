import type { DetailStrings, OverviewStrings } from './protocol';

/**
 * Every label the webviews show, localized here because the webview side has no l10n API. The panels pass
 * `vscode.l10n`; the unit tests pass the English source or the Chinese bundle, so this module imports no vscode.
 * Count-bearing strings come in both forms (one, other); the page picks by count.
 */

export interface Localizer {
	t(message: string): string;
}

export function detailStrings(l10n: Localizer): DetailStrings {
	return {
		task: l10n.t('Task'),
		status: l10n.t('Status'),
		taskType: l10n.t('Task type'),
		roleConfiguration: l10n.t('Role configuration'),
		principal: l10n.t('Principal'),
		target: l10n.t('Target account'),
		failureReason: l10n.t('Failure reason'),
		message: l10n.t('Message'),
		noFailureReason: l10n.t('The service gave no failure reason.'),
		firstSeen: l10n.t('First seen (observed)'),
		statusChanged: l10n.t('Status changed (observed)'),
		notSeenChanging: l10n.t('Not seen changing'),
		elapsed: l10n.t('Running for (observed)'),
		elapsedValue: l10n.t('at least {0}'),
		observedNote: l10n.t('The API reports no timestamps: these are the times this extension observed, in this window.'),
		rawJson: l10n.t('Raw JSON'),
		refresh: l10n.t('Refresh'),
		refreshing: l10n.t('Refreshing…'),
		copyJson: l10n.t('Copy JSON'),
		openJson: l10n.t('Open as JSON'),
		openConsole: l10n.t('Open Organization Console'),
		copy: {
			TaskId: l10n.t('Copy task ID'),
			RoleConfigurationId: l10n.t('Copy role configuration ID'),
			RoleConfigurationName: l10n.t('Copy role configuration name'),
			PrincipalId: l10n.t('Copy principal ID'),
			TargetUin: l10n.t('Copy target account UIN'),
			FailureReason: l10n.t('Copy failure reason'),
		},
		copyMessage: l10n.t('Copy message'),
		showAll: l10n.t('Show all'),
		showLess: l10n.t('Show less'),
		showForRoleConfiguration: l10n.t('Show tasks for this role configuration'),
		showForPrincipal: l10n.t('Show tasks for this principal'),
		showForAccount: l10n.t('Show tasks for this account'),
		cannotFilter: l10n.t('The service does not accept this value as a filter.'),
		notInTree: l10n.t('This task is not loaded in the Tasks view under the current filter, so it only updates when you refresh it here.'),
		restored: l10n.t('Restored from the last session; refresh to see the current status.'),
		emptyValue: l10n.t('(empty)'),
		actions: l10n.t('Task actions'),
		details: l10n.t('Task details'),
		contextHeading: l10n.t('Who and where'),
		account: l10n.t('Account'),
		checkedAt: l10n.t('checked {0}'),
		nowHeading: l10n.t('Now'),
		nowIntro: l10n.t('What the service says today, whatever this task\'s status.'),
		assignment: l10n.t('Role assignment'),
		provisioning: l10n.t('Deployment on the account'),
		checkNow: l10n.t('Check again'),
		checking: l10n.t('Checking…'),
		omittedChars: l10n.t('({0} more characters not shown)'),
		retryTask: l10n.t('Retry Task…'),
		retriedAs: l10n.t('Retried as'),
		retryOf: l10n.t('Retry of'),
	};
}

export function overviewStrings(l10n: Localizer): OverviewStrings {
	return {
		title: l10n.t('CIC Tasks Overview'),
		loadedTasks: { one: l10n.t('{0} task loaded'), other: l10n.t('{0} tasks loaded') },
		filter: l10n.t('Filter: {0}'),
		clearFilter: l10n.t('Clear Filter'),
		refresh: l10n.t('Refresh'),
		byStatus: l10n.t('By status'),
		byTaskType: l10n.t('By task type'),
		byRoleConfiguration: l10n.t('Role configurations by status'),
		roleConfiguration: l10n.t('Role configuration'),
		total: l10n.t('Total'),
		failureReasons: l10n.t('Failure reasons'),
		noFailures: l10n.t('No failed tasks are loaded.'),
		noReason: l10n.t('(no reason given)'),
		empty: l10n.t('No tasks are loaded. Refresh the Tasks view, or clear its filter.'),
		showTasks: { one: l10n.t('({0} task; show it in the Tasks view)'), other: l10n.t('({0} tasks; show them in the Tasks view)') },
		cellLabel: { one: l10n.t('{0}, {1}: {2} task. Show it in the Tasks view.'), other: l10n.t('{0}, {1}: {2} tasks. Show them in the Tasks view.') },
		reasonLabel: {
			one: l10n.t('Show failed tasks of the role configurations with this reason ({0} task)'),
			other: l10n.t('Show failed tasks of the role configurations with this reason ({0} tasks)'),
		},
		tasksCount: { one: l10n.t('{0} task'), other: l10n.t('{0} tasks') },
		more: l10n.t('{0} more not shown'),
		exactNote: l10n.t('Counts by status are exact totals from the service; the other charts count the loaded tasks.'),
		exactTypesNote: l10n.t('Counts by status and by task type are exact totals from the service; the figures marked as such count only the loaded tasks.'),
		loadedNote: l10n.t('The charts count the loaded tasks.'),
		loadedOnly: { one: l10n.t('Counts only the {0} loaded task.'), other: l10n.t('Counts only the {0} loaded tasks.') },
		loadAll: l10n.t('Load All'),
		openTask: l10n.t('Show details of {0}'),
		showAll: l10n.t('Show all'),
		showLess: l10n.t('Show less'),
	};
}
