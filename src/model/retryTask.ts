import { isAbortError, isNotFound, isTencentCloudError } from '../api/errors';
import type { OrganizationClient } from '../api/organizationClient';
import type { TaskInfo } from '../api/types';
import { isWriteOutcomeUnknownError } from '../api/writeSafety';
import type { KnownDeprovisionStrategy, RoleProvisioningsTask, WriteAction } from '../api/writeTypes';
import { checkAssignment, checkProvisioning } from './nowCheck';
import { assignmentInfo, changeKeyOf, isAssignmentAction, probeTask, requestsFor, TASK_TYPE_OF_ACTION, type RetryChange, type RetryRequest } from './retryPlan';

/**
 * Retry Task's two halves, without VS Code (issue 11):
 *   1. preflight: is each old task still failed (GetTaskStatus), is its change already in place or already running
 *      (the Now checks, ListTasks)? "Already done" is a result, not an error;
 *   2. send: the writes for the changes still needed, each request once. When its outcome is unknown (the client's
 *      WriteOutcomeUnknown) or a batch conflicts, every change is looked up again (a task of it running, or the
 *      change in place) and only the changes certainly not made are sent once more; nothing is ever applied twice.
 * Every request sent is written to the audit log: action, IDs, RequestId, the new task IDs.
 */

export interface RetryLog {
	info(message: string): void;
	warn(message: string): void;
}

export interface RetryContext {
	readonly client: OrganizationClient;
	readonly zoneId: string;
	readonly log: RetryLog;
}

export type PreflightVerdict =
	| { kind: 'needed' }
	/** An old task is no longer Failed: running again (`InProgress`) or done after all (`Success`). */
	| { kind: 'notFailed'; status: string; taskId: string }
	| { kind: 'alreadyDone'; detail: AlreadyDoneDetail }
	/** A task of the same change is running now (someone else retried it). */
	| { kind: 'running'; taskIds: string[] }
	| { kind: 'error'; error: unknown };

export type AlreadyDoneDetail = 'assignmentExists' | 'assignmentGone' | 'deployed' | 'notDeployed';

export interface PreflightResult {
	readonly change: RetryChange;
	readonly verdict: PreflightVerdict;
}

export type RetryOutcome =
	| { kind: 'started'; tasks: TaskInfo[]; requestId: string | undefined; verified: boolean }
	| { kind: 'alreadyDone'; detail: AlreadyDoneDetail | 'running'; taskIds: string[] }
	| { kind: 'failed'; error: unknown };

export interface RetryResult {
	readonly change: RetryChange;
	readonly outcome: RetryOutcome;
}

/** The conflict each write answers when its change is already made (or being made). */
const ALREADY_CODES: Readonly<Record<WriteAction, string>> = {
	CreateRoleAssignment: 'FailedOperation.RoleConfigurationAuthorizationAlreadyExist',
	DeleteRoleAssignment: 'ResourceNotFound.RoleConfigurationAuthorizationNotFound',
	ProvisionRoleConfiguration: '',
	DismantleRoleConfiguration: 'ResourceNotFound.RoleConfigurationProvisioningNotFound',
};

function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) {
		throw signal.reason;
	}
}

/** Quoted unless plain, so an ID from the service cannot forge a second log line. */
function logValue(value: string | number): string {
	return typeof value === 'number' || /^[\w.:@-]+$/.test(value) ? String(value) : JSON.stringify(value);
}

export function describeChangeIds(c: RetryChange): string {
	const parts = [`RoleConfigurationId=${logValue(c.roleConfigurationId)}`, `TargetType=${logValue(c.targetType)}`, `TargetUin=${c.targetUin}`];
	if (isAssignmentAction(c.action)) {
		parts.push(`PrincipalType=${logValue(c.principalType)}`, `PrincipalId=${logValue(c.principalId)}`);
	}
	return parts.join(' ');
}

