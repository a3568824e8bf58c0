import { AbortError } from '../api/errors';
import type { CallOptions, OrganizationClient } from '../api/organizationClient';
import type { DeploymentStatusValue, NextTokenPage } from '../api/directoryTypes';
import type { TaskInfo } from '../api/types';
import { pagingLoopError, TokenChain } from './pagingGuard';

/*
 * "Is it still broken": what the service says today about the thing a task is about, independent of the task's
 * own status. Two questions, each answered by one filtered NextToken listing (cic-context-api.md §5.11, §5.12):
 *   - does the role assignment (role configuration × account × principal) exist?  ListRoleAssignments
 *   - is the role configuration deployed on the account, and how?                 ListRoleConfigurationProvisionings
 * The filters narrow the listing, but rows are still matched exactly here: the service's filter semantics for
 * unknown IDs are not documented (§8.7), and a page may hold rows of other principals or accounts.
 *
 * Used by the detail panel's Now section and by the writes' preflight (issue 11): plain functions of the client,
 * no store, no vscode.
 */

/** What one part of a check found, with when the answer came; an error is kept per part, not thrown. */
export type CheckResult<T> = ({ state: 'answered'; value: T } | { state: 'error'; error: unknown } | { state: 'notApplicable' }) & {
	/** Epoch ms of the answer (or of the failure); undefined for notApplicable. */
	checkedAt?: number;
};

export type AssignmentNow = { exists: false } | { exists: true; createTime: string; updateTime: string };

export type ProvisioningNow =
	| { deployed: false }
	| {
		deployed: true;
		/** `Deployed`, `DeployedRequired` (needs redeploying), `DeployFailed`, or whatever the service says. */
		deploymentStatus: DeploymentStatusValue;
		updateTime: string;
	};

export interface NowState {
	assignment: CheckResult<AssignmentNow>;
	provisioning: CheckResult<ProvisioningNow>;
}

export interface NowCheckOptions {
	now?: () => number;
	/** Rows per page (1–100); the largest, so a check is one request in practice. */
	pageSize?: number;
}

const PAGE_SIZE = 100;

const PRINCIPAL_TYPES = new Set(['User', 'Group']);
const TARGET_TYPES = new Set(['MemberUin', 'ManagerUin']);

/** The role assignment a task names: all five parts, with types the service accepts as filters. */
export function assignmentApplies(task: TaskInfo): boolean {
	return provisioningApplies(task) && task.PrincipalId.length > 0 && PRINCIPAL_TYPES.has(task.PrincipalType);
}

/** The deployment a task names: role configuration × account. */
export function provisioningApplies(task: TaskInfo): boolean {
	return task.RoleConfigurationId.length > 0 && TARGET_TYPES.has(task.TargetType) && Number.isSafeInteger(task.TargetUin) && task.TargetUin >= 0;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw signal.reason ?? new AbortError();
	}
}

/**
 * Reads a NextToken listing until `find` returns a row or the listing ends. Stops like ListTasks' guard: a token
 * seen before, or more pages than TotalCounts allows, is ClientError.PagingLoop rather than an endless read.
 */
async function findInListing<P extends NextTokenPage, R>(
	action: string,
	fetch: (nextToken: string | undefined) => Promise<P>,
	rowsOf: (page: P) => readonly R[],
	find: (row: R) => boolean,
	signal: AbortSignal | undefined,
): Promise<R | undefined> {
	const chain = new TokenChain(PAGE_SIZE);
	let token: string | undefined;
	for (;;) {
		throwIfAborted(signal);
		const page = await fetch(token);
		const hit = rowsOf(page).find(find);
		if (hit !== undefined) {
			return hit;
		}
		const next = page.IsTruncated ? page.NextToken : undefined;
		// The §5.12 example sends IsTruncated true with NextToken "": that is the end, not a first page again.
		if (next === undefined || next === '') {
			return undefined;
		}
		const stop = chain.advance(next, page.TotalCounts, page.MaxResults);
		if (stop !== undefined) {
			throw pagingLoopError(`${action}: ${stop}`, action);
		}
		token = next;
	}
}

