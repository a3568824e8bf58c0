import * as assert from 'node:assert/strict';
import type { ListTasksRequest } from '../../../src/api/types';
import { TaskLoader } from '../../../src/model/loader';
import { runRefresh } from '../../../src/model/refresh';
import { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';
const TYPE = 'CreateRoleAssignment';

const countCall = (r: ListTasksRequest): boolean => r.MaxResults === 1 && r.Status !== undefined;

// Issue 12: the counts and the first pages in one round trip, and counts that double as first pages.
describe('refresh: the first answer in one round trip (issue 12)', () => {
	it('sends every listing\'s first page beside the counts, before any answer, and shows the totals first', async () => {
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
		assert.deepEqual(firstRound.filter(countCall).map((r) => r.Status), ['Failed', 'InProgress', 'Success'], 'the counts go out first');
		assert.equal(firstRound.filter((r) => r.MaxResults === 100 && r.NextToken === undefined && r.TaskType !== undefined).length, 12, 'all 12 first pages in the same round trip');
		assert.ok(firstRound.findIndex((r) => r.MaxResults === 100) > firstRound.map(countCall).lastIndexOf(true), 'counts before pages');
		assert.equal(tasksBeforeTotals, false, 'the exact totals are in the store before any task');
		// The refresh's budget (100 per group) is met by those first pages: nothing more was read.
		assert.equal(client.listCalls.filter((r) => r.NextToken !== undefined).length, 0);
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
		// Counts (3), the status-less count of issue 14 (1) and 12 first pages.
		assert.equal(client.listCalls.filter((r) => r.Status === 'Failed').length, 5, 'the first time: a count and four first pages');

		client.listCalls.length = 0;
		assert.equal((await runRefresh({ store, loader, budget: () => 100 })).kind, 'success');
		const failed = client.listCalls.filter((r) => r.Status === 'Failed');
		assert.deepEqual(failed.map((r) => [r.MaxResults, r.TaskType]), [[100, undefined]], 'one request: the count is the whole group');
		assert.equal(client.listCalls.filter((r) => r.Status === 'InProgress').length, 1, 'an empty status: its count only');
		assert.equal(client.listCalls.length, firstRefresh - 4 - 4, 'four first pages saved for each small status');
		assert.equal(store.groupState('Failed').complete, true);
		assert.equal(store.groupState('Failed').loaded, 30);
		const expected = new Map<string, number>();
		for (const t of tasks.filter((x) => x.Status === 'Failed')) {
			expected.set(t.TaskType, (expected.get(t.TaskType) ?? 0) + 1);
		}
		assert.deepEqual(new Map([...loader.typeTotals('Failed')].filter(([, n]) => n > 0)), expected);
	});
});