/** Whether the change is in place now, by the state actions; undefined when it is not. */
async function doneNow(ctx: RetryContext, c: RetryChange, signal: AbortSignal | undefined): Promise<AlreadyDoneDetail | undefined> {
	const probe = probeTask(c);
	switch (c.action) {
		case 'CreateRoleAssignment':
			return (await checkAssignment(ctx.client, ctx.zoneId, probe, signal)).exists ? 'assignmentExists' : undefined;
		case 'DeleteRoleAssignment':
			return (await checkAssignment(ctx.client, ctx.zoneId, probe, signal)).exists ? undefined : 'assignmentGone';
		case 'ProvisionRoleConfiguration': {
			const now = await checkProvisioning(ctx.client, ctx.zoneId, probe, signal);
			// DeployedRequired and DeployFailed are exactly what a provisioning retry is for.
			return now.deployed && now.deploymentStatus === 'Deployed' ? 'deployed' : undefined;
		}
		case 'DismantleRoleConfiguration':
			return (await checkProvisioning(ctx.client, ctx.zoneId, probe, signal)).deployed ? undefined : 'notDeployed';
	}
}

/** Tasks of this change running now (ListTasks filtered to it, matched exactly). */
async function runningTasks(ctx: RetryContext, c: RetryChange, signal: AbortSignal | undefined): Promise<TaskInfo[]> {
	const taskType = TASK_TYPE_OF_ACTION[c.action];
	const page = await ctx.client.listTasks(
		{
			ZoneId: ctx.zoneId,
			TaskType: taskType,
			RoleConfigurationId: c.roleConfigurationId,
			TargetUin: c.targetUin,
			...(isAssignmentAction(c.action) ? { PrincipalId: c.principalId } : {}),
			Status: 'InProgress',
			MaxResults: 100,
		},
		{ signal },
	);
	const key = changeKeyOf(c);
	return page.Tasks.filter((t) => t.Status === 'InProgress' && changeKeyOf({ action: c.action, roleConfigurationId: t.RoleConfigurationId, targetUin: t.TargetUin, principalId: t.PrincipalId }) === key);
}

async function preflightOne(ctx: RetryContext, c: RetryChange, signal: AbortSignal | undefined): Promise<PreflightVerdict> {
	for (const task of c.tasks) {
		try {
			const { TaskStatus } = await ctx.client.getTaskStatus({ ZoneId: ctx.zoneId, TaskId: task.TaskId }, { signal });
			if (TaskStatus.Status !== 'Failed') {
				return { kind: 'notFailed', status: TaskStatus.Status, taskId: task.TaskId };
			}
		} catch (error) {
			// A task the zone no longer lists says nothing about its change: the state checks below decide.
			if (!isNotFound(error)) {
				throw error;
			}
		}
	}
	const done = await doneNow(ctx, c, signal);
	if (done !== undefined) {
		return { kind: 'alreadyDone', detail: done };
	}
	const running = await runningTasks(ctx, c, signal);
	return running.length > 0 ? { kind: 'running', taskIds: running.map((t) => t.TaskId) } : { kind: 'needed' };
}

/** The preflight of every change, one after another (they share the client's rate budgets). Rejects only on abort. */
export async function preflight(ctx: RetryContext, changes: readonly RetryChange[], signal?: AbortSignal): Promise<PreflightResult[]> {
	const results: PreflightResult[] = [];
	for (const change of changes) {
		throwIfAborted(signal);
		let verdict: PreflightVerdict;
		try {
			verdict = await preflightOne(ctx, change, signal);
		} catch (error) {
			throwIfAborted(signal);
			if (isAbortError(error)) {
				throw error;
			}
			verdict = { kind: 'error', error };
		}
		results.push({ change, verdict });
	}
	return results;
}

function fromProvisioningTask(action: WriteAction, t: RoleProvisioningsTask): TaskInfo {
	// The examples answer TaskType CreateRoleAssignment here (§6.0): the action sent decides the type.
	return {
		TaskId: t.TaskId,
		RoleConfigurationId: t.RoleConfigurationId,
		RoleConfigurationName: t.RoleConfigurationName,
		TargetUin: t.TargetUin,
		TargetType: t.TargetType,
		PrincipalId: '',
		PrincipalType: '',
		TaskType: TASK_TYPE_OF_ACTION[action],
		Status: t.TaskStatus,
		FailureReason: '',
	};
}

