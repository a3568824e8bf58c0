import type { TaskInfo } from '../api/types';
import { principalNameParts, type AccountEntry, type PrincipalEntry, type RoleConfigurationEntry } from '../model/names';
import type { CheckResult, NowState } from '../model/nowCheck';
import type { ContextPart, TaskContext } from '../model/taskContext';
import type { ContextSectionView, NameRowView, NowItemView, NowView, TaskContextView } from './protocol';

/**
 * The detail panel's "who and where" and "Now" sections as view models: every API value raw (the page renders it
 * as text, shortened with "Show all"), every word localized here. Takes `vscode.l10n` from the panel and the
 * English source or the Chinese bundle in unit tests, so it imports no vscode.
 */

export interface ArgsLocalizer {
	t(message: string, ...args: (string | number)[]): string;
}

/** What the panel is waiting for, per section: nothing yet (`loading`), or no client to ask (`unavailable`). */
export type PendingState = 'loading' | 'unavailable';

/**
 * The most of one name the panel shows, even after "Show all": names are free text, and laying out a 20,000-character
 * word stalls the page (and the workbench with it) for seconds. Real names and descriptions are far shorter.
 */
export const NAME_WHOLE_LIMIT = 2000;

/** `value` cut to `limit` characters, never inside a surrogate pair, and how many were left out. */
export function bounded(value: string, limit = NAME_WHOLE_LIMIT): { text: string; omitted: number } {
	if (value.length <= limit) {
		return { text: value, omitted: 0 };
	}
	const end = /[\uD800-\uDBFF]/.test(value.charAt(limit - 1)) ? limit - 1 : limit;
	return { text: value.slice(0, end), omitted: value.length - end };
}

function row(field: string, label: string, value: string, code = false): NameRowView {
	const { text, omitted } = bounded(value);
	return { field, label, value: text, ...(code ? { code } : {}), ...(omitted > 0 ? { omitted } : {}) };
}

function enabledWord(status: string, l10n: ArgsLocalizer): string {
	switch (status) {
		case 'Enabled':
			return l10n.t('Enabled');
		case 'Disabled':
			return l10n.t('Disabled');
		default:
			return status;
	}
}

function memberTypeWord(memberType: string, l10n: ArgsLocalizer): string {
	switch (memberType) {
		case 'Invite':
			return l10n.t('Invited');
		case 'Create':
			return l10n.t('Created in the organization');
		default:
			return memberType;
	}
}

