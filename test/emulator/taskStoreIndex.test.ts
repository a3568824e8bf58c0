import * as assert from 'node:assert/strict';
import type { ListTasksFilter, TaskInfo } from '../../src/api/types';
import { generateTasks } from '../../src/emulator';
import { scopeKey } from '../../src/emulator/paging';
import { TaskStore } from '../../src/emulator/store';

/** What the store answered before it kept an index per filter: a scan of every task. */
function scanned(tasks: readonly TaskInfo[], filter: ListTasksFilter, afterSeq: number, limit: number): { ids: string[]; lastSeq: number; more: boolean; total: number } {
	const keys = Object.keys(filter) as (keyof ListTasksFilter)[];
	const matches = tasks.map((t, i) => ({ t, seq: i + 1 })).filter(({ t }) => keys.every((k) => t[k as keyof TaskInfo] === filter[k]));
	const after = matches.filter((m) => m.seq > afterSeq);
	const taken = after.slice(0, limit);
	return { ids: taken.map((m) => m.t.TaskId), lastSeq: taken.length > 0 ? (taken[taken.length - 1]?.seq ?? afterSeq) : afterSeq, more: after.length > limit, total: matches.length };
}

describe('emulator task store: pages and counts from one index per filter', () => {
	it('answers every filter, cursor and page size as a scan of every task does, also after tasks change', () => {
		const tasks = generateTasks(3000, 4);
		const store = new TaskStore(tasks);
		const filters: ListTasksFilter[] = [
			{},
			{ Status: 'Failed' },
			{ Status: 'Success', TaskType: 'CreateRoleAssignment' },
			{ Status: 'Success', TaskType: 'CreateRoleAssignment', TargetType: 'ManagerUin', PrincipalType: 'Group' },
			{ Status: 'InProgress', PrincipalType: 'User' },
			{ RoleConfigurationId: tasks[7]?.RoleConfigurationId },
			{ Status: 'Failed', TaskType: 'NoSuchType' },
		];
		const check = (): void => {
			const now = store.snapshot();
			for (const filter of filters) {
				const key = scopeKey('z', filter);
				for (const [afterSeq, limit] of [[0, 100], [0, 1], [57, 10], [2999, 100], [3000, 5], [1500, 100]] as const) {
					const page = store.page(filter, key, afterSeq, limit);
					const expected = scanned(now, filter, afterSeq, limit);
					assert.deepEqual({ ids: page.tasks.map((t) => t.TaskId), lastSeq: page.lastSeq, more: page.more }, { ids: expected.ids, lastSeq: expected.lastSeq, more: expected.more }, `${key} after ${afterSeq}`);
					assert.equal(store.count(filter, key), expected.total, key);
				}
			}
		};
		check();
		// Statuses move and tasks arrive: every cached index is stale.
		for (const task of tasks.filter((t) => t.Status === 'InProgress').slice(0, 40)) {
			store.setStatus(task.TaskId, 'Failed', 'quota');
		}
		store.add(generateTasks(200, 9).map((t, i) => ({ ...t, TaskId: `t-added${String(i).padStart(4, '0')}` })));
		check();
	});
});
