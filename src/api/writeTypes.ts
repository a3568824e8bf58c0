/**
 * Wire types of the four write actions that start CIC tasks (cic-context-api.md §6), field names as the SDK
 * models. Each answer carries the task(s) it started; the change itself happens when the task succeeds.
 */
import type { PrincipalTypeValue, TargetTypeValue, TaskStatusValue, TaskTypeValue } from './types';
import type { TaskInfo } from './types';

/** Most entries CreateRoleAssignment takes in one call (§6.1). */
export const MAX_ROLE_ASSIGNMENTS_PER_CALL = 50;

export type KnownDeprovisionStrategy = 'DeprovisionForLastRoleAssignmentOnAccount' | 'None';
export const DEPROVISION_STRATEGIES: readonly KnownDeprovisionStrategy[] = ['DeprovisionForLastRoleAssignmentOnAccount', 'None'];

export const WRITE_ACTIONS = ['CreateRoleAssignment', 'DeleteRoleAssignment', 'ProvisionRoleConfiguration', 'DismantleRoleConfiguration'] as const;
export type WriteAction = (typeof WRITE_ACTIONS)[number];

export function isWriteAction(action: string): action is WriteAction {
	return (WRITE_ACTIONS as readonly string[]).includes(action);
}

/** One entry of CreateRoleAssignment (§4.11). */
export interface RoleAssignmentInfo {
	PrincipalId: string;
	PrincipalType: PrincipalTypeValue;
	TargetUin: number;
	TargetType: TargetTypeValue;
	RoleConfigurationId: string;
}

export interface CreateRoleAssignmentRequest {
	ZoneId: string;
	RoleAssignmentInfo: RoleAssignmentInfo[];
}

export interface CreateRoleAssignmentResponse {
	Tasks: TaskInfo[];
	RequestId: string;
}

export interface DeleteRoleAssignmentRequest {
	ZoneId: string;
	RoleConfigurationId: string;
	TargetType: TargetTypeValue;
	TargetUin: number;
	PrincipalType: PrincipalTypeValue;
	PrincipalId: string;
	DeprovisionStrategy?: KnownDeprovisionStrategy;
}

export interface DeleteRoleAssignmentResponse {
	/** Optional in the model (§6.2); the emulator always sends it. */
	Task?: TaskInfo;
	RequestId: string;
}

/** ProvisionRoleConfiguration and DismantleRoleConfiguration take the same four parameters. */
export interface RoleConfigurationTargetRequest {
	ZoneId: string;
	RoleConfigurationId: string;
	TargetType: TargetTypeValue;
	TargetUin: number;
}

/** The RoleProvisioningsTask model: its status field is `TaskStatus`, not `Status` (§4.10). */
export interface RoleProvisioningsTask {
	TaskId: string;
	RoleConfigurationId: string;
	RoleConfigurationName: string;
	TargetUin: number;
	TargetType: TargetTypeValue;
	TaskType: TaskTypeValue;
	TaskStatus: TaskStatusValue;
}

export interface RoleProvisioningResponse {
	Task: RoleProvisioningsTask;
	RequestId: string;
}
