import type { TaskInfo } from '../api/types';
import { PRINCIPAL_TYPES, TARGET_TYPES, TASK_STATUSES, TASK_TYPES } from '../api/types';
import { accountSortName, principalSortName } from './nameFields';
import type { NameLookup } from './names';
import { canonicalTaskType } from './taskTypes';

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
			// An alias (DeleteRolesAssignment) is the same task type: one group, under the canonical name.
			return canonicalTaskType(task.TaskType);
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
			return { kind: 'taskType', taskType: canonicalTaskType(task.TaskType) };
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

const knownSorted = new WeakSet<readonly TaskInfo[]>();

/**
 * Declares an array to be in TaskId order, so grouping it skips the check (a pass over every task). For
 * producers that keep that order anyway, like TaskStore.tasks(); the array must not change afterwards.
 */
export function markSortedByTaskId<T extends readonly TaskInfo[]>(tasks: T): T {
	knownSorted.add(tasks);
	return tasks;
}

function isSortedByTaskId(tasks: readonly TaskInfo[]): boolean {
	for (let i = 1; i < tasks.length; i++) {
		if (tasks[i - 1].TaskId > tasks[i].TaskId) {
			return false;
		}
	}
	return true;
}

/** The tasks in TaskId order: the input itself when it already is, otherwise a sorted copy. */
export function sortByTaskId(tasks: readonly TaskInfo[]): readonly TaskInfo[] {
	return knownSorted.has(tasks) || isSortedByTaskId(tasks) ? tasks : tasks.slice().sort(compareTaskIds);
}

/*
 * Grouping is one pass over the tasks, which matters more than anything else at 100k: tasks sit scattered
 * in memory, so every visit to one is a cache miss. That pass walks a tree of Maps keyed by the task's own
 * values (no key strings built per task; numbers for account UINs) down to a leaf number; a second pass,
 * over a typed array only, copies the tasks into leaf arrays of their final size. The groups are then built
 * from the Map tree, touching one task per group.
 */
type RawKey = string | number;
type Index = Map<RawKey, Index | number>;

/** Which task fields key each dimension, as small codes: one switch beats an array of closures here. */
const enum Field {
	Status,
	RoleConfigurationId,
	TaskType,
	TargetType,
	TargetUin,
	PrincipalType,
	PrincipalId,
}

const RAW_KEYS: Record<GroupDimension, readonly Field[]> = {
	status: [Field.Status],
	roleConfiguration: [Field.RoleConfigurationId],
	taskType: [Field.TaskType],
	targetAccount: [Field.TargetType, Field.TargetUin],
	principal: [Field.PrincipalType, Field.PrincipalId],
};

function read(task: TaskInfo, field: Field): RawKey {
	switch (field) {
		case Field.Status:
			return task.Status;
		case Field.RoleConfigurationId:
			return task.RoleConfigurationId;
		case Field.TaskType:
			return canonicalTaskType(task.TaskType);
		case Field.TargetType:
			return task.TargetType;
		case Field.TargetUin:
			return task.TargetUin;
		case Field.PrincipalType:
			return task.PrincipalType;
		case Field.PrincipalId:
			return task.PrincipalId;
	}
}

interface Indexed {
	root: Index;
	/** Per leaf: its tasks, in input order. */
	leaves: TaskInfo[][];
}

