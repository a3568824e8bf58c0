import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { matchesFilter, toServerFilters } from '../../../src/model/filter';
import { countBy, groupTasks } from '../../../src/model/grouping';
import { canonicalTaskType, isKnownTaskType, taskTypeSpellings } from '../../../src/model/taskTypes';
import { makeTask } from '../../fixtures/tasks';

/** Task types the service's own examples return although its model does not list them (issue 14, item 9). */
const TASKS: TaskInfo[] = [
	makeTask('t-1', { TaskType: 'DeleteRoleAssignment', Status: 'Failed' }),
	makeTask('t-2', { TaskType: 'DeleteRolesAssignment', Status: 'Failed' }),
	makeTask('t-3', { TaskType: 'DeleteRolesAssignment', Status: 'Success' }),
	makeTask('t-4', { TaskType: 'CreateRoleAssignment', Status: 'Success' }),
	makeTask('t-5', { TaskType: 'RotateSomethingNew', Status: 'InProgress' }),
	makeTask('t-6', { TaskType: '', Status: 'Success' }),
	makeTask('t-7', { TaskType: '<b>x</b> __proto__', Status: 'Success' }),
];

describe('task types: aliases and unknown values', () => {
	it('maps the documented alias to its canonical type and keeps anything else verbatim', () => {
		assert.equal(canonicalTaskType('DeleteRolesAssignment'), 'DeleteRoleAssignment');
		assert.equal(canonicalTaskType('DeleteRoleAssignment'), 'DeleteRoleAssignment');
		assert.equal(canonicalTaskType('RotateSomethingNew'), 'RotateSomethingNew');
		assert.equal(canonicalTaskType(''), '');
		assert.equal(canonicalTaskType('__proto__'), '__proto__');
		assert.ok(isKnownTaskType('DeleteRolesAssignment'));
		assert.ok(!isKnownTaskType('RotateSomethingNew'));
		assert.deepEqual(taskTypeSpellings('DeleteRolesAssignment'), ['DeleteRoleAssignment', 'DeleteRolesAssignment']);
		assert.deepEqual(taskTypeSpellings('CreateRoleAssignment'), ['CreateRoleAssignment']);
	});

	it('groups an alias with its canonical type, and every unknown type in a group of its own, after the known ones', () => {
		const tree = groupTasks(TASKS, 'taskTypeStatus');
		assert.deepEqual(
			tree.groups.map((g) => [g.key, g.count]),
			[['CreateRoleAssignment', 1], ['DeleteRoleAssignment', 3], ['', 1], ['<b>x</b> __proto__', 1], ['RotateSomethingNew', 1]],
		);
		const deletes = tree.groups.find((g) => g.key === 'DeleteRoleAssignment')!;
		assert.deepEqual(deletes.label, { kind: 'taskType', taskType: 'DeleteRoleAssignment' });
		assert.deepEqual(deletes.children.map((c) => [c.key, c.tasks.map((t) => t.TaskId)]), [['Failed', ['t-1', 't-2']], ['Success', ['t-3']]]);
		assert.equal(new Set(tree.groups.map((g) => g.id)).size, tree.groups.length, 'group ids stay unique');
		assert.equal(tree.groups.reduce((n, g) => n + g.count, 0), TASKS.length, 'no task lost');
	});

	it('counts by canonical type for the overview, so a bar click filters the same tasks', () => {
		assert.deepEqual([...countBy(TASKS, 'taskType')], [
			['CreateRoleAssignment', 1],
			['DeleteRoleAssignment', 3],
			['', 1],
			['<b>x</b> __proto__', 1],
			['RotateSomethingNew', 1],
		]);
	});

	it('filters an alias as its canonical type, locally and at the service', () => {
		const shown = (taskTypes: string[]): string[] => TASKS.filter((t) => matchesFilter(t, { taskTypes })).map((t) => t.TaskId);
		assert.deepEqual(shown(['DeleteRoleAssignment']), ['t-1', 't-2', 't-3']);
		assert.deepEqual(shown(['DeleteRolesAssignment']), ['t-1', 't-2', 't-3']);
		assert.deepEqual(shown(['RotateSomethingNew']), ['t-5']);
		assert.deepEqual(shown(['CreateRoleAssignment', 'RotateSomethingNew']), ['t-4', 't-5']);
		// The service compares the string: one listing per name of the type.
		assert.deepEqual(toServerFilters({ statuses: ['Failed'], taskTypes: ['DeleteRoleAssignment'] }), [
			{ Status: 'Failed', TaskType: 'DeleteRoleAssignment' },
			{ Status: 'Failed', TaskType: 'DeleteRolesAssignment' },
		]);
		assert.deepEqual(toServerFilters({ taskTypes: ['DeleteRolesAssignment', 'DeleteRoleAssignment'] }).map((f) => f.TaskType), ['DeleteRoleAssignment', 'DeleteRolesAssignment']);
		assert.deepEqual(toServerFilters({ taskTypes: ['RotateSomethingNew'] }), [{ TaskType: 'RotateSomethingNew' }]);
	});
});
