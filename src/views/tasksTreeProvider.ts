import * as vscode from 'vscode';
import type { TaskInfo } from '../api/types';
import { groupTasks, orderGroupsByName, type GroupingMode, type TaskGroup } from '../model/grouping';
import type { NameLookup } from '../model/names';
import { serviceNames } from '../host/sessionNames';
import { isEmptyFilter } from '../model/filter';
import { canonicalTaskType } from '../model/taskTypes';
import { canRetry } from '../model/retryPlan';
import { TASK_TYPES } from '../api/types';
import type { StatusGroupState } from '../model/taskStore';
import { Commands } from '../ids';
import { Disposable } from '../host/disposable';
import type { TasksSession } from '../host/session';
import type { GroupNode, LoadNode, MessageNode, ShowMoreNode, TaskNode, TreeNode } from './nodes';
import { plural } from '../model/plural';
import {
	accountNameLabel,
	labelText,
	principalNameLabel,
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

/** One task type's share of one status, in Task type grouping; total when the API gave it. */
interface TypeShare {
	status: string;
	taskType: string;
	loaded: number;
	total: number | undefined;
}

/** Children beyond this many are behind a "Show more" row, so a 50,000-task group still opens instantly. */
export const SLICE_SIZE = 500;
const STATUS_FIRST: ReadonlySet<GroupingMode> = new Set(['statusRoleConfiguration', 'statusTargetAccount', 'statusPrincipal']);
/** Groupings whose groups are people or accounts: ordered by name once the directory knows them. */
const NAME_ORDERED: ReadonlySet<GroupingMode> = new Set(['statusTargetAccount', 'statusPrincipal']);
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
	private holds = 0;
	private rebuildHeld = false;

	constructor(private readonly session: TasksSession, mode: GroupingMode) {
		super();
		this.mode = mode;
		this._register(session.onDidChange(() => this.scheduleRebuild()));
		this._register(session.store.onDidChange(() => this.scheduleRebuild()));
		// Names arrive after the tasks (the directory batches its change events): rows and order update in place.
		this._register(this.names.onDidChange(() => this.scheduleRebuild()));
		this.rebuild();
	}

	private get names(): NameLookup {
		return serviceNames(this.session.service);
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

	/**
	 * Runs work, such as a reveal, that walks the current nodes: the rebuilds that data changes ask for meanwhile wait
	 * until it ends, since VS Code's reveal can lose its way (or its selection) when the nodes change under it.
	 */
	async holdingRebuilds<T>(work: () => Promise<T>): Promise<T> {
		this.holds++;
		try {
			return await work();
		} finally {
			if (--this.holds === 0 && this.rebuildHeld) {
				this.rebuildHeld = false;
				this.scheduleRebuild();
			}
		}
	}

	/** Something the tree shows changed: rebuild soon, once for a burst of changes. */
	scheduleRebuild(): void {
		if (this.holds > 0) {
			this.rebuildHeld = true;
			return;
		}
		if (this.timer) {
			return;
		}
		this.timer = setTimeout(() => {
			this.timer = undefined;
			if (this.holds > 0) {
				this.rebuildHeld = true;
				return;
			}
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
		const groups = NAME_ORDERED.has(this.mode) ? orderGroupsByName(tree.groups, this.names) : tree.groups;
		const roots: TreeNode[] = [...this.bannerNodes()];
		if (STATUS_FIRST.has(this.mode)) {
			const byStatus = new Map(groups.map((g) => [g.key, g]));
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
			for (const group of groups) {
				const node: GroupNode = { type: 'group', id: group.id, group, parent: undefined };
				roots.push(node);
				this.buildGroupChildren(node);
			}
			// Task-type groups hold their own load rows where the type's share is known; the rest stay up here.
			roots.push(...this.incompleteNodes(undefined, this.mode === 'taskTypeStatus' ? (status) => this.typesCover(status) : undefined));
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
		const typeShare = this.typeShare(node);
		if (typeShare) {
			visible.push(...this.typeFooter(typeShare, node));
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

	/**
	 * A status group inside a task-type group (Task type grouping): one type's share of one status, with its exact
	 * total when the listings split by TaskType reported it. Undefined for every other node.
	 */
	private typeShare(node: GroupNode): TypeShare | undefined {
		const parent = node.parent;
		if (this.mode !== 'taskTypeStatus' || node.group?.kind !== 'status' || parent?.type !== 'group' || parent.group?.kind !== 'taskType') {
			return undefined;
		}
		const status = node.group.key;
		const taskType = parent.group.key;
		return { status, taskType, loaded: node.group.count, total: this.session.store.typeTotal(status, taskType) };
	}

	/** The exact total behind a group that is not a status group, when the API gave it ("N of M"). */
	private knownTotal(node: GroupNode): number | undefined {
		const group = node.group;
		if (this.mode !== 'taskTypeStatus' || !group) {
			return undefined;
		}
		if (group.kind === 'taskType') {
			let sum = 0;
			for (const state of this.session.store.statusGroups()) {
				const total = this.session.store.typeTotal(state.status, group.key);
				if (total === undefined) {
					return undefined;
				}
				sum += total;
			}
			return sum;
		}
		return this.typeShare(node)?.total;
	}

	/** Whether the task-type groups account for every task of a status, so its load rows can sit inside them. */
	private typesCover(status: string): boolean {
		const store = this.session.store;
		const total = store.total(status);
		if (total === undefined) {
			return false;
		}
		const loadedTypes = new Set(store.tasks().filter((t) => t.Status === status).map((t) => canonicalTaskType(t.TaskType)));
		let sum = 0;
		for (const type of new Set([...loadedTypes, ...TASK_TYPES])) {
			sum += store.typeTotal(status, type) ?? 0;
		}
		return sum >= total && [...loadedTypes].every((t) => store.typeTotal(status, t) !== undefined);
	}

	/** "Load more" / "Load all (N remaining)" for one task type's share of a status, inside its group. */
	private typeFooter(share: TypeShare, parent: GroupNode): TreeNode[] {
		const state = this.session.store.groupState(share.status);
		if (state.complete || share.total === undefined || (share.loaded >= share.total && !state.error) || !this.typesCover(share.status)) {
			return [];
		}
		const remaining = Math.max(0, share.total - share.loaded);
		return [
			{ type: 'load', id: `${parent.id}/loadMore`, status: share.status, taskType: share.taskType, mode: 'more', remaining, parent } satisfies LoadNode,
			{ type: 'load', id: `${parent.id}/loadAll`, status: share.status, taskType: share.taskType, mode: 'all', remaining, parent } satisfies LoadNode,
		];
	}

	/** In groupings that do not start with status, one row per incomplete status offers to load the rest. */
	private incompleteNodes(parent: TreeNode | undefined, loadsInside?: (status: string) => boolean): TreeNode[] {
		const rows: TreeNode[] = [];
		for (const state of this.session.store.statusGroups()) {
			if (!state.complete && state.total !== undefined && state.total > 0 && !loadsInside?.(state.status)) {
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
				return taskItem(node, this.names);
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
		const label = group ? groupLabel(group, this.names) : state ? statusLabel(state.status) : '';
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
			const known = complete ? undefined : this.knownTotal(node);
			const countText = complete || (known !== undefined && count >= known)
				? String(count)
				: known !== undefined ? vscode.l10n.t('{0} loaded of {1}', count, known) : vscode.l10n.t('{0} loaded', count);
			item.description = groupDescription(group, countText, this.names);
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

/** The ID beside a named group, so it stays in sight: "rc-… · 3", "User u-… · 3", "Member account · 3". */
function groupDescription(group: TaskGroup, countText: string, names: NameLookup): string {
	const label = group.label;
	switch (label.kind) {
		case 'roleConfiguration':
			return `${labelText(label.roleConfigurationId)} · ${countText}`;
		case 'principal': {
			// A named user's label shows the user name, a group's its ID, an unknown one the ID alone.
			const entry = names.principal(label.principalType, label.principalId);
			const showId = entry?.state === 'found' && entry.kind === 'User';
			return `${labelText(principalTypeLabel(label.principalType))}${showId ? ` ${labelText(label.principalId)}` : ''} · ${countText}`;
		}
		case 'targetAccount':
			return `${labelText(targetTypeLabel(label.targetType))} · ${countText}`;
		default:
			return countText;
	}
}

/** Shortened: the label is also the group's tooltip and accessible name, and API values can be any length. */
function groupLabel(group: TaskGroup, names: NameLookup): string {
	const label = group.label;
	switch (label.kind) {
		case 'status':
			return labelText(statusLabel(label.status));
		case 'roleConfiguration':
			return labelText(label.roleConfigurationName || label.roleConfigurationId);
		case 'targetAccount':
			return accountNameLabel(label.targetUin, names);
		case 'principal':
			return principalNameLabel(label.principalType, label.principalId, names);
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

function taskItem(node: TaskNode, names: NameLookup): vscode.TreeItem {
	const task = node.task;
	const item = new vscode.TreeItem(labelText(taskTypeLabel(task.TaskType)), vscode.TreeItemCollapsibleState.None);
	item.id = node.id;
	item.description = taskDescription(task, names);
	item.tooltip = taskTooltip(task, names);
	item.iconPath = statusIcon(task.Status);
	// Only a failed task has a failure reason to copy; on others the service's text is a neutral message.
	// `retryable`: Retry Task… applies (a failed task of a type a write can start again, src/model/retryPlan.ts).
	item.contextValue = `task status-${task.Status}${task.Status === 'Failed' && task.FailureReason ? ' hasReason' : ''}${canRetry(task) ? ' retryable' : ''}`;
	item.accessibilityInformation = { label: taskAccessibilityLabel(task, names) };
	item.command = { command: Commands.showDetails, title: vscode.l10n.t('Show Details'), arguments: [node] };
	return item;
}