/** The tasks the answer names, per change of the request (matched by IDs; a lone change takes whatever came). */
function tasksPerChange(request: RetryRequest, tasks: readonly TaskInfo[]): Map<RetryChange, TaskInfo[]> {
	const result = new Map<RetryChange, TaskInfo[]>(request.changes.map((c) => [c, []]));
	for (const task of tasks) {
		const typed = task.TaskType === '' ? { ...task, TaskType: TASK_TYPE_OF_ACTION[request.action] } : task;
		const key = changeKeyOf({ action: request.action, roleConfigurationId: task.RoleConfigurationId, targetUin: task.TargetUin, principalId: task.PrincipalId });
		const change = request.changes.find((c) => changeKeyOf(c) === key) ?? (request.changes.length === 1 ? request.changes[0] : undefined);
		if (change) {
			result.get(change)?.push(typed);
		}
	}
	return result;
}

async function sendOnce(ctx: RetryContext, request: RetryRequest, signal: AbortSignal | undefined): Promise<{ requestId: string; tasks: TaskInfo[] }> {
	const c = request.changes[0];
	const target = { ZoneId: ctx.zoneId, RoleConfigurationId: c.roleConfigurationId, TargetType: c.targetType, TargetUin: c.targetUin };
	switch (request.action) {
		case 'CreateRoleAssignment': {
			const r = await ctx.client.createRoleAssignment({ ZoneId: ctx.zoneId, RoleAssignmentInfo: request.changes.map(assignmentInfo) }, { signal });
			return { requestId: r.RequestId, tasks: r.Tasks };
		}
		case 'DeleteRoleAssignment': {
			const r = await ctx.client.deleteRoleAssignment(
				{ ...target, PrincipalType: c.principalType, PrincipalId: c.principalId, DeprovisionStrategy: request.deprovisionStrategy ?? 'None' },
				{ signal },
			);
			return { requestId: r.RequestId, tasks: r.Task ? [r.Task] : [] };
		}
		case 'ProvisionRoleConfiguration': {
			const r = await ctx.client.provisionRoleConfiguration(target, { signal });
			return { requestId: r.RequestId, tasks: [fromProvisioningTask(request.action, r.Task)] };
		}
		case 'DismantleRoleConfiguration': {
			const r = await ctx.client.dismantleRoleConfiguration(target, { signal });
			return { requestId: r.RequestId, tasks: [fromProvisioningTask(request.action, r.Task)] };
		}
	}
}

function audit(ctx: RetryContext, request: RetryRequest, line: string): void {
	const strategy = request.action === 'DeleteRoleAssignment' ? ` DeprovisionStrategy=${request.deprovisionStrategy ?? 'None'}` : '';
	for (const c of request.changes) {
		ctx.log.info(`Retry Task: ${request.action} ${describeChangeIds(c)}${strategy} (retrying ${c.tasks.map((t) => logValue(t.TaskId)).join(', ')}): ${line}`);
	}
}

function errorText(error: unknown): string {
	return isTencentCloudError(error) ? `${error.code}${error.requestId ? `, RequestId ${error.requestId}` : ''}` : error instanceof Error ? error.message : String(error);
}

type Looked = { kind: 'running'; tasks: TaskInfo[] } | { kind: 'done'; detail: AlreadyDoneDetail } | { kind: 'notMade' };

/** After an unknown outcome or a conflict: what became of the change. */
async function lookAgain(ctx: RetryContext, c: RetryChange, signal: AbortSignal | undefined): Promise<Looked> {
	const running = await runningTasks(ctx, c, signal);
	if (running.length > 0) {
		return { kind: 'running', tasks: running };
	}
	const done = await doneNow(ctx, c, signal);
	return done === undefined ? { kind: 'notMade' } : { kind: 'done', detail: done };
}

