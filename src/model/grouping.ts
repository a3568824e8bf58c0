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
	/** Tasks beneath this group per status, for descriptions such as "2 failed". */
	statusCounts: ReadonlyMap<string, number>;
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

function idSegment(label: GroupLabel): string {
	switch (label.kind) {
		case 'status':
			return encodeURIComponent(label.status);
		case 'roleConfiguration':
			return encodeURIComponent(label.roleConfigurationId);
		case 'targetAccount':
			return `${encodeURIComponent(label.targetType)}:${label.targetUin}`;
		case 'principal':
			return `${encodeURIComponent(label.principalType)}:${encodeURIComponent(label.principalId)}`;
		case 'taskType':
			return encodeURIComponent(label.taskType);
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
			return compareTargetTypes(a.targetType, o.targetType) || a.targetUin - o.targetUin;
		}
		case 'principal': {
			const o = b as typeof a;
			return comparePrincipalTypes(a.principalType, o.principalType) || compareStrings(a.principalId, o.principalId);
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
 * Bucketing is the hot loop (every task, every level), so each dimension gets its own loop keyed by values
 * the task already holds: no per-task key strings to build and hash, and numbers for account UINs.
 */
function bucketByString(tasks: readonly TaskInfo[], field: 'Status' | 'RoleConfigurationId' | 'TaskType', dimension: GroupDimension): Bucket[] {
	const buckets = new Map<string, Bucket>();
	for (const task of tasks) {
		const key = task[field];
		const b = buckets.get(key);
		if (b === undefined) {
			buckets.set(key, { label: labelOf(task, dimension), tasks: [task] });
		} else {
			b.tasks.push(task);
		}
	}
	return [...buckets.values()];
}

function bucketPairs<K>(tasks: readonly TaskInfo[], key: (task: TaskInfo) => K, type: (task: TaskInfo) => string, dimension: GroupDimension): Bucket[] {
	// Keyed by the id alone; the rare id seen with two types gets a short list.
	const buckets = new Map<K, Bucket[]>();
	const out: Bucket[] = [];
	for (const task of tasks) {
		const k = key(task);
		const list = buckets.get(k);
		const t = type(task);
		const b = list?.find((x) => type(x.tasks[0]) === t);
		if (b) {
			b.tasks.push(task);
		} else {
			const created = { label: labelOf(task, dimension), tasks: [task] };
			out.push(created);
			if (list) {
				list.push(created);
			} else {
				buckets.set(k, [created]);
			}
		}
	}
	return out;
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
			buckets = bucketPairs(tasks, (t) => t.TargetUin, (t) => t.TargetType, dimension);
			break;
		case 'principal':
			buckets = bucketPairs(tasks, (t) => t.PrincipalId, (t) => t.PrincipalType, dimension);
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
		// Every mode has a status level, so the counts come from the group's own status or its children.
		const statusCounts =
			status !== undefined
				? new Map([[status, tasks.length]])
				: new Map(children.map((c) => [c.key, c.count] as [string, number]));
		return {
			id,
			kind: dimension,
			key: keyOf(tasks[0], dimension),
			label,
			count: tasks.length,
			statusCounts,
			children,
			tasks: last ? tasks : [],
		};
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
