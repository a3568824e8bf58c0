import type { TaskInfo } from '../api/types';
import { PRINCIPAL_TYPES, TARGET_TYPES, TASK_STATUSES, TASK_TYPES } from '../api/types';

export type GroupingMode =
	| 'statusRoleConfiguration'
	| 'roleConfigurationStatus'
	| 'statusTargetAccount'
	| 'statusPrincipal'
	| 'taskTypeStatus'
	| 'flat';

export const GROUPING_MODES: readonly GroupingMode[] = [
	'statusRoleConfiguration',
	'roleConfigurationStatus',
	'statusTargetAccount',
	'statusPrincipal',
	'taskTypeStatus',
	'flat',
];
export const DEFAULT_GROUPING_MODE: GroupingMode = 'statusRoleConfiguration';

export type GroupDimension = 'status' | 'roleConfiguration' | 'targetAccount' | 'principal' | 'taskType';

/** Raw values for the view to build a (localised) label from; never display text. */
export type GroupLabel =
	| { kind: 'status'; status: string }
	| { kind: 'roleConfiguration'; roleConfigurationId: string; roleConfigurationName: string }
	| { kind: 'targetAccount'; targetType: string; targetUin: number }
	| { kind: 'principal'; principalType: string; principalId: string }
	| { kind: 'taskType'; taskType: string };

export interface TaskGroup {
	/** Stable and label-independent, e.g. "status:Failed/rc:rc-123"; components are URI-encoded. */
	id: string;
	kind: GroupDimension;
	/** The grouping value: a status, an rc- id, "MemberUin:100…", "User:u-…", a task type. */
	key: string;
	label: GroupLabel;
	/** Tasks beneath this group, at any depth. */
	count: number;
	/**
	 * Tasks beneath per status, for descriptions such as "2 failed"; only on groups above the status level
	 * (e.g. a role configuration in roleConfigurationStatus mode): elsewhere all tasks share one status.
	 */
	statusCounts?: ReadonlyMap<string, number>;
	/** Sub-groups, sorted; empty for the last level. */
	children: TaskGroup[];
	/** Only on the last level: the tasks, sorted by TaskId. */
	tasks: TaskInfo[];
}

export interface TaskTree {
	mode: GroupingMode;
	groups: TaskGroup[];
	/** Only in flat mode: every task, sorted by TaskId. */
	tasks: TaskInfo[];
	total: number;
}

const LEVELS: Record<GroupingMode, readonly GroupDimension[]> = {
	statusRoleConfiguration: ['status', 'roleConfiguration'],
	roleConfigurationStatus: ['roleConfiguration', 'status'],
	statusTargetAccount: ['status', 'targetAccount'],
	statusPrincipal: ['status', 'principal'],
	taskTypeStatus: ['taskType', 'status'],
	flat: [],
};

const ID_PREFIX: Record<GroupDimension, string> = {
	status: 'status',
	roleConfiguration: 'rc',
	targetAccount: 'target',
	principal: 'principal',
	taskType: 'type',
};

function keyOf(task: TaskInfo, dimension: GroupDimension): string {
	switch (dimension) {
		case 'status':
			return task.Status;
		case 'roleConfiguration':
			return task.RoleConfigurationId;
		case 'targetAccount':
			return `${task.TargetType}:${task.TargetUin}`;
		case 'principal':
			return `${task.PrincipalType}:${task.PrincipalId}`;
		case 'taskType':
			return task.TaskType;
	}
}

function labelOf(task: TaskInfo, dimension: GroupDimension): GroupLabel {
	switch (dimension) {
		case 'status':
			return { kind: 'status', status: task.Status };
		case 'roleConfiguration':
			return {
				kind: 'roleConfiguration',
				roleConfigurationId: task.RoleConfigurationId,
				roleConfigurationName: task.RoleConfigurationName,
			};
		case 'targetAccount':
			return { kind: 'targetAccount', targetType: task.TargetType, targetUin: task.TargetUin };
		case 'principal':
			return { kind: 'principal', principalType: task.PrincipalType, principalId: task.PrincipalId };
		case 'taskType':
			return { kind: 'taskType', taskType: task.TaskType };
	}
}

/** encodeURIComponent leaves these alone; skipping the call for them matters with thousands of groups. */
const URI_SAFE = /^[\w.~-]*$/;

function encode(value: string): string {
	return URI_SAFE.test(value) ? value : encodeURIComponent(value);
}

