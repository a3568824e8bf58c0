import type { CallOptions, OrganizationClient } from '../../../src/api/organizationClient';
import { AbortError, TencentCloudError } from '../../../src/api/errors';
import type {
	GetTaskStatusRequest,
	GetTaskStatusResponse,
	ListTasksFilter,
	ListTasksRequest,
	ListTasksResponse,
	TaskInfo,
} from '../../../src/api/types';
import { TASK_TYPES } from '../../../src/api/types';
import { DirectoryUnsupported } from '../api/directoryUnsupported';

const FILTER_FIELDS: (keyof ListTasksFilter)[] = [
	'PrincipalId',
	'PrincipalType',
	'TargetUin',
	'TargetType',
	'RoleConfigurationId',
	'Status',
	'TaskType',
];

/**
 * A ListTasks answer of the test's own, in place of the in-memory data: for servers that misbehave (tokens
 * that come round again, pages that repeat, TotalCounts that lies). `call` counts every call of the client.
 */
export type ListAnswer = (request: ListTasksRequest, call: number) => ListTasksResponse;

/** What a test can make a call do instead of answering normally. */
export type Interceptor = (kind: 'ListTasks' | 'GetTaskStatus', request: ListTasksRequest | GetTaskStatusRequest, call: number) => Error | undefined;

/**
 * An in-memory OrganizationClient with the service's paging semantics: filters ANDed, TotalCounts of the
 * filtered set, MaxResults 1–100 (default 10), NextToken only when truncated and tied to the filters
 * (InvalidParameter.NextTokenInvalid otherwise). Pages are offsets into the TaskId-ordered result, so data
 * moving between pages shifts them, as it would on the service.
 */
export class FakeOrganizationClient extends DirectoryUnsupported implements OrganizationClient {
	readonly endpoint = 'https://fake.invalid';
	tasks: TaskInfo[];
	readonly listCalls: ListTasksRequest[] = [];
	readonly statusCalls: GetTaskStatusRequest[] = [];
	/** Delay of every call, on real timers (0 = answer on the next microtask). */
	latencyMs = 0;
	inFlight = 0;
	maxInFlight = 0;
	intercept: Interceptor | undefined;
	/** When set, ListTasks answers with this (latency, aborts and intercept still apply). */
	listAnswer: ListAnswer | undefined;
	/** Tokens issued so far can be invalidated to simulate expiry. */
	tokenEpoch = 0;
	private calls = 0;

	constructor(tasks: TaskInfo[] = []) {
		super();
		this.tasks = tasks;
	}

	async listTasks(request: ListTasksRequest, options: CallOptions = {}): Promise<ListTasksResponse> {
		this.listCalls.push({ ...request });
		return this.call('ListTasks', request, options, (call) => this.listAnswer?.(request, call) ?? this.page(request));
	}

	async *listTaskPages(request: ListTasksRequest, options: CallOptions = {}): AsyncIterable<ListTasksResponse> {
		let next: string | undefined;
		do {
			const page = await this.listTasks({ ...request, NextToken: next }, options);
			yield page;
			next = page.IsTruncated ? page.NextToken : undefined;
		} while (next);
	}

	async getTaskStatus(request: GetTaskStatusRequest, options: CallOptions = {}): Promise<GetTaskStatusResponse> {
		this.statusCalls.push({ ...request });
		return this.call('GetTaskStatus', request, options, () => {
			const task = this.tasks.find((t) => t.TaskId === request.TaskId);
			if (!task) {
				throw new TencentCloudError('ResourceNotFound.RoleConfigurationTaskNotFound', 'The task does not exist.');
			}
			return {
				TaskStatus: {
					TaskId: task.TaskId,
					TaskType: task.TaskType,
					Status: task.Status,
					...(task.Status === 'Failed' ? { FailureReason: task.FailureReason } : {}),
				},
				RequestId: `req-${this.calls}`,
			};
		});
	}

	setStatus(taskId: string, status: string, reason = ''): void {
		this.tasks = this.tasks.map((t) => (t.TaskId === taskId ? { ...t, Status: status, FailureReason: reason } : t));
	}

