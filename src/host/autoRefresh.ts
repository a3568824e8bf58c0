import * as vscode from 'vscode';
import { BackgroundCheck } from '../model/backgroundCheck';
import { AutoRefreshScheduler } from '../model/poller';
import type { PollOutcome } from '../model/refresh';
import type { TasksSession } from './session';
import { readBackgroundCheckIntervalSeconds, readSettings } from './settings';

/**
 * Polls what is in progress while anything is, with the model's back-off: slower while nothing changes,
 * on errors, and while the view is hidden or the window unfocused; it stops when nothing is in progress.
 * Beside it, the slow background check counts every few minutes, so tasks created elsewhere show up too.
 */
export class AutoRefresh implements vscode.Disposable {
	readonly scheduler: AutoRefreshScheduler;
	readonly backgroundCheck: BackgroundCheck;
	private readonly disposables: vscode.Disposable[] = [];
	private controller: AbortController | undefined;

	constructor(private readonly session: TasksSession, treeView: vscode.TreeView<unknown>) {
		this.scheduler = new AutoRefreshScheduler({
			baseMs: () => readSettings().autoRefreshIntervalSeconds * 1000,
			tick: async () => {
				// The session registers the poll with Cancel Loading; this controller is only for dispose().
				const controller = new AbortController();
				this.controller = controller;
				let outcome: PollOutcome | undefined;
				try {
					outcome = await session.poll(controller.signal);
				} finally {
					if (this.controller === controller) {
						this.controller = undefined;
					}
				}
				// A cancelled poll (Cancel Loading) is neither a change nor an error: the next tick polls as usual.
				const inProgress = session.store.inProgressIds().length;
				if (!outcome || outcome.kind === 'cancelled') {
					return { changed: false, error: false, inProgress };
				}
				return { changed: outcome.kind === 'success' && outcome.changed, error: outcome.kind === 'failure', inProgress };
			},
		});
		this.scheduler.setVisibility({ viewVisible: treeView.visible, windowFocused: vscode.window.state.focused });
		this.backgroundCheck = new BackgroundCheck({
			source: session.service,
			intervalMs: () => readBackgroundCheckIntervalSeconds() * 1000,
			// The first check is minutes away: reading its setting can wait until activation has returned.
			startNow: false,
		});
		const start = setImmediate(() => this.backgroundCheck.start());
		this.backgroundCheck.setVisibility({ viewVisible: treeView.visible, windowFocused: vscode.window.state.focused });
		const storeListener = session.store.onDidChange(() => this.sync());
		this.disposables.push(
			{ dispose: () => clearImmediate(start) },
			{ dispose: () => storeListener.dispose() },
			treeView.onDidChangeVisibility((e) => {
				this.scheduler.setVisibility({ viewVisible: e.visible });
				this.backgroundCheck.setVisibility({ viewVisible: e.visible });
			}),
			vscode.window.onDidChangeWindowState((e) => {
				this.scheduler.setVisibility({ windowFocused: e.focused });
				this.backgroundCheck.setVisibility({ windowFocused: e.focused });
			}),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('cicTasks.autoRefresh.interval')) {
					this.scheduler.settingsChanged();
					this.sync();
				}
				if (e.affectsConfiguration('cicTasks.autoRefresh.backgroundCheckInterval')) {
					this.backgroundCheck.settingsChanged();
				}
			}),
		);
	}

	/** Starts polling when tasks are in progress and it is not already running; stops when none are. */
	private sync(): void {
		const inProgress = this.session.store.inProgressIds().length > 0 && this.session.state === 'ready';
		if (inProgress && !this.scheduler.isRunning && readSettings().autoRefreshIntervalSeconds > 0) {
			this.scheduler.start();
		} else if (!inProgress && this.scheduler.isRunning) {
			this.scheduler.stop();
		}
	}

	dispose(): void {
		this.controller?.abort();
		this.scheduler.dispose();
		this.backgroundCheck.dispose();
		for (const d of this.disposables) {
			d.dispose();
		}
	}
}
