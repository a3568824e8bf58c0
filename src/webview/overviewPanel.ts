import * as vscode from 'vscode';
import { Disposable } from '../host/disposable';
import type { TaskFilter } from '../model/filter';
import { describeFilter, isEmptyFilter } from '../model/filter';
import { statusLabel, taskTypeLabel } from '../host/presentation';
import { statusKind } from './detailView';
import { computeOverview, type OverviewData } from './overviewData';
import type { FromWebviewMessage, OverviewView } from './protocol';
import { overviewStrings } from './strings';
import type { PanelDependencies } from './taskDetailPanel';
import type { WebviewSnapshot } from './testProtocol';
import { WebviewChannel } from './webviewChannel';

/** Recomputing over 100k tasks on every page of a load would be wasted work; once per this is plenty. */
const RECOMPUTE_MS = 300;

/** Clicking a reason filters by its role configurations; beyond this many the listings would multiply. */
const MAX_REASON_ROLE_CONFIGURATIONS = 10;

/**
 * The overview: counts by status and task type, role configuration × status, failure reasons by frequency.
 * Computed from the store (exact totals per status, the loaded tasks for the rest); a click filters the tree.
 */
export class OverviewPanel extends Disposable {
	private data: OverviewData | undefined;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private readonly channel: WebviewChannel;
	private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
	readonly onDidDispose = this._onDidDispose.event;
	private disposed = false;

	constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDependencies) {
		super();
		panel.title = vscode.l10n.t('CIC Tasks Overview');
		this.channel = this._register(
			new WebviewChannel(panel, {
				extensionUri: deps.extensionUri,
				script: 'overview',
				title: vscode.l10n.t('CIC Tasks Overview'),
				testHooks: deps.testHooks,
				log: deps.log,
				source: 'Overview',
				onMessage: (m) => this.handle(m),
			}),
		);
		this._register(deps.session.store.onDidChange(() => this.schedule()));
		this._register(deps.session.onDidChange(() => this.schedule()));
		this._register(
			panel.onDidChangeViewState((e) => {
				if (e.webviewPanel.visible) {
					this.schedule();
				}
			}),
		);
		this._register(panel.onDidDispose(() => this.dispose()));
		this.update();
	}

	reveal(): void {
		this.panel.reveal(undefined, false);
	}

	/** Test hook: the webview DOM as it is now. */
	snapshot(): Promise<WebviewSnapshot> {
		return this.channel.snapshot();
	}

	/** Test hook: clicks the element with this data-key in the webview, as a user would. */
	click(key: string): Promise<boolean> {
		return this.channel.click(key);
	}

	get isReady(): boolean {
		return this.channel.isReady;
	}

	/** Throttled, and skipped while hidden: the panel recomputes when it is shown again. */
	private schedule(): void {
		if (this.timer !== undefined || this.disposed || !this.panel.visible) {
			return;
		}
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.update();
		}, RECOMPUTE_MS);
	}

	/** Computes now (tests call this to skip the throttle). */
	update(): void {
		if (this.disposed) {
			return;
		}
		const store = this.deps.session.store;
		const groups = store.statusGroups();
		const totals = new Map(groups.map((g) => [g.status, g.total]));
		const allLoaded = groups.every((g) => g.complete);
		const data = computeOverview(store.tasks(), totals, undefined, (status, taskType) => store.typeTotal(status, taskType), allLoaded);
		this.data = data;
		const filter = this.deps.session.currentFilter;
		const view: OverviewView = {
			loaded: data.loaded,
			total: data.total,
			filterText: isEmptyFilter(filter) ? undefined : describeFilter(filter),
			loading: this.deps.session.isLoading,
			byStatus: data.byStatus.map((s) => ({ value: s.status, label: statusLabel(s.status), count: s.count, kind: statusKind(s.status) })),
			byTaskType: data.byTaskType.map((t) => ({ value: t.taskType, label: taskTypeLabel(t.taskType), count: t.count })),
			byTaskTypeExact: data.byTaskTypeExact,
			allLoaded: data.allLoaded,
			statusColumns: data.statuses.map((s) => ({ value: s, label: statusLabel(s), count: 0, kind: statusKind(s) })),
			roleConfigurations: data.roleConfigurations.map((r) => ({ id: r.id, name: r.name, total: r.total, counts: r.counts })),
			moreRoleConfigurations: data.moreRoleConfigurations,
			failureReasons: data.failureReasons.map((r) => ({ reason: r.reason, count: r.count, taskIds: r.taskIds, moreTasks: r.moreTasks })),
			moreFailureReasons: data.moreFailureReasons,
		};
		this.channel.setState({ type: 'overview', view, strings: overviewStrings(vscode.l10n), locale: vscode.env.language });
	}

	private async handle(message: FromWebviewMessage): Promise<void> {
		const session = this.deps.session;
		switch (message.type) {
			case 'ready':
				return;
			case 'refresh':
				await session.refresh();
				return;
			case 'clearFilter':
				return session.setFilter({});
			case 'loadAll':
				// Every group the figures marked "loaded tasks only" are missing; each is cancellable with Cancel Loading.
				await Promise.all(
					session.store.statusGroups()
						.filter((g) => !g.complete && (g.total ?? 0) > 0)
						.map((g) => session.loadGroup(g.status, 'all')),
				);
				return;
			case 'openTask': {
				const entry = session.store.get(message.taskId);
				if (entry) {
					this.deps.showTask(entry.task);
				}
				return;
			}
			case 'overviewFilter': {
				const next = this.filterFor(message.dimension, message.value, message.status);
				if (next) {
					return session.setFilter(next);
				}
				this.deps.log.warn(`Overview: ignored a filter on a ${message.dimension} value the panel did not show`);
				return;
			}
			default:
				this.deps.log.warn(`Overview: ignored "${message.type}", which belongs to another panel`);
		}
	}

	/** The tree filter for a click, only for values this panel actually showed (the webview is not trusted). */
	private filterFor(dimension: string, value: string, status: string | undefined): TaskFilter | undefined {
		const data = this.data;
		if (!data) {
			return undefined;
		}
		const current = this.deps.session.currentFilter;
		switch (dimension) {
			case 'status':
				return data.byStatus.some((s) => s.status === value) ? { ...current, statuses: [value] } : undefined;
			case 'taskType':
				return data.byTaskType.some((t) => t.taskType === value) ? { ...current, taskTypes: [value] } : undefined;
			case 'roleConfiguration': {
				if (!data.roleConfigurations.some((r) => r.id === value) || (status !== undefined && !data.statuses.includes(status))) {
					return undefined;
				}
				return { ...current, roleConfigurationIds: [value], ...(status !== undefined ? { statuses: [status] } : {}) };
			}
			case 'failureReason': {
				const reason = data.failureReasons.find((r) => r.reason === value);
				if (!reason) {
					return undefined;
				}
				const ids = reason.roleConfigurationIds.filter((id) => id.length > 0);
				return ids.length > 0 && ids.length <= MAX_REASON_ROLE_CONFIGURATIONS
					? { ...current, statuses: ['Failed'], roleConfigurationIds: ids }
					: { ...current, statuses: ['Failed'] };
			}
			default:
				return undefined;
		}
	}

	override dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
		}
		this._onDidDispose.fire();
		super.dispose();
		this.panel.dispose();
	}
}