async function sendRequest(ctx: RetryContext, request: RetryRequest, signal: AbortSignal | undefined, resent: boolean): Promise<RetryResult[]> {
	try {
		const answer = await sendOnce(ctx, request, signal);
		audit(ctx, request, `sent${resent ? ' again after checking it was not applied' : ''}; RequestId ${answer.requestId}; new task(s) ${answer.tasks.map((t) => logValue(t.TaskId)).join(', ') || 'none named'}`);
		const perChange = tasksPerChange(request, answer.tasks);
		const results: RetryResult[] = [];
		for (const c of request.changes) {
			let tasks = perChange.get(c) ?? [];
			// DeleteRoleAssignment's Task is optional in the model: find the task it started.
			if (tasks.length === 0) {
				tasks = await runningTasks(ctx, c, signal).catch(() => []);
			}
			results.push({ change: c, outcome: { kind: 'started', tasks, requestId: answer.requestId, verified: false } });
		}
		return results;
	} catch (error) {
		if (signal?.aborted) {
			audit(ctx, request, 'cancelled before the answer came; it may or may not have been applied');
			throw error;
		}
		const code = isTencentCloudError(error) ? error.code : undefined;
		const conflict = code !== undefined && code === ALREADY_CODES[request.action];
		const unknown = isWriteOutcomeUnknownError(error);
		// One bad entry (a deleted user, say) refuses a whole CreateRoleAssignment batch: each change is then
		// looked up and sent alone, so the others still go through and none is applied twice.
		const batchRefused = !unknown && !conflict && request.changes.length > 1;
		audit(ctx, request, `${unknown ? 'outcome unknown' : conflict ? 'refused as already done' : 'refused'} (${errorText(error)})`);
		if (!unknown && !conflict && !batchRefused) {
			return request.changes.map((c) => ({ change: c, outcome: { kind: 'failed', error } }));
		}
		const results: RetryResult[] = [];
		const notMade: RetryChange[] = [];
		for (const c of request.changes) {
			let looked: Looked;
			try {
				looked = await lookAgain(ctx, c, signal);
			} catch (lookError) {
				throwIfAborted(signal);
				// Cannot tell: sending again could apply it twice, so the change is reported, not re-sent.
				results.push({ change: c, outcome: { kind: 'failed', error } });
				ctx.log.warn(`Retry Task: could not check whether ${request.action} ${describeChangeIds(c)} was applied (${errorText(lookError)}); not sent again.`);
				continue;
			}
			if (looked.kind === 'running') {
				const ids = looked.tasks.map((t) => t.TaskId);
				ctx.log.info(`Retry Task: ${request.action} ${describeChangeIds(c)}: task(s) ${ids.map(logValue).join(', ')} running`);
				results.push({ change: c, outcome: unknown ? { kind: 'started', tasks: looked.tasks, requestId: undefined, verified: true } : { kind: 'alreadyDone', detail: 'running', taskIds: ids } });
			} else if (looked.kind === 'done') {
				results.push({ change: c, outcome: { kind: 'alreadyDone', detail: looked.detail, taskIds: [] } });
			} else if (conflict && request.changes.length === 1) {
				results.push({ change: c, outcome: { kind: 'failed', error } });
			} else {
				notMade.push(c);
			}
		}
		if (notMade.length > 0) {
			if (resent) {
				results.push(...notMade.map((c): RetryResult => ({ change: c, outcome: { kind: 'failed', error } })));
			} else if (unknown) {
				results.push(...(await sendRequest(ctx, { ...request, changes: notMade }, signal, true)));
			} else {
				for (const c of notMade) {
					results.push(...(await sendRequest(ctx, { ...request, changes: [c] }, signal, true)));
				}
			}
		}
		return results;
	}
}

/** Sends the writes for `changes` (already preflighted and confirmed), batched; one result per change. */
export async function sendRetries(
	ctx: RetryContext,
	changes: readonly RetryChange[],
	options: { deprovisionStrategy?: KnownDeprovisionStrategy; signal?: AbortSignal } = {},
): Promise<RetryResult[]> {
	const results: RetryResult[] = [];
	for (const request of requestsFor(changes, options.deprovisionStrategy)) {
		throwIfAborted(options.signal);
		results.push(...(await sendRequest(ctx, request, options.signal, false)));
	}
	return results;
}
