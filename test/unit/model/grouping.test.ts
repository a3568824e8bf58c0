import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import type { GroupingMode, TaskGroup } from '../../../src/model/grouping';
import { countBy, findGroup, GROUPING_MODES, groupTasks, markSortedByTaskId, orderGroupsByName, sortByTaskId } from '../../../src/model/grouping';
import { NO_NAMES } from '../../../src/model/names';
import { FakeNames } from './fakeNames';
import { makeTasks } from './fakeOrganizationClient';
import { makeTask } from '../../fixtures/tasks';

function task(id: string, overrides: Partial<TaskInfo> = {}): TaskInfo {
	return makeTask(id, { TargetUin: 100, ...overrides });
}

function leaves(groups: readonly TaskGroup[]): TaskGroup[] {
	return groups.flatMap((g) => (g.children.length > 0 ? leaves(g.children) : [g]));
}

const SAMPLE: TaskInfo[] = [
	task('t-5', { Status: 'Success', RoleConfigurationId: 'rc-b', RoleConfigurationName: 'beta' }),
	task('t-1', { Status: 'Failed', RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Zeta', FailureReason: 'quota' }),
	task('t-3', { Status: 'InProgress', RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Zeta' }),
	task('t-2', { Status: 'Weird', RoleConfigurationId: 'rc-c', RoleConfigurationName: 'Alpha' }),
	task('t-4', { Status: 'Failed', RoleConfigurationId: 'rc-b', RoleConfigurationName: 'beta', TaskType: 'DeleteRoleAssignment' }),
	task('t-6', { Status: '', RoleConfigurationId: 'rc-c', RoleConfigurationName: 'Alpha', TargetType: 'ManagerUin', TargetUin: 5 }),
	task('t-0', { Status: 'Success', RoleConfigurationId: 'rc-a', RoleConfigurationName: 'Zeta', PrincipalType: 'Group', PrincipalId: 'g-9' }),
];

describe('grouping', () => {
	it('groups Status › Role configuration by default, statuses Failed, InProgress, Success, then unknown', () => {
		const tree = groupTasks(SAMPLE);
		assert.equal(tree.mode, 'statusRoleConfiguration');
		assert.deepEqual(
			tree.groups.map((g) => g.key),
			['Failed', 'InProgress', 'Success', '', 'Weird'],
		);
		const failed = tree.groups[0];
		assert.equal(failed.id, 'status:Failed');
		assert.equal(failed.count, 2);
		// Role configurations by name, case-insensitively: beta before Zeta.
		assert.deepEqual(
			failed.children.map((c) => [c.id, c.label]),
			[
				['status:Failed/rc:rc-b', { kind: 'roleConfiguration', roleConfigurationId: 'rc-b', roleConfigurationName: 'beta' }],
				['status:Failed/rc:rc-a', { kind: 'roleConfiguration', roleConfigurationId: 'rc-a', roleConfigurationName: 'Zeta' }],
			],
		);
		assert.deepEqual(
			tree.groups[2].children.map((c) => c.tasks.map((t) => t.TaskId)),
			[['t-5'], ['t-0']],
		);
		assert.equal(tree.groups[3].id, 'status:', 'the empty status keeps a distinct, stable id');
		assert.equal(tree.total, SAMPLE.length);
	});

	it('sorts tasks within a leaf by TaskId and keeps counts consistent in every mode', () => {
		const tasks = makeTasks(500);
		for (const mode of GROUPING_MODES) {
			const tree = groupTasks(tasks, mode);
			const all = mode === 'flat' ? tree.tasks : leaves(tree.groups).flatMap((g) => g.tasks);
			assert.equal(all.length, tasks.length, mode);
			assert.equal(new Set(all.map((t) => t.TaskId)).size, tasks.length, `${mode}: every task exactly once`);
			for (const leaf of leaves(tree.groups)) {
				const ids = leaf.tasks.map((t) => t.TaskId);
				assert.deepEqual(ids, [...ids].sort(), `${mode}: ${leaf.id} sorted`);
				assert.equal(leaf.count, leaf.tasks.length);
			}
			for (const group of tree.groups) {
				assert.equal(group.count, leaves([group]).reduce((n, l) => n + l.count, 0));
				if (group.kind !== 'status') {
					const counts = group.statusCounts ?? new Map<string, number>();
					assert.equal([...counts.values()].reduce((a, b) => a + b, 0), group.count, `${mode}: ${group.id} statusCounts`);
					assert.deepEqual([...counts.keys()], group.children.map((c) => c.key));
				}
			}
		}
	});

	it('gives each mode its own levels and id scheme', () => {
		const expectations: Record<GroupingMode, string[]> = {
			statusRoleConfiguration: ['status:Failed/rc:rc-a', 'status:Failed/rc:rc-b'],
			roleConfigurationStatus: ['rc:rc-c/status:', 'rc:rc-c/status:Weird'],
			statusTargetAccount: ['status:Failed/target:MemberUin:100'],
			statusPrincipal: ['status:Success/principal:User:u-1', 'status:Success/principal:Group:g-9'],
			taskTypeStatus: ['type:CreateRoleAssignment/status:Failed', 'type:DeleteRoleAssignment/status:Failed'],
			flat: [],
		};
		for (const mode of GROUPING_MODES) {
			const ids = leaves(groupTasks(SAMPLE, mode).groups).map((g) => g.id);
			for (const id of expectations[mode]) {
				assert.ok(ids.includes(id), `${mode} has ${id} (got ${ids.join(' ')})`);
			}
		}
		const rcFirst = groupTasks(SAMPLE, 'roleConfigurationStatus').groups;
		assert.deepEqual(
			rcFirst.map((g) => g.key),
			['rc-c', 'rc-b', 'rc-a'],
			'Alpha, beta, Zeta',
		);
		assert.deepEqual(
			rcFirst[2].children.map((c) => c.key),
			['Failed', 'InProgress', 'Success'],
		);
		assert.deepEqual([...(rcFirst[2].statusCounts ?? [])], [
			['Failed', 1],
			['InProgress', 1],
			['Success', 1],
		]);
		assert.equal(groupTasks(SAMPLE).groups[0].statusCounts, undefined);
		const byType = groupTasks(SAMPLE, 'taskTypeStatus').groups.map((g) => g.key);
		assert.deepEqual(byType, ['CreateRoleAssignment', 'DeleteRoleAssignment']);
		const targets = groupTasks(SAMPLE, 'statusTargetAccount').groups.find((g) => g.key === '')?.children[0];
		assert.deepEqual(targets?.label, { kind: 'targetAccount', targetType: 'ManagerUin', targetUin: 5 });
		const principals = groupTasks(SAMPLE, 'statusPrincipal').groups[2].children.map((c) => c.key);
		assert.deepEqual(principals, ['User:u-1', 'Group:g-9'], 'users before groups');
		const flat = groupTasks(SAMPLE, 'flat');
		assert.deepEqual(flat.groups, []);
		assert.deepEqual(
			flat.tasks.map((t) => t.TaskId),
			['t-0', 't-1', 't-2', 't-3', 't-4', 't-5', 't-6'],
		);
	});

	it('keeps ids label-independent and encodes separators', () => {
		const renamed = SAMPLE.map((t) => ({ ...t, RoleConfigurationName: `${t.RoleConfigurationName} (renamed)` }));
		const ids = (tasks: TaskInfo[]): string[] => leaves(groupTasks(tasks).groups).map((g) => g.id).sort();
		assert.deepEqual(ids(renamed), ids(SAMPLE));
		const odd = groupTasks([task('t-1', { Status: 'a/b:c', RoleConfigurationId: 'rc-x/y' })]);
		assert.equal(odd.groups[0].children[0].id, 'status:a%2Fb%3Ac/rc:rc-x%2Fy');
		assert.equal(findGroup(odd, 'status:a%2Fb%3Ac/rc:rc-x%2Fy')?.tasks[0].TaskId, 't-1');
		assert.equal(findGroup(odd, 'status:nope'), undefined);
	});

	it('names a role configuration group after the first non-empty name', () => {
		const tree = groupTasks([task('t-1', { RoleConfigurationName: '' }), task('t-2', { RoleConfigurationName: 'Ops' })]);
		assert.deepEqual(tree.groups[0].children[0].label, {
			kind: 'roleConfiguration',
			roleConfigurationId: 'rc-aaa',
			roleConfigurationName: 'Ops',
		});
	});

	it('is deterministic whatever the input order', () => {
		const tasks = makeTasks(300);
		const shuffled = [...tasks].reverse();
		assert.deepEqual(groupTasks(shuffled), groupTasks(tasks));
		assert.deepEqual(
			sortByTaskId(shuffled).map((t) => t.TaskId),
			tasks.map((t) => t.TaskId),
		);
		assert.equal(sortByTaskId(tasks), tasks, 'no copy when already sorted');
		assert.deepEqual(
			sortByTaskId(shuffled).map((t) => t.TaskId),
			shuffled.map((t) => t.TaskId).sort(),
		);
		assert.equal(shuffled[0].TaskId, tasks[tasks.length - 1].TaskId, 'the input is left alone');
	});

	it('counts per dimension in tree order', () => {
		assert.deepEqual(
			[...countBy(SAMPLE, 'status')],
			[
				['Failed', 2],
				['InProgress', 1],
				['Success', 2],
				['', 1],
				['Weird', 1],
			],
		);
		assert.deepEqual(
			[...countBy(SAMPLE, 'roleConfiguration')],
			[
				['rc-c', 2],
				['rc-b', 2],
				['rc-a', 3],
			],
		);
		assert.deepEqual(
			[...countBy(SAMPLE, 'taskType')],
			[
				['CreateRoleAssignment', 6],
				['DeleteRoleAssignment', 1],
			],
		);
		assert.deepEqual([...countBy(SAMPLE, 'targetAccount')][0], ['MemberUin:100', 6]);
		assert.deepEqual([...countBy(SAMPLE, 'principal')], [
			['User:u-1', 6],
			['Group:g-9', 1],
		]);
		assert.deepEqual([...countBy([], 'status')], []);
	});

	it('reuses the grouping of an unchanged (frozen) task list', () => {
		const frozen = Object.freeze(sortByTaskId(makeTasks(50)).slice());
		const tree = groupTasks(frozen);
		assert.equal(groupTasks(frozen), tree);
		assert.notEqual(groupTasks(frozen, 'flat'), tree);
		assert.equal(groupTasks(frozen, 'flat'), groupTasks(frozen, 'flat'));
		const mutable = makeTasks(50);
		assert.notEqual(groupTasks(mutable), groupTasks(mutable));
	});

	it('trusts arrays marked as sorted', () => {
		const marked = markSortedByTaskId([...SAMPLE].sort((a, b) => (a.TaskId < b.TaskId ? -1 : 1)));
		assert.equal(sortByTaskId(marked), marked);
	});

	it('handles no tasks', () => {
		assert.deepEqual(groupTasks([]), { mode: 'statusRoleConfiguration', groups: [], tasks: [], total: 0 });
	});
});

describe('grouping by name', () => {
	const tasks = [
		makeTask('t-1', { Status: 'Failed', PrincipalId: 'u-3', TargetUin: 100000000003 }),
		makeTask('t-2', { Status: 'Failed', PrincipalId: 'u-1', TargetUin: 100000000001 }),
		makeTask('t-3', { Status: 'Failed', PrincipalId: 'u-2', TargetUin: 100000000002 }),
		makeTask('t-4', { Status: 'Failed', PrincipalId: 'u-9', TargetUin: 100000000009 }),
		makeTask('t-5', { Status: 'Failed', PrincipalId: 'g-1', PrincipalType: 'Group', TargetUin: 100000000001 }),
		makeTask('t-6', { Status: 'Failed', PrincipalId: 'u-4', TargetUin: 100000000004 }),
	];
	const keys = (groups: readonly TaskGroup[]): string[] => groups.map((g) => g.key);

	it('orders principals by name where known, the rest by ID, users before groups', () => {
		const names = new FakeNames().user('u-3', 'amy', 'Amy').user('u-2', 'zed', 'Zed').user('u-4', 'amy2', 'amy').group('g-1', 'Admins').missingPrincipal('User', 'u-9');
		const tree = groupTasks(tasks, 'statusPrincipal');
		const before = keys(tree.groups[0].children);
		const ordered = orderGroupsByName(tree.groups, names);
		assert.deepEqual(keys(ordered[0].children), ['User:u-3', 'User:u-4', 'User:u-2', 'User:u-1', 'User:u-9', 'Group:g-1']);
		assert.deepEqual(keys(tree.groups[0].children), before, 'the shared, cached tree is not reordered');
		assert.deepEqual(keys(orderGroupsByName(tree.groups, names)[0].children), keys(ordered[0].children), 'stable');
		assert.deepEqual(keys(orderGroupsByName(tree.groups, NO_NAMES)[0].children), before, 'without names: by ID, as before');
	});

	it('orders accounts by name where known, the rest by UIN', () => {
		const names = new FakeNames().named(100000000009, 'Alpha').named(100000000002, 'beta').named(100000000004, 'Beta');
		const ordered = orderGroupsByName(groupTasks(tasks, 'statusTargetAccount').groups, names);
		assert.deepEqual(keys(ordered[0].children), ['MemberUin:100000000009', 'MemberUin:100000000002', 'MemberUin:100000000004', 'MemberUin:100000000001', 'MemberUin:100000000003']);
	});

	it('leaves other groupings as they are', () => {
		const names = new FakeNames().user('u-3', 'amy', 'Amy');
		const tree = groupTasks(tasks, 'statusRoleConfiguration');
		assert.deepEqual(orderGroupsByName(tree.groups, names).map((g) => g.id), tree.groups.map((g) => g.id));
	});
});