function index(tasks: readonly TaskInfo[], levels: readonly GroupDimension[]): Indexed {
	const readers = levels.flatMap((d) => RAW_KEYS[d]);
	const last = readers.length - 1;
	const root: Index = new Map();
	const slots = new Int32Array(tasks.length);
	let leafCount = 0;
	for (let i = 0; i < tasks.length; i++) {
		const task = tasks[i];
		let node = root;
		for (let r = 0; r < last; r++) {
			const key = read(task, readers[r]);
			let child = node.get(key) as Index | undefined;
			if (child === undefined) {
				child = new Map();
				node.set(key, child);
			}
			node = child;
		}
		const key = read(task, readers[last]);
		let leaf = node.get(key) as number | undefined;
		if (leaf === undefined) {
			leaf = leafCount++;
			node.set(key, leaf);
		}
		slots[i] = leaf;
	}
	const sizes = new Int32Array(leafCount);
	for (let i = 0; i < slots.length; i++) {
		sizes[slots[i]]++;
	}
	const leaves = Array.from(sizes, (size) => new Array<TaskInfo>(size));
	const filled = new Int32Array(leafCount);
	for (let i = 0; i < slots.length; i++) {
		const leaf = slots[i];
		leaves[leaf][filled[leaf]++] = tasks[i];
	}
	return { root, leaves };
}

/** The entries one grouping level down: one Map level per raw key of the dimension. */
function levelEntries(node: Index, depth: number): (Index | number)[] {
	let entries: (Index | number)[] = [...node.values()];
	for (let d = 1; d < depth; d++) {
		entries = entries.flatMap((e) => [...(e as Index).values()]);
	}
	return entries;
}

function leavesUnder(entry: Index | number, out: number[] = []): number[] {
	if (typeof entry === 'number') {
		out.push(entry);
	} else {
		for (const child of entry.values()) {
			leavesUnder(child, out);
		}
	}
	return out;
}

function labelFor(dimension: GroupDimension, leafTasks: readonly TaskInfo[][]): GroupLabel {
	const label = labelOf(leafTasks[0][0], dimension);
	if (label.kind === 'roleConfiguration' && label.roleConfigurationName === '') {
		// Some tasks may come without the name; any task of the group that has it will do.
		for (const tasks of leafTasks) {
			const named = tasks.find((t) => t.RoleConfigurationName !== '');
			if (named) {
				label.roleConfigurationName = named.RoleConfigurationName;
				break;
			}
		}
	}
	return label;
}

function build(
	node: Index,
	levels: readonly GroupDimension[],
	depth: number,
	leaves: TaskInfo[][],
	parentId: string,
	parentStatus: string | undefined,
): TaskGroup[] {
	const dimension = levels[depth];
	const last = depth === levels.length - 1;
	const groups = levelEntries(node, RAW_KEYS[dimension].length).map((entry) => {
		const leafTasks = leavesUnder(entry).map((leaf) => leaves[leaf]);
		return { entry, leafTasks, label: labelFor(dimension, leafTasks) };
	});
	groups.sort((x, y) => compareLabels(x.label, y.label));
	return groups.map(({ entry, leafTasks, label }) => {
		const id = `${parentId}${ID_PREFIX[dimension]}:${idSegment(label)}`;
		const status = label.kind === 'status' ? label.status : parentStatus;
		const children = last ? [] : build(entry as Index, levels, depth + 1, leaves, `${id}/`, status);
		const group: TaskGroup = {
			id,
			kind: dimension,
			key: keyOf(leafTasks[0][0], dimension),
			label,
			count: leafTasks.reduce((n, tasks) => n + tasks.length, 0),
			children,
			tasks: last ? leafTasks[0] : [],
		};
		if (status === undefined && levels[depth + 1] === 'status') {
			group.statusCounts = new Map(children.map((c) => [c.key, c.count]));
		}
		return group;
	});
}

/**
 * Groups tasks for the tree. Tasks are put in TaskId order first (free for TaskStore.tasks(), which
 * already is); indexing keeps that order, so every leaf comes out sorted without sorting again.
 * The result is shared between callers for a frozen input: treat it as read-only.
 */
