import type { KnownDeprovisionStrategy } from '../api/writeTypes';
import { accountLabel, principalLabel } from './nameLabels';
import type { NameLookup } from './names';
import type { Localizer } from './notifications';
import type { RetryChange } from './retryPlan';
import type { AlreadyDoneDetail, PreflightResult, RetryResult } from './retryTask';
import { shortText } from './shorten';

/*
 * The words of Retry Task: what a change does, with names and IDs (the modal confirmation), what the command would
 * do while changes are off, and the one outcome message. Pure, so hostile names can be tested outside VS Code;
 * names are untrusted and the host shows all of this through notify.ts, which makes it inert.
 */

/** Lines of the confirmation beyond which the rest is counted, not listed (a modal has no scroll bar). */
export const MAX_LISTED_CHANGES = 12;

function rcLabel(c: RetryChange, names: NameLookup): string {
	const entry = names.roleConfiguration(c.roleConfigurationId);
	const name = entry?.state === 'found' ? entry.name : c.tasks[0]?.RoleConfigurationName ?? '';
	const short = shortText(name.trim(), { maxChars: 60, maxLines: 1 });
	return short ? `"${short}" (${c.roleConfigurationId})` : c.roleConfigurationId;
}

function principalText(c: RetryChange, names: NameLookup, l10n: Localizer): string {
	const label = principalLabel(names.principal(c.principalType, c.principalId), c.principalId, l10n);
	const withId = label.includes(c.principalId) ? label : `${label} [${c.principalId}]`;
	return c.principalType === 'Group' ? l10n.t('group {0}', withId) : c.principalType === 'User' ? l10n.t('user {0}', withId) : withId;
}

function accountText(c: RetryChange, names: NameLookup, l10n: Localizer): string {
	return accountLabel(names.account(c.targetUin), c.targetUin, l10n);
}

/** One change in words and IDs: "CreateRoleAssignment: give user Alice (alice) [u-…] "Admins" (rc-…) on Prod · 1000…". */
export function describeChange(c: RetryChange, names: NameLookup, l10n: Localizer, strategy: KnownDeprovisionStrategy = 'None'): string {
	const rc = rcLabel(c, names);
	const account = accountText(c, names, l10n);
	switch (c.action) {
		case 'CreateRoleAssignment':
			return l10n.t('CreateRoleAssignment: give {0} the role configuration {1} on account {2}', principalText(c, names, l10n), rc, account);
		case 'DeleteRoleAssignment':
			return strategy === 'DeprovisionForLastRoleAssignmentOnAccount'
				? l10n.t('DeleteRoleAssignment: take the role configuration {0} away from {1} on account {2}, and remove its deployment there if no assignment is left (DeprovisionForLastRoleAssignmentOnAccount)', rc, principalText(c, names, l10n), account)
				: l10n.t('DeleteRoleAssignment: take the role configuration {0} away from {1} on account {2}; its deployment stays (DeprovisionStrategy None)', rc, principalText(c, names, l10n), account);
		case 'ProvisionRoleConfiguration':
			return l10n.t('ProvisionRoleConfiguration: deploy the role configuration {0} to account {1}', rc, account);
		case 'DismantleRoleConfiguration':
			return l10n.t('DismantleRoleConfiguration: remove the deployment of the role configuration {0} from account {1}', rc, account);
	}
}

function listed(lines: readonly string[], l10n: Localizer): string {
	const shown = lines.slice(0, MAX_LISTED_CHANGES).map((l) => `• ${l}`);
	if (lines.length > MAX_LISTED_CHANGES) {
		shown.push(l10n.t('…and {0} more (all are listed in the CIC Tasks log).', lines.length - MAX_LISTED_CHANGES));
	}
	return shown.join('\n');
}

/** The modal confirmation: the question, and the detail listing every change and the tasks it retries. */
export function confirmationText(changes: readonly RetryChange[], names: NameLookup, l10n: Localizer, strategy: KnownDeprovisionStrategy, skipped: number): { message: string; detail: string } {
	const message = changes.length === 1
		? l10n.t('Retry this failed task? This changes your organization.')
		: l10n.t('Retry {0} failed tasks? This changes your organization.', changes.length);
	const lines = changes.map((c) => `${describeChange(c, names, l10n, strategy)} ${l10n.t('(retries {0})', c.tasks.map((t) => t.TaskId).join(', '))}`);
	const parts = [listed(lines, l10n)];
	if (skipped > 0) {
		parts.push(l10n.t('{0} selected task(s) need no retry and are left alone.', skipped));
	}
	parts.push(l10n.t('New tasks will appear in the Tasks view.'));
	return { message, detail: parts.join('\n\n') };
}

/** What Retry Task would do, while the setting is off: nothing is sent. */
export function changesOffText(changes: readonly RetryChange[], names: NameLookup, l10n: Localizer): { message: string; detail: string } {
	return {
		message: l10n.t('Retry Task is off: changes to your organization are not allowed. Nothing was sent.'),
		detail: [
			l10n.t('It would send:'),
			listed(changes.map((c) => describeChange(c, names, l10n)), l10n),
			l10n.t('To allow changes, turn on the setting "cicTasks.allowChanges" in your user settings (a workspace cannot turn it on). Each retry still asks you to confirm first.'),
		].join('\n\n'),
	};
}

function doneWords(detail: AlreadyDoneDetail | 'running', l10n: Localizer): string {
	switch (detail) {
		case 'assignmentExists':
			return l10n.t('the assignment already exists');
		case 'assignmentGone':
			return l10n.t('the assignment is already gone');
		case 'deployed':
			return l10n.t('the role configuration is already deployed');
		case 'notDeployed':
			return l10n.t('the role configuration is not deployed there any more');
		case 'running':
			return l10n.t('a task for this change is already running');
	}
}

/** Why a change needs no retry, from the preflight; undefined when it does need one (or the check failed). */
export function preflightWords(result: PreflightResult, l10n: Localizer): string | undefined {
	const v = result.verdict;
	switch (v.kind) {
		case 'notFailed':
			return v.status === 'Success' ? l10n.t('task {0} has succeeded meanwhile', v.taskId) : l10n.t('task {0} is {1} now', v.taskId, v.status);
		case 'alreadyDone':
			return doneWords(v.detail, l10n);
		case 'running':
			return l10n.t('task {0} for this change is already running', v.taskIds.join(', '));
		default:
			return undefined;
	}
}

export interface OutcomeSummary {
	readonly started: number;
	readonly newTaskIds: readonly string[];
	readonly alreadyDone: readonly string[];
	readonly failed: readonly RetryResult[];
}

export function summarize(results: readonly RetryResult[], names: NameLookup, l10n: Localizer): OutcomeSummary {
	const started = results.filter((r) => r.outcome.kind === 'started');
	return {
		started: started.length,
		newTaskIds: started.flatMap((r) => (r.outcome.kind === 'started' ? r.outcome.tasks.map((t) => t.TaskId) : [])),
		alreadyDone: results.flatMap((r) => (r.outcome.kind === 'alreadyDone' ? [`${describeChange(r.change, names, l10n)}: ${doneWords(r.outcome.detail, l10n)}`] : [])),
		failed: results.filter((r) => r.outcome.kind === 'failed'),
	};
}
