import * as vscode from 'vscode';
import { isEmptyFilter } from '../model/filter';
import type { GroupingMode } from '../model/grouping';
import { plural } from '../model/plural';
import { inertText } from '../model/inertText';
import { TASKS_VIEW_ID } from '../ids';
import type { ContextKeySetter } from '../host/contextKeys';
import { Disposable } from '../host/disposable';
import type { TasksSession } from '../host/session';
import type { TreeNode } from './nodes';
import { retryProgressText } from './retryProgress';
import { TasksTreeProvider } from './tasksTreeProvider';

const FRESHNESS_TICK_MS = 5000;

/** "updated 12 s ago", "updated 3 min ago". */
export function describeFreshness(lastUpdated: number | undefined, now: number): string | undefined {
	if (lastUpdated === undefined) {
		return undefined;
	}
	const seconds = Math.max(0, Math.round((now - lastUpdated) / 1000));
	if (seconds < 60) {
		return vscode.l10n.t('updated {0} s ago', seconds);
	}
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) {
		return vscode.l10n.t('updated {0} min ago', minutes);
	}
	return vscode.l10n.t('updated {0} h ago', Math.round(minutes / 60));
}

/** The zone-not-found state in the view: which zone, which profile, and where to choose another. */
export function zoneNotFoundMessage(zoneId: string, profileName: string): string {
	// The zone ID and the profile name may come from a file (tccli): inert, as in notifications.
	return vscode.l10n.t(
		'⚠ Zone {0} of profile "{1}" was not found for these credentials. Choose the right zone with Select Zone… in the ⋯ menu of this view (the zone ID is on the Identity Center overview page), or use Switch Profile.',
		inertText(zoneId),
		inertText(profileName),
	);
}

/**
 * The Tasks view itself: the tree, its badge (failed tasks), its description (profile, zone, filter,
 * freshness) and the context keys its welcome views and menus read.
 */
export class TasksView extends Disposable {
	readonly provider: TasksTreeProvider;
	readonly treeView: vscode.TreeView<TreeNode>;
	private readonly ticker: ReturnType<typeof setInterval>;

	/** `groupBy` is the setting's value at activation, read once there: each settings read costs the extension host milliseconds. */
	constructor(private readonly session: TasksSession, private readonly contextKeys: ContextKeySetter, groupBy: GroupingMode) {
		super();
		this.provider = this._register(new TasksTreeProvider(session, groupBy));
		this.treeView = this._register(
			vscode.window.createTreeView(TASKS_VIEW_ID, {
				treeDataProvider: this.provider,
				showCollapseAll: true,
				canSelectMany: true,
			}),
		);
		this._register(session.store.onDidChange(() => this.update()));
		this._register(session.onDidChange(() => this.update()));
		this._register(this.treeView.onDidChangeVisibility(() => this.update()));
		this.ticker = setInterval(() => {
			if (this.treeView.visible) {
				this.updateDescription();
			}
		}, FRESHNESS_TICK_MS);
		this.update();
	}

	private update(): void {
		const store = this.session.store;
		const failed = this.session.state === 'ready' ? store.total('Failed') ?? 0 : 0;
		this.treeView.badge = failed > 0 ? { value: failed, tooltip: plural(failed, vscode.l10n.t('{0} failed task', failed), vscode.l10n.t('{0} failed tasks', failed)) } : undefined;
		this.updateDescription();
		void this.contextKeys.set('cicTasks.state', this.session.state);
		void this.contextKeys.set('cicTasks.filterActive', !isEmptyFilter(this.session.currentFilter));
		void this.contextKeys.set('cicTasks.sampleData', this.session.currentTarget.kind === 'sample');
		void this.contextKeys.set('cicTasks.loading', this.session.isLoading);
	}

	private updateDescription(): void {
		const parts = [this.session.describeTarget()];
		const store = this.session.store;
		if (store.stale) {
			parts.push(vscode.l10n.t('stale'));
		}
		const freshness = describeFreshness(store.lastUpdated, Date.now());
		if (freshness && this.session.state === 'ready') {
			parts.push(freshness);
		}
		// Profile names may come from a file (tccli), needsAttention quotes the API: inert, as in notifications.
		const description = inertText(parts.filter(Boolean).join(' · '));
		this.treeView.description = description;
		// A container with a single view hides the view's header, and with it the description; the message
		// line at the top of the tree is always visible, so it carries the same summary (or what needs fixing).
		const target = this.session.currentTarget;
		if (target.kind === 'profile' && target.profile.needsAttention) {
			this.treeView.message = `⚠ ${inertText(target.profile.needsAttention)}`;
		} else if (this.session.state === 'zoneNotFound' && target.kind === 'profile') {
			// A welcome view cannot name the zone, and any message hides it: the message carries the whole advice.
			this.treeView.message = zoneNotFoundMessage(this.session.zoneId ?? '', target.profile.name);
		} else if (this.session.state === 'ready') {
			const summary = target.kind === 'sample'
				? vscode.l10n.t('{0} (local emulator; Leave Sample Data returns to your profile)', description)
				: description;
			// While the client waits to retry: "Retrying (2 of 5)…", gone once the load that caused it ends.
			const retrying = retryProgressText(this.session.pendingRetry);
			this.treeView.message = retrying ? `${summary} · ${retrying}` : summary;
		} else {
			this.treeView.message = undefined;
		}
	}

	override dispose(): void {
		clearInterval(this.ticker);
		super.dispose();
	}
}
