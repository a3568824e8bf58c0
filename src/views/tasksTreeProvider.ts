import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { groupTasks, type GroupingMode, type TaskGroup } from '../model/grouping';
import { isEmptyFilter } from '../model/filter';
import type { StatusGroupState } from '../model/taskStore';
import { Commands } from '../ids';
import { Disposable } from '../host/disposable';
import type { TasksSession } from '../host/session';
import type { GroupNode, LoadNode, MessageNode, ShowMoreNode, TaskNode, TreeNode } from './nodes';
import { plural } from '../model/plural';
import {
	labelText,
	principalTypeLabel,
	statusIcon,
	statusLabel,
	targetTypeLabel,
	taskAccessibilityLabel,
	taskDescription,
	taskTooltip,
	taskTypeIcon,
	taskTypeLabel,
} from '../host/presentation';

/** Children beyond this many are behind a "Show more" row, so a 50,000-task group still opens instantly. */
export const SLICE_SIZE = 500;
const STATUS_FIRST: ReadonlySet<GroupingMode> = new Set(['statusRoleConfiguration', 'statusTargetAccount', 'statusPrincipal']);
// Store changes arrive once per page while loading; coalescing them keeps the tree from re-rendering 100 times.
const REBUILD_DELAY_MS = 60;

/**
 * Maps the session's store to tree rows. The whole row tree is rebuilt (debounced) when the store changes,
 * which keeps getParent exact for reveal(); grouping 100k tasks takes a few tens of milliseconds.
 */
