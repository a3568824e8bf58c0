import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { Disposable } from '../host/disposable';
import { OverviewPanel } from './overviewPanel';
import { detailTitle, webviewOptions } from './panelOptions';
import { DETAIL_VIEW_TYPE, OVERVIEW_VIEW_TYPE, parseDetailPanelState } from './protocol';
import { TaskDetailPanel, type PanelDependencies } from './taskDetailPanel';

/** At most this many detail panels open from one multi-selection. */
export const MAX_PANELS_PER_SHOW = 5;

/**
 * The detail panels, one per task id (reveal-or-create), the single overview panel, and the serializers that
 * bring both back after a window reload. A panel leaves the map when it is disposed, whoever closes it.
 */
export class TaskPanels extends Disposable {
	private readonly details = new Map<string, TaskDetailPanel>();
	private overview: OverviewPanel | undefined;
	private readonly deps: PanelDependencies;

	constructor(deps: Omit<PanelDependencies, 'showTask'>) {
		super();
		this.deps = { ...deps, showTask: (task) => this.showTask(task) };
		this._register(
			deps.session.store.onDidChange(() => {
				for (const panel of this.details.values()) {
					panel.syncFromStore();
				}
			}),
		);
	}

	/** Registered during activation, so VS Code can revive panels (activation event onWebviewPanel:<viewType>). */
	registerSerializers(): vscode.Disposable[] {
		return [
			vscode.window.registerWebviewPanelSerializer(DETAIL_VIEW_TYPE, this.detailSerializer),
			vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, this.overviewSerializer),
		];
	}

	readonly detailSerializer: vscode.WebviewPanelSerializer = {
		// Nothing to wait for: the panel is adopted at once (VS Code's interface asks for a Thenable).
		deserializeWebviewPanel: (panel, state) => {
			const saved = parseDetailPanelState(state);
			const existing = saved ? this.details.get(saved.taskId) : undefined;
			if (!saved || existing) {
				// Nothing usable to show (or a duplicate): closing beats an empty or second panel.
				panel.dispose();
				existing?.reveal();
				return Promise.resolve();
			}
			const entry = this.deps.session.store.get(saved.taskId);
			const task = entry?.task ?? saved.task ?? placeholderTask(saved.taskId);
			this.adopt(panel, task, entry === undefined);
			return Promise.resolve();
		},
	};

	readonly overviewSerializer: vscode.WebviewPanelSerializer = {
		deserializeWebviewPanel: (panel) => {
			if (this.overview) {
				panel.dispose();
				this.overview.reveal();
			} else {
				this.adoptOverview(panel);
			}
			return Promise.resolve();
		},
	};

	showTask(task: TaskInfo): TaskDetailPanel {
		const existing = this.details.get(task.TaskId);
		if (existing) {
			existing.reveal();
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(DETAIL_VIEW_TYPE, detailTitle(task.TaskId), { viewColumn: vscode.ViewColumn.Active }, webviewOptions(this.deps.extensionUri));
		return this.adopt(panel, task, false);
	}

	showTasks(tasks: readonly TaskInfo[]): void {
		for (const task of tasks.slice(0, MAX_PANELS_PER_SHOW)) {
			this.showTask(task);
		}
	}

	showOverview(): OverviewPanel {
		if (this.overview) {
			this.overview.reveal();
			return this.overview;
		}
		const panel = vscode.window.createWebviewPanel(OVERVIEW_VIEW_TYPE, vscode.l10n.t('CIC Tasks Overview'), { viewColumn: vscode.ViewColumn.Active }, webviewOptions(this.deps.extensionUri));
		return this.adoptOverview(panel);
	}

	get(taskId: string): TaskDetailPanel | undefined {
		return this.details.get(taskId);
	}

	get openTaskIds(): string[] {
		return [...this.details.keys()];
	}

	get currentOverview(): OverviewPanel | undefined {
		return this.overview;
	}

	private adopt(panel: vscode.WebviewPanel, task: TaskInfo, restored: boolean): TaskDetailPanel {
		const detail = this.construct(panel, () => new TaskDetailPanel(panel, task, this.deps, { restored }));
		this.details.set(detail.taskId, detail);
		const sub = detail.onDidDispose(() => {
			sub.dispose();
			if (this.details.get(detail.taskId) === detail) {
				this.details.delete(detail.taskId);
			}
		});
		return detail;
	}

	/** A panel whose page could not be built is closed rather than left open, empty and untracked. */
	private construct<T>(panel: vscode.WebviewPanel, create: () => T): T {
		try {
			return create();
		} catch (error) {
			panel.dispose();
			throw error;
		}
	}

	private adoptOverview(panel: vscode.WebviewPanel): OverviewPanel {
		const overview = this.construct(panel, () => new OverviewPanel(panel, this.deps));
		this.overview = overview;
		const sub = overview.onDidDispose(() => {
			sub.dispose();
			if (this.overview === overview) {
				this.overview = undefined;
			}
		});
		return overview;
	}

	override dispose(): void {
		for (const panel of [...this.details.values()]) {
			panel.dispose();
		}
		this.details.clear();
		this.overview?.dispose();
		this.overview = undefined;
		super.dispose();
	}
}

/** A task known only by id (its saved state was unusable); Refresh or the tree fills in the rest. */
function placeholderTask(taskId: string): TaskInfo {
	return { TaskId: taskId, RoleConfigurationId: '', RoleConfigurationName: '', TargetUin: 0, TargetType: '', PrincipalId: '', PrincipalType: '', TaskType: '', Status: '', FailureReason: '' };
}
