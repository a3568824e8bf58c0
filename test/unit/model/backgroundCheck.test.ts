import * as assert from 'node:assert/strict';
import type { TaskInfo } from '../../../src/api/types';
import { BackgroundCheck, backgroundCheckDelay, checkOnce, type CheckResult } from '../../../src/model/backgroundCheck';
import type { Timers } from '../../../src/model/poller';
import { TaskService } from '../../../src/model/taskService';
import type { TaskTransition } from '../../../src/model/taskStore';
import { FakeOrganizationClient, makeTasks } from './fakeOrganizationClient';

const ZONE = 'z-test1234';

/** Manual timers: the test decides when time passes. */
class FakeClock implements Timers {
	now = 0;
	private next = 1;
	readonly pending = new Map<number, { at: number; callback: () => void }>();

	setTimeout(callback: () => void, ms: number): unknown {
		const id = this.next++;
		this.pending.set(id, { at: this.now + ms, callback });
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.pending.delete(handle as number);
	}

	get delays(): number[] {
		return [...this.pending.values()].map((p) => p.at - this.now);
	}

	fire(): void {
		const [id, timer] = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0];
		this.pending.delete(id);
		this.now = timer.at;
		timer.callback();
	}
}

async function readyService(tasks: TaskInfo[]): Promise<{ service: TaskService<string>; client: FakeOrganizationClient }> {
	const client = new FakeOrganizationClient(tasks);
	const service = new TaskService<string>({
		createClient: () => client,
		describeError: (error) => String(error),
		settings: () => ({ pageSize: 10, loadAllThreshold: 1000 }),
		loader: { pollThreshold: 1000 },
	});
	service.setTarget({ kind: 'profile', label: 'p', endpoint: 'https://fake.invalid', zoneId: ZONE, credentials: () => Promise.resolve({ secretId: 'AKIDtest', secretKey: 'k' }), source: 'p' });
	assert.equal((await service.refresh())?.kind, 'success');
	return { service, client };
}

function finishedTasks(count: number, prefix = 't-'): TaskInfo[] {
	return makeTasks(count, { statuses: ['Failed', 'Success'], idPrefix: prefix });
}

