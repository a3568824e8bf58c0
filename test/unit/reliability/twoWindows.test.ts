import * as assert from 'node:assert/strict';
import { createOrganizationClient, RateLimiter } from '../../../src/api';
import type { Permit } from '../../../src/api/rateLimiter';
import { type RunningEmulator, startEmulator } from '../../../src/emulator';
import { TaskLoader } from '../../../src/model/loader';
import { runRefresh } from '../../../src/model/refresh';
import { TaskStore } from '../../../src/model/taskStore';
import { delay } from '../api/helpers';

// Issue 12: two VS Code windows on one account are two extension hosts, each with a limiter of its own that allows
// the whole quota. The service refuses what goes beyond it; each limiter then halves its rate and earns it back.
describe('reliability: two windows on one account (issue 12)', function () {
	this.timeout(90_000);
	let emulator: RunningEmulator | undefined;
	afterEach(async () => {
		await emulator?.close();
		emulator = undefined;
	});

	it('two full loads at once, each limiter allowing 20/s against a service allowing 20/s: both complete, and the refusals stop', async () => {
		emulator = await startEmulator({ tasks: 3000, seed: 4, latencyMs: 30 });
		const emu = emulator;
		const retries: number[] = [];
		const windows = [0, 1].map(() => ({
			store: new TaskStore(),
			loader: new TaskLoader({
				client: createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials, requestsPerSecond: 20 }),
				zoneId: emu.zoneId,
				pageSize: 50,
				onRetry: (notice) => retries.push(notice.attempt),
			}),
		}));
		const outcomes = await Promise.all(windows.map(({ store, loader }) => runRefresh({ store, loader, budget: () => Number.POSITIVE_INFINITY })));
		assert.deepEqual(outcomes.map((o) => o.kind), ['success', 'success'], 'no failed load');
		for (const { store } of windows) {
			assert.equal(store.size, 3000);
			assert.ok(store.statusGroups().every((g) => g.complete));
		}
		const { throttled, byAction } = emu.counters();
		const requests = byAction.ListTasks ?? 0;
		console.log(`      ${requests} requests, ${throttled} refused, retries per request at most ${Math.max(0, ...retries)}`);
		// Each refusal costs its request a retry; after the first, the limiters settle under the quota.
		assert.ok(Math.max(0, ...retries) <= 2, `a request needed ${Math.max(...retries)} retries (5 are allowed)`);
		assert.ok(throttled <= requests / 5, `${throttled} of ${requests} requests refused`);
	});

	it('halves a budget after a refusal, once per window, and earns two requests a window back', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 8, windowMs: 60, slackMs: 0, now: () => now });
		const granted: Permit[] = [];
		// Three refusals in one window (answers of requests sent together): one halving.
		limiter.refused('ListTasks');
		limiter.refused('ListTasks');
		limiter.refused('ListTasks');
		limiter.refused('GetUser');
		const waiting = Array.from({ length: 14 }, () => limiter.acquire(undefined, 'ListTasks').then((p) => void granted.push(p)));
		const answerAll = (): void => granted.forEach((p) => p.done());
		await delay(5);
		assert.equal(granted.length, 4, 'half of 8, however many refusals came in one window');
		answerAll();
		now = 60;
		await delay(90);
		assert.equal(granted.length, 10, 'two more a window later: 6');
		answerAll();
		now = 120;
		await delay(90);
		assert.equal(granted.length, 14, 'then back to 8 (4 were waiting)');
		answerAll();
		const other = await limiter.acquire(undefined, 'GetUser');
		other.done();
		await Promise.all(waiting);
	});
});
