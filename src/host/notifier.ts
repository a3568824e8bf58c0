import * as vscode from 'vscode';
import { buildNotification } from '../model/notifications';
import type { TaskTransition } from '../model/taskStore';
import { Commands } from '../ids';
import type { ExtensionLog } from './log';
import type { TasksSession } from './session';
import { readSettings } from './settings';

// Transitions seen within this window become one message, so a burst of failures is one toast, not twenty.
const COALESCE_MS = 1500;

/** Tells the user when tasks they watched in progress end (setting cicTasks.notifyOn). Never on the first load. */
export class TransitionNotifier implements vscode.Disposable {
	private pending: TaskTransition[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly listener: { dispose(): void };
	/** The last message shown, for tests. */
	lastMessage: string | undefined;

	constructor(session: TasksSession, private readonly log: ExtensionLog) {
		this.listener = session.store.onDidObserveTransitions((transitions) => {
			this.pending.push(...transitions);
			this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
		});
	}

	private flush(): void {
		this.timer = undefined;
		const notification = buildNotification(this.pending, readSettings().notifyOn);
		this.pending = [];
		if (!notification) {
			return;
		}
		const first = notification.failed[0] ?? notification.succeeded[0];
		let message: string;
		if (notification.taskIds.length === 1 && first) {
			message = first.to === 'Failed'
				? first.task.FailureReason
					? vscode.l10n.t('CIC task {0} failed: {1}', first.task.TaskId, first.task.FailureReason)
					: vscode.l10n.t('CIC task {0} failed.', first.task.TaskId)
				: vscode.l10n.t('CIC task {0} succeeded.', first.task.TaskId);
		} else if (notification.succeeded.length === 0) {
			message = vscode.l10n.t('{0} CIC tasks failed.', notification.failed.length);
		} else if (notification.failed.length === 0) {
			message = vscode.l10n.t('{0} CIC tasks succeeded.', notification.succeeded.length);
		} else {
			message = vscode.l10n.t('{0} CIC tasks failed, {1} succeeded.', notification.failed.length, notification.succeeded.length);
		}
		this.lastMessage = message;
		this.log.info(`Notified: ${notification.message}`);
		const showDetails = vscode.l10n.t('Show Details');
		const copyId = notification.taskIds.length === 1 ? vscode.l10n.t('Copy Task ID') : vscode.l10n.t('Copy Task IDs');
		const show = notification.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
		void show(message, showDetails, copyId).then(async (choice) => {
			if (choice === showDetails) {
				await vscode.commands.executeCommand(Commands.showDetails, notification.taskIds.length === 1 ? notification.taskIds[0] : notification.taskIds);
			} else if (choice === copyId) {
				await vscode.env.clipboard.writeText(notification.taskIds.join('\n'));
			}
		});
	}

	dispose(): void {
		if (this.timer) {
			clearTimeout(this.timer);
		}
		this.listener.dispose();
	}
}
