import type { TaskInfo } from '../api/types';
import { PRINCIPAL_TYPES, TARGET_TYPES } from '../api/types';
import {
	DEPROVISION_STRATEGIES,
	MAX_ROLE_ASSIGNMENTS_PER_CALL,
	WRITE_ACTIONS,
	type CreateRoleAssignmentResponse,
	type DeleteRoleAssignmentResponse,
	type RoleAssignmentInfo,
	type RoleProvisioningResponse,
	type WriteAction,
} from '../api/writeTypes';
import { assignmentKey, provisioningKey } from './directoryState';
import { ApiError } from './messages';
import { check, type FieldSpec, type JsonObject } from './params';
import { changeKey } from './writeState';
import { checkZone, type ZoneState } from './zone';

/**
 * The four write actions (cic-context-api.md §6), after routing, authentication and rate limiting, checked in the
 * reference's order: parameters, CIC enabled, the zone, then the resources. Each starts InProgress tasks in the
 * zone's store (writeState.ts settles them); the change shows in the directory once its task succeeds.
 * Inferred where the reference is silent (§8.2, §8.3): one task per CreateRoleAssignment entry, a batch is
 * all-or-nothing, an empty batch is InvalidParameterValue, every RoleAssignmentInfo field is required, and an
 * identical change still running conflicts as if it were done. DeprovisionForLastRoleAssignmentOnAccount adds a
 * DeprovisionRoleConfiguration task after the deletion succeeds (whether the service does is open, §8.1).
 * RoleConfigurationAuthorizationOverLimit's limit is not documented: the emulator has none unless one is set
 * (`authorizationsPerRoleConfiguration`), and then counts a configuration's assignments, its creates still running
 * and the batch's own entries.
 */

export { WRITE_ACTIONS };
export type { WriteAction };

type Body<T> = Omit<T, 'RequestId'>;
export type WriteResponseBody = Body<CreateRoleAssignmentResponse> | Body<DeleteRoleAssignmentResponse> | Body<RoleProvisioningResponse>;

export function runWriteAction(zone: ZoneState, action: WriteAction, body: JsonObject): WriteResponseBody {
	switch (action) {
		case 'CreateRoleAssignment':
			return createRoleAssignment(zone, body);
		case 'DeleteRoleAssignment':
			return deleteRoleAssignment(zone, body);
		case 'ProvisionRoleConfiguration':
			return provisionRoleConfiguration(zone, body);
		case 'DismantleRoleConfiguration':
			return dismantleRoleConfiguration(zone, body);
	}
}

const ZONE: FieldSpec = { kind: 'String', required: true };
const TARGET: Readonly<Record<string, FieldSpec>> = {
	ZoneId: ZONE,
	RoleConfigurationId: { kind: 'String', required: true },
	TargetType: { kind: 'String', required: true, allowed: TARGET_TYPES },
	TargetUin: { kind: 'Integer', required: true, min: 0 },
};
const ENTRY: Readonly<Record<string, FieldSpec>> = {
	PrincipalId: { kind: 'String', required: true },
	PrincipalType: { kind: 'String', required: true, allowed: PRINCIPAL_TYPES },
	TargetUin: { kind: 'Integer', required: true, min: 0 },
	TargetType: { kind: 'String', required: true, allowed: TARGET_TYPES },
	RoleConfigurationId: { kind: 'String', required: true },
};

/** Checks one batch entry with the top-level rules, naming it `RoleAssignmentInfo.N.Field` as API 3.0 does. */
function checkEntry(value: unknown, index: number): RoleAssignmentInfo {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ApiError('InvalidParameter', [`RoleAssignmentInfo.${index}`, 'RoleAssignmentInfo']);
	}
	try {
		check(value as JsonObject, ENTRY);
	} catch (e) {
		if (e instanceof ApiError && e.args.length > 0) {
			throw new ApiError(e.code, [`RoleAssignmentInfo.${index}.${e.args[0]}`, ...e.args.slice(1)], e.variant);
		}
		throw e;
	}
	return value as RoleAssignmentInfo;
}

function configurationName(zone: ZoneState, id: string): string {
	const rc = zone.directory.roleConfigurations.get(id);
	if (!rc) {
		throw new ApiError('InvalidParameter.RoleConfigurationNotExist');
	}
	return rc.RoleConfigurationName;
}

