import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import type { TaskTransition } from '../../../src/model/taskStore';
import { TaskStore } from '../../../src/model/taskStore';
import { makeTask } from '../../fixtures/tasks';

function task(id: string, status: string, overrides: Partial<TaskInfo> = {}): TaskInfo {
	return makeTask(id, { RoleConfigurationId: 'rc-1', TargetUin: 1, Status: status, FailureReason: status === 'Failed' ? 'boom' : '', ...overrides });
}

function setup(): { store: TaskStore; clock: { now: number }; transitions: TaskTransition[][]; changes: () => number } {
	const clock = { now: 1_000 };
	const store = new TaskStore(() => clock.now);
	const transitions: TaskTransition[][] = [];
	let changes = 0;
	store.onDidObserveTransitions((t) => transitions.push(t));
	store.onDidChange(() => changes++);
	return { store, clock, transitions, changes: () => changes };
}

/** A whole successful refresh in one go. */
function refresh(store: TaskStore, tasks: TaskInfo[], totals?: Record<string, number>): void {
	const ticket = store.begin('refresh');
	if (totals) {
		store.setTotals(ticket, new Map(Object.entries(totals)));
	}
	store.mergeTasks(ticket, tasks);
	store.finish(ticket, { kind: 'success' });
}

describe('TaskStore', () => {
	it('merges tasks, counts them per status and reports completeness', () => {
		const { store, changes } = setup();
		const ticket = store.begin('refresh');
		assert.equal(store.isLoading, true);
		store.setTotals(ticket, new Map([['Failed', 2], ['InProgress', 1], ['Success', 12]]));
		store.mergeTasks(ticket, [task('t-1', 'Failed'), task('t-2', 'Failed'), task('t-3', 'Success')]);
		store.mergeTasks(ticket, [task('t-3', 'Success')]);
		store.setGroupProgress(ticket, 'Failed', { exhausted: true });
		store.setGroupProgress(ticket, 'Success', { exhausted: false });
		store.finish(ticket, { kind: 'success' });
		assert.equal(store.size, 3);
		assert.equal(store.isLoading, false);
		assert.deepEqual(
			store.statusGroups().map((g) => [g.status, g.loaded, g.total, g.complete]),
			[
				['Failed', 2, 2, true],
				['InProgress', 0, 1, false],
				['Success', 1, 12, false],
			],
		);
		assert.equal(store.lastUpdated, 1_000);
		assert.equal(store.hasLoaded, true);
		assert.ok(changes() >= 5);
	});

	it('never lets a late result of an older refresh win', () => {
		const { store } = setup();
		const older = store.begin('refresh');
		const newer = store.begin('refresh');
		assert.equal(older.signal.aborted, true, 'a newer refresh cancels the older one');
		assert.equal(store.mergeTasks(newer, [task('t-1', 'Success')]), true);
		assert.equal(store.finish(newer, { kind: 'success' }), true);
		assert.equal(store.mergeTasks(older, [task('t-1', 'InProgress'), task('t-9', 'Failed')]), false);
		assert.equal(store.setTotals(older, new Map([['Failed', 99]])), false);
		assert.equal(store.finish(older, { kind: 'failure', reason: 'late' }), false);
		assert.equal(store.get('t-1')?.task.Status, 'Success');
		assert.equal(store.get('t-9'), undefined);
		assert.equal(store.stale, undefined);
	});

	it('keeps a newer observation when an older operation answers later', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'InProgress')]);
		const slowLoad = store.begin('loadMore');
		const poll = store.begin('poll');
		store.applyStatusUpdates(poll, [{ TaskId: 't-1', Status: 'Success' }]);
		store.finish(poll, { kind: 'success' });
		// The load-more page was requested before the poll and still shows the task running.
		store.mergeTasks(slowLoad, [task('t-1', 'InProgress'), task('t-2', 'Failed')]);
		store.finish(slowLoad, { kind: 'success' });
		assert.equal(store.get('t-1')?.task.Status, 'Success');
		assert.equal(store.get('t-2')?.task.Status, 'Failed');
	});

	it('a newer poll supersedes an older one but not a load', () => {
		const { store } = setup();
		const load = store.begin('loadMore');
		const poll1 = store.begin('poll');
		const poll2 = store.begin('poll');
		assert.equal(poll1.signal.aborted, true);
		assert.equal(load.signal.aborted, false);
		assert.equal(store.isActive(poll2), true);
		store.begin('refresh');
		assert.equal(load.signal.aborted, true);
		assert.equal(poll2.signal.aborted, true);
	});

	it('keeps the data and marks it stale when a refresh fails, and clears the mark on success', () => {
		const { store, clock } = setup();
		refresh(store, [task('t-1', 'Failed'), task('t-2', 'Success')], { Failed: 1, Success: 1 });
		clock.now = 5_000;
		const failing = store.begin('refresh');
		store.mergeTasks(failing, [task('t-3', 'Failed')]);
		store.setGroupProgress(failing, 'Failed', { exhausted: false, error: 'listing Status=Failed failed' });
		store.finish(failing, { kind: 'failure', reason: 'Rate limited', retryAt: 9_000 });
		assert.deepEqual(store.stale, { reason: 'Rate limited', retryAt: 9_000 });
		assert.deepEqual(store.tasks().map((t) => t.TaskId).sort(), ['t-1', 't-2', 't-3'], 'nothing blanked; partial results kept');
		assert.equal(store.lastUpdated, 1_000, 'still the time of the last good data');
		const failed = store.groupState('Failed');
		assert.equal(failed.complete, false);
		assert.equal(failed.error, 'listing Status=Failed failed');
		clock.now = 10_000;
		refresh(store, [task('t-1', 'Failed'), task('t-2', 'Success'), task('t-3', 'Failed')]);
		assert.equal(store.stale, undefined);
		assert.equal(store.lastUpdated, 10_000);
		assert.equal(store.groupState('Failed').error, undefined);
	});

	it('ignores a failure that finishes after a newer success, and load-more failures', () => {
		const { store } = setup();
		const r = store.begin('refresh');
		const poll = store.begin('poll');
		store.finish(poll, { kind: 'success' });
		store.finish(r, { kind: 'failure', reason: 'old news' });
		assert.equal(store.stale, undefined);
		const load = store.begin('loadMore');
		store.finish(load, { kind: 'failure', reason: 'page failed' });
		assert.equal(store.stale, undefined);
	});

	it('drops tasks a successful refresh did not see again, but not ones a newer operation saw', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'Success'), task('t-2', 'Success'), task('t-3', 'InProgress')]);
		const r = store.begin('refresh');
		const poll = store.begin('poll');
		store.mergeTasks(r, [task('t-1', 'Success')]);
		store.applyStatusUpdates(poll, [{ TaskId: 't-3', Status: 'Success' }]);
		store.finish(poll, { kind: 'success' });
		store.finish(r, { kind: 'success' });
		assert.deepEqual(store.tasks().map((t) => t.TaskId).sort(), ['t-1', 't-3']);
		assert.equal(store.groupState('Success').loaded, 2);
	});

	it('a cancelled refresh changes nothing and leaves no stale mark', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'Success')]);
		const r = store.begin('refresh');
		store.finish(r, { kind: 'cancelled' });
		assert.equal(store.size, 1);
		assert.equal(store.stale, undefined);
		assert.equal(store.isLoading, false);
	});

	it('follows a parent signal', () => {
		const { store } = setup();
		const parent = new AbortController();
		const ticket = store.begin('refresh', parent.signal);
		parent.abort();
		assert.equal(ticket.signal.aborted, true);
		const already = store.begin('loadMore', parent.signal);
		assert.equal(already.signal.aborted, true);
	});

	it('reset() clears everything at once and ignores what is still in flight', () => {
		const { store, transitions } = setup();
		refresh(store, [task('t-1', 'InProgress')], { InProgress: 1 });
		const inFlight = store.begin('poll');
		store.applyStatusUpdates(inFlight, []);
		store.reset();
		assert.equal(inFlight.signal.aborted, true);
		assert.equal(store.size, 0);
		assert.deepEqual(store.statusGroups(), []);
		assert.equal(store.lastUpdated, undefined);
		assert.equal(store.hasLoaded, false);
		assert.equal(store.applyStatusUpdates(inFlight, [{ TaskId: 't-1', Status: 'Failed' }]), false);
		assert.equal(store.mergeTasks(inFlight, [task('t-1', 'Failed')]), false);
		assert.equal(store.size, 0);
		refresh(store, [task('t-1', 'Failed')]);
		assert.deepEqual(transitions, [], 'the first load after a reset reports no transitions');
	});

	describe('transitions', () => {
		it('are never reported on the first load', () => {
			const { store, transitions } = setup();
			const r = store.begin('refresh');
			store.mergeTasks(r, [task('t-1', 'InProgress')]);
			store.mergeTasks(r, [task('t-1', 'Failed')]);
			store.finish(r, { kind: 'success' });
			assert.deepEqual(transitions, []);
		});

		it('report InProgress → Failed/Success once per refresh, batched', () => {
			const { store, transitions, clock } = setup();
			refresh(store, [task('t-1', 'InProgress'), task('t-2', 'InProgress'), task('t-3', 'InProgress')]);
			clock.now = 2_000;
			const r = store.begin('refresh');
			store.mergeTasks(r, [task('t-1', 'Failed')]);
			store.mergeTasks(r, [task('t-2', 'Success'), task('t-3', 'InProgress')]);
			assert.equal(transitions.length, 0, 'held until the refresh ends');
			store.finish(r, { kind: 'success' });
			assert.equal(transitions.length, 1);
			assert.deepEqual(
				transitions[0].map((t) => [t.task.TaskId, t.from, t.to, t.observedAt]),
				[
					['t-1', 'InProgress', 'Failed', 2_000],
					['t-2', 'InProgress', 'Success', 2_000],
				],
			);
			assert.deepEqual(store.get('t-1')?.observed, { firstSeen: 1_000, statusChangedAt: 2_000 });
			assert.deepEqual(store.get('t-3')?.observed, { firstSeen: 1_000 });
		});

		it('are not reported for tasks first seen finished, nor for other moves', () => {
			const { store, transitions } = setup();
			refresh(store, [task('t-1', 'Failed'), task('t-2', 'Success')]);
			const r = store.begin('refresh');
			store.mergeTasks(r, [task('t-1', 'Success'), task('t-2', 'Success'), task('t-new', 'Failed')]);
			store.finish(r, { kind: 'success' });
			assert.deepEqual(transitions, []);
		});

		it('come from polls too, and from a superseded operation that applied them', () => {
			const { store, transitions } = setup();
			refresh(store, [task('t-1', 'InProgress'), task('t-2', 'InProgress')]);
			const poll = store.begin('poll');
			store.applyStatusUpdates(poll, [{ TaskId: 't-1', Status: 'Failed', FailureReason: 'quota' }, { TaskId: 't-unknown', Status: 'Failed' }]);
			store.begin('refresh');
			assert.equal(transitions.length, 1);
			assert.equal(transitions[0][0].task.FailureReason, 'quota');
			assert.equal(store.get('t-unknown'), undefined, 'status updates never invent tasks');
		});
	});

	it('keeps totals exact when it sees a loaded task move', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'InProgress')], { InProgress: 5, Success: 10 });
		const poll = store.begin('poll');
		store.applyStatusUpdates(poll, [{ TaskId: 't-1', Status: 'Success' }]);
		store.finish(poll, { kind: 'success' });
		assert.equal(store.total('InProgress'), 4);
		assert.equal(store.total('Success'), 11);
		assert.deepEqual(store.inProgressIds(), []);
	});

	it('does not move totals counted after its last sighting of the task', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'InProgress')]);
		const r = store.begin('refresh');
		// These totals were counted after t-1 was last seen, so they may already count it as Success.
		store.setTotals(r, new Map([['InProgress', 0], ['Success', 3]]));
		store.mergeTasks(r, [task('t-1', 'Success')]);
		store.finish(r, { kind: 'success' });
		assert.equal(store.total('InProgress'), 0);
		assert.equal(store.total('Success'), 3);
	});

	it('returns tasks in TaskId order across merges, updates and prunes', () => {
		const { store } = setup();
		refresh(store, [task('t-5', 'Success'), task('t-1', 'InProgress'), task('t-3', 'Failed')]);
		assert.deepEqual(store.tasks().map((t) => t.TaskId), ['t-1', 't-3', 't-5']);
		const load = store.begin('loadMore');
		store.mergeTasks(load, [task('t-4', 'Success'), task('t-0', 'Success')]);
		store.mergeTasks(load, [task('t-2', 'Success'), task('t-1', 'Failed')]);
		store.finish(load, { kind: 'success' });
		assert.deepEqual(store.tasks().map((t) => `${t.TaskId}:${t.Status}`), ['t-0:Success', 't-1:Failed', 't-2:Success', 't-3:Failed', 't-4:Success', 't-5:Success']);
		const r = store.begin('refresh');
		store.mergeTasks(r, [task('t-4', 'Success'), task('t-9', 'Success'), task('t-0', 'Success')]);
		store.finish(r, { kind: 'success' });
		assert.deepEqual(store.tasks().map((t) => t.TaskId), ['t-0', 't-4', 't-9']);
	});

	it('lists unknown statuses after the known ones', () => {
		const { store } = setup();
		refresh(store, [task('t-1', 'Paused'), task('t-2', '')], { Failed: 0, InProgress: 0, Success: 0 });
		assert.deepEqual(
			store.statusGroups().map((g) => g.status),
			['Failed', 'InProgress', 'Success', '', 'Paused'],
		);
	});
});

