import * as assert from 'node:assert/strict';
import { TencentCloudError } from '../../../src/api/errors';
import type { ListTasksRequest, TaskInfo } from '../../../src/api/types';
import { isAbortError } from '../../../src/api/errors';
import type { LoadProgress } from '../../../src/model/loader';
import { ListingError, TaskLoader } from '../../../src/model/loader';
import { runLoadMore, runPoll, runRefresh } from '../../../src/model/refresh';
import type { TaskTransition } from '../../../src/model/taskStore';
import { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';

function ids(tasks: readonly TaskInfo[]): string[] {
	return tasks.map((t) => t.TaskId).sort();
}

function ofStatus(client: FakeOrganizationClient, status: string): TaskInfo[] {
	return client.tasks.filter((t) => t.Status === status);
}

function isPage(r: ListTasksRequest): boolean {
	return r.MaxResults !== 1;
}

describe('TaskLoader', () => {
	it('counts every status exactly before any task is shown', async () => {
		const client = new FakeOrganizationClient(makeTasks(1000));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		let totalsSeenBeforePages = false;
		store.onDidChange(() => {
			// The first pages bring the counts (one round trip), but their tasks land after the totals.
			if (store.total('Success') !== undefined && store.size === 0) {
				totalsSeenBeforePages = true;
			}
		});
		const outcome = await runRefresh({ store, loader, budget: () => 100 });
		assert.deepEqual(outcome, { kind: 'success' });
		// The count of all statuses checks that the task types' first pages add up to everything (issue 12).
		const countCalls = client.listCalls.filter((r) => r.MaxResults === 1);
		assert.deepEqual(countCalls.map((r) => [r.Status, r.TaskType, r.ZoneId, r.NextToken]), [[undefined, undefined, ZONE, undefined]]);
		assert.ok(client.listCalls.indexOf(countCalls[0]) < client.listCalls.findIndex(isPage), 'the count before the first page');
		assert.ok(totalsSeenBeforePages, 'the store knew the exact totals before any page arrived');
		for (const status of ['Failed', 'InProgress', 'Success']) {
			assert.equal(store.total(status), ofStatus(client, status).length);
		}
	});

	it('counts every status with MaxResults=1 under a status filter, before any page', async () => {
		const client = new FakeOrganizationClient(makeTasks(1000));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE, filter: { statuses: ['Failed', 'Success'] } });
		assert.deepEqual(await runRefresh({ store, loader, budget: () => 100 }), { kind: 'success' });
		const countCalls = client.listCalls.filter((r) => r.MaxResults === 1);
		assert.deepEqual(countCalls.map((r) => r.Status), ['Failed', 'Success']);
		assert.ok(client.listCalls.indexOf(countCalls[1]) < client.listCalls.findIndex(isPage), 'all counts before the first page');
		assert.equal(store.total('Failed'), ofStatus(client, 'Failed').length);
		assert.equal(store.total('Success'), ofStatus(client, 'Success').length);
	});

	it('counts only what the filter allows, summing its combinations', async () => {
		const client = new FakeOrganizationClient(makeTasks(700));
		const loader = new TaskLoader({ client, zoneId: ZONE });
		const filter = { statuses: ['Failed', 'Success'], roleConfigurationIds: ['rc-0abc', 'rc-1abc'], principal: { type: 'User' as const, id: 'u-1usr' } };
		const counts = await loader.loadCounts(filter);
		assert.equal(client.listCalls.length, 4);
		const expected = (status: string): number =>
			client.tasks.filter((t) => t.Status === status && ['rc-0abc', 'rc-1abc'].includes(t.RoleConfigurationId) && t.PrincipalId === 'u-1usr').length;
		assert.deepEqual([...counts.byStatus], [
			['Failed', expected('Failed')],
			['Success', expected('Success')],
		]);
		assert.ok(expected('Success') > 0);
	});

	it('reads the Status × TaskType listings in parallel, bounded by the concurrency', async () => {
		const client = new FakeOrganizationClient(makeTasks(3000));
		client.latencyMs = 3;
		const loader = new TaskLoader({ client, zoneId: ZONE, concurrency: 8 });
		await loader.loadCounts();
		client.maxInFlight = 0;
		const results = await Promise.all(['Failed', 'InProgress', 'Success'].map((s) => loader.loadAll(s)));
		assert.equal(client.maxInFlight, 8, 'eight requests kept in flight, never more');
		const pages = client.listCalls.filter(isPage);
		assert.equal(new Set(pages.map((r) => `${r.Status}/${r.TaskType}`)).size, 12);
		assert.deepEqual(
			results.map((r) => [r.loaded, r.total, r.exhausted]),
			['Failed', 'InProgress', 'Success'].map((s) => [ofStatus(client, s).length, ofStatus(client, s).length, true]),
		);
		// 3000 tasks in pages of 100, split 12 ways: one more page per listing at most than a single listing.
		assert.ok(pages.length <= 30 + 12, `${pages.length} pages`);
	});

	it('loads a budget with loadMore, then the rest with loadAll, reporting progress', async () => {
		const client = new FakeOrganizationClient(makeTasks(1500));
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
		await loader.loadCounts();
		const total = ofStatus(client, 'Success').length;
		const progress: LoadProgress[] = [];
		const streamed: TaskInfo[] = [];
		const first = await loader.loadMore('Success', 50, { onProgress: (p) => progress.push(p), onTasks: (t) => streamed.push(...t) });
		assert.ok(first.loaded >= 50 && first.loaded <= 50 + 4 * 10, `loaded ${first.loaded}`);
		assert.equal(first.exhausted, false);
		assert.equal(first.total, total);
		assert.deepEqual(ids(first.tasks), ids(streamed));
		assert.ok(progress.every((p) => p.total === total && p.status === 'Success'));
		assert.deepEqual(
			progress.map((p) => p.loaded),
			[...progress.map((p) => p.loaded)].sort((a, b) => a - b),
		);
		const second = await loader.loadMore('Success', 30);
		assert.ok(second.loaded >= first.loaded + 30);
		const all = await loader.loadAll('Success');
		assert.equal(all.loaded, total);
		assert.equal(all.exhausted, true);
		assert.deepEqual(ids(loader.loadedTasks('Success')), ids(ofStatus(client, 'Success')));
		const callsBefore = client.listCalls.length;
		const again = await loader.loadAll('Success');
		assert.equal(client.listCalls.length, callsBefore, 'an exhausted group costs no requests');
		assert.deepEqual(again.tasks, []);
	});

	it('stops on abort with consistent state, and continues from the same cursors afterwards', async () => {
		const client = new FakeOrganizationClient(makeTasks(2000));
		client.latencyMs = 1;
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 20 });
		await loader.loadCounts();
		const controller = new AbortController();
		let pages = 0;
		client.intercept = (kind) => {
			if (kind === 'ListTasks' && ++pages === 10) {
				controller.abort();
			}
			return undefined;
		};
		const streamed: TaskInfo[] = [];
		await assert.rejects(loader.loadAll('Success', { signal: controller.signal, onTasks: (t) => streamed.push(...t) }), (e) => isAbortError(e));
		const partial = loader.progress('Success');
		assert.equal(partial.exhausted, false);
		assert.ok(partial.loaded > 0 && partial.loaded < ofStatus(client, 'Success').length);
		assert.equal(partial.loaded, new Set(streamed.map((t) => t.TaskId)).size, 'what was reported is what is loaded');
		client.intercept = undefined;
		const done = await loader.loadAll('Success');
		assert.equal(done.exhausted, true);
		assert.deepEqual(ids(loader.loadedTasks('Success')), ids(ofStatus(client, 'Success')));
		const firstPages = client.listCalls.filter((r) => isPage(r) && r.NextToken === undefined);
		assert.equal(firstPages.length, 4, 'no listing started over');
	});

	it('reports which listing failed, keeps what loaded and leaves the group incomplete', async () => {
		const client = new FakeOrganizationClient(makeTasks(1000));
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
		await loader.loadCounts();
		client.intercept = (kind, request) =>
			kind === 'ListTasks' && (request as ListTasksRequest).TaskType === 'DeleteRoleAssignment' && (request as ListTasksRequest).NextToken
				? new TencentCloudError('InternalError', 'Internal error.')
				: undefined;
		const error = await loader.loadAll('Success').then(
			() => assert.fail('should fail'),
			(e: unknown) => e,
		);
		assert.ok(error instanceof ListingError);
		assert.equal(error.listing, 'Status=Success, TaskType=DeleteRoleAssignment');
		assert.equal(error.code, 'InternalError');
		assert.equal(error.status, 'Success');
		assert.match(error.message, /Loading Success tasks failed \(listing Status=Success, TaskType=DeleteRoleAssignment\): Internal error\./);
		const state = loader.progress('Success');
		assert.equal(state.exhausted, false);
		assert.ok(state.loaded > 0 && state.loaded < ofStatus(client, 'Success').length);
		client.intercept = undefined;
		const retried = await loader.loadAll('Success');
		assert.equal(retried.loaded, ofStatus(client, 'Success').length);
	});

	it('restarts a listing whose NextToken became invalid and de-duplicates', async () => {
		const client = new FakeOrganizationClient(makeTasks(400, { types: ['CreateRoleAssignment'], statuses: ['Success'] }));
		// Unsplit, so that one listing's restart is what is counted (parts restart the same way).
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 30, filter: { taskTypes: ['CreateRoleAssignment'] }, splitPages: Number.POSITIVE_INFINITY });
		await loader.loadCounts();
		const streamed: TaskInfo[] = [];
		await loader.loadMore('Success', 60, { onTasks: (t) => streamed.push(...t) });
		client.tokenEpoch++;
		// A task appears at the front while the cursor is dead, so offsets shift on the restart.
		client.tasks.push({ ...client.tasks[0], TaskId: 't-', Status: 'Success' });
		const done = await loader.loadAll('Success', { onTasks: (t) => streamed.push(...t) });
		assert.equal(done.exhausted, true);
		assert.equal(done.loaded, 401);
		assert.deepEqual(ids(loader.loadedTasks('Success')), ids(client.tasks));
		const fromStart = client.listCalls.filter((r) => isPage(r) && r.NextToken === undefined);
		assert.equal(fromStart.length, 2, 'the first read and one restart from the start');
		assert.ok(streamed.length > 401, 'pages were delivered twice, and de-duplicated by TaskId');
	});

	it('gives up on a listing whose token keeps failing', async () => {
		const client = new FakeOrganizationClient(makeTasks(100, { statuses: ['Failed'] }));
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10, maxRestarts: 2, filter: { taskTypes: ['CreateRoleAssignment'] } });
		client.intercept = (_kind, request) =>
			(request as ListTasksRequest).NextToken ? new TencentCloudError('InvalidParameter.NextTokenInvalid', 'invalid') : undefined;
		await assert.rejects(loader.loadAll('Failed'), (e) => e instanceof ListingError && e.code === 'InvalidParameter.NextTokenInvalid');
	});

	it('refuses a truncated page without a usable NextToken', async () => {
		const client = new FakeOrganizationClient(makeTasks(30, { statuses: ['Failed'] }));
		const original = client.listTasks.bind(client);
		client.listTasks = async (request, options) => {
			const page = await original(request, options);
			return { ...page, NextToken: undefined };
		};
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 5, filter: { taskTypes: ['CreateRoleAssignment'] } });
		await assert.rejects(loader.loadAll('Failed'), /no usable NextToken/);
	});

	it('falls back to one listing per status when tasks of other types exist', async () => {
		const tasks = [
			...makeTasks(200, { statuses: ['Success'] }),
			...makeTasks(25, { statuses: ['Success'], idPrefix: 't-sync', types: ['StartProvisioning'] }),
		];
		const client = new FakeOrganizationClient(tasks);
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 50 });
		const result = await loader.loadAll('Success');
		assert.equal(result.loaded, 225);
		assert.equal(result.total, 225);
		assert.deepEqual(ids(loader.loadedTasks('Success')), ids(tasks));
		assert.ok(client.listCalls.some((r) => isPage(r) && r.TaskType === undefined), 'an unsplit listing was used');
		assert.equal(client.listCalls[0].MaxResults, 1, 'counted first, even without loadCounts');
	});

	it('lists only the chosen task types, without splitting', async () => {
		const client = new FakeOrganizationClient(makeTasks(400));
		const loader = new TaskLoader({ client, zoneId: ZONE, filter: { taskTypes: ['DeleteRoleAssignment', 'SomethingNew'] } });
		await loader.loadAll('Failed');
		assert.deepEqual(
			[...new Set(client.listCalls.filter(isPage).map((r) => r.TaskType))].sort(),
			// DeleteRolesAssignment: the alias the service's own examples return (src/model/taskTypes.ts).
			['DeleteRoleAssignment', 'DeleteRolesAssignment', 'SomethingNew'],
		);
		assert.deepEqual(
			ids(loader.loadedTasks('Failed')),
			ids(client.tasks.filter((t) => t.Status === 'Failed' && t.TaskType === 'DeleteRoleAssignment')),
		);
	});

	it('starts over after restart(), under the filter it was built with', async () => {
		// A new filter is a new loader (the task service builds it; see taskService.test.ts for the switch).
		const client = new FakeOrganizationClient(makeTasks(200));
		const loader = new TaskLoader({ client, zoneId: ZONE, filter: { roleConfigurationIds: ['rc-2abc'] } });
		await loader.loadAll('Failed');
		assert.ok(loader.progress('Failed').loaded > 0);
		loader.restart();
		assert.equal(loader.progress('Failed').loaded, 0);
		await loader.loadAll('Failed');
		assert.ok(loader.loadedTasks('Failed').every((t) => t.RoleConfigurationId === 'rc-2abc'));
	});

	describe('pollInProgress', () => {
		it('asks GetTaskStatus for a handful of tasks', async () => {
			const client = new FakeOrganizationClient(makeTasks(50));
			const loader = new TaskLoader({ client, zoneId: ZONE });
			const running = ofStatus(client, 'InProgress').slice(0, 3).map((t) => t.TaskId);
			client.setStatus(running[0], 'Failed', 'quota');
			const result = await loader.pollInProgress([...running, 't-gone']);
			assert.equal(result.mode, 'getTaskStatus');
			assert.equal(client.listCalls.length, 0);
			assert.equal(client.statusCalls.length, 4);
			assert.deepEqual(result.missing, ['t-gone']);
			const failed = result.updates.find((u) => u.TaskId === running[0]);
			assert.deepEqual(failed, { TaskId: running[0], Status: 'Failed', TaskType: failed?.TaskType, FailureReason: 'quota' });
		});

		it('reads the InProgress listing when many are running, looking up only those that left', async () => {
			const client = new FakeOrganizationClient(makeTasks(500));
			const loader = new TaskLoader({ client, zoneId: ZONE, pollThreshold: 10 });
			const running = ofStatus(client, 'InProgress').map((t) => t.TaskId);
			const known = running.slice(1);
			client.setStatus(known[0], 'Success');
			client.setStatus(known[1], 'Failed', 'denied');
			const result = await loader.pollInProgress(known);
			assert.equal(result.mode, 'listing');
			assert.deepEqual(client.statusCalls.map((c) => c.TaskId).sort(), [known[0], known[1]].sort());
			assert.ok(client.listCalls.every((r) => r.Status === 'InProgress'));
			assert.equal(result.updates.find((u) => u.TaskId === known[1])?.Status, 'Failed');
			assert.ok(result.inProgress.some((t) => t.TaskId === running[0]), 'a task not polled before is reported');
			assert.equal(result.needsRefresh, false);
		});

		it('asks for a refresh when too many left to look up', async () => {
			const client = new FakeOrganizationClient(makeTasks(500));
			const loader = new TaskLoader({ client, zoneId: ZONE, pollThreshold: 5, maxStatusLookups: 3 });
			const running = ofStatus(client, 'InProgress').map((t) => t.TaskId);
			for (const id of running.slice(0, 10)) {
				client.setStatus(id, 'Success');
			}
			const result = await loader.pollInProgress(running);
			assert.equal(client.statusCalls.length, 3);
			assert.equal(result.needsRefresh, true);
		});
	});
});

