import type { GetTaskStatusResponse, ListTasksResponse, TaskInfo, TaskStatusInfo } from '../api/types';
import { DIRECTORY_ACTIONS, runDirectoryAction, type DirectoryAction, type DirectoryResponseBody } from './directoryActions';
import { ApiError } from './messages';
import { scopeKey } from './paging';
import { validateGetTaskStatus, validateListTasks, type JsonObject } from './params';
import { runWriteAction, WRITE_ACTIONS, type WriteAction, type WriteResponseBody } from './writeActions';
import { checkZone, type ZoneState } from './zone';

/** The business logic of the task actions, after routing, authentication and rate limiting; the directory's is in directoryActions.ts. */

export type { ZoneState } from './zone';

export const API_ACTIONS = ['ListTasks', 'GetTaskStatus', ...DIRECTORY_ACTIONS, ...WRITE_ACTIONS] as const;
export type ApiAction = (typeof API_ACTIONS)[number];

export function isApiAction(s: string): s is ApiAction {
	return (API_ACTIONS as readonly string[]).includes(s);
}

type ResponseBody = Omit<ListTasksResponse, 'RequestId'> | Omit<GetTaskStatusResponse, 'RequestId'> | DirectoryResponseBody | WriteResponseBody;

export function runAction(zone: ZoneState, action: ApiAction, body: JsonObject): ResponseBody {
	switch (action) {
		case 'ListTasks':
			return listTasks(zone, body);
		case 'GetTaskStatus':
			return getTaskStatus(zone, body);
		case 'CreateRoleAssignment':
		case 'DeleteRoleAssignment':
		case 'ProvisionRoleConfiguration':
		case 'DismantleRoleConfiguration':
			return runWriteAction(zone, action satisfies WriteAction, body);
		default:
			return runDirectoryAction(zone, action satisfies DirectoryAction, body);
	}
}

function listTasks(zone: ZoneState, body: JsonObject): Omit<ListTasksResponse, 'RequestId'> {
	const p = validateListTasks(body);
	checkZone(zone, p.zoneId);
	const scope = scopeKey(p.zoneId, p.filter);
	const after = p.nextToken === undefined ? 0 : zone.tokens.read(p.nextToken, scope);
	if (after > zone.store.size) {
		throw new ApiError('InvalidParameter.NextTokenInvalid');
	}
	const page = zone.store.page(p.filter, scope, after, p.maxResults);
	const common = {
		TotalCounts: zone.store.count(p.filter, scope),
		MaxResults: p.maxResults,
	};
	const tasks = page.tasks.map(wireTask);
	return page.more
		? { NextToken: zone.tokens.issue(page.lastSeq, scope), ...common, IsTruncated: true, Tasks: tasks }
		: { ...common, IsTruncated: false, Tasks: tasks };
}

/** The ten TaskInfo fields in model order, whatever order a fixture used. */
function wireTask(t: TaskInfo): TaskInfo {
	return {
		TaskId: t.TaskId,
		RoleConfigurationId: t.RoleConfigurationId,
		RoleConfigurationName: t.RoleConfigurationName,
		TargetUin: t.TargetUin,
		TargetType: t.TargetType,
		PrincipalId: t.PrincipalId,
		PrincipalType: t.PrincipalType,
		TaskType: t.TaskType,
		Status: t.Status,
		FailureReason: t.FailureReason,
	};
}

function getTaskStatus(zone: ZoneState, body: JsonObject): Omit<GetTaskStatusResponse, 'RequestId'> {
	const p = validateGetTaskStatus(body);
	checkZone(zone, p.zoneId);
	const task = zone.store.get(p.taskId);
	if (!task) {
		throw new ApiError('ResourceNotFound.RoleConfigurationTaskNotFound');
	}
	const status: TaskStatusInfo = { Status: task.Status, TaskId: task.TaskId, TaskType: task.TaskType };
	if (task.Status === 'Failed') {
		status.FailureReason = task.FailureReason;
	}
	return { TaskStatus: status };
}