/** Whether the role assignment the task is about exists today (ListRoleAssignments, filtered to it). */
export async function checkAssignment(client: OrganizationClient, zoneId: string, task: TaskInfo, signal?: AbortSignal, options: NowCheckOptions = {}): Promise<AssignmentNow> {
	const call: CallOptions = { signal };
	const row = await findInListing(
		'ListRoleAssignments',
		(NextToken) =>
			client.listRoleAssignments(
				{
					ZoneId: zoneId,
					RoleConfigurationId: task.RoleConfigurationId,
					TargetType: task.TargetType,
					TargetUin: task.TargetUin,
					PrincipalType: task.PrincipalType,
					PrincipalId: task.PrincipalId,
					MaxResults: options.pageSize ?? PAGE_SIZE,
					...(NextToken !== undefined ? { NextToken } : {}),
				},
				call,
			),
		(page) => page.RoleAssignments,
		(a) => a.RoleConfigurationId === task.RoleConfigurationId && a.TargetUin === task.TargetUin && a.PrincipalId === task.PrincipalId,
		signal,
	);
	return row ? { exists: true, createTime: row.CreateTime, updateTime: row.UpdateTime } : { exists: false };
}

/** The role configuration's deployment on the task's account today (ListRoleConfigurationProvisionings). */
export async function checkProvisioning(client: OrganizationClient, zoneId: string, task: TaskInfo, signal?: AbortSignal, options: NowCheckOptions = {}): Promise<ProvisioningNow> {
	const call: CallOptions = { signal };
	const row = await findInListing(
		'ListRoleConfigurationProvisionings',
		(NextToken) =>
			client.listRoleConfigurationProvisionings(
				{
					ZoneId: zoneId,
					RoleConfigurationId: task.RoleConfigurationId,
					TargetType: task.TargetType,
					TargetUin: task.TargetUin,
					MaxResults: options.pageSize ?? PAGE_SIZE,
					...(NextToken !== undefined ? { NextToken } : {}),
				},
				call,
			),
		(page) => page.RoleConfigurationProvisionings,
		(p) => p.RoleConfigurationId === task.RoleConfigurationId && p.TargetUin === task.TargetUin,
		signal,
	);
	return row ? { deployed: true, deploymentStatus: row.DeploymentStatus, updateTime: row.UpdateTime } : { deployed: false };
}

async function settle<T>(applies: boolean, run: () => Promise<T>, now: () => number, signal: AbortSignal | undefined): Promise<CheckResult<T>> {
	if (!applies) {
		return { state: 'notApplicable' };
	}
	try {
		const value = await run();
		return { state: 'answered', value, checkedAt: now() };
	} catch (error) {
		// Cancellation is the caller's decision, not a result to show: it rejects the whole check.
		throwIfAborted(signal);
		return { state: 'error', error, checkedAt: now() };
	}
}

/**
 * Both checks for one task, in parallel. A part whose IDs the service cannot take as filters (an empty
 * RoleConfigurationId, an unknown PrincipalType or TargetType) is `notApplicable` and sends nothing; a part that
 * fails carries its error, so one failed listing never hides the other's answer. Rejects only when `signal`
 * aborts (with its reason).
 */
export async function checkNow(client: OrganizationClient, zoneId: string, task: TaskInfo, signal?: AbortSignal, options: NowCheckOptions = {}): Promise<NowState> {
	const now = options.now ?? Date.now;
	throwIfAborted(signal);
	const [assignment, provisioning] = await Promise.all([
		settle(assignmentApplies(task), () => checkAssignment(client, zoneId, task, signal, options), now, signal),
		settle(provisioningApplies(task), () => checkProvisioning(client, zoneId, task, signal, options), now, signal),
	]);
	throwIfAborted(signal);
	return { assignment, provisioning };
}
