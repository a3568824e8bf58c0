import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { searchTasks } from '../../../src/model/search';
import { makeTask } from '../../fixtures/tasks';

const task = makeTask;

const TASKS = [
	task('t-abc10', { FailureReason: 'mentions t-abc1 in passing' }),
	task('t-abc1'),
	task('t-zzz', { RoleConfigurationId: 'rc-t-abc1', RoleConfigurationName: 'Ops' }),
	task('t-yyy', { PrincipalId: 'u-42', TargetUin: 200000000001, FailureReason: 'Quota EXCEEDED for role' }),
	task('t-xxx', { RoleConfigurationName: 'ReadOnlyAccess', TaskType: 'DeleteRoleAssignment' }),
];

const ids = (tasks: TaskInfo[]): string[] => tasks.map((t) => t.TaskId);

describe('search', () => {
	it('puts an exact task id first, then prefixes, then substrings', () => {
		assert.deepEqual(ids(searchTasks(TASKS, 'T-ABC1')), ['t-abc1', 't-abc10', 't-zzz']);
	});

	it('searches every field case-insensitively', () => {
		assert.deepEqual(ids(searchTasks(TASKS, 'u-42')), ['t-yyy']);
		assert.deepEqual(ids(searchTasks(TASKS, '200000000001')), ['t-yyy']);
		assert.deepEqual(ids(searchTasks(TASKS, 'quota exceeded')), ['t-yyy']);
		assert.deepEqual(ids(searchTasks(TASKS, 'readonly')), ['t-xxx']);
		assert.deepEqual(ids(searchTasks(TASKS, 'deleterole')), ['t-xxx']);
		assert.deepEqual(ids(searchTasks(TASKS, 'ops')), ['t-zzz']);
		assert.deepEqual(ids(searchTasks(TASKS, 'rc-t-abc1')), ['t-zzz']);
	});

	it('ranks exact other ids above partial matches and keeps TaskId order on ties', () => {
		const tasks = [task('t-2', { PrincipalId: 'u-100' }), task('t-1', { PrincipalId: 'u-1000' }), task('t-3', { PrincipalId: 'u-100' })];
		assert.deepEqual(ids(searchTasks(tasks, 'u-100')), ['t-2', 't-3', 't-1']);
	});

	it('requires every term to match', () => {
		assert.deepEqual(ids(searchTasks(TASKS, 'admin t-abc1')), ['t-abc1', 't-abc10']);
		assert.deepEqual(ids(searchTasks(TASKS, 'admin nothing-like-this')), []);
	});

	it('returns everything in TaskId order for a blank query', () => {
		assert.deepEqual(ids(searchTasks(TASKS, '   ')), ['t-abc1', 't-abc10', 't-xxx', 't-yyy', 't-zzz']);
	});
});
