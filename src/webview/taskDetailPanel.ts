import * as vscode from 'vscode';
import type { TaskInfo } from '../api';
import { Disposable } from '../host/disposable';
import { describeErrorForUser } from '../host/errorMessages';
import type { ExtensionLog } from '../host/log';
import type { TasksSession } from '../host/session';
import { copyText, filterByTaskInfo, openConsole, openTaskJson } from '../host/taskActions';
import type { TaskDocumentProvider } from '../host/taskDocuments';
import type { ObservedTimes } from '../model/taskStore';
import { statusLabel, targetTypeLabel } from '../host/presentation';
import type { NameLookup } from '../model/names';
import type { NowState } from '../model/nowCheck';
import { contextFromNames, type TaskContext } from '../model/taskContext';
import { NoClientError } from '../model/taskService';
import { canRetry } from '../model/retryPlan';
import { Commands } from '../ids';
import { toContextView, toNowView, type PendingState } from './contextView';
import { toDetailView } from './detailView';
import { detailTitle } from './panelOptions';
import type { CopyField, FromWebviewMessage } from './protocol';
import { detailStrings } from './strings';
import type { WebviewSnapshot } from './testProtocol';
import { WebviewChannel } from './webviewChannel';

export interface PanelDependencies {
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
export class TaskDetailPanel extends Disposable {
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
	/** Who and where: the name directory's entries, then the direct lookups' answers. */
	private context: TaskContext;
	private contextController: AbortController | undefined;
	/** The last Now answer; it stays shown while a re-check runs. */
	private now: NowState | undefined;
	private nowController: AbortController | undefined;
	private readonly channel: WebviewChannel;
	private readonly _onDidDispose = this._register(new vscode.EventEmitter<void>());
	readonly onDidDispose = this._onDidDispose.event;
	private disposed = false;
	/**
	 * The endpoint and zone the task belongs to: the session's when the panel opened (or, revived before any target,
	 * the first it sees). While the session shows another one, the panel asks nothing (its IDs mean nothing there).
	 */
	private home: { key: string; zoneId: string } | undefined;
	private away = false;

	constructor(readonly panel: vscode.WebviewPanel, task: TaskInfo, private readonly deps: PanelDependencies, options: { restored?: boolean } = {}) {
		super();
		this.taskId = task.TaskId;
		this.task = task;
		this.restored = options.restored ?? false;
		panel.title = detailTitle(task.TaskId);
		this.channel = this._register(
			new WebviewChannel(panel, {
				extensionUri: deps.extensionUri,
				script: 'detail',
				title: vscode.l10n.t('Task details'),
				testHooks: deps.testHooks,
				log: deps.log,
				source: 'Task details',
				onMessage: (m) => this.handle(m),
			}),
		);
		this._register(panel.onDidDispose(() => this.dispose()));
		this.context = contextFromNames(task, this.names());
		this._register(this.names().onDidChange(() => this.namesChanged()));
		this._register(deps.session.service.retryLinks.onDidChange(() => this.render()));
		this.home = this.currentTarget();
		this._register(deps.session.onDidChange(() => this.targetChanged()));
		this.syncFromStore(true);
		void this.lookUpContext();
		void this.checkNow();
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
		const service = this.deps.session.service;
		if (this.away) {
			this.render();
			return;
		}
		if (!service.endpoint) {
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
			// The service writes the answer back to the store under a ticket of its own, so the tree agrees and a
			// late, older poll cannot undo it.
			const found = await service.refreshTask(this.taskId, controller.signal);
			if (found.kind === 'notFound') {
				this.deps.log.warn(`Task details: GetTaskStatus for ${this.taskId}: the task does not exist in zone ${found.zoneId}`);
				this.error = vscode.l10n.t('Task {0} no longer exists in zone {1}.', this.taskId, found.zoneId);
				return;
			}
			const s = found.status;
			this.setTask({ ...this.task, Status: s.Status, TaskType: s.TaskType || this.task.TaskType, FailureReason: s.FailureReason });
			this.error = undefined;
			this.restored = false;
		} catch (error) {
			if (controller.signal.aborted || this.disposed) {
				return;
			}
			this.deps.log.warn(`Task details: GetTaskStatus for ${this.taskId} failed: ${error instanceof Error ? error.message : String(error)}`);
			this.error = describeErrorForUser(error).message;
		} finally {
			if (this.refreshController === controller) {
				this.refreshController = undefined;
				this.refreshing = false;
				this.render();
			}
		}
	}

