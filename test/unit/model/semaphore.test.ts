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
});