/** "1:00:00 (3600 s)": hours, minutes and seconds, with the raw seconds the service sent. */
export function sessionDurationText(seconds: number): string {
	const total = Math.max(0, Math.floor(seconds));
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${Math.floor(total / 3600)}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)} (${seconds} s)`;
}

function pendingSection(pending: PendingState, l10n: ArgsLocalizer): ContextSectionView {
	return pending === 'loading' ? { state: 'loading', message: l10n.t('Looking up…') } : { state: 'unavailable', message: l10n.t('Add credentials and select a zone to see names and the current state.') };
}

/** An entry the service did not call missing: found, or (accounts) a manager account the member list leaves out. */
type Present<E> = Exclude<E, { state: 'notFound' }>;

function isPresent<E extends { state: string }>(entry: E): entry is Present<E> {
	return entry.state !== 'notFound';
}

function section<E extends { state: string; checkedAt: number }>(
	p: ContextPart<E>,
	pending: PendingState,
	found: (entry: Present<E>) => NameRowView[],
	notFound: string,
	notApplicable: string,
	describe: (error: unknown) => string,
	l10n: ArgsLocalizer,
): ContextSectionView {
	switch (p.state) {
		case 'notApplicable':
			return { state: 'unavailable', message: notApplicable };
		case 'unknown':
			return pendingSection(pending, l10n);
		case 'error':
			return { state: 'error', message: describe(p.error), checkedAt: p.checkedAt };
		case 'known':
			return isPresent(p.entry)
				? { state: 'found', rows: found(p.entry), checkedAt: p.entry.checkedAt }
				: { state: 'notFound', message: notFound, checkedAt: p.entry.checkedAt };
	}
}

function principalRows(e: Extract<PrincipalEntry, { state: 'found' }>, l10n: ArgsLocalizer): NameRowView[] {
	if (e.kind === 'User') {
		const rows = [row('who:userName', l10n.t('User name'), e.userName), row('who:displayName', l10n.t('Display name'), e.displayName), row('who:email', l10n.t('Email'), e.email)];
		const word = enabledWord(e.status, l10n);
		rows.push(row('who:statusLabel', l10n.t('Status'), word));
		if (word !== e.status) {
			rows.push(row('who:status', l10n.t('Status (as the service says)'), e.status, true));
		}
		return rows;
	}
	return [
		row('who:groupName', l10n.t('Group name'), e.groupName),
		row('who:description', l10n.t('Description'), e.description),
		row('who:memberCount', l10n.t('Members'), e.memberCount === undefined ? '' : String(e.memberCount)),
	];
}

function accountRows(e: Present<AccountEntry>, task: TaskInfo, targetTypeLabel: string, l10n: ArgsLocalizer): NameRowView[] {
	const accountType = row('where:accountType', l10n.t('Account type'), targetTypeLabel || task.TargetType);
	if (e.state === 'unlisted') {
		return [
			row('where:uin', l10n.t('UIN'), String(e.uin), true),
			accountType,
			row('where:memberList', l10n.t('Member list'), l10n.t('Not listed. The member list may leave out the organization\'s manager account, so this does not mean it was deleted.')),
		];
	}
	const rows = [row('where:accountName', l10n.t('Name'), e.name), row('where:uin', l10n.t('UIN'), String(e.uin), true), accountType];
	const memberType = memberTypeWord(e.memberType, l10n);
	rows.push(row('where:memberType', l10n.t('Member type'), memberType));
	if (e.nodeName) {
		rows.push(row('where:nodeName', l10n.t('Organization unit'), e.nodeName));
	}
	return rows;
}

function roleConfigurationRows(e: Extract<RoleConfigurationEntry, { state: 'found' }>, l10n: ArgsLocalizer): NameRowView[] {
	return [
		row('where:rcName', l10n.t('Name'), e.name),
		row('where:rcDescription', l10n.t('Description'), e.description),
		row('where:sessionDuration', l10n.t('Session duration'), e.sessionDuration === undefined ? '' : sessionDurationText(e.sessionDuration)),
	];
}

export interface ContextViewInput {
	task: TaskInfo;
	context: TaskContext;
	/** Why an `unknown` part has no answer yet. */
	pending: PendingState;
	/** The task's TargetType in words (presentation.ts), for the account's type. */
	targetTypeLabel: string;
	describe: (error: unknown) => string;
	l10n: ArgsLocalizer;
}

/** A known entry's name in one line, whole within the bound; "(not found)" for a deleted one; "" when unknown. */
function summary<E extends { state: string }>(p: ContextPart<E>, name: (entry: Present<E>) => string, l10n: ArgsLocalizer): string {
	if (p.state !== 'known') {
		return '';
	}
	return isPresent(p.entry) ? bounded(name(p.entry)).text : l10n.t('(not found)');
}

export function toContextView(i: ContextViewInput): TaskContextView {
	const { task, context, l10n } = i;
	const principalHeading = task.PrincipalType === 'User' ? l10n.t('User') : task.PrincipalType === 'Group' ? l10n.t('Group') : l10n.t('Principal');
	const principalNotFound =
		task.PrincipalType === 'Group'
			? l10n.t('Group {0} was not found in this zone: it may have been deleted.', bounded(task.PrincipalId).text)
			: l10n.t('User {0} was not found in this zone: it may have been deleted.', bounded(task.PrincipalId).text);
	return {
		principalHeading,
		principalSummary: summary(
			context.principal,
			(e) => {
				const parts = principalNameParts(e);
				return parts && parts.detail ? `${parts.name} (${parts.detail})` : (parts?.name ?? '');
			},
			l10n,
		),
		accountSummary: summary(context.account, (e) => (e.state === 'found' ? e.name.trim() : ''), l10n),
		principal: section(context.principal, i.pending, (e) => principalRows(e, l10n), principalNotFound, l10n.t('The task names no user or group that can be looked up.'), i.describe, l10n),
		account: section(
			context.account,
			i.pending,
			(e) => accountRows(e, task, i.targetTypeLabel, l10n),
			l10n.t('Account {0} was not found among the organization\'s member accounts.', String(task.TargetUin)),
			l10n.t('The task names no account that can be looked up.'),
			i.describe,
			l10n,
		),
		roleConfiguration: section(
			context.roleConfiguration,
			i.pending,
			(e) => roleConfigurationRows(e, l10n),
			l10n.t('Role configuration {0} was not found in this zone: it may have been deleted.', bounded(task.RoleConfigurationId).text),
			l10n.t('The task names no role configuration.'),
			i.describe,
			l10n,
		),
	};
}

// ---- Now ------------------------------------------------------------------------------------------------

function nowItem<T>(r: CheckResult<T> | undefined, pending: PendingState, answered: (value: T) => Omit<Extract<NowItemView, { state: 'answered' }>, 'state' | 'checkedAt'>, describe: (error: unknown) => string, l10n: ArgsLocalizer): NowItemView {
	if (r === undefined) {
		return pending === 'loading' ? { state: 'pending', message: l10n.t('Checking…') } : { state: 'pending', message: l10n.t('Add credentials and select a zone to see names and the current state.') };
	}
	switch (r.state) {
		case 'notApplicable':
			return { state: 'notApplicable', message: l10n.t('Not applicable: the task does not name one.') };
		case 'error':
			return { state: 'error', message: describe(r.error), checkedAt: r.checkedAt ?? 0 };
		case 'answered':
			return { state: 'answered', ...answered(r.value), checkedAt: r.checkedAt ?? 0 };
	}
}

/** Whether what was found is what the task set out to do (good), the opposite (warning), or just a fact. */
function assignmentTone(taskType: string, exists: boolean): 'good' | 'warning' | 'neutral' {
	if (taskType === 'CreateRoleAssignment') {
		return exists ? 'good' : 'warning';
	}
	if (taskType === 'DeleteRoleAssignment' || taskType === 'DeleteRolesAssignment') {
		return exists ? 'warning' : 'good';
	}
	return 'neutral';
}

export interface NowViewInput {
	task: TaskInfo;
	/** The last answer, if any (it stays on screen while a re-check runs). */
	state: NowState | undefined;
	checking: boolean;
	pending: PendingState;
	describe: (error: unknown) => string;
	l10n: ArgsLocalizer;
}

export function toNowView(i: NowViewInput): NowView {
	const { task, l10n } = i;
	return {
		checking: i.checking,
		canCheck: i.pending !== 'unavailable',
		assignment: nowItem(
			i.state?.assignment,
			i.pending,
			(a) => (a.exists ? { tone: assignmentTone(task.TaskType, true), text: l10n.t('Exists'), code: '' } : { tone: assignmentTone(task.TaskType, false), text: l10n.t('Does not exist'), code: '' }),
			i.describe,
			l10n,
		),
		provisioning: nowItem(
			i.state?.provisioning,
			i.pending,
			(p) => {
				if (!p.deployed) {
					return { tone: 'neutral', text: l10n.t('Not deployed on this account'), code: '' };
				}
				switch (p.deploymentStatus) {
					case 'Deployed':
						return { tone: 'good', text: l10n.t('Deployed'), code: p.deploymentStatus };
					case 'DeployedRequired':
						return { tone: 'warning', text: l10n.t('Deployed, but needs redeploying'), code: p.deploymentStatus };
					case 'DeployFailed':
						return { tone: 'bad', text: l10n.t('Deployment failed'), code: p.deploymentStatus };
					default:
						return { tone: 'neutral', text: p.deploymentStatus, code: p.deploymentStatus };
				}
			},
			i.describe,
			l10n,
		),
	};
}
