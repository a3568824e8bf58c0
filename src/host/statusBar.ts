import * as vscode from 'vscode';
import { Commands } from '../ids';
import { profileStatusText } from '../model/displayText';
import { withSampleKeyLabel } from '../model/sampleKeyLabel';
import { plural } from '../model/plural';
import type { TasksSession } from './session';

/**
 * Two items: the active profile (click → Switch Profile…), and "CIC: 3 in progress" while work is tracked or
 * "CIC: 1 failed" (error background) once watched tasks fail, hidden when there is nothing to say
 * (click → the tracked tasks).
 */
export class TasksStatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('cicTasks.status', vscode.StatusBarAlignment.Left, 50);
	private readonly profileItem = vscode.window.createStatusBarItem('cicTasks.profile', vscode.StatusBarAlignment.Left, 51);
	private readonly listeners: { dispose(): void }[] = [];
	/** Tasks that ended Failed after being seen in progress, until the user looks at them. */
	private readonly failedSinceWatched = new Set<string>();

	constructor(private readonly session: TasksSession) {
		this.item.name = vscode.l10n.t('CIC Tasks');
		this.item.command = Commands.showTracked;
		this.profileItem.name = vscode.l10n.t('CIC Tasks Profile');
		this.profileItem.command = Commands.switchProfile;
		this.listeners.push(
			session.store.onDidChange(() => this.update()),
			session.store.onDidObserveTransitions((transitions) => {
				for (const t of transitions) {
					if (t.to === 'Failed') {
						this.failedSinceWatched.add(t.task.TaskId);
					}
				}
				this.update();
			}),
			session.onDidChange(() => this.update()),
		);
		this.update();
	}

	/** Tasks the status bar tracks: in progress now, or failed after being watched. */
	trackedTaskIds(): string[] {
		return [...this.session.store.inProgressIds(), ...this.failedSinceWatched];
	}

	acknowledge(): void {
		this.failedSinceWatched.clear();
		this.update();
	}

	get text(): string {
		return this.item.text;
	}

	get profileText(): string {
		return this.profileItem.text;
	}

	private updateProfile(): void {
		const target = this.session.currentTarget;
		if (target.kind === 'sample') {
			this.profileItem.text = `$(beaker) ${vscode.l10n.t('CIC: sample data')}`;
			this.profileItem.tooltip = vscode.l10n.t('CIC Tasks shows sample data from a local emulator; click to switch profile');
			this.profileItem.show();
		} else if (target.kind === 'profile') {
			// Profile names may come from a file (an imported tccli profile): inert, like every value shown here.
			const { text, tooltip } = profileStatusText(target.profile, vscode.l10n);
			this.profileItem.text = withSampleKeyLabel(text, target.profile.secretIdHint, vscode.l10n);
			this.profileItem.tooltip = tooltip;
			this.profileItem.show();
		} else {
			this.profileItem.hide();
		}
	}

	private update(): void {
		this.updateProfile();
		for (const id of [...this.failedSinceWatched]) {
			if (!this.session.store.get(id)) {
				this.failedSinceWatched.delete(id);
			}
		}
		const inProgress = this.session.state === 'ready' ? this.session.store.inProgressIds().length : 0;
		const failed = this.failedSinceWatched.size;
		if (failed > 0) {
			this.item.text = `$(error) ${vscode.l10n.t('CIC: {0} failed', failed)}`;
			this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
			this.item.tooltip = plural(failed, vscode.l10n.t('{0} watched CIC task failed; click to see it', failed), vscode.l10n.t('{0} watched CIC tasks failed; click to see them', failed));
			this.item.show();
		} else if (inProgress > 0) {
			this.item.text = `$(sync~spin) ${vscode.l10n.t('CIC: {0} in progress', inProgress)}`;
			this.item.backgroundColor = undefined;
			this.item.tooltip = plural(inProgress, vscode.l10n.t('{0} CIC task in progress; click to see it', inProgress), vscode.l10n.t('{0} CIC tasks in progress; click to see them', inProgress));
			this.item.show();
		} else {
			this.item.hide();
		}
	}

	dispose(): void {
		for (const l of this.listeners) {
			l.dispose();
		}
		this.item.dispose();
		this.profileItem.dispose();
	}
}
