import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { TaskService } from '../../../src/model/taskService';
import { taskTypeChoices } from '../../../src/model/taskTypes';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

function readyService(tasks: TaskInfo[]): { service: TaskService<string>; client: FakeOrganizationClient } {
	const client = new FakeOrganizationClient(tasks);
	const service = new TaskService<string>({
		createClient: () => client,
		describeError: String,
		settings: () => ({ pageSize: 10, loadAllThreshold: 1000 }),
	});
	service.setTarget({ kind: 'profile', label: 'p', endpoint: 'https://fake.invalid', zoneId: 'z-test1234', credentials: () => Promise.resolve({ secretId: 'AKIDtest', secretKey: 'k' }), source: 'p' });
	return { service, client };
}

describe('issue 14: statuses and task types the docs do not list', () => {
	it('loads and shows tasks of an undocumented status beside the documented ones', async () => {
		const known = makeTasks(60);
		const odd = makeTasks(3, { statuses: ['Cancelled'], idPrefix: 'odd-' });
		const { service, client } = readyService([...known, ...odd]);
		assert.equal((await service.refresh())?.kind, 'success');
		for (const task of odd) {
			assert.equal(service.store.get(task.TaskId)?.task.Status, 'Cancelled');
		}
		assert.equal(service.store.size, 63);
		assert.ok(service.store.statusGroups().some((g) => g.status === 'Cancelled' && g.loaded === 3));
		// Found with one count and the listings without a status, never more than the count says.
		assert.ok(client.listCalls.some((c) => c.Status === undefined && c.MaxResults === 1), 'a count without a status');
	});

	it('costs one count and no listing when every task has a documented status', async () => {
		const { service, client } = readyService(makeTasks(60));
		await service.refresh();
		assert.equal(client.listCalls.filter((c) => c.Status === undefined && c.MaxResults !== 1).length, 0);
	});

	it('offers an alias in the Filter Tasks picker once, under its canonical type', () => {
		const choices = taskTypeChoices(['DeleteRolesAssignment', 'DeleteRoleAssignment', 'RotateSomethingNew', 'RotateSomethingNew']);
		assert.deepEqual(choices, ['CreateRoleAssignment', 'DeleteRoleAssignment', 'ProvisionRoleConfiguration', 'DeprovisionRoleConfiguration', 'RotateSomethingNew']);
	});
});
