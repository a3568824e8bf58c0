import * as assert from 'node:assert/strict';
import type { CallOptions } from '../../../src/api/organizationClient';
import { TencentCloudError } from '../../../src/api/errors';
import type { GetTaskStatusRequest, GetTaskStatusResponse, TaskInfo } from '../../../src/api/types';
import { isAbortError } from '../../../src/api/errors';
import { errorMessage } from '../../../src/model/errorInfo';
import { groupBudget, LOAD_WHOLE_BOUND_FACTOR, TaskService, type CredentialsVerdict, type TaskServiceOptions, type TaskTarget } from '../../../src/model/taskService';
import type { OperationKind } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';
const CREDENTIALS = { secretId: 'AKIDtest', secretKey: 'test-key' };

/** GetTaskStatus answers as of the moment it was asked, but is held back while `hold` is set: a late answer. */
class GatedClient extends FakeOrganizationClient {
	hold = false;
	private readonly held: (() => void)[] = [];

	override async getTaskStatus(request: GetTaskStatusRequest, options: CallOptions = {}): Promise<GetTaskStatusResponse> {
		const answer = await super.getTaskStatus(request, options);
		if (this.hold) {
			await new Promise<void>((resolve) => this.held.push(resolve));
		}
		return answer;
	}

	get heldCount(): number {
		return this.held.length;
	}

	release(): void {
		this.hold = false;
		for (const resolve of this.held.splice(0)) {
			resolve();
		}
	}
}

interface Setup {
	service: TaskService<string>;
	client: GatedClient;
	verdicts: CredentialsVerdict<string>[];
	created: { endpoint: string }[];
	tickets: OperationKind[];
}

function target(overrides: Partial<Extract<TaskTarget<string>, { kind: 'profile' | 'sample' }>> = {}): TaskTarget<string> {
	return { kind: 'profile', label: 'default', endpoint: 'https://fake.invalid', zoneId: ZONE, credentials: () => Promise.resolve(CREDENTIALS), source: 'p1', ...overrides };
}

function setup(tasks: TaskInfo[] = makeTasks(60), options: Partial<TaskServiceOptions<string>> = {}): Setup {
	const client = new GatedClient(tasks);
	const verdicts: CredentialsVerdict<string>[] = [];
	const created: { endpoint: string }[] = [];
	const service = new TaskService<string>({
		createClient: (endpoint) => {
			created.push({ endpoint });
			return client;
		},
		describeError: (error) => `Described: ${errorMessage(error)}`,
		settings: () => ({ pageSize: 10, loadAllThreshold: 1000 }),
		onCredentialsVerdict: (verdict) => {
			verdicts.push(verdict);
		},
		loader: { pollThreshold: 1000 },
		...options,
	});
	const tickets: OperationKind[] = [];
	const begin = service.store.begin.bind(service.store);
	service.store.begin = (kind, parent) => {
		tickets.push(kind);
		return begin(kind, parent);
	};
	return { service, client, verdicts, created, tickets };
}

async function ready(s: Setup): Promise<void> {
	assert.equal(s.service.setTarget(target()).state, 'ready');
	assert.equal((await s.service.refresh())?.kind, 'success');
}

const ids = (tasks: readonly TaskInfo[]): string[] => tasks.map((t) => t.TaskId).sort();