export class TasksTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
	private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<TreeNode | undefined>());
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private roots: TreeNode[] = [];
	private readonly childrenOf = new Map<string, TreeNode[]>();
	private readonly taskNodes = new Map<string, TaskNode>();
	private readonly shown = new Map<string, number>();
	private timer: ReturnType<typeof setTimeout> | undefined;
	private mode: GroupingMode;

	constructor(private readonly session: TasksSession, mode: GroupingMode) {
		super();
		this.mode = mode;
		this._register(session.onDidChange(() => this.scheduleRebuild()));
		this._register(session.store.onDidChange(() => this.scheduleRebuild()));
		this.rebuild();
	}

	get groupingMode(): GroupingMode {
		return this.mode;
	}

	setGroupingMode(mode: GroupingMode): void {
		if (mode !== this.mode) {
			this.mode = mode;
			this.rebuildNow();
		}
	}

	/** Reveals one more slice of a long child list. */
	showMore(node: ShowMoreNode): void {
		this.shown.set(node.sliceOf, (this.shown.get(node.sliceOf) ?? SLICE_SIZE) + SLICE_SIZE);
		this.rebuildNow();
	}

	findTaskNode(taskId: string): TaskNode | undefined {
		return this.taskNodes.get(taskId);
	}

	/** Rows currently rendered at the top level (for tests and the status bar). */
	get rootNodes(): readonly TreeNode[] {
		return this.roots;
	}

	children(node: TreeNode): readonly TreeNode[] {
		return this.childrenOf.get(node.id) ?? [];
	}

	private scheduleRebuild(): void {
		if (this.timer) {
			return;
		}
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.rebuildNow();
		}, REBUILD_DELAY_MS);
	}

	/** Rebuilds at once; tests call this instead of waiting for the debounce. */
	rebuildNow(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		this.rebuild();
		this._onDidChangeTreeData.fire(undefined);
	}

	private rebuild(): void {
		this.childrenOf.clear();
		this.taskNodes.clear();
		this.roots = [];
		if (this.session.state !== 'ready') {
			return;
		}
		const store = this.session.store;
		const tasks = store.tasks();
		const tree = groupTasks(tasks, this.mode);
		const roots: TreeNode[] = [...this.bannerNodes()];
		if (STATUS_FIRST.has(this.mode)) {
			const byStatus = new Map(tree.groups.map((g) => [g.key, g]));
			for (const state of store.statusGroups()) {
				const group = byStatus.get(state.status);
				const node: GroupNode = { type: 'group', id: group?.id ?? `status:${encodeURIComponent(state.status)}`, group, statusState: state, parent: undefined };
				roots.push(node);
				this.buildGroupChildren(node);
			}
		} else if (this.mode === 'flat') {
			this.childrenOf.set('root', this.taskRows(tree.tasks, undefined));
			roots.push(...this.slice('root', this.childrenOf.get('root') ?? [], undefined));
			roots.push(...this.incompleteNodes(undefined));
		} else {
			for (const group of tree.groups) {
				const node: GroupNode = { type: 'group', id: group.id, group, parent: undefined };
				roots.push(node);
				this.buildGroupChildren(node);
			}
			roots.push(...this.incompleteNodes(undefined));
		}
		if (tasks.length === 0 && !store.isLoading && store.hasLoaded && roots.every((r) => r.type === 'message' || (r.type === 'group' && (r.statusState?.total ?? 0) === 0))) {
			roots.push(this.emptyNode());
		}
		this.roots = roots;
	}

	private bannerNodes(): MessageNode[] {
		const banners: MessageNode[] = [];
		const target = this.session.currentTarget;
		if (target.kind === 'profile' && target.profile.needsAttention) {
			banners.push({
				type: 'message',
				id: 'message:attention',
				label: vscode.l10n.t('Credentials need attention — Update Credentials…'),
				tooltip: target.profile.needsAttention,
				icon: 'warning',
				iconColor: 'problemsWarningIcon.foreground',
				command: { command: Commands.addCredentials, title: vscode.l10n.t('Update Credentials…') },
				parent: undefined,
			});
		}
		// A retry under way is not a row (a retry that succeeds is not news); retryProgressText words it for the view's message.
		const stale = this.session.store.stale;
		if (stale) {
			const at = stale.retryAt ? new Date(stale.retryAt).toLocaleTimeString() : undefined;
			banners.push({
				type: 'message',
				id: 'message:stale',
				label: vscode.l10n.t('Refresh failed; showing earlier data'),
				description: at ? vscode.l10n.t('next try {0}', at) : vscode.l10n.t('click to retry'),
				tooltip: stale.reason,
				icon: 'warning',
				iconColor: 'problemsWarningIcon.foreground',
				command: { command: Commands.refresh, title: vscode.l10n.t('Refresh') },
				parent: undefined,
			});
		}
		return banners;
	}

	private emptyNode(): MessageNode {
		const filtered = !isEmptyFilter(this.session.currentFilter);
		return filtered
			? {
				type: 'message',
				id: 'message:empty',
				label: vscode.l10n.t('No tasks match these filters — Clear Filter'),
				icon: 'filter',
				command: { command: Commands.clearFilter, title: vscode.l10n.t('Clear Filter') },
				parent: undefined,
			}
			: {
				type: 'message',
				id: 'message:empty',
				label: vscode.l10n.t('No tasks in this zone yet'),
				description: vscode.l10n.t('assignments you make in CIC appear here'),
				icon: 'info',
				parent: undefined,
			};
	}

	private buildGroupChildren(node: GroupNode): void {
		const group = node.group;
		let rows: TreeNode[] = [];
		if (group) {
			rows = group.children.length > 0
				? group.children.map((child): GroupNode => ({ type: 'group', id: child.id, group: child, parent: node, parentStatus: node.statusState ?? node.parentStatus }))
				: this.taskRows(group.tasks, node);
		}
		const visible = this.slice(node.id, rows, node);
		if (node.statusState) {
			visible.push(...this.statusFooter(node.statusState, node));
		}
		this.childrenOf.set(node.id, visible);
		for (const row of visible) {
			if (row.type === 'group') {
				this.buildGroupChildren(row);
			}
		}
	}

	private taskRows(tasks: readonly TaskInfo[], parent: TreeNode | undefined): TaskNode[] {
		return tasks.map((task) => {
			const node: TaskNode = { type: 'task', id: `task:${task.TaskId}`, task, parent };
			this.taskNodes.set(task.TaskId, node);
			return node;
		});
	}

	private slice(id: string, rows: TreeNode[], parent: TreeNode | undefined): TreeNode[] {
		const limit = this.shown.get(id) ?? SLICE_SIZE;
		if (rows.length <= limit) {
			return rows;
		}
		const more: ShowMoreNode = { type: 'showMore', id: `${id}/more`, sliceOf: id, hidden: rows.length - limit, parent };
		return [...rows.slice(0, limit), more];
	}

	/** "Load more" / "Load all (N remaining)" rows, or the error that stopped the group. */
	private statusFooter(state: StatusGroupState, parent: TreeNode | undefined): TreeNode[] {
		if (state.complete || state.total === undefined) {
			return [];
		}
		const rows: TreeNode[] = [];
		const prefix = parent?.id ?? 'root';
		if (state.error) {
			rows.push({
				type: 'message',
				id: `${prefix}/error`,
				label: vscode.l10n.t('Loading stopped: {0}', state.error),
				tooltip: state.error,
				icon: 'warning',
				iconColor: 'problemsWarningIcon.foreground',
				parent,
			} satisfies MessageNode);
		}
		if (!state.exhausted || state.error) {
			const remaining = Math.max(0, state.total - state.loaded);
			rows.push({ type: 'load', id: `${prefix}/loadMore`, status: state.status, mode: 'more', remaining, parent } satisfies LoadNode);
			rows.push({ type: 'load', id: `${prefix}/loadAll`, status: state.status, mode: 'all', remaining, parent } satisfies LoadNode);
		}
		return rows;
	}

	/** In groupings that do not start with status, one row per incomplete status offers to load the rest. */
	private incompleteNodes(parent: TreeNode | undefined): TreeNode[] {
		const rows: TreeNode[] = [];
		for (const state of this.session.store.statusGroups()) {
			if (!state.complete && state.total !== undefined && state.total > 0) {
				const remaining = Math.max(0, state.total - state.loaded);
				rows.push({ type: 'load', id: `incomplete:${encodeURIComponent(state.status)}`, status: state.status, mode: 'all', remaining, parent } satisfies LoadNode);
			}
		}
		return rows;
	}

	getTreeItem(node: TreeNode): vscode.TreeItem {
		switch (node.type) {
			case 'group':
				return this.groupItem(node);
			case 'task':
				return taskItem(node);
			case 'message': {
				const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
				item.id = node.id;
				item.description = node.description;
				item.tooltip = node.tooltip;
				item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
				item.command = node.command;
				item.contextValue = 'message';
				return item;
			}
			case 'load': {
				const label = node.mode === 'more'
					? vscode.l10n.t('Load more {0} tasks', statusLabel(node.status).toLowerCase())
					: node.remaining !== undefined
						? vscode.l10n.t('Load all {0} ({1} remaining)', statusLabel(node.status).toLowerCase(), node.remaining)
						: vscode.l10n.t('Load all {0}', statusLabel(node.status).toLowerCase());
				const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
				item.id = node.id;
				item.iconPath = new vscode.ThemeIcon(node.mode === 'more' ? 'fold-down' : 'cloud-download');
				item.command = { command: node.mode === 'more' ? Commands.loadMore : Commands.loadAll, title: label, arguments: [node] };
				item.contextValue = 'load';
				return item;
			}
			case 'showMore': {
				const label = vscode.l10n.t('Show more ({0} more)', node.hidden);
				const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
				item.id = node.id;
				item.iconPath = new vscode.ThemeIcon('ellipsis');
				item.command = { command: Commands.showMore, title: label, arguments: [node] };
				item.contextValue = 'showMore';
				return item;
			}
		}
	}

	private groupItem(node: GroupNode): vscode.TreeItem {
		const group = node.group;
		const state = node.statusState;
		const label = group ? groupLabel(group) : state ? statusLabel(state.status) : '';
		const expandedByDefault = state?.status === 'Failed' || (!state && this.mode === 'flat');
		const hasChildren = (this.childrenOf.get(node.id)?.length ?? 0) > 0;
		const item = new vscode.TreeItem(
			label,
			hasChildren || (state && (state.total ?? 0) > 0)
				? expandedByDefault ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
				: vscode.TreeItemCollapsibleState.None,
		);
		item.id = node.id;
		const count = group?.count ?? 0;
		if (state) {
			const total = state.total ?? count;
			item.description = state.complete || state.total === undefined ? String(total) : vscode.l10n.t('{0} loaded of {1}', state.loaded, total);
			item.iconPath = statusIcon(state.status);
			item.contextValue = `group status status-${state.status}`;
			item.tooltip = plural(total, vscode.l10n.t('{0}: {1} task', labelText(statusLabel(state.status)), total), vscode.l10n.t('{0}: {1} tasks', labelText(statusLabel(state.status)), total));
		} else if (group) {
			const complete = node.parentStatus ? node.parentStatus.complete : this.session.store.statusGroups().every((s) => s.complete);
			const countText = complete ? String(count) : vscode.l10n.t('{0} loaded', count);
			item.description = group.label.kind === 'roleConfiguration' ? `${labelText(group.label.roleConfigurationId)} · ${countText}` : countText;
			item.iconPath = group.label.kind === 'status' ? statusIcon(group.label.status) : groupIcon(group);
			item.contextValue = `group ${group.kind}`;
			item.tooltip = `${label} (${countText})`;
		}
		item.accessibilityInformation = { label: `${label}, ${item.description ?? ''}` };
		return item;
	}

	getChildren(node?: TreeNode): TreeNode[] {
		if (!node) {
			return this.roots;
		}
		return this.childrenOf.get(node.id) ?? [];
	}

	getParent(node: TreeNode): TreeNode | undefined {
		return node.parent;
	}

	override dispose(): void {
		if (this.timer) {
			clearTimeout(this.timer);
		}
		super.dispose();
	}
}