	/**
	 * Who and where, for what the name directory does not know yet: the service asks GetUser / GetGroup /
	 * DescribeOrganizationMembers / GetRoleConfiguration (only the model talks to the client). Each part that
	 * fails shows its own error; a not-found answer shows as such (a deleted user).
	 */
	async lookUpContext(): Promise<void> {
		const service = this.deps.session.service;
		const parts = [this.context.principal, this.context.account, this.context.roleConfiguration];
		if (!service.endpoint || this.away || parts.every((p) => p.state !== 'unknown')) {
			this.render();
			return;
		}
		this.contextController?.abort();
		const controller = new AbortController();
		this.contextController = controller;
		try {
			const found = await service.describeTaskContext(this.task, controller.signal);
			if (controller.signal.aborted || this.disposed) {
				return;
			}
			this.context = found;
			this.logFailedParts('looking up', [['principal', found.principal], ['account', found.account], ['role configuration', found.roleConfiguration]]);
		} catch (error) {
			if (controller.signal.aborted || this.disposed || error instanceof NoClientError) {
				return;
			}
			this.deps.log.warn(`Task details: looking up the names of ${this.taskId} failed: ${errorText(error)}`);
		} finally {
			if (this.contextController === controller) {
				this.contextController = undefined;
				this.render();
			}
		}
	}

