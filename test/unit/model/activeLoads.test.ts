import * as assert from 'node:assert/strict';
import { ActiveLoads, POLL_SHOWN_AFTER_MS } from '../../../src/model/activeLoads';
import { TaskLoader } from '../../../src/model/loader';
import type { Timers } from '../../../src/model/poller';
import { runPoll, runRefresh } from '../../../src/model/refresh';
import { TaskStore } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

/** Timers that fire only when the test says so. */
class ManualTimers implements Timers {
	private next = 1;
	readonly pending = new Map<number, () => void>();

	setTimeout(callback: () => void): unknown {
		const id = this.next++;
		this.pending.set(id, callback);
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.pending.delete(handle as number);
	}

	fireAll(): void {
		const due = [...this.pending.values()];
		this.pending.clear();
		for (const callback of due) {
			callback();
		}
	}
}

async function until(what: string, probe: () => boolean): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (probe()) {
			return;
		}
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	assert.fail(`timed out waiting for ${what}`);
}

describe('ActiveLoads (the session\'s registry behind Cancel Loading)', () => {
	it('Cancel Loading aborts an in-flight poll, and the next poll runs as usual', async () => {
		const client = new FakeOrganizationClient(makeTasks(60, { statuses: ['InProgress', 'Success'] }));
		const store = new TaskStore();
		const loader = new TaskLoader({ client, zoneId: 'z-test1234', pageSize: 5, pollThreshold: 5 });
		assert.equal((await runRefresh({ store, loader, budget: () => 1000 })).kind, 'success');
		client.latencyMs = 30;
		const loads = new ActiveLoads();
		const load = loads.begin('poll');
		const polling = runPoll({ store, loader, signal: load.signal }).finally(() => load.end());
		const before = client.listCalls.length;
		await until('the poll to be paging', () => client.inFlight > 0);
		assert.equal(loads.count('poll'), 1);
		loads.cancelAll();
		assert.deepEqual(await polling, { kind: 'cancelled' });
		const sent = client.listCalls.length - before;
		assert.ok(sent >= 1 && sent <= 4, `${sent} pages asked for before the cancel took`);
		assert.equal(loads.count(), 0, 'the cancelled poll unregistered itself');
		assert.equal(store.stale, undefined, 'a cancellation is not a failure');

		// The next tick registers afresh: cancelling stopped that poll, not polling.
		client.latencyMs = 0;
		const next = loads.begin('poll');
		const outcome = await runPoll({ store, loader, signal: next.signal }).finally(() => next.end());
		assert.equal(outcome.kind, 'success');
		assert.ok(client.listCalls.length - before > sent, 'the next poll sent requests of its own');
	});

	it('cancels refreshes, "Load more" and polls alike, and forwards the caller\'s own signal', () => {
		const loads = new ActiveLoads({ timers: new ManualTimers() });
		const parent = new AbortController();
		const refresh = loads.begin('refresh', parent.signal);
		const more = loads.begin('loadMore');
		const poll = loads.begin('poll');
		parent.abort();
		assert.deepEqual([refresh.signal.aborted, more.signal.aborted, poll.signal.aborted], [true, false, false]);
		loads.cancelAll();
		assert.deepEqual([more.signal.aborted, poll.signal.aborted], [true, true]);
		const late = loads.begin('poll', parent.signal);
		assert.equal(late.signal.aborted, true, 'an already cancelled caller cancels at once');
		for (const l of [refresh, more, poll, late]) {
			l.end();
		}
		assert.equal(loads.count(), 0);
		assert.equal(loads.begin('poll').signal.aborted, false, 'a load begun after cancelAll runs');
	});

	it(`shows a refresh at once, and a poll only once it has run ${POLL_SHOWN_AFTER_MS} ms`, () => {
		const timers = new ManualTimers();
		let changes = 0;
		const loads = new ActiveLoads({ timers, onChange: () => changes++ });
		const quick = loads.begin('poll');
		assert.deepEqual([loads.isLoading, changes], [false, 0], 'a poll does not flash Cancel Loading');
		quick.end();
		assert.deepEqual([loads.isLoading, changes, timers.pending.size], [false, 0, 0]);

		const slow = loads.begin('poll');
		timers.fireAll();
		assert.deepEqual([loads.isLoading, changes], [true, 1], 'a long poll offers Cancel Loading');
		slow.end();
		slow.end();
		assert.deepEqual([loads.isLoading, changes], [false, 2]);

		const refresh = loads.begin('refresh');
		assert.deepEqual([loads.isLoading, changes], [true, 3]);
		refresh.end();
		assert.deepEqual([loads.isLoading, changes], [false, 4]);
	});

	it('aborts everything and leaves no timer behind on dispose', () => {
		const timers = new ManualTimers();
		const loads = new ActiveLoads({ timers });
		const poll = loads.begin('poll');
		loads.dispose();
		assert.equal(poll.signal.aborted, true);
		assert.equal(timers.pending.size, 0);
	});
});