/** Shortened: the label is also the group's tooltip and accessible name, and API values can be any length. */
function groupLabel(group: TaskGroup): string {
	const label = group.label;
	switch (label.kind) {
		case 'status':
			return labelText(statusLabel(label.status));
		case 'roleConfiguration':
			return labelText(label.roleConfigurationName || label.roleConfigurationId);
		case 'targetAccount':
			return `${labelText(targetTypeLabel(label.targetType))} ${label.targetUin}`;
		case 'principal':
			return `${labelText(principalTypeLabel(label.principalType))} ${labelText(label.principalId)}`;
		case 'taskType':
			return labelText(taskTypeLabel(label.taskType));
	}
}

function groupIcon(group: TaskGroup): vscode.ThemeIcon {
	switch (group.label.kind) {
		case 'roleConfiguration':
			return new vscode.ThemeIcon('shield');
		case 'targetAccount':
			return new vscode.ThemeIcon('account');
		case 'principal':
			return new vscode.ThemeIcon(group.label.principalType === 'Group' ? 'organization' : 'person');
		case 'taskType':
			return taskTypeIcon(group.label.taskType);
		default:
			return new vscode.ThemeIcon('folder');
	}
}

function taskItem(node: TaskNode): vscode.TreeItem {
	const task = node.task;
	const item = new vscode.TreeItem(labelText(taskTypeLabel(task.TaskType)), vscode.TreeItemCollapsibleState.None);
	item.id = node.id;
	item.description = taskDescription(task);
	item.tooltip = taskTooltip(task);
	item.iconPath = statusIcon(task.Status);
	// Only a failed task has a failure reason to copy; on others the service's text is a neutral message.
	item.contextValue = `task status-${task.Status}${task.Status === 'Failed' && task.FailureReason ? ' hasReason' : ''}`;
	item.accessibilityInformation = { label: taskAccessibilityLabel(task) };
	item.command = { command: Commands.showDetails, title: vscode.l10n.t('Show Details'), arguments: [node] };
	return item;
}
