import * as assert from 'node:assert/strict';
import { type Permit, RateLimiter } from '../../../src/api/rateLimiter';
import { delay } from './helpers';

// Issue 12: the limiter serves the longest chain first and keeps slots for a chain in flight, never more than its
// rate, and nothing waits past maxWaitMs behind priorities.
describe('rate limiter: priority and chain reservations (issue 12)', () => {
	it('lets a request of the longest chain overtake a waiting request of a short listing', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 2, windowMs: 60, slackMs: 0, now: () => now });
		const held = [await limiter.acquire(undefined, 'ListTasks', 1), await limiter.acquire(undefined, 'ListTasks', 1)];
		const order: string[] = [];
		const granted = (name: string) => (permit: Permit): Permit => {
			order.push(name);
			return permit;
		};
		const short = limiter.acquire(undefined, 'ListTasks', 1).then(granted('short'));
		const chain = limiter.acquire(undefined, 'ListTasks', 20).then(granted('chain'));
		for (const permit of held) {
			permit.done();
		}
		await delay(10);
		assert.deepEqual(order, [], 'both wait for the window');
		now = 60;
		const chainPermit = await chain;
		await delay(10);
		assert.deepEqual(order, ['chain'], 'the chain was queued second but served first; its next page is reserved for');
		now = 70;
		chainPermit.done();
		// The chain did not ask again within the grace: its reservation lapses, and the short listing goes.
		now = 300;
		(await limiter.acquire(undefined, 'ListTasks', 0)).done();
		(await short).done();
		assert.deepEqual(order, ['chain', 'short']);
	});

	it('keeps a slot free for a chain in flight instead of giving it to a shorter listing', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 3, windowMs: 100, slackMs: 0, now: () => now });
		// A chain of five pages: its first request answered, its second (one page less) asked at once.
		const first = await limiter.acquire(undefined, 'ListTasks', 5);
		now = 10;
		first.done();
		const second = await limiter.acquire(undefined, 'ListTasks', 4);
		let shortGranted = false;
		const short = limiter.acquire(undefined, 'ListTasks', 1).then((permit) => {
			shortGranted = true;
			return permit;
		});
		await delay(20);
		assert.equal(shortGranted, false, 'the last free slot is the chain\'s next page, not the short listing\'s');
		now = 20;
		second.done();
		const third = await limiter.acquire(undefined, 'ListTasks', 3);
		assert.equal(shortGranted, false, 'the chain went on without a stall');
		third.done();
		// Once the chain's slots come free again (and its last answer's continuation has lapsed), the short one goes.
		now = 125;
		(await short).done();
		assert.equal(shortGranted, true);
	});

	it('reserves for a chain whose length is only bounded from its first request on, and not for one of unknown length', async () => {
		const run = async (firstPriority: number): Promise<boolean> => {
			let now = 0;
			const limiter = new RateLimiter({ requestsPerSecond: 2, windowMs: 100, slackMs: 0, now: () => now });
			// A part of a split listing: at most its parent's eight pages, its first request in flight.
			const part = await limiter.acquire(undefined, 'ListTasks', firstPriority);
			let shortGranted = false;
			const short = limiter.acquire(undefined, 'ListTasks', 1).then((permit) => {
				shortGranted = true;
				return permit;
			});
			await delay(20);
			const held = !shortGranted;
			now = 10;
			part.done();
			now = 500;
			(await limiter.acquire(undefined, 'ListTasks', 0)).done();
			(await short).done();
			return held;
		};
		assert.equal(await run(8), true, 'a bound of eight pages: the last free slot waits for the part\'s second page');
		assert.equal(await run(Number.POSITIVE_INFINITY), false, 'no bound at all: nothing is held back for it');
	});

	it('lets the longest chain go when a starved waiter is held back by the reservation', async () => {
		let now = 0;
		const limiter = new RateLimiter({ requestsPerSecond: 4, windowMs: 100, slackMs: 0, maxWaitMs: 50, now: () => now });
		// Two chains in flight (10 and 9 pages left after these), and a poll the reservation for them keeps waiting.
		const a = await limiter.acquire(undefined, 'ListTasks', 11);
		const b = await limiter.acquire(undefined, 'ListTasks', 10);
		let pollGranted = false;
		const poll = limiter.acquire(undefined, 'ListTasks', 0).then((permit) => {
			pollGranted = true;
			return permit;
		});
		await delay(10);
		assert.equal(pollGranted, false, 'held back for the chains');
		now = 60;
		a.done();
		// Chain a asks for its next page. The poll has waited past maxWaitMs, but the free slots are the chains' next
		// pages: it may not take them, and a's page, the longest chain's, must not wait behind it.
		const next = await Promise.race([limiter.acquire(undefined, 'ListTasks', 10), delay(50).then(() => undefined)]);
		assert.ok(next, 'the chain\'s request was not kept behind the starved poll');
		assert.equal(pollGranted, false);
		for (const permit of [next, b]) {
			permit?.done();
		}
		now = 1000;
		(await poll).done();
	});

	it('serves a waiter that has waited maxWaitMs before any priority', async () => {
		const limiter = new RateLimiter({ requestsPerSecond: 2, windowMs: 30, slackMs: 0, maxWaitMs: 150 });
		let stop = false;
		// Six chains that always have a request waiting at a higher priority than the poll below.
		const chains = Array.from({ length: 6 }, async (_v, c) => {
			for (let page = 500; !stop && page > 0; page--) {
				const permit = await limiter.acquire(undefined, 'ListTasks', page + c);
				await delay(2);
				permit.done();
			}
		});
		const asked = performance.now();
		const poll = await limiter.acquire(undefined, 'ListTasks', 0);
		const waited = performance.now() - asked;
		poll.done();
		stop = true;
		await Promise.all(chains);
		// maxWaitMs, then at most a window or two for a slot to come free; wide margins for a busy machine.
		assert.ok(waited >= 100, `the poll waited only ${waited.toFixed(0)} ms: the chains were not ahead of it`);
		assert.ok(waited < 1500, `the poll waited ${waited.toFixed(0)} ms`);
	});

	it('never grants more than the limit within a window, whatever the priorities', async () => {
		const windowMs = 40;
		const limit = 3;
		const limiter = new RateLimiter({ requestsPerSecond: limit, windowMs, slackMs: 0 });
		const permits: { grantedAt: number; doneAt: number | undefined }[] = [];
		let violations = 0;
		let seed = 12;
		const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		// Chains of random lengths, each page answered after a random latency, all at once.
		await Promise.all(
			Array.from({ length: 8 }, async () => {
				const pages = 1 + Math.floor(random() * 6);
				for (let left = pages; left > 0; left--) {
					const permit = await limiter.acquire(undefined, 'ListTasks', left);
					const grantedAt = performance.now();
					// Everyone still holding a slot: in flight, or answered less than a window ago.
					const holding = permits.filter((p) => p.doneAt === undefined || p.doneAt > grantedAt - windowMs).length;
					if (holding >= limit) {
						violations++;
					}
					const entry: { grantedAt: number; doneAt: number | undefined } = { grantedAt, doneAt: undefined };
					permits.push(entry);
					await delay(random() * 15);
					entry.doneAt = performance.now();
					permit.done();
				}
			}),
		);
		assert.ok(permits.length >= 8);
		assert.equal(violations, 0, 'a grant while the limit was held');
	});
});
