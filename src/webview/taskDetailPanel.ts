import * as vscode from 'vscode';
import type { TaskInfo } from '../api';
import type * as TaskActions from '../commands/taskActions';
import type { UserFacingError } from '../host/commandBoundary';
import type { ExtensionLog } from '../host/log';
import type { TasksSession } from '../host/session';
import type { ObservedTimes } from '../model/taskStore';
import type { TaskDocumentProvider } from '../views/taskDocumentProvider';
import { statusLabel } from '../views/presentation';
import { toDetailView } from './detailView';
import { detailTitle } from './panelOptions';
import type { CopyField, FromWebviewMessage, WebviewSnapshot } from './protocol';
import { detailStrings } from './strings';
import { WebviewChannel } from './webviewChannel';

/**
 * The main bundle's functions the panels call. The panel classes ship in dist/webviewPanels.js; importing these
 * instead would give that bundle its own copies, whose instanceof checks fail on the extension's errors.
 */
export interface PanelHost {
	describeError(error: unknown): UserFacingError;
	/** Logs the failure and shows it, with "Show Log" (the command error boundary). */
	reportError(source: string, error: unknown): void;
	/** The service says the task (or its zone's copy of it) does not exist. */
	isNotFound(error: unknown): boolean;
	copyText: typeof TaskActions.copyText;
	filterByTaskInfo: typeof TaskActions.filterByTaskInfo;
	openConsole: typeof TaskActions.openConsole;
	openTaskJson: typeof TaskActions.openTaskJson;
}

export interface PanelDependencies {
	host: PanelHost;
	session: TasksSession;
	log: ExtensionLog;
	documents: TaskDocumentProvider;
	extensionUri: vscode.Uri;
	testHooks: boolean;
	/** Opens (or reveals) the detail panel of another task, for the overview's task links. */
	showTask(task: TaskInfo): void;
}

/**
 * One task's detail panel. It keeps its own copy of the task, so it still shows it after the tree's filter
 * drops it, and follows the store while the task is loaded there: the Tasks view's polling is what keeps an
 * InProgress panel current (no timer here). Refresh asks GetTaskStatus and writes the answer back to the
 * store, so tree and panel agree.
 */
export class TaskDetailPanel implements vscode.Disposable {
	readonly taskId: string;
	private task: TaskInfo;
	private observed: Readonly<ObservedTimes> | undefined;
	private inTree = false;
	private restored: boolean;
	private refreshing = false;
	private error: string | undefined;
	private announcement: { id: number; text: string } | undefined;
	private announcements = 0;
	private refreshController: AbortController | undefined;
	private readonly channel: WebviewChannel;
	private readonly disposables: vscode.Disposable[] = [];
	private readonly _onDidDispose = new vscode.EventEmitter<void>();
	readonly onDidDispose = this._onDidDispose.event;
	private disposed = false;

	constructor(readonly panel: vscode.WebviewPanel, task: TaskInfo, private readonly deps: PanelDependencies, options: { restored?: boolean } = {}) {
		this.taskId = task.TaskId;
		this.task = task;
		this.restored = options.restored ?? false;
		panel.title = detailTitle(task.TaskId);
		this.channel = new WebviewChannel(panel, {
			extensionUri: deps.extensionUri,
			script: 'detail',
			title: vscode.l10n.t('Task details'),
			testHooks: deps.testHooks,
			log: deps.log,
			source: 'Task details',
			onMessage: (m) => this.handle(m),
			reportError: deps.host.reportError,
		});
		this.disposables.push(this.channel, this._onDidDispose, panel.onDidDispose(() => this.dispose()));
		this.syncFromStore(true);
	}

	get currentTask(): TaskInfo {
		return this.task;
	}

	reveal(): void {
		this.panel.reveal(undefined, false);
	}

	/** Picks up what the tree's loads and polls changed; renders only when something this panel shows did. */
	syncFromStore(force = false): void {
		const entry = this.deps.session.store.get(this.taskId);
		let changed = force;
		if (entry && (entry.task !== this.task || entry.observed !== this.observed)) {
			this.setTask(entry.task);
			this.observed = entry.observed;
			this.restored = false;
			changed = true;
		}
		if ((entry !== undefined) !== this.inTree) {
			this.inTree = entry !== undefined;
			changed = true;
		}
		if (changed) {
			this.render();
		}
	}