	private async call<T>(
		kind: 'ListTasks' | 'GetTaskStatus',
		request: ListTasksRequest | GetTaskStatusRequest,
		options: CallOptions,
		answer: (call: number) => T,
	): Promise<T> {
		const call = ++this.calls;
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			await this.wait(options.signal);
			const injected = this.intercept?.(kind, request, call);
			if (injected) {
				throw injected;
			}
			return answer(call);
		} finally {
			this.inFlight--;
		}
	}

	private wait(signal: AbortSignal | undefined): Promise<void> {
		if (signal?.aborted) {
			return Promise.reject(new AbortError());
		}
		return new Promise((resolve, reject) => {
			const onAbort = (): void => {
				clearTimeout(timer);
				reject(new AbortError());
			};
			const timer = setTimeout(() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			}, this.latencyMs);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	private page(request: ListTasksRequest): ListTasksResponse {
		const max = request.MaxResults ?? 10;
		if (!Number.isInteger(max) || max < 1 || max > 100) {
			throw new TencentCloudError('InvalidParameterValue', 'MaxResults must be between 1 and 100.');
		}
		const filterKey = JSON.stringify(FILTER_FIELDS.map((f) => request[f] ?? null));
		let offset = 0;
		if (request.NextToken !== undefined) {
			const decoded = decodeToken(request.NextToken);
			if (!decoded || decoded.filterKey !== filterKey || decoded.epoch !== this.tokenEpoch) {
				throw new TencentCloudError('InvalidParameter.NextTokenInvalid', '无效的nextToken');
			}
			offset = decoded.offset;
		}
		const matching = this.tasks
			.filter((t) => FILTER_FIELDS.every((f) => request[f] === undefined || t[f] === request[f]))
			.sort((a, b) => (a.TaskId < b.TaskId ? -1 : 1));
		const slice = matching.slice(offset, offset + max);
		const truncated = offset + max < matching.length;
		return {
			Tasks: slice.map((t) => ({ ...t })),
			TotalCounts: matching.length,
			MaxResults: max,
			IsTruncated: truncated,
			...(truncated ? { NextToken: encodeToken({ offset: offset + max, filterKey, epoch: this.tokenEpoch }) } : {}),
			RequestId: `req-${this.calls}`,
		};
	}
}

interface Token {
	offset: number;
	filterKey: string;
	epoch: number;
}

function encodeToken(token: Token): string {
	return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeToken(text: string): Token | undefined {
	try {
		const value = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<Token>;
		return typeof value.offset === 'number' && typeof value.filterKey === 'string' && typeof value.epoch === 'number'
			? (value as Token)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Deterministic sample tasks: statuses, types, role configurations, principals and targets spread out. */
export function makeTasks(count: number, options: { statuses?: string[]; idPrefix?: string; types?: readonly string[] } = {}): TaskInfo[] {
	const statuses = options.statuses ?? ['Failed', 'InProgress', 'Success', 'Success', 'Success'];
	const types = options.types ?? TASK_TYPES;
	const out: TaskInfo[] = [];
	for (let i = 0; i < count; i++) {
		const rc = i % 7;
		const status = statuses[i % statuses.length];
		out.push({
			TaskId: `${options.idPrefix ?? 't-'}${String(i).padStart(6, '0')}`,
			RoleConfigurationId: `rc-${rc}abc`,
			RoleConfigurationName: `Role${String.fromCharCode(90 - rc)}`,
			TargetUin: 100000000000 + (i % 13),
			TargetType: i % 11 === 0 ? 'ManagerUin' : 'MemberUin',
			PrincipalId: i % 3 === 0 ? `g-${i % 5}grp` : `u-${i % 17}usr`,
			PrincipalType: i % 3 === 0 ? 'Group' : 'User',
			TaskType: types[i % types.length],
			Status: status,
			FailureReason: status === 'Failed' ? `Role policy quota exceeded on account ${i % 13}` : '',
		});
	}
	return out;
}