describe('TaskService', () => {
	describe('target', () => {
		it('decides the view state from the target, and builds the client through the injected factory', () => {
			const s = setup();
			assert.equal(s.service.setTarget({ kind: 'none' }).state, 'noCredentials');
			assert.equal(s.service.setTarget(target({ credentials: undefined })).state, 'noCredentials');
			assert.equal(s.service.setTarget(target({ zoneId: undefined })).state, 'noZone');
			assert.equal(s.service.endpoint, undefined, 'no client without credentials and zone');
			assert.deepEqual(s.created, []);
			assert.equal(s.service.setTarget(target()).state, 'ready');
			assert.deepEqual(s.created, [{ endpoint: 'https://fake.invalid' }]);
			assert.equal(s.service.endpoint, s.client.endpoint);
			assert.equal(s.service.zoneId, ZONE);
			assert.equal(s.service.target.kind === 'profile' && s.service.target.source, 'p1');
		});

		it('gives connectionError, and no client, when the factory refuses the endpoint', async () => {
			const s = setup(makeTasks(10), {
				createClient: () => {
					throw new Error('http:// only to localhost');
				},
			});
			const result = s.service.setTarget(target({ endpoint: 'http://example.com' }));
			assert.equal(result.state, 'connectionError');
			assert.ok(result.error instanceof Error);
			assert.equal(s.service.connectionError, 'Described: http:// only to localhost');
			assert.equal(s.service.endpoint, undefined);
			assert.equal(await s.service.refresh(), undefined, 'nothing is sent');
		});

		it('a target switch clears the store at once, and the old target\'s late pages never land', async () => {
			const s = setup(makeTasks(300));
			await ready(s);
			assert.equal(s.service.store.size, 300);
			s.client.latencyMs = 2;
			const inFlight = s.service.refresh();
			await new Promise((resolve) => setTimeout(resolve, 5));
			const other = new FakeOrganizationClient(makeTasks(5, { idPrefix: 't-other' }));
			s.service.setTarget({ kind: 'none' });
			assert.equal(s.service.store.size, 0, 'cleared at once');
			assert.equal(s.service.state, 'noCredentials');
			assert.equal((await inFlight)?.kind, 'cancelled');
			assert.equal(s.service.store.size, 0, 'nothing of the old target landed');
			assert.equal(s.service.isLoading, false);
			assert.ok(other.listCalls.length === 0);
		});

		it('updates the target\'s details without reconnecting or reloading', async () => {
			const s = setup();
			await ready(s);
			const calls = s.client.listCalls.length;
			s.service.updateTargetDetails('renamed', 'p1-renamed');
			assert.equal(s.service.target.kind !== 'none' && s.service.target.label, 'renamed');
			assert.equal(s.service.store.size, 60);
			assert.equal(s.client.listCalls.length, calls);
			assert.equal(s.created.length, 1);
		});
	});

	it('a filter change clears at once, rebuilds the loader, and loads only what the new filter allows', async () => {
		const s = setup(makeTasks(200));
		await ready(s);
		assert.equal(s.service.setFilter({}), false, 'the same filter changes nothing');
		assert.equal(s.service.store.size, 200);
		assert.equal(s.service.setFilter({ roleConfigurationIds: ['rc-2abc'] }), true);
		assert.equal(s.service.store.size, 0, 'cleared at once');
		assert.deepEqual(s.service.currentFilter, { roleConfigurationIds: ['rc-2abc'] });
		const before = s.client.listCalls.length;
		assert.equal((await s.service.refresh())?.kind, 'success');
		assert.ok(s.client.listCalls.slice(before).every((r) => r.RoleConfigurationId === 'rc-2abc'), 'every listing carries the filter');
		assert.deepEqual(ids(s.service.store.tasks()), ids(s.client.tasks.filter((t) => t.RoleConfigurationId === 'rc-2abc')));
		// The target keeps the filter: a reconnect to the same target loads it filtered again.
		s.service.setTarget(target());
		assert.deepEqual(s.service.currentFilter, { roleConfigurationIds: ['rc-2abc'] });
		s.service.setTarget(target(), { filter: {} });
		assert.deepEqual(s.service.currentFilter, {}, 'sample data starts unfiltered');
	});

	describe('refresh', () => {
		it('a success loads everything and clears the stale mark', async () => {
			const s = setup();
			await ready(s);
			assert.deepEqual(ids(s.service.store.tasks()), ids(s.client.tasks));
			assert.equal(s.service.store.stale, undefined);
			assert.equal(s.service.state, 'ready');
		});

		it('a failure keeps the old data, marked stale with the injected description', async () => {
			const s = setup();
			await ready(s);
			s.client.intercept = () => new TencentCloudError('RequestLimitExceeded', 'Too many requests.');
			const outcome = await s.service.refresh();
			assert.equal(outcome?.kind, 'failure');
			assert.match(s.service.store.stale?.reason ?? '', /^Described: /);
			assert.equal(s.service.store.size, 60, 'old data kept');
			assert.equal(s.service.state, 'ready', 'loaded once: the view keeps the tree');
			s.client.intercept = undefined;
			assert.equal((await s.service.refresh())?.kind, 'success');
			assert.equal(s.service.store.stale, undefined);
		});

		it('a newer refresh supersedes an older one, which reports cancelled and lands nothing late', async () => {
			const s = setup(makeTasks(300));
			await ready(s);
			s.client.latencyMs = 2;
			const older = s.service.refresh();
			await new Promise((resolve) => setTimeout(resolve, 5));
			s.client.tasks = makeTasks(20);
			const newer = s.service.refresh();
			assert.equal((await older)?.kind, 'cancelled');
			assert.equal((await newer)?.kind, 'success');
			assert.deepEqual(ids(s.service.store.tasks()), ids(s.client.tasks));
			assert.equal(s.service.store.stale, undefined);
		});
	});

	describe('load failures map to view states', () => {
		it('Identity Center not open → cicNotOpen, then a good refresh → ready', async () => {
			const s = setup();
			s.service.setTarget(target());
			s.client.intercept = () => new TencentCloudError('FailedOperation.IdentityCenterNotOpen', 'CIC is not enabled.');
			assert.equal((await s.service.refresh())?.kind, 'failure');
			assert.equal(s.service.state, 'cicNotOpen');
			s.client.intercept = undefined;
			assert.equal((await s.service.refresh())?.kind, 'success');
			assert.equal(s.service.state, 'ready');
		});

		it('zone does not exist → zoneNotFound; but not once data was loaded', async () => {
			const s = setup();
			s.service.setTarget(target());
			s.client.intercept = () => new TencentCloudError('FailedOperation.ZoneIdNotExist', 'No such zone.');
			await s.service.refresh();
			assert.equal(s.service.state, 'zoneNotFound');
			s.client.intercept = undefined;
			await s.service.refresh();
			s.client.intercept = () => new TencentCloudError('FailedOperation.ZoneIdNotExist', 'No such zone.');
			await s.service.refresh();
			assert.equal(s.service.state, 'ready', 'loaded data stays shown, marked stale');
			assert.ok(s.service.store.stale);
		});

		it('an auth failure is a verdict on the target\'s credentials; a success clears it', async () => {
			const s = setup();
			s.service.setTarget(target());
			s.client.intercept = () => new TencentCloudError('AuthFailure.SignatureFailure', 'The signature is wrong.');
			assert.equal((await s.service.refresh())?.kind, 'failure');
			assert.equal(s.verdicts.length, 1);
			assert.equal(s.verdicts[0]?.target.kind === 'profile' && s.verdicts[0].target.source, 'p1');
			assert.match(s.verdicts[0]?.problem ?? '', /^Described: /);
			assert.equal(s.service.state, 'ready', 'not a view state of its own');
			s.client.intercept = undefined;
			await s.service.refresh();
			assert.deepEqual(s.verdicts.slice(1).map((v) => v.problem), [undefined]);
		});

		it('other failures give no verdict and no state change', async () => {
			const s = setup();
			s.service.setTarget(target());
			s.client.intercept = () => new TencentCloudError('InternalError', 'Oops.');
			await s.service.refresh();
			assert.deepEqual(s.verdicts, []);
			assert.equal(s.service.state, 'ready');
		});
	});

	describe('cancellation (one registry)', () => {
		it('cancelAll aborts a refresh, a "Load more", a poll and a task refresh alike', async () => {
			const s = setup(makeTasks(400), { settings: () => ({ pageSize: 10, loadAllThreshold: 5 }) });
			await ready(s);
			s.client.latencyMs = 5;
			const incomplete = s.service.store.statusGroups().find((g) => !g.complete);
			assert.ok(incomplete, 'a group is left to load');
			const refresh = s.service.refresh();
			const more = s.service.loadGroup(incomplete.status, 'all');
			const poll = s.service.poll();
			const task = s.service.refreshTask(s.client.tasks[0].TaskId).then(
				() => 'answered',
				(error: unknown) => (isAbortError(error) ? 'aborted' : errorMessage(error)),
			);
			assert.equal(s.service.isLoading, true);
			s.service.cancelAll();
			assert.equal((await refresh)?.kind, 'cancelled');
			assert.equal((await more)?.kind, 'cancelled');
			assert.equal((await poll)?.kind, 'cancelled');
			assert.equal(await task, 'aborted');
			assert.equal(s.service.isLoading, false);
			assert.equal(s.service.store.isLoading, false);
			assert.equal(s.service.store.stale, undefined, 'a cancellation is not a failure');
			s.client.latencyMs = 0;
			assert.equal((await s.service.poll())?.kind, 'success', 'the next poll runs as usual');
		});

		it('a caller\'s signal cancels its own load only', async () => {
			const s = setup(makeTasks(300));
			await ready(s);
			s.client.latencyMs = 3;
			const controller = new AbortController();
			const refresh = s.service.refresh(controller.signal);
			const task = s.service.refreshTask(s.client.tasks[1].TaskId);
			controller.abort();
			assert.equal((await refresh)?.kind, 'cancelled');
			assert.equal((await task).kind, 'found');
		});
	});

	describe('refreshTask', () => {
		it('writes GetTaskStatus back through a ticket of its own kind, and returns the task', async () => {
			const s = setup();
			await ready(s);
			const running = s.service.store.inProgressIds()[0];
			s.client.setStatus(running, 'Failed', 'quota');
			s.tickets.length = 0;
			const found = await s.service.refreshTask(running);
			assert.deepEqual(s.tickets, ['task']);
			assert.equal(found.kind, 'found');
			assert.equal(found.kind === 'found' && found.status.Status, 'Failed');
			assert.equal(found.kind === 'found' && found.task?.Status, 'Failed');
			assert.equal(s.service.store.get(running)?.task.Status, 'Failed');
			assert.equal(s.service.store.get(running)?.task.FailureReason, 'quota');
			assert.equal(s.service.store.groupState('Failed').loaded, s.client.tasks.filter((t) => t.Status === 'Failed').length);
		});

		it('says when the zone no longer has the task, without marking the view stale', async () => {
			const s = setup();
			await ready(s);
			assert.deepEqual(await s.service.refreshTask('t-gone'), { kind: 'notFound', zoneId: ZONE });
			assert.equal(s.service.store.stale, undefined);
			s.client.intercept = () => new TencentCloudError('InternalError', 'Oops.');
			await assert.rejects(s.service.refreshTask(s.client.tasks[0].TaskId), /Oops/);
			assert.equal(s.service.store.stale, undefined, 'a failed task refresh is its panel\'s error, not the view\'s');
		});

		it('a late, older poll cannot undo it', async () => {
			// Enough request slots for every held answer: held ones keep theirs, and the task refresh needs one.
			const s = setup(makeTasks(60), { loader: { pollThreshold: 1000, concurrency: 64 } });
			await ready(s);
			const running = s.service.store.inProgressIds()[0];
			s.client.hold = true;
			// The poll asks while the task is still running, and answers late.
			const poll = s.service.poll();
			await waitUntil(() => s.client.heldCount > 0);
			s.client.hold = false;
			s.client.setStatus(running, 'Success');
			const found = await s.service.refreshTask(running);
			assert.equal(found.kind === 'found' && found.task?.Status, 'Success');
			s.client.release();
			assert.equal((await poll)?.kind, 'success');
			assert.equal(s.service.store.get(running)?.task.Status, 'Success', 'the older poll did not undo the task refresh');
		});

		it('and a late task refresh cannot undo a newer poll', async () => {
			const s = setup();
			await ready(s);
			const running = s.service.store.inProgressIds()[0];
			s.client.hold = true;
			const task = s.service.refreshTask(running);
			await waitUntil(() => s.client.heldCount > 0);
			s.client.hold = false;
			s.client.setStatus(running, 'Success');
			assert.equal((await s.service.poll())?.kind, 'success');
			assert.equal(s.service.store.get(running)?.task.Status, 'Success');
			s.client.release();
			const found = await task;
			assert.equal(found.kind === 'found' && found.status.Status, 'InProgress', 'the answer itself is what the service said then');
			assert.equal(s.service.store.get(running)?.task.Status, 'Success', 'the older answer did not undo the newer poll');
		});

		it('throws without a client', async () => {
			const s = setup();
			s.service.setTarget(target({ zoneId: undefined }));
			await assert.rejects(s.service.refreshTask('t-000001'), { name: 'NoClientError' });
		});
	});

	describe('Go to Task lookup', () => {
		it('finds a loaded task (fresh from GetTaskStatus), one not loaded, and one that does not exist', async () => {
			const s = setup();
			await ready(s);
			s.service.setFilter({ statuses: ['Failed'] });
			await s.service.refresh();
			const failed = s.client.tasks.find((t) => t.Status === 'Failed')!;
			const success = s.client.tasks.find((t) => t.Status === 'Success')!;
			const calls = s.client.statusCalls.length;
			const loaded = await s.service.findTask(failed.TaskId);
			assert.equal(loaded.kind, 'loaded');
			assert.equal(loaded.kind === 'loaded' && loaded.task.TaskId, failed.TaskId);
			const notLoaded = await s.service.findTask(success.TaskId);
			assert.equal(notLoaded.kind, 'notLoaded');
			assert.equal(notLoaded.kind === 'notLoaded' && notLoaded.status.Status, 'Success');
			assert.equal(s.service.store.get(success.TaskId), undefined, 'a task outside the filter is not added to the tree');
			assert.deepEqual(await s.service.findTask('t-nope'), { kind: 'notFound', zoneId: ZONE });
			assert.deepEqual(s.client.statusCalls.slice(calls).map((r) => [r.ZoneId, r.TaskId]), [[ZONE, failed.TaskId], [ZONE, success.TaskId], [ZONE, 't-nope']]);
		});
	});

	it('load more reads the configured number of tasks; a failure flags the group, not the view', async () => {
		const s = setup(makeTasks(2000), { settings: () => ({ pageSize: 10, loadAllThreshold: 15 }) });
		await ready(s);
		const group = s.service.store.statusGroups().find((g) => !g.complete)!;
		const before = group.loaded;
		const more = await s.service.loadGroup(group.status, 'more');
		assert.equal(more?.kind, 'success', JSON.stringify(more));
		assert.ok(s.service.store.groupState(group.status).loaded >= before + 15);
		s.client.intercept = () => new TencentCloudError('InternalError', 'Oops.');
		const failed = await s.service.loadGroup(group.status, 'all');
		assert.equal(failed?.kind, 'failure');
		assert.ok(s.service.store.groupState(group.status).error);
		assert.equal(s.service.store.stale, undefined);
	});

	it('shows the retry the client waits on, until the load ends', async () => {
		const s = setup();
		s.service.setTarget(target());
		let seen: unknown;
		const original = s.client.listTasks.bind(s.client);
		s.client.listTasks = async (request, options) => {
			options?.onRetry?.({ attempt: 1, delayMs: 60_000, code: 'RequestLimitExceeded' } as never);
			seen ??= s.service.pendingRetry;
			return original(request, options);
		};
		await s.service.refresh();
		assert.ok(seen, 'shown while waiting');
		assert.equal(s.service.pendingRetry, undefined, 'gone once the load ended');
	});
});

