import type { TaskInfo } from '../api/types';
import type { TaskGroup } from '../model/grouping';
import type { StatusGroupState } from '../model/taskStore';

/** The kinds of row the Tasks view shows. Ids are stable and label-independent, so expansion survives refreshes. */
export type TreeNode = GroupNode | TaskNode | MessageNode | LoadNode | ShowMoreNode;

export interface GroupNode {
	readonly type: 'group';
	readonly id: string;
	/** Undefined for a counted status group whose tasks are not loaded yet. */
	readonly group: TaskGroup | undefined;
	/** Set on status groups at the top level of a status-first grouping. */
	readonly statusState?: StatusGroupState;
	/** The status group this node sits in, if any: its completeness decides "7" versus "7 loaded". */
	readonly parentStatus?: StatusGroupState;
	readonly parent: TreeNode | undefined;
}

export interface TaskNode {
	readonly type: 'task';
	readonly id: string;
	readonly task: TaskInfo;
	readonly parent: TreeNode | undefined;
}

export interface MessageNode {
	readonly type: 'message';
	readonly id: string;
	readonly label: string;
	readonly description?: string;
	readonly tooltip?: string;
	readonly icon: string;
	readonly iconColor?: string;
	readonly command?: { command: string; title: string; arguments?: unknown[] };
	readonly parent: TreeNode | undefined;
}

export interface LoadNode {
	readonly type: 'load';
	readonly id: string;
	readonly status: string;
	readonly mode: 'more' | 'all';
	/** Set inside a task-type group: the load reads only that type's share of the status. */
	readonly taskType?: string;
	readonly remaining: number | undefined;
	readonly parent: TreeNode | undefined;
}

export interface ShowMoreNode {
	readonly type: 'showMore';
	readonly id: string;
	/** The id of the node whose children are sliced. */
	readonly sliceOf: string;
	readonly hidden: number;
	readonly parent: TreeNode | undefined;
}

export function isTaskNode(value: unknown): value is TaskNode {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'task';
}

export function isLoadNode(value: unknown): value is LoadNode {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'load';
}

/** The task type a load row is limited to; only a string (a command argument can be anything). */
export function loadTaskType(node: LoadNode): string | undefined {
	return typeof node.taskType === 'string' ? node.taskType : undefined;
}

export function isShowMoreNode(value: unknown): value is ShowMoreNode {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'showMore';
}
