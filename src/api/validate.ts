import { ClientErrorCode, TencentCloudError } from './errors';
import type { ApiErrorBody, GetTaskStatusResponse, ListTasksResponse, TaskInfo, TaskStatusInfo } from './types';

/*
 * Run-time checks of every response, hand-written so the extension ships no schema library.
 *
 * Leniency policy. The SDK models mark every response field optional, yet the service always sends them.
 * A field that is present must have the right type, and a wrong type is always an error, because it means
 * we misread the API. null counts as absent (API 3.0 serialises unset fields as null). An absent field is:
 *   - an error if nothing sensible can replace it: RequestId, a task's TaskId / TaskType / Status /
 *     TargetUin, and GetTaskStatus's TaskStatus;
 *   - replaced by its only sensible value otherwise: Tasks → [] (an empty page), descriptive strings
 *     (names, principal, FailureReason) → '' (provisioning tasks have no principal), IsTruncated → whether
 *     a NextToken came, TotalCounts / MaxResults → the number of tasks on the page.
 * So one odd task from the service costs a blank cell, not the whole list. Enumeration strings are never
 * checked against the known values: the service adds new ones, and the UI shows them as they come.
 */

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
	if (value === undefined) {
		return 'nothing';
	}
	if (Array.isArray(value)) {
		return 'an array';
	}
	if (isObject(value)) {
		return 'an object';
	}
	const text = JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function invalidResponse(message: string, retryable = false): TencentCloudError {
	return new TencentCloudError(ClientErrorCode.InvalidResponse, message, { retryable });
}

export function fail(path: string, expected: string, value: unknown): never {
	throw invalidResponse(`${path}: expected ${expected}, got ${show(value)}`);
}

export function absent(value: unknown): value is null | undefined {
	return value === undefined || value === null;
}

export function requiredString(obj: Json, key: string, path: string): string {
	const value = obj[key];
	return typeof value === 'string' ? value : fail(`${path}.${key}`, 'a string', value);
}

export function defaultedString(obj: Json, key: string, path: string): string {
	const value = obj[key];
	if (absent(value)) {
		return '';
	}
	return typeof value === 'string' ? value : fail(`${path}.${key}`, 'a string', value);
}

function isNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function requiredNumber(obj: Json, key: string, path: string): number {
	const value = obj[key];
	return isNumber(value) ? value : fail(`${path}.${key}`, 'a number', value);
}

export function optionalNumber(obj: Json, key: string, path: string): number | undefined {
	const value = obj[key];
	if (absent(value)) {
		return undefined;
	}
	return isNumber(value) ? value : fail(`${path}.${key}`, 'a number', value);
}

export type Envelope =
	| { kind: 'error'; error: ApiErrorBody; requestId?: string }
	| { kind: 'ok'; response: Json };

/**
 * Reads `{"Response": {...}}`. A body that is not JSON is reported as retryable: it is what a truncated
 * or garbled transfer looks like. A well-formed body of the wrong shape is not: sending again would not fix it.
 */
export function parseEnvelope(body: Buffer): Envelope {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		throw invalidResponse(`The response is not valid JSON (${body.length} bytes).`, true);
	}
	if (!isObject(parsed)) {
		fail('(body)', 'an object', parsed);
	}
	const response = parsed.Response;
	if (!isObject(response)) {
		fail('Response', 'an object', response);
	}
	const error = response.Error;
	if (!absent(error)) {
		if (!isObject(error)) {
			fail('Response.Error', 'an object', error);
		}
		const code = requiredString(error, 'Code', 'Response.Error');
		const message = defaultedString(error, 'Message', 'Response.Error');
		const requestId = response.RequestId;
		return { kind: 'error', error: { Code: code, Message: message }, requestId: typeof requestId === 'string' ? requestId : undefined };
	}
	return { kind: 'ok', response };
}

export function taskInfo(value: unknown, path: string): TaskInfo {
	if (!isObject(value)) {
		fail(path, 'an object', value);
	}
	return {
		TaskId: requiredString(value, 'TaskId', path),
		RoleConfigurationId: defaultedString(value, 'RoleConfigurationId', path),
		RoleConfigurationName: defaultedString(value, 'RoleConfigurationName', path),
		TargetUin: requiredNumber(value, 'TargetUin', path),
		TargetType: defaultedString(value, 'TargetType', path),
		PrincipalId: defaultedString(value, 'PrincipalId', path),
		PrincipalType: defaultedString(value, 'PrincipalType', path),
		TaskType: requiredString(value, 'TaskType', path),
		Status: requiredString(value, 'Status', path),
		FailureReason: defaultedString(value, 'FailureReason', path),
	};
}

export function validateListTasksResponse(response: Json): ListTasksResponse {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	const rawTasks = response.Tasks;
	let tasks: TaskInfo[] = [];
	if (!absent(rawTasks)) {
		if (!Array.isArray(rawTasks)) {
			fail(`${path}.Tasks`, 'an array', rawTasks);
		}
		tasks = rawTasks.map((item: unknown, i) => taskInfo(item, `${path}.Tasks[${i}]`));
	}
	const rawToken = response.NextToken;
	if (!absent(rawToken) && typeof rawToken !== 'string') {
		fail(`${path}.NextToken`, 'a string', rawToken);
	}
	const token = typeof rawToken === 'string' && rawToken !== '' ? rawToken : undefined;
	const rawTruncated = response.IsTruncated;
	if (!absent(rawTruncated) && typeof rawTruncated !== 'boolean') {
		fail(`${path}.IsTruncated`, 'a boolean', rawTruncated);
	}
	const isTruncated = typeof rawTruncated === 'boolean' ? rawTruncated : token !== undefined;
	if (isTruncated && token === undefined) {
		fail(`${path}.NextToken`, 'a non-empty string when IsTruncated is true', rawToken);
	}
	const result: ListTasksResponse = {
		Tasks: tasks,
		TotalCounts: optionalNumber(response, 'TotalCounts', path) ?? tasks.length,
		MaxResults: optionalNumber(response, 'MaxResults', path) ?? tasks.length,
		IsTruncated: isTruncated,
		RequestId: requestId,
	};
	if (isTruncated) {
		result.NextToken = token;
	}
	return result;
}

export function validateGetTaskStatusResponse(response: Json): GetTaskStatusResponse {
	const path = 'Response';
	const requestId = requiredString(response, 'RequestId', path);
	const raw = response.TaskStatus;
	if (!isObject(raw)) {
		fail(`${path}.TaskStatus`, 'an object', raw);
	}
	const statusPath = `${path}.TaskStatus`;
	const status: TaskStatusInfo = {
		TaskId: requiredString(raw, 'TaskId', statusPath),
		TaskType: requiredString(raw, 'TaskType', statusPath),
		Status: requiredString(raw, 'Status', statusPath),
	};
	const reason = raw.FailureReason;
	if (!absent(reason)) {
		status.FailureReason = typeof reason === 'string' ? reason : fail(`${statusPath}.FailureReason`, 'a string', reason);
	}
	return { TaskStatus: status, RequestId: requestId };
}
