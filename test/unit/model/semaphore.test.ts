import * as assert from 'node:assert/strict';
import { Semaphore } from '../../../src/model/semaphore';

function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve: () => void = () => undefined;
	const promise = new Promise<void>((r) => {
		resolve = r;
	});
	return { promise, resolve };
}

describe('Semaphore', () => {
	it('runs at most `limit` tasks at once, in order', async () => {
		const semaphore = new Semaphore(2);
		const gates = [deferred(), deferred(), deferred()];
		const started: number[] = [];
		const runs = gates.map((g, i) =>
			semaphore.run(async () => {
				started.push(i);
				await g.promise;
			}),
		);
		await Promise.resolve();
		assert.deepEqual(started, [0, 1]);
		assert.equal(semaphore.inFlight, 2);
		gates[0].resolve();
		await runs[0];
		await Promise.resolve();
		assert.deepEqual(started, [0, 1, 2]);
		gates[1].resolve();
		gates[2].resolve();
		await Promise.all(runs);
		assert.equal(semaphore.inFlight, 0);
	});

	it('rejects aborted waiters when their turn comes and passes the slot on', async () => {
		const semaphore = new Semaphore(1);
		const gate = deferred();
		const holder = semaphore.run(() => gate.promise);
		const controller = new AbortController();
		const aborted = semaphore.run(async () => assert.fail('must not run'), controller.signal);
		const next = semaphore.run(async () => 'ran');
		controller.abort();
		gate.resolve();
		await holder;
		await assert.rejects(aborted, (e: Error) => e.name === 'AbortError');
		assert.equal(await next, 'ran');
		assert.equal(semaphore.inFlight, 0);
		await assert.rejects(semaphore.run(async () => 1, controller.signal), (e: Error) => e.name === 'AbortError');
		assert.throws(() => new Semaphore(0), RangeError);
	});

	it('frees the slot when the task throws', async () => {
		const semaphore = new Semaphore(1);
		await assert.rejects(semaphore.run(async () => Promise.reject(new Error('x'))), /x/);
		assert.equal(await semaphore.run(async () => 2), 2);
	});

	it('serves waiters by priority, in arrival order among equals', async () => {
		const semaphore = new Semaphore(1);
		const gate = deferred();
		const order: string[] = [];
		const holder = semaphore.run(() => gate.promise);
		const runs = (
			[
				['low', 1],
				['high', 5],
				['mid-a', 3],
				['mid-b', 3],
			] as const
		).map(([name, priority]) => semaphore.run(async () => void order.push(name), undefined, priority));
		gate.resolve();
		await holder;
		await Promise.all(runs);
		assert.deepEqual(order, ['high', 'mid-a', 'mid-b', 'low']);
	});

	it('with deferHandOff, lets work queued by a finishing task compete for the slot it frees', async () => {
		const semaphore = new Semaphore(1, { deferHandOff: true });
		const gate = deferred();
		const order: string[] = [];
		let followUp: Promise<void> | undefined;
		const holder = semaphore
			.run(() => gate.promise, undefined, 9)
			.then(() => {
				followUp = semaphore.run(async () => void order.push('follow-up (priority 9)'), undefined, 9);
			});
		const waiting = semaphore.run(async () => void order.push('waiting (priority 1)'), undefined, 1);
		gate.resolve();
		await holder;
		await Promise.all([waiting, followUp]);
		assert.deepEqual(order, ['follow-up (priority 9)', 'waiting (priority 1)']);
		assert.equal(semaphore.inFlight, 0);
	});
});
