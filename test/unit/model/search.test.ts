import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { searchTasks } from '../../../src/model/search';
import { makeTask } from '../../fixtures/tasks';
import { FakeNames } from './fakeNames';

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

describe('search by name', () => {
	const named = [
		task('t-1', { PrincipalId: 'u-alice', PrincipalType: 'User', TargetUin: 100000243611 }),
		task('t-2', { PrincipalId: 'g-dev', PrincipalType: 'Group', TargetUin: 100000000002 }),
		task('t-3', { PrincipalId: 'u-bob', PrincipalType: 'User', TargetUin: 100000000002 }),
	];
	const names = new FakeNames()
		.user('u-alice', 'alice', 'Alice Wang', 'alice.wang@example.com')
		.user('u-bob', 'bob', 'Bob Li', 'bob@corp.example')
		.group('g-dev', 'Developers')
		.named(100000243611, 'Prod Web')
		.named(100000000002, 'Staging');

	it('matches display name, user name, email, group name and account name', () => {
		assert.deepEqual(ids(searchTasks(named, 'wang', names)), ['t-1']);
		assert.deepEqual(ids(searchTasks(named, 'ALICE', names)), ['t-1']);
		assert.deepEqual(ids(searchTasks(named, 'corp.example', names)), ['t-3']);
		assert.deepEqual(ids(searchTasks(named, 'developers', names)), ['t-2']);
		assert.deepEqual(ids(searchTasks(named, 'prod web', names)), ['t-1']);
		assert.deepEqual(ids(searchTasks(named, 'staging bob', names)), ['t-3'], 'every term, across names');
		assert.deepEqual(ids(searchTasks(named, 'wang')), [], 'without names, nothing to match');
	});

	it('finds a name that arrives after the task was first searched', () => {
		const late = new FakeNames();
		const tasks = [task('t-late', { PrincipalId: 'u-late', TargetUin: 100000000077 })];
		assert.deepEqual(ids(searchTasks(tasks, 'carol', late)), [], 'the task is searched (and cached) before its name is known');
		late.user('u-late', 'carol', 'Carol Zhang').named(100000000077, 'Finance');
		assert.deepEqual(ids(searchTasks(tasks, 'carol', late)), ['t-late']);
		assert.deepEqual(ids(searchTasks(tasks, 'finance', late)), ['t-late']);
	});

	it('does not match a principal the directory says does not exist by any name', () => {
		const gone = new FakeNames().missingPrincipal('User', 'u-alice');
		assert.deepEqual(ids(searchTasks(named, 'alice', gone)), ['t-1'], 'the ID still matches');
		assert.deepEqual(ids(searchTasks(named, 'wang', gone)), []);
	});
});
