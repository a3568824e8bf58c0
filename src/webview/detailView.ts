import type { TaskInfo } from '../api/types';
import type { ObservedTimes } from '../model/taskStore';
import { principalTypeLabel, statusLabel, targetTypeLabel, taskTypeLabel } from '../host/presentation';
import type { NowView, RetryView, StatusKind, TaskContextView, TaskDetailView } from './protocol';

export function statusKind(status: string): StatusKind {
	switch (status) {
		case 'Failed':
			return 'failed';
		case 'InProgress':
			return 'inProgress';
		case 'Success':
			return 'success';
		default:
			return 'unknown';
	}
}

export interface DetailFlags {
	inTree: boolean;
	restored: boolean;
	refreshing: boolean;
	error?: string;
	/** Who and where, and the Now section (contextView.ts). */
	context: TaskContextView;
	now: NowView;
	retry?: RetryView;
}

/** The panel's view model: raw values plus their localized words; the webview renders both as text. */
export function toDetailView(task: TaskInfo, observed: Readonly<ObservedTimes> | undefined, flags: DetailFlags): TaskDetailView {
	return {
		taskId: task.TaskId,
		status: task.Status,
		statusKind: statusKind(task.Status),
		statusLabel: statusLabel(task.Status),
		taskType: task.TaskType,
		taskTypeLabel: taskTypeLabel(task.TaskType),
		roleConfigurationId: task.RoleConfigurationId,
		roleConfigurationName: task.RoleConfigurationName,
		principalType: task.PrincipalType,
		principalTypeLabel: principalTypeLabel(task.PrincipalType),
		principalId: task.PrincipalId,
		targetType: task.TargetType,
		targetTypeLabel: targetTypeLabel(task.TargetType),
		targetUin: String(task.TargetUin),
		failureReason: task.FailureReason,
		firstSeen: observed?.firstSeen,
		statusChangedAt: observed?.statusChangedAt,
		json: JSON.stringify(task, null, 2),
		inTree: flags.inTree,
		restored: flags.restored,
		refreshing: flags.refreshing,
		error: flags.error,
		canFilter: {
			roleConfiguration: task.RoleConfigurationId.length > 0,
			principal: (task.PrincipalType === 'User' || task.PrincipalType === 'Group') && task.PrincipalId.length > 0,
			account: task.TargetType === 'MemberUin' || task.TargetType === 'ManagerUin',
		},
		context: flags.context,
		now: flags.now,
		...(flags.retry ? { retry: flags.retry } : {}),
	};
}
