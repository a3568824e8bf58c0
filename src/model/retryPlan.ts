import type { TaskInfo } from '../api/types';
import { MAX_ROLE_ASSIGNMENTS_PER_CALL, type KnownDeprovisionStrategy, type RoleAssignmentInfo, type WriteAction } from '../api/writeTypes';
import { assignmentApplies, provisioningApplies } from './nowCheck';
import { canonicalTaskType } from './taskTypes';

/**
 * What retrying a failed task sends (issue 11): the write that starts a task of the same type with the same IDs.
 *   CreateRoleAssignment          → CreateRoleAssignment (batched, at most 50 entries a call)
 *   DeleteRoleAssignment          → DeleteRoleAssignment, with the DeprovisionStrategy the user picked
 *   ProvisionRoleConfiguration    → ProvisionRoleConfiguration
 *   DeprovisionRoleConfiguration  → DismantleRoleConfiguration
 * Any other task type offers no retry. Tasks naming the same change are sent once.
 */

const ACTION_BY_TYPE: ReadonlyMap<string, WriteAction> = new Map([
	['CreateRoleAssignment', 'CreateRoleAssignment'],
	['DeleteRoleAssignment', 'DeleteRoleAssignment'],
	['ProvisionRoleConfiguration', 'ProvisionRoleConfiguration'],
	['DeprovisionRoleConfiguration', 'DismantleRoleConfiguration'],
]);

/** The TaskType a write's tasks carry (cic-context-api.md §6.0, model values). */
export const TASK_TYPE_OF_ACTION: Readonly<Record<WriteAction, string>> = {
	CreateRoleAssignment: 'CreateRoleAssignment',
	DeleteRoleAssignment: 'DeleteRoleAssignment',
	ProvisionRoleConfiguration: 'ProvisionRoleConfiguration',
	DismantleRoleConfiguration: 'DeprovisionRoleConfiguration',
};

/** The write that retries a task of this type, whatever its status; undefined when the type has none. */
export function retryActionFor(taskType: string): WriteAction | undefined {
	return ACTION_BY_TYPE.get(canonicalTaskType(taskType));
}

export function isAssignmentAction(action: WriteAction): boolean {
	return action === 'CreateRoleAssignment' || action === 'DeleteRoleAssignment';
}

/** Why a task cannot be retried, or undefined when it can. */
export type NotRetryableReason = 'notFailed' | 'unsupportedType' | 'incompleteIds';

export function notRetryableReason(task: TaskInfo): NotRetryableReason | undefined {
	const action = retryActionFor(task.TaskType);
	if (action === undefined) {
		return 'unsupportedType';
	}
	if (task.Status !== 'Failed') {
		return 'notFailed';
	}
	return (isAssignmentAction(action) ? assignmentApplies(task) : provisioningApplies(task)) ? undefined : 'incompleteIds';
}

export function canRetry(task: TaskInfo): boolean {
	return notRetryableReason(task) === undefined;
}

/** One change a retry makes: the old tasks that asked for it, and the IDs it is about. */
export interface RetryChange {
	readonly action: WriteAction;
	readonly roleConfigurationId: string;
	readonly targetUin: number;
	readonly targetType: string;
	/** '' for the deployment actions. */
	readonly principalId: string;
	readonly principalType: string;
	/** The failed tasks this change retries (more than one when several failed tasks asked for the same). */
	readonly tasks: readonly TaskInfo[];
}

/** One request: CreateRoleAssignment carries up to 50 changes, the others one. */
export interface RetryRequest {
	readonly action: WriteAction;
	readonly changes: readonly RetryChange[];
	/** DeleteRoleAssignment only. */
	readonly deprovisionStrategy?: KnownDeprovisionStrategy;
}

export function changeKeyOf(c: Pick<RetryChange, 'action' | 'roleConfigurationId' | 'targetUin' | 'principalId'>): string {
	return [c.action, c.roleConfigurationId, String(c.targetUin), isAssignmentAction(c.action) ? c.principalId : ''].join('\u0000');
}

/** The retryable tasks as changes, one per distinct change, in the order first seen; the rest are left out. */
export function changesFor(tasks: readonly TaskInfo[]): RetryChange[] {
	const byKey = new Map<string, { change: Omit<RetryChange, 'tasks'>; tasks: TaskInfo[] }>();
	for (const task of tasks) {
		const action = retryActionFor(task.TaskType);
		if (action === undefined || !canRetry(task)) {
			continue;
		}
		const assignment = isAssignmentAction(action);
		const change = {
			action,
			roleConfigurationId: task.RoleConfigurationId,
			targetUin: task.TargetUin,
			targetType: task.TargetType,
			principalId: assignment ? task.PrincipalId : '',
			principalType: assignment ? task.PrincipalType : '',
		};
		const key = changeKeyOf(change);
		const entry = byKey.get(key);
		if (entry) {
			entry.tasks.push(task);
		} else {
			byKey.set(key, { change, tasks: [task] });
		}
	}
	return [...byKey.values()].map(({ change, tasks: asked }) => ({ ...change, tasks: asked }));
}

/** The requests that make `changes`: CreateRoleAssignment in batches of at most 50, every other change alone. */
export function requestsFor(changes: readonly RetryChange[], deprovisionStrategy: KnownDeprovisionStrategy = 'None'): RetryRequest[] {
	const requests: RetryRequest[] = [];
	const creates = changes.filter((c) => c.action === 'CreateRoleAssignment');
	for (let i = 0; i < creates.length; i += MAX_ROLE_ASSIGNMENTS_PER_CALL) {
		requests.push({ action: 'CreateRoleAssignment', changes: creates.slice(i, i + MAX_ROLE_ASSIGNMENTS_PER_CALL) });
	}
	for (const c of changes) {
		if (c.action === 'DeleteRoleAssignment') {
			requests.push({ action: c.action, changes: [c], deprovisionStrategy });
		} else if (c.action !== 'CreateRoleAssignment') {
			requests.push({ action: c.action, changes: [c] });
		}
	}
	return requests;
}

export function assignmentInfo(c: RetryChange): RoleAssignmentInfo {
	return { PrincipalId: c.principalId, PrincipalType: c.principalType, TargetUin: c.targetUin, TargetType: c.targetType, RoleConfigurationId: c.roleConfigurationId };
}

/** The change as a TaskInfo-shaped probe for the Now checks (nowCheck.ts) and ListTasks filters. */
export function probeTask(c: RetryChange): TaskInfo {
	return {
		TaskId: '',
		RoleConfigurationId: c.roleConfigurationId,
		RoleConfigurationName: c.tasks[0]?.RoleConfigurationName ?? '',
		TargetUin: c.targetUin,
		TargetType: c.targetType,
		PrincipalId: c.principalId,
		PrincipalType: c.principalType,
		TaskType: TASK_TYPE_OF_ACTION[c.action],
		Status: 'InProgress',
		FailureReason: '',
	};
}