describe('TaskService load depth (issue 14)', () => {
	const settings = { pageSize: 100, loadAllThreshold: 1000 };
	const budget = (status: string, total: number, loaded = 0, wantsAll = false): number =>
		groupBudget({ status, total, loaded, wantsAll, ...settings });

	it('reads Failed whole far past the threshold, and only Failed', () => {
		assert.equal(budget('Failed', 1051), Number.POSITIVE_INFINITY);
		assert.equal(budget('Failed', 1000 * LOAD_WHOLE_BOUND_FACTOR), Number.POSITIVE_INFINITY);
		assert.equal(budget('Failed', 1000 * LOAD_WHOLE_BOUND_FACTOR + 1), 100, 'bounded: past it, one page');
		assert.equal(budget('Success', 1051), 100);
		assert.equal(budget('InProgress', 1051, 400), 400, 'keeps what was loaded');
		assert.equal(budget('Success', 1000), Number.POSITIVE_INFINITY);
	});

	it('reads a group the user asked to load whole again whole, within the bound', () => {
		assert.equal(budget('Success', 1051, 0, true), Number.POSITIVE_INFINITY);
		assert.equal(budget('Success', 20_000, 12_000, true), 12_000, 'past the bound: as deep as before');
	});

	it('opens with Failed complete when it is over the threshold, the other groups partial', async () => {
		const tasks = [
			...makeTasks(1051, { statuses: ['Failed'], idPrefix: 'f-' }),
			...makeTasks(1200, { statuses: ['Success'], idPrefix: 's-' }),
		];
		const s = setup(tasks, { settings: () => settings });
		await ready(s);
		const failed = s.service.store.groupState('Failed');
		assert.equal(failed.total, 1051);
		assert.equal(failed.loaded, 1051);
		assert.equal(failed.complete, true);
		const success = s.service.store.groupState('Success');
		assert.equal(success.complete, false, 'Success follows the threshold');
		assert.ok(success.loaded < 1200, `Success loaded ${success.loaded}`);
	});

	it('keeps a finished Load all through a filter and Clear Filter', async () => {
		const tasks = makeTasks(1200, { statuses: ['Success'], idPrefix: 's-' });
		const s = setup(tasks, { settings: () => settings });
		await ready(s);
		assert.equal(s.service.store.groupState('Success').complete, false);
		assert.equal((await s.service.loadGroup('Success', 'all'))?.kind, 'success');
		assert.equal(s.service.store.groupState('Success').loaded, 1200);

		assert.ok(s.service.setFilter({ statuses: ['Success'] }));
		assert.equal((await s.service.refresh())?.kind, 'success');
		assert.equal(s.service.store.groupState('Success').loaded, 1200, 'filtered: still whole');
		assert.equal(s.service.store.groupState('Success').complete, true);

		assert.ok(s.service.setFilter({}));
		assert.equal((await s.service.refresh())?.kind, 'success');
		assert.equal(s.service.store.groupState('Success').loaded, 1200, 'Clear Filter: still whole');
		assert.equal(s.service.store.groupState('Success').complete, true);
	});

	it('reads a group loaded whole whole again on the next refresh, also when it grew', async () => {
		const s = setup(makeTasks(1200, { statuses: ['Success'], idPrefix: 's-' }), { settings: () => settings });
		await ready(s);
		assert.equal((await s.service.loadGroup('Success', 'all'))?.kind, 'success');
		s.client.tasks = [...s.client.tasks, ...makeTasks(150, { statuses: ['Success'], idPrefix: 'n-' })];
		assert.ok(s.service.setFilter({ statuses: ['Success'] }));
		assert.equal((await s.service.refresh())?.kind, 'success');
		assert.equal(s.service.store.groupState('Success').loaded, 1350);
		assert.equal(s.service.store.groupState('Success').complete, true);
	});

	it('keeps the depth of a "Load more" through a filter change', async () => {
		const tasks = makeTasks(3000, { statuses: ['Success'], idPrefix: 's-' });
		const s = setup(tasks, { settings: () => settings });
		await ready(s);
		assert.equal((await s.service.loadGroup('Success', 'more'))?.kind, 'success');
		const depth = s.service.store.groupState('Success').loaded;
		assert.ok(depth >= 1000, `loaded ${depth}`);
		assert.ok(s.service.setFilter({ statuses: ['Success'] }));
		assert.equal((await s.service.refresh())?.kind, 'success');
		assert.ok(s.service.store.groupState('Success').loaded >= depth, `after the filter: ${s.service.store.groupState('Success').loaded} of ${depth}`);
	});

	it('forgets "Load all" when the target changes', async () => {
		const tasks = makeTasks(1200, { statuses: ['Success'], idPrefix: 's-' });
		const s = setup(tasks, { settings: () => settings });
		await ready(s);
		await s.service.loadGroup('Success', 'all');
		await ready(s);
		assert.equal(s.service.store.groupState('Success').complete, false);
	});

	it('drops a retry notice that arrives after its load ended', async () => {
		const s = setup();
		s.service.setTarget(target());
		let late: ((notice: never) => void) | undefined;
		const original = s.client.listTasks.bind(s.client);
		s.client.listTasks = async (request, options) => {
			late ??= options?.onRetry as never;
			return original(request, options);
		};
		await s.service.refresh();
		assert.ok(late, 'the loader listens for retries');
		late({ attempt: 2, maxAttempts: 5, delayMs: 60_000, code: 'ClientError.InvalidResponse', reason: 'x', action: 'ListTasks' } as never);
		assert.equal(s.service.pendingRetry, undefined, 'no notice once nothing is loading');
	});
});

async function waitUntil(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 1000 && !condition(); i++) {
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	assert.ok(condition(), 'timed out');
}