export function groupTasks(tasks: readonly TaskInfo[], mode: GroupingMode = DEFAULT_GROUPING_MODE): TaskTree {
	// TaskStore.tasks() keeps returning the same frozen array until something changes, so re-rendering the
	// tree (expanding, revealing, switching back to a mode) reuses the grouping instead of redoing it.
	const frozen = Object.isFrozen(tasks);
	const cached = frozen ? treeCache.get(tasks)?.get(mode) : undefined;
	if (cached) {
		return cached;
	}
	const tree = group(tasks, mode);
	if (frozen) {
		const byMode = treeCache.get(tasks) ?? new Map<GroupingMode, TaskTree>();
		byMode.set(mode, tree);
		treeCache.set(tasks, byMode);
	}
	return tree;
}

const treeCache = new WeakMap<readonly TaskInfo[], Map<GroupingMode, TaskTree>>();

function group(tasks: readonly TaskInfo[], mode: GroupingMode): TaskTree {
	const sorted = sortByTaskId(tasks);
	const levels = LEVELS[mode] ?? LEVELS[DEFAULT_GROUPING_MODE];
	if (levels.length === 0 || sorted.length === 0) {
		return { mode, groups: [], tasks: levels.length === 0 ? sorted.slice() : [], total: sorted.length };
	}
	const { root, leaves } = index(sorted, levels);
	return { mode, groups: build(root, levels, 0, leaves, '', undefined), tasks: [], total: sorted.length };
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
	if (tasks.length === 0) {
		return new Map();
	}
	const { root, leaves } = index(tasks, [dimension]);
	return new Map(
		levelEntries(root, RAW_KEYS[dimension].length)
			.map((leaf) => ({ tasks: leaves[leaf as number], label: labelFor(dimension, [leaves[leaf as number]]) }))
			.sort((a, b) => compareLabels(a.label, b.label))
			.map((group) => [keyOf(group.tasks[0], dimension), group.tasks.length]),
	);
}

/** Named before unnamed; names by collation, with the key breaking ties; unnamed by key alone. */
function compareNamed<K>(aName: string | undefined, bName: string | undefined, a: K, b: K, compareKeys: (a: K, b: K) => number): number {
	if (aName !== undefined && bName !== undefined) {
		return nameCollator.compare(aName, bName) || compareKeys(a, b);
	}
	if (aName !== undefined || bName !== undefined) {
		return aName !== undefined ? -1 : 1;
	}
	return compareKeys(a, b);
}

function compareByName(a: GroupLabel, b: GroupLabel, names: NameLookup): number {
	if (a.kind === 'principal' && b.kind === 'principal') {
		if (a.principalType !== b.principalType) {
			return comparePrincipalTypes(a.principalType, b.principalType);
		}
		const aName = principalSortName(names.principal(a.principalType, a.principalId));
		const bName = principalSortName(names.principal(b.principalType, b.principalId));
		return compareNamed(aName, bName, a.principalId, b.principalId, compareStrings);
	}
	if (a.kind === 'targetAccount' && b.kind === 'targetAccount') {
		if (a.targetType !== b.targetType) {
			return compareTargetTypes(a.targetType, b.targetType);
		}
		const aName = accountSortName(names.account(a.targetUin));
		const bName = accountSortName(names.account(b.targetUin));
		return compareNamed(aName, bName, a.targetUin, b.targetUin, (x, y) => x - y);
	}
	return compareLabels(a, b);
}

/**
 * The tree's groups with principal and account groups in name order where the directory knows the name (named
 * ones first, then the rest by ID), at any depth. groupTasks keeps its ID order, and its cached result is shared,
 * so this returns copies of the levels it reorders; names arrive later than tasks, and reordering a few
 * thousand groups is cheap next to grouping again.
 */
export function orderGroupsByName(groups: readonly TaskGroup[], names: NameLookup): TaskGroup[] {
	const level = groups.map((g) => (g.children.length > 0 ? { ...g, children: orderGroupsByName(g.children, names) } : g));
	if (level.length > 1 && (level[0].kind === 'principal' || level[0].kind === 'targetAccount')) {
		level.sort((x, y) => compareByName(x.label, y.label, names));
	}
	return level;
}