function idSegment(label: GroupLabel): string {
	switch (label.kind) {
		case 'status':
			return encode(label.status);
		case 'roleConfiguration':
			return encode(label.roleConfigurationId);
		case 'targetAccount':
			return `${encode(label.targetType)}:${label.targetUin}`;
		case 'principal':
			return `${encode(label.principalType)}:${encode(label.principalId)}`;
		case 'taskType':
			return encode(label.taskType);
	}
}

function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Known values first, in the given order, then unknown ones alphabetically. */
function rankIn(known: readonly string[]): (a: string, b: string) => number {
	const rank = new Map(known.map((v, i) => [v, i]));
	return (a, b) => (rank.get(a) ?? known.length) - (rank.get(b) ?? known.length) || compareStrings(a, b);
}

export const compareStatuses = rankIn(TASK_STATUSES);
const compareTaskTypes = rankIn(TASK_TYPES);
const compareTargetTypes = rankIn(TARGET_TYPES);
const comparePrincipalTypes = rankIn(PRINCIPAL_TYPES);
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareLabels(a: GroupLabel, b: GroupLabel): number {
	switch (a.kind) {
		case 'status':
			return compareStatuses(a.status, (b as typeof a).status);
		case 'roleConfiguration': {
			const o = b as typeof a;
			// By name as users know them; nameless ones sort by id, and the id breaks ties between equal names.
			return (
				nameCollator.compare(a.roleConfigurationName || a.roleConfigurationId, o.roleConfigurationName || o.roleConfigurationId) ||
				compareStrings(a.roleConfigurationId, o.roleConfigurationId)
			);
		}
		case 'targetAccount': {
			const o = b as typeof a;
			return a.targetType === o.targetType ? a.targetUin - o.targetUin : compareTargetTypes(a.targetType, o.targetType);
		}
		case 'principal': {
			const o = b as typeof a;
			return a.principalType === o.principalType
				? compareStrings(a.principalId, o.principalId)
				: comparePrincipalTypes(a.principalType, o.principalType);
		}
		case 'taskType':
			return compareTaskTypes(a.taskType, (b as typeof a).taskType);
	}
}

function compareTaskIds(a: TaskInfo, b: TaskInfo): number {
	return a.TaskId < b.TaskId ? -1 : a.TaskId > b.TaskId ? 1 : 0;
}

function isSortedByTaskId(tasks: readonly TaskInfo[]): boolean {
	for (let i = 1; i < tasks.length; i++) {
		if (tasks[i - 1].TaskId > tasks[i].TaskId) {
			return false;
		}
	}
	return true;
}

/**
 * The tasks in TaskId order: the input itself when it already is (TaskStore.tasks() always is, so
 * grouping its output costs one linear check), otherwise a sorted copy.
 */
export function sortByTaskId(tasks: readonly TaskInfo[]): readonly TaskInfo[] {
	return isSortedByTaskId(tasks) ? tasks : tasks.slice().sort(compareTaskIds);
}

interface Bucket {
	label: GroupLabel;
	tasks: TaskInfo[];
}

/*
 * Bucketing is the hot loop (every task, every level), so it allocates as little as possible: one pass
 * assigns each task a bucket number, keyed by values the task already holds (no per-task key strings, and
 * numbers for account UINs); a second pass fills arrays allocated at their final size.
 */
function fill(tasks: readonly TaskInfo[], slots: Int32Array, firsts: TaskInfo[], dimension: GroupDimension): Bucket[] {
	const sizes = new Int32Array(firsts.length);
	for (let i = 0; i < slots.length; i++) {
		sizes[slots[i]]++;
	}
	const lists = firsts.map((_, b) => new Array<TaskInfo>(sizes[b]));
	const next = new Int32Array(firsts.length);
	for (let i = 0; i < slots.length; i++) {
		const b = slots[i];
		lists[b][next[b]++] = tasks[i];
	}
	return firsts.map((first, b) => ({ label: labelOf(first, dimension), tasks: lists[b] }));
}

function bucketByString(tasks: readonly TaskInfo[], field: 'Status' | 'RoleConfigurationId' | 'TaskType', dimension: GroupDimension): Bucket[] {
	const numbers = new Map<string, number>();
	const firsts: TaskInfo[] = [];
	const slots = new Int32Array(tasks.length);
	for (let i = 0; i < tasks.length; i++) {
		const key = tasks[i][field];
		let b = numbers.get(key);
		if (b === undefined) {
			b = firsts.length;
			numbers.set(key, b);
			firsts.push(tasks[i]);
		}
		slots[i] = b;
	}
	return fill(tasks, slots, firsts, dimension);
}