function requireMember(zone: ZoneState, uin: number): void {
	if (!zone.directory.accounts.has(uin)) {
		throw new ApiError('FailedOperation.OrganizationMemberNotExist');
	}
}

function requirePrincipal(zone: ZoneState, type: string, id: string): void {
	if (type === 'User' && !zone.directory.users.has(id)) {
		throw new ApiError('ResourceNotFound.UserNotExist');
	}
	if (type === 'Group' && !zone.directory.groups.has(id)) {
		throw new ApiError('InvalidParameter.GroupNotExist');
	}
}

function hasAssignment(zone: ZoneState, a: Pick<RoleAssignmentInfo, 'RoleConfigurationId' | 'TargetUin' | 'PrincipalId'>): boolean {
	const key = assignmentKey(a);
	return zone.directory.derived().assignments.some((x) => assignmentKey(x) === key);
}

function newTask(zone: ZoneState, fields: Omit<TaskInfo, 'TaskId' | 'Status' | 'FailureReason' | 'RoleConfigurationName'>): TaskInfo {
	return {
		TaskId: zone.writes.newTaskId(),
		RoleConfigurationId: fields.RoleConfigurationId,
		RoleConfigurationName: zone.directory.roleConfigurations.get(fields.RoleConfigurationId)?.RoleConfigurationName ?? '',
		TargetUin: fields.TargetUin,
		TargetType: fields.TargetType,
		PrincipalId: fields.PrincipalId,
		PrincipalType: fields.PrincipalType,
		TaskType: fields.TaskType,
		Status: 'InProgress',
		FailureReason: '',
	};
}

function createRoleAssignment(zone: ZoneState, body: JsonObject): Body<CreateRoleAssignmentResponse> {
	const { RoleAssignmentInfo: rawEntries, ...rest } = body;
	check(rest, { ZoneId: ZONE });
	if (rawEntries === undefined) {
		throw new ApiError('MissingParameter', ['RoleAssignmentInfo']);
	}
	if (!Array.isArray(rawEntries)) {
		throw new ApiError('InvalidParameter', ['RoleAssignmentInfo', 'RoleAssignmentInfo[]']);
	}
	if (rawEntries.length === 0) {
		throw new ApiError('InvalidParameterValue', ['RoleAssignmentInfo', `1 to ${MAX_ROLE_ASSIGNMENTS_PER_CALL} entries`]);
	}
	const entries = rawEntries.map(checkEntry);
	if (entries.length > MAX_ROLE_ASSIGNMENTS_PER_CALL) {
		throw new ApiError('LimitExceeded.CreateRoleAssignmentLimitExceeded', [String(MAX_ROLE_ASSIGNMENTS_PER_CALL)]);
	}
	checkZone(zone, body.ZoneId as string);
	const seen = new Set<string>();
	for (const e of entries) {
		configurationName(zone, e.RoleConfigurationId);
		requirePrincipal(zone, e.PrincipalType, e.PrincipalId);
		requireMember(zone, e.TargetUin);
		const key = assignmentKey(e);
		const change = changeKey({ ...e, TaskType: 'CreateRoleAssignment' });
		if (seen.has(key) || hasAssignment(zone, e) || zone.writes.pending(change)) {
			throw new ApiError('FailedOperation.RoleConfigurationAuthorizationAlreadyExist');
		}
		seen.add(key);
	}
	checkAuthorizationLimit(zone, entries);
	const tasks = entries.map((e) => newTask(zone, { ...e, TaskType: 'CreateRoleAssignment' }));
	zone.writes.start(tasks);
	return { Tasks: tasks.map((t) => ({ ...t })) };
}

function checkAuthorizationLimit(zone: ZoneState, entries: readonly RoleAssignmentInfo[]): void {
	const limit = zone.writes.authorizationLimit;
	if (limit === Infinity) {
		return;
	}
	const added = new Map<string, number>();
	for (const e of entries) {
		added.set(e.RoleConfigurationId, (added.get(e.RoleConfigurationId) ?? 0) + 1);
	}
	const assignments = zone.directory.derived().assignments;
	for (const [id, n] of added) {
		const held = assignments.filter((a) => a.RoleConfigurationId === id).length + zone.writes.pendingCreates(id);
		if (held + n > limit) {
			throw new ApiError('FailedOperation.RoleConfigurationAuthorizationOverLimit');
		}
	}
}