describe('TaskStore snapshots after changes in place', () => {
	it('swaps changed tasks into the last snapshot, in TaskId order, leaving the old snapshot as it was', () => {
		const store = new TaskStore();
		const ids = Array.from({ length: 200 }, (_v, i) => `t-${String((i * 37) % 200).padStart(4, '0')}`);
		const first = store.begin('refresh');
		store.mergeTasks(first, ids.map((id) => task(id, 'InProgress')));
		store.finish(first, { kind: 'success' });
		const before = store.tasks();
		const check = (): void => {
			const now = store.tasks();
			assert.deepEqual(now.map((t) => t.TaskId), [...ids].sort(), 'TaskId order');
			for (const t of now) {
				assert.equal(t, store.get(t.TaskId)?.task, `${t.TaskId} is the store's current task`);
			}
			assert.ok(Object.isFrozen(now));
		};
		const poll = (changes: [string, string][]): void => {
			const ticket = store.begin('poll');
			store.applyStatusUpdates(ticket, changes.map(([TaskId, Status]) => ({ TaskId, Status, FailureReason: Status === 'Failed' ? 'quota' : '' })));
			store.finish(ticket, { kind: 'success' });
		};
		poll([['t-0007', 'Failed'], ['t-0150', 'Success']]);
		check();
		assert.equal(before.find((t) => t.TaskId === 't-0007')?.Status, 'InProgress', 'a snapshot once returned never changes');
		assert.equal(store.tasks().find((t) => t.TaskId === 't-0007')?.Status, 'Failed');
		// Two polls before the next read, then more changes than a patch is worth, then a new task.
		poll([['t-0001', 'Success']]);
		poll([['t-0199', 'Failed']]);
		check();
		poll(ids.slice(0, 120).map((id) => [id, 'Success']));
		check();
		const more = store.begin('loadMore');
		store.mergeTasks(more, [task('t-0000a', 'Failed')]);
		store.finish(more, { kind: 'success' });
		ids.push('t-0000a');
		poll([['t-0000a', 'Success']]);
		check();
	});
});
