import * as vscode from 'vscode';
import { buildNotification, notificationText, transitionMessage } from '../model/notifications';
import type { TaskTransition } from '../model/taskStore';
import { Commands } from '../ids';
import type { ExtensionLog } from './log';
import { notifyError, notifyInfo } from './notify';
import type { TasksSession } from './session';
import { readSettings } from './settings';

// Transitions seen within this window become one message, so a burst of failures is one toast, not twenty.
const COALESCE_MS = 1500;

/** Tells the user when tasks they watched in progress end (setting cicTasks.notifyOn). Never on the first load. */
export class TransitionNotifier implements vscode.Disposable {
	private pending: TaskTransition[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly listener: { dispose(): void };
	/** The last message shown, exactly as shown, for tests. */
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
		const message = notificationText(transitionMessage(notification, vscode.l10n));
		this.lastMessage = message;
		this.log.info(`Notified: ${notification.message}`);
		const showDetails = vscode.l10n.t('Show Details');
		const copyId = notification.taskIds.length === 1 ? vscode.l10n.t('Copy Task ID') : vscode.l10n.t('Copy Task IDs');
		const show = notification.severity === 'error' ? notifyError : notifyInfo;
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
