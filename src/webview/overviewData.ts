import type { TaskInfo } from '../api/types';
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
	/** Column order of the role configuration × status table: known statuses first. */
	statuses: string[];
	roleConfigurations: { id: string; name: string; total: number; counts: number[] }[];
	moreRoleConfigurations: number;
	failureReasons: { reason: string; count: number; taskIds: string[]; moreTasks: number; roleConfigurationIds: string[] }[];
	moreFailureReasons: number;
}

export function computeOverview(
	tasks: readonly TaskInfo[],
	statusTotals: ReadonlyMap<string, number | undefined>,
	limits: OverviewLimits = DEFAULT_OVERVIEW_LIMITS,
): OverviewData {
	const loadedByStatus = countBy(tasks, 'status');
	const statusSet = new Set<string>([...statusTotals.keys(), ...loadedByStatus.keys()]);
	const statuses = [...statusSet].sort(compareStatuses);
	const byStatus = statuses
		.map((status) => ({ status, count: statusTotals.get(status) ?? loadedByStatus.get(status) ?? 0 }))
		.filter((s) => s.count > 0);
	const allCounted = statuses.length > 0 && statuses.every((s) => statusTotals.get(s) !== undefined);
	const total = allCounted ? statuses.reduce((sum, s) => sum + (statusTotals.get(s) ?? 0), 0) : undefined;

	const byTaskType = [...countBy(tasks, 'taskType')].map(([taskType, count]) => ({ taskType, count }));

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

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
