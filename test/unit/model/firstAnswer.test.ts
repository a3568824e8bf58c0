import * as assert from 'node:assert/strict';
import { TencentCloudError } from '../../../src/api/errors';
import type { ListTasksRequest } from '../../../src/api/types';
import { TASK_TYPES } from '../../../src/api/types';
import { TaskLoader } from '../../../src/model/loader';
import { runRefresh } from '../../../src/model/refresh';
import { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';
const TYPE = 'CreateRoleAssignment';

const countCall = (r: ListTasksRequest): boolean => r.MaxResults === 1 && r.Status !== undefined;

// Issue 12: the counts and the first pages in one round trip, and counts that double as first pages.
describe('refresh: the first answer in one round trip (issue 12)', () => {
	it('sends every listing\'s first page and the one count in the same round trip, and shows the totals first', async () => {
		const client = new FakeOrganizationClient(makeTasks(900));
		client.latencyMs = 40;
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		let callsBeforeFirstAnswer: number | undefined;
		const original = client.listTasks.bind(client);
		client.listTasks = async (request, options) => {
			const page = await original(request, options);
			callsBeforeFirstAnswer ??= client.listCalls.length;
			return page;
		};
		let tasksBeforeTotals = false;
		store.onDidChange(() => {
			tasksBeforeTotals ||= store.size > 0 && store.total('Failed') === undefined;
		});
		assert.equal((await runRefresh({ store, loader, budget: () => 100 })).kind, 'success');
		const firstRound = client.listCalls.slice(0, callsBeforeFirstAnswer);
		assert.deepEqual(
			firstRound.map((r) => [r.MaxResults, r.Status ?? '-', r.TaskType ?? '-']),
			[[1, '-', '-'], ...['Failed', 'InProgress', 'Success'].flatMap((status) => TASK_TYPES.map((type) => [100, status, type]))],
			'the count of all statuses first (it checks the totals), then all 12 first pages, before any answer',
		);
		assert.equal(client.listCalls.filter(countCall).length, 0, 'no status needs a count of its own: its four first pages add up to it');
		assert.equal(tasksBeforeTotals, false, 'the exact totals are in the store before any task');
		for (const status of ['Failed', 'InProgress', 'Success']) {
			assert.equal(store.total(status), client.tasks.filter((t) => t.Status === status).length);
		}
		// The refresh's budget (100 per group) is met by those first pages: nothing more was read.
		assert.equal(client.listCalls.filter((r) => r.NextToken !== undefined).length, 0);
		assert.equal(client.listCalls.length, 13);
	});

	it('counts the statuses one by one only when the count of all finds more than the task types add up to', async () => {
		// A task type the docs do not list: the four listings by task type miss it, the count of all does not.
		const tasks = [...makeTasks(300), ...makeTasks(7, { statuses: ['Failed'], types: ['RotateRoleConfiguration'], idPrefix: 't-new' })];
		const client = new FakeOrganizationClient(tasks);
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		assert.equal((await runRefresh({ store, loader, budget: () => Number.POSITIVE_INFINITY })).kind, 'success');
		assert.deepEqual(client.listCalls.filter(countCall).map((r) => r.Status), ['Failed', 'InProgress', 'Success'], 'the second round trip: a count per status');
		const failed = tasks.filter((t) => t.Status === 'Failed');
		assert.equal(store.total('Failed'), failed.length, 'the exact count, unknown type included');
		assert.equal(store.groupState('Failed').loaded, failed.length, 'the group fell back to a listing without a task type');
		assert.equal(store.size, tasks.length);
	});

	it('counts a status whose first page failed with a count of its own, and reads the page again', async () => {
		const client = new FakeOrganizationClient(makeTasks(300));
		let failedOnce = false;
		client.intercept = (kind, request) => {
			const r = request as ListTasksRequest;
			if (kind === 'ListTasks' && !failedOnce && r.Status === 'InProgress' && r.TaskType === TYPE && r.MaxResults === 100) {
				failedOnce = true;
				return new TencentCloudError('InternalError', 'injected');
			}
			return undefined;
		};
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		assert.equal((await runRefresh({ store, loader, budget: () => Number.POSITIVE_INFINITY })).kind, 'success');
		assert.deepEqual(client.listCalls.filter(countCall).map((r) => r.Status), ['InProgress']);
		assert.equal(store.total('InProgress'), client.tasks.filter((t) => t.Status === 'InProgress').length);
		assert.equal(store.size, 300);
	});

	it('reads a group through its count when the filter names the task type: the count is the first page', async () => {
		const client = new FakeOrganizationClient(makeTasks(250, { statuses: ['Failed'], types: [TYPE] }));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE, filter: { statuses: ['Failed'], taskTypes: [TYPE] } });
		assert.equal((await runRefresh({ store, loader, budget: () => Number.POSITIVE_INFINITY })).kind, 'success');
		assert.equal(store.size, 250);
		assert.equal(store.total('Failed'), 250);
		// 250 tasks in pages of 100: three requests in all, the first of them the count (before: a MaxResults=1 count + 3).
		assert.deepEqual(client.listCalls.map((r) => [r.MaxResults, r.NextToken === undefined]), [[100, true], [100, false], [100, false]]);
	});

	it('refreshes a status the last count found small with one request, its task-type totals exact', async () => {
		const tasks = [...makeTasks(30, { statuses: ['Failed'] }), ...makeTasks(600, { statuses: ['Success'], idPrefix: 't-s' })];
		const client = new FakeOrganizationClient(tasks);
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: ZONE });
		assert.equal((await runRefresh({ store, loader, budget: () => 100 })).kind, 'success');
		const firstRefresh = client.listCalls.length;
		// The count of all statuses and 12 first pages, which count each status.
		assert.equal(client.listCalls.filter((r) => r.Status === 'Failed').length, 4, 'the first time: four first pages');

		client.listCalls.length = 0;
		assert.equal((await runRefresh({ store, loader, budget: () => 100 })).kind, 'success');
		const failed = client.listCalls.filter((r) => r.Status === 'Failed');
		assert.deepEqual(failed.map((r) => [r.MaxResults, r.TaskType]), [[100, undefined]], 'one request: the count is the whole group');
		assert.equal(client.listCalls.filter((r) => r.Status === 'InProgress').length, 1, 'an empty status: its count only');
		assert.equal(client.listCalls.length, firstRefresh - 3 - 3, 'three requests saved for each small status');
		assert.equal(store.groupState('Failed').complete, true);
		assert.equal(store.groupState('Failed').loaded, 30);
		const expected = new Map<string, number>();
		for (const t of tasks.filter((x) => x.Status === 'Failed')) {
			expected.set(t.TaskType, (expected.get(t.TaskType) ?? 0) + 1);
		}
		assert.deepEqual(new Map([...loader.typeTotals('Failed')].filter(([, n]) => n > 0)), expected);
	});
});