describe('background check (issue 14, item 16)', () => {
	describe('backgroundCheckDelay', () => {
		const BASE = { intervalMs: 180_000, consecutiveErrors: 0, viewVisible: true, windowFocused: true };

		it('is off at 0, keeps a floor of 30 s, and backs off when hidden, unfocused or failing', () => {
			assert.equal(backgroundCheckDelay({ ...BASE, intervalMs: 0 }), undefined);
			assert.equal(backgroundCheckDelay(BASE), 180_000);
			assert.equal(backgroundCheckDelay({ ...BASE, intervalMs: 1_000 }), 30_000);
			assert.equal(backgroundCheckDelay({ ...BASE, viewVisible: false }), 720_000);
			assert.equal(backgroundCheckDelay({ ...BASE, windowFocused: false }), 720_000);
			assert.equal(backgroundCheckDelay({ ...BASE, consecutiveErrors: 2 }), 720_000);
			assert.equal(backgroundCheckDelay({ ...BASE, consecutiveErrors: 50 }), 3_600_000, 'capped at an hour');
		});
	});

	describe('checkOnce', () => {
		it('makes only the three count calls while nothing moved', async () => {
			const { service, client } = await readyService(finishedTasks(30));
			const before = client.listCalls.length;
			const result = await checkOnce(service);
			assert.equal(result.kind, 'unchanged');
			const calls = client.listCalls.slice(before);
			assert.equal(calls.length, 3, 'one MaxResults=1 call per status');
			assert.ok(calls.every((c) => c.MaxResults === 1));
		});

		it('loads tasks created elsewhere and announces the finished ones for the notifier', async () => {
			const { service, client } = await readyService(finishedTasks(30));
			const announced: TaskTransition[] = [];
			service.store.onDidObserveTransitions((t) => announced.push(...t));
			// Tasks made from the console meanwhile: two failed, one succeeded, one still running.
			const created = makeTasks(4, { statuses: ['Failed', 'Success', 'Failed', 'InProgress'], idPrefix: 'new-' });
			client.tasks = [...client.tasks, ...created];
			const result = await checkOnce(service);
			assert.equal(result.kind, 'moved');
			for (const task of created) {
				assert.ok(service.store.get(task.TaskId), `${task.TaskId} is loaded`);
			}
			assert.deepEqual(announced.map((t) => `${t.task.TaskId}:${t.to}`).sort(), ['new-000000:Failed', 'new-000001:Success', 'new-000002:Failed']);
			assert.equal(service.store.total('Failed'), 17);
		});

		it('does not call a task new when its group was only partly loaded', async () => {
			const client = new FakeOrganizationClient(makeTasks(400, { statuses: ['Success'] }));
			const service = new TaskService<string>({
				createClient: () => client,
				describeError: String,
				settings: () => ({ pageSize: 10, loadAllThreshold: 100 }),
			});
			service.setTarget({ kind: 'profile', label: 'p', endpoint: 'https://fake.invalid', zoneId: ZONE, credentials: () => Promise.resolve({ secretId: 'AKIDtest', secretKey: 'k' }), source: 'p' });
			await service.refresh();
			assert.equal(service.store.groupState('Success').complete, false);
			client.tasks = [...makeTasks(3, { statuses: ['Success'], idPrefix: 'a-' }), ...client.tasks];
			const result = await checkOnce(service);
			assert.equal(result.kind, 'moved');
			assert.deepEqual(result.kind === 'moved' ? result.appeared : undefined, []);
		});

		it('skips while a refresh or load runs, and before the first load', async () => {
			const { service } = await readyService(finishedTasks(10));
			const running = service.refresh();
			assert.equal((await checkOnce(service)).kind, 'skipped');
			await running;
			service.store.reset();
			assert.equal((await checkOnce(service)).kind, 'skipped');
		});
	});

	describe('BackgroundCheck', () => {
		it('checks on its interval, slower while hidden or unfocused, and sooner when visible again', async () => {
			const clock = new FakeClock();
			const results: CheckResult[] = [];
			let counts = 0;
			const store = { hasLoaded: true, isLoading: false, total: () => 5, statusGroups: () => [], tasks: () => [], announceTransitions: () => undefined };
			const source = {
				store: store as unknown as TaskService['store'],
				countTotals: () => {
					counts++;
					return Promise.resolve(new Map([['Failed', 5]]));
				},
				refresh: () => Promise.resolve(undefined),
			};
			const check = new BackgroundCheck({ source, intervalMs: () => 120_000, timers: clock, now: () => clock.now, onResult: (r) => results.push(r) });
			assert.deepEqual(clock.delays, [120_000]);
			check.setVisibility({ viewVisible: false });
			assert.deepEqual(clock.delays, [480_000], 'hidden: four times slower');
			clock.now += 100_000;
			check.setVisibility({ viewVisible: true });
			assert.deepEqual(clock.delays, [120_000], 'visible again: never later than the normal interval');
			clock.fire();
			await new Promise((resolve) => setImmediate(resolve));
			assert.equal(counts, 1);
			assert.deepEqual(results.map((r) => r.kind), ['unchanged']);
			check.setVisibility({ windowFocused: false });
			assert.deepEqual(clock.delays, [480_000], 'unfocused: four times slower');
			check.dispose();
			assert.deepEqual(clock.delays, []);
		});

		it('backs off after failed checks and recovers', async () => {
			const clock = new FakeClock();
			let fail = true;
			const store = { hasLoaded: true, isLoading: false, total: () => 5, statusGroups: () => [], tasks: () => [], announceTransitions: () => undefined };
			const source = {
				store: store as unknown as TaskService['store'],
				countTotals: () => (fail ? Promise.reject(new Error('network down')) : Promise.resolve(new Map([['Failed', 5]]))),
				refresh: () => Promise.resolve(undefined),
			};
			const check = new BackgroundCheck({ source, intervalMs: () => 60_000, timers: clock, now: () => clock.now });
			clock.fire();
			await new Promise((resolve) => setImmediate(resolve));
			assert.deepEqual(clock.delays, [120_000]);
			fail = false;
			clock.fire();
			await new Promise((resolve) => setImmediate(resolve));
			assert.deepEqual(clock.delays, [60_000]);
			check.dispose();
		});

		it('reads nothing and schedules nothing before start() when told not to start at once', () => {
			const clock = new FakeClock();
			let reads = 0;
			const source = { store: {} as TaskService['store'], countTotals: () => Promise.resolve(undefined), refresh: () => Promise.resolve(undefined) };
			const check = new BackgroundCheck({ source, intervalMs: () => { reads += 1; return 60_000; }, timers: clock, startNow: false });
			check.setVisibility({ viewVisible: false });
			check.setVisibility({ viewVisible: true });
			assert.deepEqual([reads, clock.delays], [0, []]);
			check.start();
			assert.deepEqual([reads, clock.delays], [1, [60_000]]);
			check.dispose();
		});

		it('does nothing while the setting is 0', () => {
			const clock = new FakeClock();
			const source = { store: {} as TaskService['store'], countTotals: () => Promise.resolve(undefined), refresh: () => Promise.resolve(undefined) };
			const check = new BackgroundCheck({ source, intervalMs: () => 0, timers: clock });
			assert.deepEqual(clock.delays, []);
			check.dispose();
		});
	});
});
