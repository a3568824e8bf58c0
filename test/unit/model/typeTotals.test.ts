import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { TaskService } from '../../../src/model/taskService';
import { computeOverview } from '../../../src/webview/overviewData';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';

function service(tasks: TaskInfo[], loadAllThreshold = 20): { service: TaskService<string>; client: FakeOrganizationClient } {
	const client = new FakeOrganizationClient(tasks);
	const s = new TaskService<string>({
		createClient: () => client,
		describeError: String,
		settings: () => ({ pageSize: 10, loadAllThreshold }),
		loader: { splitPages: Number.POSITIVE_INFINITY },
	});
	s.setTarget({ kind: 'profile', label: 'p', endpoint: 'https://fake.invalid', zoneId: ZONE, credentials: () => Promise.resolve({ secretId: 'AKIDtest', secretKey: 'k' }), source: 'p' });
	return { service: s, client };
}

function countOf(tasks: readonly TaskInfo[], status: string, taskType: string): number {
	return tasks.filter((t) => t.Status === status && t.TaskType === taskType).length;
}

describe('per status × task type totals (issue 14, items 3 and 6)', () => {
	const tasks = makeTasks(400, { statuses: ['Failed', 'Success', 'Success', 'InProgress', 'Success'] });

	it('keeps the exact total of every task type per status from the split listings, also under a filter', async () => {
		const { service: s } = service(tasks);
		s.setFilter({ statuses: ['Success', 'InProgress'] });
		assert.equal((await s.refresh())?.kind, 'success');
		const success = s.store.groupState('Success');
		assert.equal(success.complete, false, 'Success is over the threshold: partial');
		for (const type of ['CreateRoleAssignment', 'DeleteRoleAssignment', 'ProvisionRoleConfiguration', 'DeprovisionRoleConfiguration']) {
			assert.equal(s.store.typeTotal('Success', type), countOf(tasks, 'Success', type), `Success × ${type}`);
			assert.equal(s.store.typeTotal('InProgress', type), countOf(tasks, 'InProgress', type), `InProgress × ${type}`);
		}
		assert.equal(s.store.typeTotal('Success', 'DeleteRolesAssignment'), countOf(tasks, 'Success', 'DeleteRoleAssignment'), 'an alias reads its canonical total');
	});

	it('with a task-type filter, loads one type inside its group to the end and leaves the others as they were', async () => {
		const { service: s } = service(tasks);
		s.setFilter({ taskTypes: ['CreateRoleAssignment', 'DeleteRoleAssignment'] });
		await s.refresh();
		const loadedOf = (type: string): number => s.store.tasks().filter((t) => t.Status === 'Success' && t.TaskType === type).length;
		const deleteBefore = loadedOf('DeleteRoleAssignment');
		assert.ok(loadedOf('CreateRoleAssignment') < countOf(tasks, 'Success', 'CreateRoleAssignment'), 'partial before');
		const outcome = await s.loadGroup('Success', 'all', undefined, 'CreateRoleAssignment');
		assert.equal(outcome?.kind, 'success');
		assert.equal(loadedOf('CreateRoleAssignment'), countOf(tasks, 'Success', 'CreateRoleAssignment'), 'the type is loaded whole');
		assert.equal(s.store.typeTotal('Success', 'CreateRoleAssignment'), loadedOf('CreateRoleAssignment'));
		assert.equal(loadedOf('DeleteRoleAssignment'), deleteBefore, 'the other type read nothing more');
	});

	it('gives the overview exact task-type counts when every share is known, and marks it otherwise', async () => {
		const { service: s } = service(tasks);
		await s.refresh();
		const store = s.store;
		const totals = new Map(store.statusGroups().map((g) => [g.status, g.total]));
		const exact = computeOverview(store.tasks(), totals, undefined, (status, type) => store.typeTotal(status, type), false);
		assert.equal(exact.byTaskTypeExact, true);
		assert.equal(exact.allLoaded, false);
		for (const { taskType, count } of exact.byTaskType) {
			assert.equal(count, tasks.filter((t) => t.TaskType === taskType).length, taskType);
		}
		const loadedOnly = computeOverview(store.tasks(), totals);
		assert.equal(loadedOnly.byTaskTypeExact, false, 'without the per-type totals the counts are of loaded tasks');
		assert.ok(loadedOnly.byTaskType.reduce((n, t) => n + t.count, 0) < tasks.length);
	});
});