function deleteRoleAssignment(zone: ZoneState, body: JsonObject): Body<DeleteRoleAssignmentResponse> {
	check(body, {
		...TARGET,
		PrincipalType: { kind: 'String', required: true, allowed: PRINCIPAL_TYPES },
		PrincipalId: { kind: 'String', required: true },
		DeprovisionStrategy: { kind: 'String', allowed: DEPROVISION_STRATEGIES },
	});
	checkZone(zone, body.ZoneId as string);
	const fields = {
		RoleConfigurationId: body.RoleConfigurationId as string,
		TargetUin: body.TargetUin as number,
		TargetType: body.TargetType as string,
		PrincipalId: body.PrincipalId as string,
		PrincipalType: body.PrincipalType as string,
	};
	if (!hasAssignment(zone, fields) || zone.writes.pending(changeKey({ ...fields, TaskType: 'DeleteRoleAssignment' }))) {
		throw new ApiError('ResourceNotFound.RoleConfigurationAuthorizationNotFound');
	}
	const task = newTask(zone, { ...fields, TaskType: 'DeleteRoleAssignment' });
	const lastOnAccount = body.DeprovisionStrategy === 'DeprovisionForLastRoleAssignmentOnAccount';
	zone.writes.start([task], () => {
		const key = provisioningKey(fields);
		const derived = zone.directory.derived();
		const remaining = derived.assignments.some((a) => provisioningKey(a) === key);
		if (lastOnAccount && !remaining && derived.provisionings.some((p) => provisioningKey(p) === key)) {
			zone.writes.start([newTask(zone, { ...fields, PrincipalId: '', PrincipalType: '', TaskType: 'DeprovisionRoleConfiguration' })]);
		}
	});
	return { Task: { ...task } };
}

function targetFields(zone: ZoneState, body: JsonObject): Pick<TaskInfo, 'RoleConfigurationId' | 'TargetUin' | 'TargetType'> {
	check(body, TARGET);
	checkZone(zone, body.ZoneId as string);
	const fields = { RoleConfigurationId: body.RoleConfigurationId as string, TargetUin: body.TargetUin as number, TargetType: body.TargetType as string };
	requireMember(zone, fields.TargetUin);
	return fields;
}

function provisioningTask(task: TaskInfo): RoleProvisioningResponse['Task'] {
	return {
		TaskId: task.TaskId,
		RoleConfigurationId: task.RoleConfigurationId,
		RoleConfigurationName: task.RoleConfigurationName,
		TargetUin: task.TargetUin,
		TargetType: task.TargetType,
		TaskType: task.TaskType,
		TaskStatus: task.Status,
	};
}

function provisionRoleConfiguration(zone: ZoneState, body: JsonObject): Body<RoleProvisioningResponse> {
	const fields = targetFields(zone, body);
	// Not in the action's error list, yet an unknown configuration cannot be deployed (§8.11).
	configurationName(zone, fields.RoleConfigurationId);
	const task = newTask(zone, { ...fields, PrincipalId: '', PrincipalType: '', TaskType: 'ProvisionRoleConfiguration' });
	zone.writes.start([task]);
	return { Task: provisioningTask(task) };
}

function dismantleRoleConfiguration(zone: ZoneState, body: JsonObject): Body<RoleProvisioningResponse> {
	const fields = targetFields(zone, body);
	const key = provisioningKey(fields);
	const derived = zone.directory.derived();
	const deployment = derived.provisionings.find((p) => provisioningKey(p) === key);
	if (!deployment || zone.writes.pending(changeKey({ ...fields, PrincipalId: '', TaskType: 'DeprovisionRoleConfiguration' }))) {
		throw new ApiError('ResourceNotFound.RoleConfigurationProvisioningNotFound');
	}
	if (derived.assignments.some((a) => provisioningKey(a) === key)) {
		throw new ApiError('FailedOperation.RoleConfigurationAuthorizationExist');
	}
	if (zone.writes.pending(changeKey({ ...fields, PrincipalId: '', TaskType: 'ProvisionRoleConfiguration' }))) {
		throw new ApiError('FailedOperation.RoleConfigurationProvisioningStatusError');
	}
	const task = newTask(zone, { ...fields, PrincipalId: '', PrincipalType: '', TaskType: 'DeprovisionRoleConfiguration' });
	zone.writes.start([task]);
	return { Task: provisioningTask(task) };
}