describe('refresh and poll with the store', () => {
	it('reports transitions after the first load only, and keeps data when a refresh fails', async () => {
		const client = new FakeOrganizationClient(makeTasks(300));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		const transitions: TaskTransition[][] = [];
		store.onDidObserveTransitions((t) => transitions.push(t));

		assert.deepEqual(await runRefresh({ store, loader }), { kind: 'success' });
		assert.equal(store.size, 300);
		assert.ok(store.statusGroups().every((g) => g.complete));
		assert.equal(transitions.length, 0);

		const running = store.inProgressIds();
		client.setStatus(running[0], 'Failed', 'quota');
		client.setStatus(running[1], 'Success');
		const poll = await runPoll({ store, loader });
		assert.deepEqual(poll, { kind: 'success', changed: true, inProgress: running.length - 2, needsRefresh: false });
		assert.equal(transitions.length, 1);
		assert.deepEqual(transitions[0].map((t) => [t.task.TaskId, t.to]).sort(), [
			[running[0], 'Failed'],
			[running[1], 'Success'],
		]);
		assert.equal(store.total('InProgress'), running.length - 2);

		const quiet = await runPoll({ store, loader });
		assert.equal(quiet.kind === 'success' && quiet.changed, false);

		client.intercept = (kind, request) =>
			kind === 'ListTasks' && (request as ListTasksRequest).Status === 'Success' && (request as ListTasksRequest).MaxResults !== 1
				? new TencentCloudError('RequestLimitExceeded', 'Rate limited.')
				: undefined;
		const failed = await runRefresh({ store, loader, retryAt: 123 });
		assert.equal(failed.kind, 'failure');
		assert.ok(failed.kind === 'failure' && failed.failures.length === 1 && failed.failures[0].listing.startsWith('Status=Success'));
		assert.equal(store.size, 300, 'old data kept');
		assert.equal(store.stale?.retryAt, 123);
		assert.match(store.stale?.reason ?? '', /Rate limited/);
		const success = store.groupState('Success');
		assert.equal(success.complete, false);
		assert.match(success.error ?? '', /Status=Success/);
		assert.equal(store.groupState('Failed').complete, true);
	});

	it('loads more into the store and flags only the failing group', async () => {
		const client = new FakeOrganizationClient(makeTasks(2000));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 20 });
		await runRefresh({ store, loader, budget: () => 20 });
		const before = store.groupState('Success');
		assert.equal(before.complete, false);
		assert.equal(before.total, ofStatus(client, 'Success').length);
		assert.deepEqual(await runLoadMore({ store, loader, status: 'Success', count: 100 }), { kind: 'success', exhausted: false });
		assert.ok(store.groupState('Success').loaded >= before.loaded + 100);
		client.intercept = (_kind, request) => ((request as ListTasksRequest).Status === 'Failed' ? new TencentCloudError('InternalError', 'Internal error.') : undefined);
		const failed = await runLoadMore({ store, loader, status: 'Failed', count: 'all' });
		assert.equal(failed.kind, 'failure');
		assert.match(store.groupState('Failed').error ?? '', /listing Status=Failed/);
		assert.equal(store.stale, undefined, 'a failed "load more" does not make the whole view stale');
		client.intercept = undefined;
		assert.deepEqual(await runLoadMore({ store, loader, status: 'Success', count: 'all' }), { kind: 'success', exhausted: true });
		const success = store.groupState('Success');
		assert.deepEqual([success.loaded, success.complete], [ofStatus(client, 'Success').length, true]);
	});

	it('a newer refresh cancels an older one, whose late pages never land', async () => {
		const client = new FakeOrganizationClient(makeTasks(500));
		client.latencyMs = 1;
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 20 });
		let second: Promise<unknown> | undefined;
		let pages = 0;
		client.intercept = (kind, request) => {
			if (kind === 'ListTasks' && isPage(request) && ++pages === 5) {
				// Answered after the newer refresh has begun: this page must not land.
				client.tasks = makeTasks(40);
				second = runRefresh({ store, loader, budget: () => 1000 });
			}
			return undefined;
		};
		const first = await runRefresh({ store, loader, budget: () => 1000 });
		assert.deepEqual(first, { kind: 'cancelled' });
		assert.deepEqual(await second, { kind: 'success' });
		assert.deepEqual(ids(store.tasks()), ids(client.tasks));
		assert.equal(store.stale, undefined);
	});

	it('reports a user cancellation as cancelled, not as a failure', async () => {
		const client = new FakeOrganizationClient(makeTasks(500));
		client.latencyMs = 1;
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
		const controller = new AbortController();
		let calls = 0;
		client.intercept = () => {
			if (++calls === 6) {
				controller.abort();
			}
			return undefined;
		};
		assert.deepEqual(await runRefresh({ store, loader, signal: controller.signal }), { kind: 'cancelled' });
		assert.equal(store.stale, undefined);
		assert.equal(store.isLoading, false);
	});

	describe('splitting long listings by TargetType × PrincipalType', () => {
		const oneChain = (): TaskInfo[] => makeTasks(600, { statuses: ['Success'], types: ['CreateRoleAssignment'] });
		const partKey = (r: ListTasksRequest): string => `${r.TargetType}/${r.PrincipalType}`;

		it('reads a listing of many pages as four parts in parallel, complete and checked', async () => {
			const client = new FakeOrganizationClient(oneChain());
			client.latencyMs = 1;
			const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
			const result = await loader.loadAll('Success');
			assert.equal(result.loaded, 600);
			assert.equal(result.total, 600);
			assert.equal(result.exhausted, true);
			assert.deepEqual(ids(loader.loadedTasks('Success')), ids(client.tasks));
			const parts = client.listCalls.filter((r) => isPage(r) && r.TargetType !== undefined);
			assert.deepEqual([...new Set(parts.map(partKey))].sort(), ['ManagerUin/Group', 'ManagerUin/User', 'MemberUin/Group', 'MemberUin/User']);
			assert.ok(parts.every((r) => r.TaskType === 'CreateRoleAssignment' && r.Status === 'Success'));
			// The typed listing: only its first page (TotalCounts said 60 pages); the empty types: one page each.
			const whole = client.listCalls.filter((r) => isPage(r) && r.TaskType === 'CreateRoleAssignment' && r.TargetType === undefined);
			assert.equal(whole.length, 1);
			// 60 pages of tasks, plus at most one partial page per part and the first page read twice.
			assert.ok(parts.length <= 60 + 4 + 1, `${parts.length} part pages`);
		});

		it('falls back to the listing\'s own cursor when the parts miss a TargetType, de-duplicating', async () => {
			const odd = makeTasks(15, { statuses: ['Success'], types: ['CreateRoleAssignment'], idPrefix: 't-odd' }).map((t) => ({ ...t, TargetType: 'OrgUin' }));
			const tasks = [...oneChain(), ...odd];
			const client = new FakeOrganizationClient(tasks);
			const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
			const result = await loader.loadAll('Success');
			assert.equal(result.loaded, 615);
			assert.equal(result.exhausted, true);
			assert.deepEqual(ids(loader.loadedTasks('Success')), ids(tasks));
			const pages = client.listCalls.filter(isPage);
			const typed = pages.filter((r) => r.TaskType === 'CreateRoleAssignment' && r.TargetType === undefined);
			assert.ok(typed.length > 1, 'the unsplit listing was read on after the parts');
			assert.equal(typed[1].NextToken !== undefined, true, 'continuing from its first page, not from scratch');
			assert.ok(pages.some((r) => r.TargetType !== undefined), 'parts were tried first');
		});

		it('does not split for a small budget, nor a listing the user already narrowed to one part', async () => {
			const client = new FakeOrganizationClient(oneChain());
			const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
			const first = await loader.loadMore('Success', 30);
			assert.equal(first.exhausted, false);
			assert.ok(client.listCalls.every((r) => r.TargetType === undefined), 'Load more of a few pages costs no extra requests');
			const narrowed = new FakeOrganizationClient(oneChain());
			const only = new TaskLoader({ client: narrowed, zoneId: ZONE, pageSize: 10, filter: { principal: { type: 'User', id: 'u-1usr' }, target: { type: 'MemberUin', uin: 100000000001 } } });
			await only.loadAll('Success');
			assert.ok(narrowed.listCalls.every((r) => r.TargetType === 'MemberUin' && r.PrincipalType === 'User'));
		});

		it('flags the group when a part fails, and continues from the cursors afterwards', async () => {
			const client = new FakeOrganizationClient(oneChain());
			const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10 });
			let fail = true;
			client.intercept = (_kind, request) => {
				const r = request as ListTasksRequest;
				return fail && r.TargetType === 'MemberUin' && r.PrincipalType === 'User' && r.NextToken !== undefined
					? new TencentCloudError('InternalError', 'Internal error.')
					: undefined;
			};
			await assert.rejects(loader.loadAll('Success'), (e: unknown) => e instanceof ListingError && /TargetType=MemberUin, PrincipalType=User/.test(e.listing));
			assert.equal(loader.progress('Success').exhausted, false, 'a partial group is never complete');
			fail = false;
			const result = await loader.loadAll('Success');
			assert.equal(result.exhausted, true);
			assert.deepEqual(ids(loader.loadedTasks('Success')), ids(client.tasks));
		});

		it('reads the longest chain first across status groups', async () => {
			const tasks = [
				...makeTasks(300, { statuses: ['Success'], types: ['CreateRoleAssignment'] }),
				...makeTasks(60, { statuses: ['Failed'], idPrefix: 't-f' }),
			];
			const client = new FakeOrganizationClient(tasks);
			client.latencyMs = 1;
			const loader = new TaskLoader({ client, zoneId: ZONE, pageSize: 10, concurrency: 1, splitPages: Number.POSITIVE_INFINITY });
			await loader.loadCounts();
			await Promise.all(['Failed', 'Success'].map((s) => loader.loadAll(s)));
			const pages = client.listCalls.filter(isPage);
			// With one slot, after the first pages every free slot goes to the 30-page chain until it is
			// no longer the longest; the Failed listings (2 pages each) come after.
			const firstPages = pages.findIndex((r) => r.NextToken !== undefined);
			const next = pages.slice(firstPages, firstPages + 10);
			assert.ok(next.every((r) => r.Status === 'Success'), next.map((r) => r.Status).join(','));
			assert.deepEqual(ids([...loader.loadedTasks('Failed'), ...loader.loadedTasks('Success')]), ids(tasks));
		});
	});
});
