import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { computeOverview } from '../../../src/webview/overviewData';
import { makeTask } from '../../fixtures/tasks';

let n = 0;
function task(overrides: Partial<TaskInfo>): TaskInfo {
	n++;
	return makeTask(`t-${String(n).padStart(4, '0')}`, { RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Admins', TargetUin: 100000000001, ...overrides });
}

describe('overview data', () => {
	const tasks = [
		task({ Status: 'Failed', FailureReason: 'quota' }),
		task({ Status: 'Failed', FailureReason: 'quota', RoleConfigurationId: 'rc-b', RoleConfigurationName: 'Readers' }),
		task({ Status: 'Failed', FailureReason: 'no such user' }),
		task({ Status: 'Failed', FailureReason: '' }),
		task({ Status: 'InProgress', TaskType: 'ProvisionRoleConfiguration' }),
		task({ Status: 'Success', RoleConfigurationId: 'rc-b', RoleConfigurationName: 'Readers' }),
		task({ Status: 'Success', TaskType: 'DeleteRoleAssignment' }),
	];

	it('uses exact totals per status when the service counted them, in tree order', () => {
		const data = computeOverview(tasks, new Map([['Failed', 40], ['InProgress', 1], ['Success', 900]]));
		assert.deepEqual(data.byStatus, [
			{ status: 'Failed', count: 40 },
			{ status: 'InProgress', count: 1 },
			{ status: 'Success', count: 900 },
		]);
		assert.equal(data.total, 941);
		assert.equal(data.loaded, tasks.length);
	});

	it('falls back to loaded counts and leaves the total unknown without totals', () => {
		const data = computeOverview(tasks, new Map());
		assert.deepEqual(data.byStatus.map((s) => [s.status, s.count]), [['Failed', 4], ['InProgress', 1], ['Success', 2]]);
		assert.equal(data.total, undefined);
	});

	it('counts task types and role configurations × status', () => {
		const data = computeOverview(tasks, new Map());
		assert.deepEqual(data.byTaskType, [
			{ taskType: 'CreateRoleAssignment', count: 5 },
			{ taskType: 'DeleteRoleAssignment', count: 1 },
			{ taskType: 'ProvisionRoleConfiguration', count: 1 },
		]);
		assert.deepEqual(data.statuses, ['Failed', 'InProgress', 'Success']);
		assert.deepEqual(data.roleConfigurations, [
			{ id: 'rc-a', name: 'Admins', total: 5, counts: [3, 1, 1] },
			{ id: 'rc-b', name: 'Readers', total: 2, counts: [1, 0, 1] },
		]);
	});

	it('groups failure reasons by frequency, with their role configurations and first task ids', () => {
		const data = computeOverview(tasks, new Map());
		assert.deepEqual(data.failureReasons.map((r) => [r.reason, r.count, r.roleConfigurationIds]), [
			['quota', 2, ['rc-a', 'rc-b']],
			['', 1, ['rc-a']],
			['no such user', 1, ['rc-a']],
		]);
		assert.equal(data.failureReasons[0].taskIds.length, 2);
	});

	it('caps long lists and says how many were left out', () => {
		const many = Array.from({ length: 30 }, (_, i) => task({ Status: 'Failed', FailureReason: `reason ${i % 25}`, RoleConfigurationId: `rc-${i}` }));
		const data = computeOverview(many, new Map(), { roleConfigurations: 10, failureReasons: 5, tasksPerReason: 1 });
		assert.equal(data.roleConfigurations.length, 10);
		assert.equal(data.moreRoleConfigurations, 20);
		assert.equal(data.failureReasons.length, 5);
		assert.equal(data.moreFailureReasons, 20);
		assert.equal(data.failureReasons[0].taskIds.length, 1);
		assert.equal(data.failureReasons[0].moreTasks, data.failureReasons[0].count - 1);
	});

	it('lists only the reasons of failed tasks: the service sends FailureReason on any status', () => {
		const data = computeOverview(
			[
				task({ Status: 'Failed', FailureReason: 'quota' }),
				task({ Status: 'Success', FailureReason: 'fielded' }),
				task({ Status: 'Success', FailureReason: 'quota' }),
				task({ Status: 'InProgress', FailureReason: 'still working' }),
			],
			new Map(),
		);
		assert.deepEqual(data.failureReasons.map((r) => [r.reason, r.count]), [['quota', 1]]);
	});

	it('counts an alias task type with its canonical type and keeps unknown ones verbatim', () => {
		const data = computeOverview(
			[task({ TaskType: 'DeleteRoleAssignment' }), task({ TaskType: 'DeleteRolesAssignment' }), task({ TaskType: 'StartSomethingNew' })],
			new Map(),
		);
		assert.deepEqual(data.byTaskType, [
			{ taskType: 'DeleteRoleAssignment', count: 2 },
			{ taskType: 'StartSomethingNew', count: 1 },
		]);
	});

	it('keeps unknown statuses as their own column and handles no tasks', () => {
		const data = computeOverview([task({ Status: 'Paused' }), task({ Status: 'Failed', FailureReason: 'x' })], new Map());
		assert.deepEqual(data.statuses, ['Failed', 'Paused']);
		const empty = computeOverview([], new Map());
		assert.deepEqual(empty.byStatus, []);
		assert.deepEqual(empty.roleConfigurations, []);
	});
});