	/** The Now section: whether the task's role assignment exists today and how its configuration is deployed. */
	async checkNow(): Promise<void> {
		const service = this.deps.session.service;
		if (!service.endpoint || this.away) {
			this.render();
			return;
		}
		this.nowController?.abort();
		const controller = new AbortController();
		this.nowController = controller;
		this.render();
		try {
			const state = await service.checkNow(this.task, controller.signal);
			if (controller.signal.aborted || this.disposed) {
				return;
			}
			this.now = state;
			this.logFailedParts('checking', [['role assignment', state.assignment], ['deployment', state.provisioning]]);
		} catch (error) {
			if (controller.signal.aborted || this.disposed || error instanceof NoClientError) {
				return;
			}
			this.deps.log.warn(`Task details: the Now check of ${this.taskId} failed: ${errorText(error)}`);
			const checkedAt = Date.now();
			this.now = { assignment: { state: 'error', error, checkedAt }, provisioning: { state: 'error', error, checkedAt } };
		} finally {
			if (this.nowController === controller) {
				this.nowController = undefined;
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

	private currentTarget(): { key: string; zoneId: string } | undefined {
		const { endpoint, zoneId } = this.deps.session;
		return endpoint && zoneId ? { key: `${endpoint}\n${zoneId}`, zoneId } : undefined;
	}

	/** The session switched profile or zone: the panel goes quiet while it shows another zone, and catches up on return. */
	private targetChanged(): void {
		const current = this.currentTarget();
		this.home ??= current;
		const away = this.home !== undefined && current?.key !== this.home.key;
		if (away === this.away) {
			return;
		}
		this.away = away;
		if (away) {
			this.deps.log.info(`Task details: ${this.taskId} belongs to zone ${this.home?.zoneId ?? '?'}; the view now shows ${current?.zoneId ?? 'no zone'}: the panel asks nothing until it is back`);
			for (const controller of [this.refreshController, this.contextController, this.nowController]) {
				controller?.abort();
			}
			this.refreshController = this.contextController = this.nowController = undefined;
			this.refreshing = false;
			this.render();
			return;
		}
		// What it knew about its own zone stays true: only what is still unknown is filled in from the names.
		this.mergeNames();
		this.syncFromStore(true);
		void this.lookUpContext();
		void this.checkNow();
	}

	private setTask(next: TaskInfo): void {
		if (next.Status !== this.task.Status) {
			this.announcement = { id: ++this.announcements, text: vscode.l10n.t('Task {0}: status changed to {1}.', this.taskId, statusLabel(next.Status)) };
		}
		this.task = next;
	}

	/** The log line behind each part the panel shows as an error. */
	private logFailedParts(doing: string, parts: [string, { state: string; error?: unknown }][]): void {
		for (const [what, part] of parts) {
			if (part.state === 'error') {
				this.deps.log.warn(`Task details: ${doing} the ${what} of ${this.taskId} failed: ${errorText(part.error)}`);
			}
		}
	}

	private names(): NameLookup {
		return this.deps.session.service.names;
	}

	/** New names arrived: fill in what was still unknown (or had failed) from the directory, without a request. */
	private namesChanged(): void {
		// While away the directory describes another zone: its names say nothing about this task.
		if (!this.away) {
			this.mergeNames();
		}
	}

	private mergeNames(): void {
		const fresh = contextFromNames(this.task, this.names());
		const pick = <E>(current: TaskContext[keyof TaskContext], next: TaskContext[keyof TaskContext]): E =>
			((current.state === 'unknown' || current.state === 'error') && next.state === 'known' ? next : current) as E;
		const merged: TaskContext = {
			principal: pick(this.context.principal, fresh.principal),
			account: pick(this.context.account, fresh.account),
			roleConfiguration: pick(this.context.roleConfiguration, fresh.roleConfiguration),
		};
		if (merged.principal !== this.context.principal || merged.account !== this.context.account || merged.roleConfiguration !== this.context.roleConfiguration) {
			this.context = merged;
			this.render();
		}
	}

	private render(): void {
		if (this.disposed) {
			return;
		}
		const pending: PendingState = this.deps.session.service.endpoint && !this.away ? 'loading' : 'unavailable';
		const error = this.away
			? vscode.l10n.t('This task belongs to zone {0}, and the Tasks view now shows another. Switch back to that profile or zone to refresh it, check it again or retry it.', this.home?.zoneId ?? '')
			: this.error;
		const describe = (error: unknown): string => describeErrorForUser(error).message;
		const context = toContextView({ task: this.task, context: this.context, pending, targetTypeLabel: targetTypeLabel(this.task.TargetType), describe, l10n: vscode.l10n });
		const now = toNowView({ task: this.task, state: this.now, checking: this.nowController !== undefined, pending, describe, l10n: vscode.l10n });
		this.channel.setState({
			type: 'detail',
			view: toDetailView(this.task, this.observed, { inTree: this.inTree && !this.away, restored: this.restored, refreshing: this.refreshing, error, context, now, retry: this.retryView() }),
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
			case 'checkNow':
				return this.checkNow();
			case 'copy':
				return this.copy(message.field);
			case 'filter':
				return filterByTaskInfo(this.deps.session, this.task, message.by);
			case 'openConsole':
				return openConsole(this.deps.session);
			case 'openJson':
				return openTaskJson(this.deps.documents, this.task);
			case 'retryTask':
				if (this.away) {
					this.deps.log.warn(`Task details: not retrying ${this.taskId}: it belongs to another zone than the one the view shows`);
					this.render();
					return;
				}
				// The command decides (the setting, the preflight, the modal); the panel only names its task.
				await vscode.commands.executeCommand(Commands.retryTask, this.taskId);
				return;
			case 'openTask':
				return this.openLinkedTask(message.taskId);
			default:
				this.deps.log.warn(`Task details: ignored "${message.type}", which belongs to another panel`);
		}
	}

	private retryView(): { offered: boolean; retriedAs: string[]; retryOf?: string } {
		const links = this.deps.session.service.retryLinks;
		const retryOf = links.retryOf(this.taskId);
		return { offered: canRetry(this.task) && !this.away, retriedAs: [...links.retriedAs(this.taskId)], ...(retryOf !== undefined ? { retryOf } : {}) };
	}

	/** Only the tasks this panel links to (a retry's new tasks, or the one it retries) can be opened from here. */
	private openLinkedTask(taskId: string): void {
		const links = this.deps.session.service.retryLinks;
		if (!links.retriedAs(this.taskId).includes(taskId) && links.retryOf(this.taskId) !== taskId) {
			this.deps.log.warn('Task details: ignored a request to open a task this panel does not link to');
			return;
		}
		const task = this.deps.session.store.get(taskId)?.task;
		if (task) {
			this.deps.showTask(task);
		}
	}

	private async copy(field: CopyField): Promise<void> {
		if (field === 'json') {
			return copyText(JSON.stringify(this.task, null, 2), 'JSON');
		}
		// The value comes from the host's copy of the task; the webview only names the field.
		return copyText(String(this.task[field]), field);
	}

	override dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		this.refreshController?.abort();
		this.contextController?.abort();
		this.nowController?.abort();
		this._onDidDispose.fire();
		super.dispose();
		this.panel.dispose();
	}
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