	/** GetTaskStatus for this task; the answer updates the panel and, when the task is loaded, the tree. */
	async refresh(): Promise<void> {
		const client = this.deps.session.apiClient;
		const zoneId = this.deps.session.zoneId;
		if (!client || !zoneId) {
			this.error = vscode.l10n.t('Add credentials and select a zone before refreshing this task.');
			this.render();
			return;
		}
		this.refreshController?.abort();
		const controller = new AbortController();
		this.refreshController = controller;
		this.refreshing = true;
		this.render();
		try {
			const { TaskStatus: s } = await client.getTaskStatus({ ZoneId: zoneId, TaskId: this.taskId }, { signal: controller.signal });
			const update = { TaskId: this.taskId, Status: s.Status, TaskType: s.TaskType || this.task.TaskType, FailureReason: s.FailureReason ?? '' };
			this.writeBack(update);
			this.setTask({ ...this.task, ...update });
			this.error = undefined;
			this.restored = false;
		} catch (error) {
			if (controller.signal.aborted || this.disposed) {
				return;
			}
			this.deps.log.warn(`Task details: GetTaskStatus for ${this.taskId} failed: ${error instanceof Error ? error.message : String(error)}`);
			this.error = this.deps.host.isNotFound(error)
				? vscode.l10n.t('Task {0} no longer exists in zone {1}.', this.taskId, zoneId)
				: this.deps.host.describeError(error).message;
		} finally {
			if (this.refreshController === controller) {
				this.refreshController = undefined;
				this.refreshing = false;
				this.render();
			}
		}
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

	/** A status store entry applied through a ticket of its own, so a late, older poll cannot undo it. */
	private writeBack(update: { TaskId: string; Status: string; TaskType: string; FailureReason: string }): void {
		const store = this.deps.session.store;
		if (!store.get(this.taskId)) {
			return;
		}
		const ticket = store.begin('loadMore');
		store.applyStatusUpdates(ticket, [update]);
		store.finish(ticket, { kind: 'success' });
	}

	private setTask(next: TaskInfo): void {
		if (next.Status !== this.task.Status) {
			this.announcement = { id: ++this.announcements, text: vscode.l10n.t('Task {0}: status changed to {1}.', this.taskId, statusLabel(next.Status)) };
		}
		this.task = next;
	}

	private render(): void {
		if (this.disposed) {
			return;
		}
		this.channel.setState({
			type: 'detail',
			view: toDetailView(this.task, this.observed, { inTree: this.inTree, restored: this.restored, refreshing: this.refreshing, error: this.error }),
			strings: detailStrings(vscode.l10n),
			locale: vscode.env.language,
			task: this.task,
			announcement: this.announcement,
		});
	}

	private async handle(message: FromWebviewMessage): Promise<void> {
		switch (message.type) {
			case 'ready':
				return;
			case 'refresh':
				return this.refresh();
			case 'copy':
				return this.copy(message.field);
			case 'filter':
				return this.deps.host.filterByTaskInfo(this.deps.session, this.task, message.by);
			case 'openConsole':
				return this.deps.host.openConsole(this.deps.session);
			case 'openJson':
				return this.deps.host.openTaskJson(this.deps.documents, this.task);
			default:
				this.deps.log.warn(`Task details: ignored "${message.type}", which belongs to another panel`);
		}
	}

	private async copy(field: CopyField): Promise<void> {
		if (field === 'json') {
			return this.deps.host.copyText(JSON.stringify(this.task, null, 2), 'JSON');
		}
		// The value comes from the host's copy of the task; the webview only names the field.
		return this.deps.host.copyText(String(this.task[field]), field);
	}

	dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		this.refreshController?.abort();
		this._onDidDispose.fire();
		for (const d of this.disposables.splice(0).reverse()) {
			d.dispose();
		}
		this.panel.dispose();
	}
}