/** Keyed by type, then id: two lookups per task but no key string built per task. */
function bucketPairs(tasks: readonly TaskInfo[], dimension: 'targetAccount' | 'principal'): Bucket[] {
	const byType = new Map<string, Map<string | number, number>>();
	const firsts: TaskInfo[] = [];
	const slots = new Int32Array(tasks.length);
	const byTarget = dimension === 'targetAccount';
	for (let i = 0; i < tasks.length; i++) {
		const task = tasks[i];
		const type = byTarget ? task.TargetType : task.PrincipalType;
		const id = byTarget ? task.TargetUin : task.PrincipalId;
		let numbers = byType.get(type);
		if (numbers === undefined) {
			numbers = new Map();
			byType.set(type, numbers);
		}
		let b = numbers.get(id);
		if (b === undefined) {
			b = firsts.length;
			numbers.set(id, b);
			firsts.push(task);
		}
		slots[i] = b;
	}
	return fill(tasks, slots, firsts, dimension);
}

function bucket(tasks: readonly TaskInfo[], dimension: GroupDimension): Bucket[] {
	let buckets: Bucket[];
	switch (dimension) {
		case 'status':
			buckets = bucketByString(tasks, 'Status', dimension);
			break;
		case 'roleConfiguration':
			buckets = bucketByString(tasks, 'RoleConfigurationId', dimension);
			for (const b of buckets) {
				const label = b.label as Extract<GroupLabel, { kind: 'roleConfiguration' }>;
				if (label.roleConfigurationName === '') {
					label.roleConfigurationName = b.tasks.find((t) => t.RoleConfigurationName !== '')?.RoleConfigurationName ?? '';
				}
			}
			break;
		case 'taskType':
			buckets = bucketByString(tasks, 'TaskType', dimension);
			break;
		case 'targetAccount':
			buckets = bucketPairs(tasks, dimension);
			break;
		case 'principal':
			buckets = bucketPairs(tasks, dimension);
			break;
	}
	return buckets.sort((x, y) => compareLabels(x.label, y.label));
}

function build(
	sorted: readonly TaskInfo[],
	levels: readonly GroupDimension[],
	parentId: string,
	parentStatus: string | undefined,
): TaskGroup[] {
	const [dimension, ...rest] = levels;
	return bucket(sorted, dimension).map(({ label, tasks }) => {
		const id = `${parentId}${ID_PREFIX[dimension]}:${idSegment(label)}`;
		const last = rest.length === 0;
		const status = label.kind === 'status' ? label.status : parentStatus;
		const children = last ? [] : build(tasks, rest, `${id}/`, status);
		const group: TaskGroup = {
			id,
			kind: dimension,
			key: keyOf(tasks[0], dimension),
			label,
			count: tasks.length,
			children,
			tasks: last ? tasks : [],
		};
		if (status === undefined && rest[0] === 'status') {
			group.statusCounts = new Map(children.map((c) => [c.key, c.count]));
		}
		return group;
	});
}

/**
 * Groups tasks for the tree. Tasks are put in TaskId order once (free for TaskStore.tasks(), which is
 * already); bucketing keeps that order, so every leaf comes out sorted without sorting again.
 */
export function groupTasks(tasks: readonly TaskInfo[], mode: GroupingMode = DEFAULT_GROUPING_MODE): TaskTree {
	const sorted = sortByTaskId(tasks);
	const levels = LEVELS[mode] ?? LEVELS[DEFAULT_GROUPING_MODE];
	if (levels.length === 0) {
		return { mode, groups: [], tasks: sorted.slice(), total: sorted.length };
	}
	return { mode, groups: build(sorted, levels, '', undefined), tasks: [], total: sorted.length };
}

/** Depth-first search for a group by its id, e.g. to reveal it after a refresh. */
export function findGroup(tree: TaskTree, id: string): TaskGroup | undefined {
	const walk = (groups: readonly TaskGroup[]): TaskGroup | undefined => {
		for (const g of groups) {
			if (g.id === id) {
				return g;
			}
			if (id.startsWith(`${g.id}/`)) {
				return walk(g.children);
			}
		}
		return undefined;
	};
	return walk(tree.groups);
}

/** Counts per grouping key, in the tree's order for that dimension (for the overview). */
export function countBy(tasks: readonly TaskInfo[], dimension: GroupDimension): Map<string, number> {
	return new Map(bucket(tasks, dimension).map((b) => [keyOf(b.tasks[0], dimension), b.tasks.length]));
}
