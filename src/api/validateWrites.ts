import { absent, defaultedString, fail, isObject, requiredNumber, requiredString, taskInfo } from './validate';
import type { CreateRoleAssignmentResponse, DeleteRoleAssignmentResponse, RoleProvisioningResponse, RoleProvisioningsTask } from './writeTypes';

/*
 * Run-time checks of the write actions' answers, with validate.ts's leniency policy. A write's answer is the only
 * record of the tasks it started, so the TaskIds are required; a missing status is InProgress (every write starts
 * its task that way, §7.7) and a missing TaskType stays '' for the caller, who knows what it sent, to fill in.
 */

type Json = Record<string, unknown>;

export function validateCreateRoleAssignmentResponse(response: Json): CreateRoleAssignmentResponse {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	const raw = response.Tasks;
	if (!Array.isArray(raw)) {
		fail(`${path}.Tasks`, 'an array', raw);
	}
	return { Tasks: raw.map((item: unknown, i) => taskInfo(item, `${path}.Tasks[${i}]`)), RequestId: requestId };
}

export function validateDeleteRoleAssignmentResponse(response: Json): DeleteRoleAssignmentResponse {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	const raw = response.Task;
	return absent(raw) ? { RequestId: requestId } : { Task: taskInfo(raw, `${path}.Task`), RequestId: requestId };
}

function provisioningTask(value: unknown, path: string): RoleProvisioningsTask {
	if (!isObject(value)) {
		fail(path, 'an object', value);
	}
	const status = defaultedString(value, 'TaskStatus', path);
	return {
		TaskId: requiredString(value, 'TaskId', path),
		RoleConfigurationId: defaultedString(value, 'RoleConfigurationId', path),
		RoleConfigurationName: defaultedString(value, 'RoleConfigurationName', path),
		TargetUin: requiredNumber(value, 'TargetUin', path),
		TargetType: defaultedString(value, 'TargetType', path),
		TaskType: defaultedString(value, 'TaskType', path),
		TaskStatus: status === '' ? 'InProgress' : status,
	};
}

export function validateRoleProvisioningResponse(response: Json): RoleProvisioningResponse {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	return { Task: provisioningTask(response.Task, `${path}.Task`), RequestId: requestId };
}
