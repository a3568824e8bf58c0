import { PRINCIPAL_TYPES, TARGET_TYPES, TASK_STATUSES, type ListTasksFilter } from '../api/types';
import { ApiError } from './messages';

/**
 * Request-body validation, reported the way API 3.0 does: the first unknown field, then the first missing one,
 * then the first field of the wrong JSON type, then the first value out of range.
 * Null is a wrong type (the official SDKs strip nulls before sending, so only a hand-made request has one).
 * TaskType is left open: the ListTasks doc enumerates no values for the filter.
 */

export type JsonObject = Record<string, unknown>;

const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseJsonBody(body: Uint8Array): JsonObject {
	let text: string;
	try {
		text = decoder.decode(body);
	} catch {
		throw new ApiError('InvalidParameter', ['body is not UTF-8'], 'body');
	}
	if (text.trim() === '') {
		return {};
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		throw new ApiError('InvalidParameter', [e instanceof Error ? e.message : 'parse error'], 'body');
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ApiError('InvalidParameter', ['the top level must be an object'], 'body');
	}
	return value as JsonObject;
}

/** JSON types of request fields; `Tag[]` is the `{TagKey, TagValue}` list of DescribeOrganizationMembers. */
export type FieldKind = 'String' | 'Integer' | 'String[]' | 'Integer[]' | 'Tag[]';

export interface FieldSpec {
	readonly kind: FieldKind;
	readonly required?: boolean;
	readonly allowed?: readonly string[];
	readonly min?: number;
	readonly max?: number;
	/** Most entries of a list. */
	readonly maxItems?: number;
}

export function check(body: JsonObject, spec: Readonly<Record<string, FieldSpec>>): void {
	for (const name of Object.keys(body)) {
		if (!Object.hasOwn(spec, name)) {
			throw new ApiError('UnknownParameter', [name]);
		}
	}
	for (const [name, field] of Object.entries(spec)) {
		if (field.required && body[name] === undefined) {
			throw new ApiError('MissingParameter', [name]);
		}
	}
	for (const [name, field] of Object.entries(spec)) {
		const v = body[name];
		if (v === undefined) {
			continue;
		}
		if (!hasKind(v, field.kind)) {
			throw new ApiError('InvalidParameter', [name, field.kind]);
		}
	}
	for (const [name, field] of Object.entries(spec)) {
		const v = body[name];
		if (typeof v === 'string' && field.allowed && !field.allowed.includes(v)) {
			throw new ApiError('InvalidParameterValue', [name, field.allowed.join(', ')]);
		}
		if (typeof v === 'number' && ((field.min !== undefined && v < field.min) || (field.max !== undefined && v > field.max))) {
			throw new ApiError('InvalidParameterValue', [name, `${field.min ?? '-∞'}-${field.max ?? '∞'}`]);
		}
		if (Array.isArray(v) && field.maxItems !== undefined && v.length > field.maxItems) {
			throw new ApiError('InvalidParameterValue', [name, `at most ${field.maxItems} entries`]);
		}
	}
}

const isInteger = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);

function isTag(v: unknown): boolean {
	if (typeof v !== 'object' || v === null || Array.isArray(v)) {
		return false;
	}
	const o = v as Record<string, unknown>;
	// The Tag struct marks both keys required, yet its own example sends TagKey alone (cic-context-api.md §5.16).
	return Object.keys(o).every((k) => k === 'TagKey' || k === 'TagValue') && typeof o.TagKey === 'string' && (o.TagValue === undefined || typeof o.TagValue === 'string');
}

function hasKind(v: unknown, kind: FieldKind): boolean {
	switch (kind) {
		case 'String':
			return typeof v === 'string';
		case 'Integer':
			return isInteger(v);
		case 'String[]':
			return Array.isArray(v) && v.every((e) => typeof e === 'string');
		case 'Integer[]':
			return Array.isArray(v) && v.every(isInteger);
		case 'Tag[]':
			return Array.isArray(v) && v.every(isTag);
	}
}

export const DEFAULT_MAX_RESULTS = 10;

const LIST_TASKS: Readonly<Record<string, FieldSpec>> = {
	ZoneId: { kind: 'String', required: true },
	PrincipalId: { kind: 'String' },
	NextToken: { kind: 'String' },
	MaxResults: { kind: 'Integer', min: 1, max: 100 },
	PrincipalType: { kind: 'String', allowed: PRINCIPAL_TYPES },
	TargetUin: { kind: 'Integer', min: 0 },
	TargetType: { kind: 'String', allowed: TARGET_TYPES },
	RoleConfigurationId: { kind: 'String' },
	Status: { kind: 'String', allowed: TASK_STATUSES },
	TaskType: { kind: 'String' },
};

export interface ListTasksParams {
	readonly zoneId: string;
	readonly filter: ListTasksFilter;
	/** Undefined for the first page; an empty string also means the first page. */
	readonly nextToken: string | undefined;
	readonly maxResults: number;
}

export const FILTER_FIELDS = [
	'PrincipalId',
	'PrincipalType',
	'TargetUin',
	'TargetType',
	'RoleConfigurationId',
	'Status',
	'TaskType',
] as const satisfies readonly (keyof ListTasksFilter)[];

export function validateListTasks(body: JsonObject): ListTasksParams {
	check(body, LIST_TASKS);
	const filter: Record<string, string | number> = {};
	for (const name of FILTER_FIELDS) {
		const v = body[name];
		if (typeof v === 'string' || typeof v === 'number') {
			filter[name] = v;
		}
	}
	const nextToken = body.NextToken as string | undefined;
	return {
		zoneId: body.ZoneId as string,
		filter: filter,
		nextToken: nextToken === '' ? undefined : nextToken,
		maxResults: (body.MaxResults as number | undefined) ?? DEFAULT_MAX_RESULTS,
	};
}

const GET_TASK_STATUS: Readonly<Record<string, FieldSpec>> = {
	ZoneId: { kind: 'String', required: true },
	TaskId: { kind: 'String', required: true },
};

export interface GetTaskStatusParams {
	readonly zoneId: string;
	readonly taskId: string;
}

export function validateGetTaskStatus(body: JsonObject): GetTaskStatusParams {
	check(body, GET_TASK_STATUS);
	return { zoneId: body.ZoneId as string, taskId: body.TaskId as string };
}
