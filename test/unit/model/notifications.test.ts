import * as assert from 'node:assert/strict';
import { buildNotification, transitionMessage, type Localizer } from '../../../src/model/notifications';
import type { TaskTransition } from '../../../src/model/taskStore';
import { makeTask } from '../../fixtures/tasks';

function transition(id: string, to: 'Failed' | 'Success', reason = ''): TaskTransition {
	const task = makeTask(id, { RoleConfigurationId: 'rc-1', TargetUin: 1, Status: to, FailureReason: reason });
	return { task, from: 'InProgress', to, observedAt: 0 };
}

describe('notifications', () => {
	it('says nothing when set to none or when nothing qualifies', () => {
		assert.equal(buildNotification([transition('t-1', 'Failed')], 'none'), undefined);
		assert.equal(buildNotification([transition('t-1', 'Success')], 'failed'), undefined);
		assert.equal(buildNotification([], 'all'), undefined);
	});

	it('names a single failed task and its reason', () => {
		const n = buildNotification([transition('t-9', 'Failed', 'Quota\nexceeded  on account'), transition('t-2', 'Success')], 'failed');
		assert.equal(n?.message, 'Task t-9 failed: Quota exceeded on account');
		assert.equal(n?.severity, 'error');
		assert.deepEqual(n?.taskIds, ['t-9']);
		assert.equal(buildNotification([transition('t-9', 'Failed')], 'failed')?.message, 'Task t-9 failed.');
	});

	it('shortens a long reason', () => {
		const n = buildNotification([transition('t-9', 'Failed', 'x'.repeat(500))], 'failed');
		assert.ok((n?.message.length ?? 0) < 230);
		assert.ok(n?.message.endsWith('…'));
	});

	it('coalesces several into one message, failed ids first', () => {
		const batch = [transition('t-3', 'Failed'), transition('t-1', 'Failed'), transition('t-2', 'Failed'), transition('t-5', 'Success')];
		const failedOnly = buildNotification(batch, 'failed');
		assert.equal(failedOnly?.message, '3 tasks failed.');
		assert.deepEqual(failedOnly?.taskIds, ['t-1', 't-2', 't-3']);
		const all = buildNotification(batch, 'all');
		assert.equal(all?.message, '3 tasks failed, 1 succeeded.');
		assert.deepEqual(all?.taskIds, ['t-1', 't-2', 't-3', 't-5']);
		assert.equal(all?.severity, 'error');
	});

	it('reports successes when asked to', () => {
		assert.equal(buildNotification([transition('t-1', 'Success')], 'all')?.message, 'Task t-1 succeeded.');
		const two = buildNotification([transition('t-1', 'Success'), transition('t-2', 'Success')], 'all');
		assert.equal(two?.message, '2 tasks succeeded.');
		assert.equal(two?.severity, 'info');
	});

	it('counts a task reported twice once, by its latest transition', () => {
		const n = buildNotification([transition('t-1', 'Failed'), transition('t-1', 'Failed', 'later reason')], 'failed');
		assert.equal(n?.message, 'Task t-1 failed: later reason');
	});

	it('toasts say "1 CIC task failed" and "2 CIC tasks failed" in the mixed case', () => {
		const english: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) };
		const one = buildNotification([transition('t-1', 'Failed'), transition('t-2', 'Success'), transition('t-3', 'Success')], 'all');
		const two = buildNotification([transition('t-1', 'Failed'), transition('t-4', 'Failed'), transition('t-2', 'Success')], 'all');
		assert.ok(one && two);
		assert.equal(transitionMessage(one, english), '1 CIC task failed, 2 succeeded.');
		assert.equal(transitionMessage(two, english), '2 CIC tasks failed, 1 succeeded.');
	});
});
