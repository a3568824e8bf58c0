import type { TaskInfo } from '../api/types';
import { TASK_TYPES } from '../api/types';
import { compareStatuses, countBy } from '../model/grouping';

/**
 * The numbers behind the overview panel, from the loaded tasks and the exact per-status totals. Pure, so
 * it is unit-tested without VS Code; labels are added by the host.
 */

export interface OverviewLimits {
	roleConfigurations: number;
	failureReasons: number;
	tasksPerReason: number;
}

export const DEFAULT_OVERVIEW_LIMITS: OverviewLimits = { roleConfigurations: 15, failureReasons: 20, tasksPerReason: 20 };

export interface OverviewData {
	loaded: number;
	/** Sum of the exact totals when every status has one. */
	total: number | undefined;
	/** Per status: the exact total when the service counted it, else what is loaded. */
	byStatus: { status: string; count: number }[];
	byTaskType: { taskType: string; count: number }[];
	/** The task-type counts are exact totals (from the listings split by TaskType), not loaded tasks. */
	byTaskTypeExact: boolean;
	/** Every task the service counted is loaded, so the figures that count loaded tasks are exact too. */
	allLoaded: boolean;
	/** Column order of the role configuration × status table: known statuses first. */
	statuses: string[];
	roleConfigurations: { id: string; name: string; total: number; counts: number[] }[];
	moreRoleConfigurations: number;
	failureReasons: { reason: string; count: number; taskIds: string[]; moreTasks: number; roleConfigurationIds: string[] }[];
	moreFailureReasons: number;
}

/** The exact number of a (canonical) task type's tasks in a status, when the API gave it. */
export type TypeTotal = (status: string, taskType: string) => number | undefined;

export function computeOverview(
	tasks: readonly TaskInfo[],
	statusTotals: ReadonlyMap<string, number | undefined>,
	limits: OverviewLimits = DEFAULT_OVERVIEW_LIMITS,
	typeTotal?: TypeTotal,
	/** Whether every status group is loaded whole (the store's `complete`). */
	allLoaded = false,
): OverviewData {
	const loadedByStatus = countBy(tasks, 'status');
	const statusSet = new Set<string>([...statusTotals.keys(), ...loadedByStatus.keys()]);
	const statuses = [...statusSet].sort(compareStatuses);
	const byStatus = statuses
		.map((status) => ({ status, count: statusTotals.get(status) ?? loadedByStatus.get(status) ?? 0 }))
		.filter((s) => s.count > 0);
	const allCounted = statuses.length > 0 && statuses.every((s) => statusTotals.get(s) !== undefined);
	const total = allCounted ? statuses.reduce((sum, s) => sum + (statusTotals.get(s) ?? 0), 0) : undefined;

	const loadedByType = countBy(tasks, 'taskType');
	const exactByType = allCounted && typeTotal ? exactTypeCounts(statuses, [...loadedByType.keys()], typeTotal) : undefined;
	const byTaskType = exactByType ?? [...loadedByType].map(([taskType, count]) => ({ taskType, count }));

	const columns = statuses.filter((s) => (loadedByStatus.get(s) ?? 0) > 0);
	const column = new Map(columns.map((s, i) => [s, i]));
	const roles = new Map<string, { id: string; name: string; total: number; counts: number[] }>();
	const reasons = new Map<string, { reason: string; count: number; taskIds: string[]; roleConfigurationIds: Set<string> }>();
	for (const task of tasks) {
		let role = roles.get(task.RoleConfigurationId);
		if (!role) {
			role = { id: task.RoleConfigurationId, name: task.RoleConfigurationName, total: 0, counts: columns.map(() => 0) };
			roles.set(task.RoleConfigurationId, role);
		}
		role.total++;
		role.counts[column.get(task.Status) ?? 0]++;
		if (task.Status === 'Failed') {
			let reason = reasons.get(task.FailureReason);
			if (!reason) {
				reason = { reason: task.FailureReason, count: 0, taskIds: [], roleConfigurationIds: new Set() };
				reasons.set(task.FailureReason, reason);
			}
			reason.count++;
			reason.roleConfigurationIds.add(task.RoleConfigurationId);
			if (reason.taskIds.length < limits.tasksPerReason) {
				reason.taskIds.push(task.TaskId);
			}
		}
	}
	const sortedRoles = [...roles.values()].sort((a, b) => b.total - a.total || compareText(a.name || a.id, b.name || b.id) || compareText(a.id, b.id));
	const sortedReasons = [...reasons.values()].sort((a, b) => b.count - a.count || compareText(a.reason, b.reason));
	return {
		loaded: tasks.length,
		total,
		byStatus,
		byTaskType,
		byTaskTypeExact: exactByType !== undefined || allLoaded,
		allLoaded,
		statuses: columns,
		roleConfigurations: sortedRoles.slice(0, limits.roleConfigurations),
		moreRoleConfigurations: Math.max(0, sortedRoles.length - limits.roleConfigurations),
		failureReasons: sortedReasons.slice(0, limits.failureReasons).map((r) => ({
			reason: r.reason,
			count: r.count,
			taskIds: r.taskIds,
			moreTasks: r.count - r.taskIds.length,
			roleConfigurationIds: [...r.roleConfigurationIds].sort(),
		})),
		moreFailureReasons: Math.max(0, sortedReasons.length - limits.failureReasons),
	};
}

/**
 * Per task type, the sum over statuses of the exact per-type totals; undefined unless every status gives one for
 * every type (a type missing from one status's listings leaves its share unknown). Types with no task drop out.
 */
function exactTypeCounts(statuses: readonly string[], loadedTypes: readonly string[], typeTotal: TypeTotal): { taskType: string; count: number }[] | undefined {
	const loaded = new Set(loadedTypes);
	const types = [...new Set([...TASK_TYPES, ...loadedTypes])];
	const out: { taskType: string; count: number }[] = [];
	for (const taskType of types) {
		const totals = statuses.map((status) => typeTotal(status, taskType));
		if (!loaded.has(taskType) && totals.every((t) => t === undefined || t === 0)) {
			// No listing asked for it (a task-type filter leaves it out) and none is loaded: none to count.
			continue;
		}
		if (totals.some((t) => t === undefined)) {
			// A type whose share a listing did not report (e.g. an unknown one read from an unsplit listing).
			return undefined;
		}
		const count = totals.reduce<number>((sum, t) => sum + (t ?? 0), 0);
		if (count > 0) {
			out.push({ taskType, count });
		}
	}
	return out;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
