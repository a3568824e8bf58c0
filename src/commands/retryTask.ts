import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import type { KnownDeprovisionStrategy } from '../api/writeTypes';
import { toAbortSignal } from '../host/cancellation';
import { describeErrorForUser } from '../host/errorMessages';
import type { ExtensionLog } from '../host/log';
import { notifyError, notifyInfo, notifyWarning } from '../host/notify';
import type { TasksSession } from '../host/session';
import { serviceNames } from '../host/sessionNames';
import { readSettings } from '../host/settings';
import { canRetry, changesFor, retryActionFor } from '../model/retryPlan';
import type { PreflightResult, RetryResult } from '../model/retryTask';
import { changesOffText, confirmationText, describeChange, preflightWords, summarize } from '../model/retryWords';
import { resolveTasks } from './taskActions';

/*
 * Retry Task… (issue 11): on failed tasks of the four task-producing types, from the tree's context menu (one
 * row or a multi-selection), the detail panel's button, or the palette. Nothing that changes anything is sent
 * unless the user setting cicTasks.allowChanges is on and the user confirms a modal that names every change;
 * the preflight (reads only) runs after the setting check, so with the setting off nothing at all is sent.
 */

export interface RetryDependencies {
	session: TasksSession;
	log: ExtensionLog;
	panels: { showTasks(tasks: readonly TaskInfo[]): void };
	/** Test mode only (testArguments.ts): the modal's answer and the strategy, given instead of asked. */
	test?: RetryTestArgs;
}

export interface RetryTestArgs {
	taskIds: string[];
	confirm: boolean;
	deprovisionStrategy?: KnownDeprovisionStrategy;
}

const STRATEGIES: readonly { strategy: KnownDeprovisionStrategy; label: () => string; detail: () => string }[] = [
	{
		strategy: 'None',
		label: () => vscode.l10n.t('Keep the deployment'),
		detail: () => vscode.l10n.t('DeprovisionStrategy None: the role configuration stays deployed on the account.'),
	},
	{
		strategy: 'DeprovisionForLastRoleAssignmentOnAccount',
		label: () => vscode.l10n.t('Also remove the deployment if no assignment is left'),
		detail: () => vscode.l10n.t('DeprovisionStrategy DeprovisionForLastRoleAssignmentOnAccount: when this is the last assignment of the role configuration on the account, its deployment is removed too.'),
	},
];

async function pickStrategy(): Promise<KnownDeprovisionStrategy | undefined> {
	const picked = await vscode.window.showQuickPick(
		STRATEGIES.map((s) => ({ label: s.label(), detail: s.detail(), strategy: s.strategy })),
		{ title: vscode.l10n.t('Retry Task: Deployment'), placeHolder: vscode.l10n.t('What happens to the deployment when a deletion removes the last assignment on an account?'), ignoreFocusOut: true },
	);
	return picked?.strategy;
}

function withSignal<T>(title: string, cancellable: boolean, run: (signal: AbortSignal | undefined) => Promise<T>): Thenable<T> {
	return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, (_progress, token) => {
		const bridge = toAbortSignal(token);
		return run(cancellable ? bridge.signal : undefined).finally(() => bridge.dispose());
	});
}

