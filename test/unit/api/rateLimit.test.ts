import * as assert from 'node:assert/strict';
import { createOrganizationClient, RateLimiter } from '../../../src/api/index';
import { type ArrivalCounter, delay, startArrivalCounter } from './helpers';

const CREDS = { secretId: 'AKIDrate', secretKey: 'rate-test-secret-key' };

/** The most arrivals inside any window of `windowMs` (half-open, starting at each arrival). */
function maxInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let j = 0;
	for (let i = 0; i < sorted.length; i++) {
		while ((sorted[j] ?? Infinity) - (sorted[i] ?? 0) < windowMs && j < sorted.length) {
			j++;
		}
		best = Math.max(best, j - i);
	}
	return best;
}

describe('API client: rate limit', () => {
	let counter: ArrivalCounter | undefined;
	afterEach(async () => {
		await counter?.close();
		counter = undefined;
	});

	it('keeps 60 concurrent calls within 20 per second at the server, close to the bound', async () => {
		counter = await startArrivalCounter();
		const client = createOrganizationClient({ credentials: CREDS, endpoint: counter.url });
		const calls = Array.from({ length: 60 }, (_v, i) => client.listTasks({ ZoneId: `z-${i}` }));
		const responses = await Promise.all(calls);
		assert.equal(responses.length, 60);
		const times = await counter.arrivals();
		assert.equal(times.length, 60);
		assert.ok(maxInWindow(times, 1000) <= 20, `max ${maxInWindow(times, 1000)} arrivals in one second`);
		// 60 calls at 20/s need at least two full windows between the first and the last arrival; at 90%
		// of the bound that span is 2000 / 0.9 ms.
		const span = Math.max(...times) - Math.min(...times);
		assert.ok(span >= 1990, `span ${span.toFixed(0)} ms is faster than the limit allows`);
		assert.ok(span <= 2000 / 0.9, `span ${span.toFixed(0)} ms: throughput below 90% of 20/s`);
	});

	it('shares one limiter between clients (profile switch), holding the bound across both', async () => {
		counter = await startArrivalCounter();
		const limiter = new RateLimiter({ requestsPerSecond: 10 });
		const a = createOrganizationClient({ credentials: CREDS, endpoint: counter.url, rateLimiter: limiter });
		const b = createOrganizationClient({ credentials: CREDS, endpoint: counter.url, rateLimiter: limiter });
		await Promise.all(Array.from({ length: 20 }, (_v, i) => (i % 2 ? a : b).getTaskStatus({ ZoneId: 'z', TaskId: `t-${i}` })));
		const times = await counter.arrivals();
		assert.equal(times.length, 20);
		assert.ok(maxInWindow(times, 1000) <= 10, `max ${maxInWindow(times, 1000)} in one second`);
	});

	it('grants in arrival order, and no more than the limit per window', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 3, windowMs: 50, slackMs: 0, now: () => now });
		const order: number[] = [];
		const all = Array.from({ length: 5 }, (_v, i) =>
			limiter.acquire().then((permit) => {
				order.push(i);
				permit.done();
			}),
		);
		await delay(0);
		assert.deepEqual(order, [0, 1, 2]);
		assert.equal(limiter.pending, 2);
		now = 49;
		await delay(70);
		assert.deepEqual(order, [0, 1, 2], 'still inside the window by the injected clock');
		now = 50;
		await Promise.all(all);
		assert.deepEqual(order, [0, 1, 2, 3, 4]);
	});

	it('counts a slot from done(): a permit still in flight holds its slot', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 1, windowMs: 30, slackMs: 0, now: () => now });
		const slow = await limiter.acquire();
		let granted = false;
		const next = limiter.acquire().then((permit) => {
			granted = true;
			permit.done();
		});
		now = 100;
		await delay(50);
		assert.equal(granted, false, 'a request awaiting its response still occupies the slot');
		slow.done();
		slow.done();
		await delay(50);
		assert.equal(granted, false, 'the window runs from done()');
		now = 130;
		await next;
		assert.equal(granted, true);
	});

	it('rejects bad limits', () => {
		assert.throws(() => new RateLimiter({ requestsPerSecond: 0 }), RangeError);
		assert.throws(() => new RateLimiter({ requestsPerSecond: 1.5 }), RangeError);
	});
});