export async function retryTasks(deps: RetryDependencies, args: readonly unknown[]): Promise<void> {
	const { session, log } = deps;
	const picked = deps.test
		? deps.test.taskIds.map((id) => session.store.get(id)?.task).filter((t): t is TaskInfo => t !== undefined)
		: await resolveTasks(session, args, vscode.l10n.t('Failed task to retry'));
	if (picked.length === 0) {
		return;
	}
	const retryable = picked.filter(canRetry);
	if (retryable.length === 0) {
		const other = picked.find((t) => retryActionFor(t.TaskType) === undefined);
		void notifyInfo(
			other
				? vscode.l10n.t('Tasks of type {0} cannot be retried. Retry Task works on failed CreateRoleAssignment, DeleteRoleAssignment, ProvisionRoleConfiguration and DeprovisionRoleConfiguration tasks.', other.TaskType)
				: vscode.l10n.t('Only failed tasks can be retried, and the selected task has not failed (or lacks the IDs a retry needs).'),
		);
		return;
	}
	const changes = changesFor(retryable);
	const names = serviceNames(session.service);
	if (!readSettings().allowChanges) {
		log.info(`Retry Task: cicTasks.allowChanges is off; nothing sent for ${retryable.map((t) => t.TaskId).join(', ')}`);
		const text = changesOffText(changes, names, vscode.l10n);
		const open = vscode.l10n.t('Open Settings');
		if ((await notifyInfo(text.message, { modal: true, detail: text.detail }, open)) === open) {
			await vscode.commands.executeCommand('workbench.action.openSettings', 'cicTasks.allowChanges');
		}
		return;
	}
	let strategy: KnownDeprovisionStrategy = 'None';
	if (changes.some((c) => c.action === 'DeleteRoleAssignment')) {
		const chosen = deps.test ? deps.test.deprovisionStrategy ?? 'None' : await pickStrategy();
		if (chosen === undefined) {
			log.info('Retry Task: no DeprovisionStrategy chosen; nothing sent');
			return;
		}
		strategy = chosen;
	}
	const checked = await withSignal(vscode.l10n.t('Checking the tasks before retrying…'), true, (signal) => session.service.preflightRetry(changes, signal));
	const needed = checked.filter((r) => r.verdict.kind === 'needed').map((r) => r.change);
	const unchecked = checked.filter((r) => r.verdict.kind === 'error');
	const notNeeded = checked.filter((r) => preflightWords(r, vscode.l10n) !== undefined);
	for (const r of notNeeded) {
		log.info(`Retry Task: no retry needed for ${r.change.tasks.map((t) => t.TaskId).join(', ')}: ${preflightWords(r, vscode.l10n) ?? ''}`);
	}
	if (needed.length === 0) {
		return reportNothingToDo(notNeeded, unchecked, deps);
	}
	const text = confirmationText(needed, names, vscode.l10n, strategy, notNeeded.length + unchecked.length);
	const confirm = vscode.l10n.t('Retry');
	const deletion = needed.some((c) => c.action === 'DeleteRoleAssignment') ? ` with DeprovisionStrategy ${strategy}` : '';
	log.info(`Retry Task: asking to confirm ${[...new Set(needed.map((c) => c.action))].join(', ')}${deletion} for ${needed.flatMap((c) => c.tasks.map((t) => t.TaskId)).join(', ')}`);
	let answer: string | undefined;
	if (deps.test) {
		log.info(`Retry Task: test mode answers the confirmation (${deps.test.confirm ? 'Retry' : 'Cancel'}): ${text.message}`);
		answer = deps.test.confirm ? confirm : undefined;
	} else {
		answer = await notifyWarning(text.message, { modal: true, detail: text.detail }, confirm);
	}
	if (answer !== confirm) {
		log.info('Retry Task: cancelled at the confirmation; nothing sent');
		return;
	}
	const results = await withSignal(vscode.l10n.t('Retrying {0} task(s)…', needed.length), false, () => session.service.sendRetries(needed, strategy));
	reportOutcome(results, unchecked, deps);
}

function reportNothingToDo(notNeeded: readonly PreflightResult[], unchecked: readonly PreflightResult[], deps: RetryDependencies): void {
	const names = serviceNames(deps.session.service);
	if (unchecked.length > 0) {
		const first = unchecked[0].verdict;
		const described = describeErrorForUser(first.kind === 'error' ? first.error : undefined);
		void notifyError(deps.log.forDisplay(vscode.l10n.t('Retry Task could not check whether a retry is needed, so nothing was sent. {0}', described.message)));
		return;
	}
	const reasons = notNeeded.map((r) => `${describeChange(r.change, names, vscode.l10n)}: ${preflightWords(r, vscode.l10n) ?? ''}`);
	void notifyInfo(vscode.l10n.t('Nothing to retry; nothing was sent. {0}', reasons.slice(0, 3).join('; ')));
}

function reportOutcome(results: readonly RetryResult[], unchecked: readonly PreflightResult[], deps: RetryDependencies): void {
	const { session, log, panels } = deps;
	const summary = summarize(results, serviceNames(session.service), vscode.l10n);
	const parts: string[] = [];
	if (summary.started > 0) {
		parts.push(vscode.l10n.t('Retry sent: {0} new task(s) started ({1}).', summary.newTaskIds.length, summary.newTaskIds.join(', ')));
	}
	if (summary.alreadyDone.length > 0) {
		parts.push(vscode.l10n.t('{0} already done: {1}.', summary.alreadyDone.length, summary.alreadyDone.slice(0, 2).join('; ')));
	}
	if (unchecked.length > 0) {
		parts.push(vscode.l10n.t('{0} not sent because the check before it failed.', unchecked.length));
	}
	const showNew = vscode.l10n.t('Show New Task');
	const newTasks = summary.newTaskIds.map((id) => session.store.get(id)?.task).filter((t): t is TaskInfo => t !== undefined);
	const buttons = newTasks.length > 0 ? [showNew] : [];
	if (summary.failed.length > 0) {
		const first = summary.failed[0];
		const described = describeErrorForUser(first.outcome.kind === 'failed' ? first.outcome.error : undefined);
		parts.push(vscode.l10n.t('{0} failed: {1}', summary.failed.length, described.message));
		for (const f of summary.failed) {
			log.warn(`Retry Task: ${f.change.action} for ${f.change.tasks.map((t) => t.TaskId).join(', ')} failed: ${f.outcome.kind === 'failed' ? errorText(f.outcome.error) : ''}`);
		}
		const actions = described.actions ?? [];
		// Not awaited: a notification stays until it is clicked or dismissed, and the command is done.
		void notifyError(log.forDisplay(parts.join(' ')), ...buttons, ...actions.map((a) => a.title)).then((choice) => {
			const action = actions.find((a) => a.title === choice);
			if (action) {
				void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
			} else if (choice === showNew) {
				panels.showTasks(newTasks.slice(0, 1));
			}
		});
		return;
	}
	void notifyInfo(parts.join(' '), ...buttons).then((choice) => {
		if (choice === showNew) {
			panels.showTasks(newTasks.slice(0, 1));
		}
	});
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
