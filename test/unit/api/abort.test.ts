import * as assert from 'node:assert/strict';
import { createOrganizationClient, isAbortError, RateLimiter } from '../../../src/api/index';
import { apiError, apiOk, capturingLogger, delay, listPayload, rejectionOf, startServer, task, type TestServer } from './helpers';

const CREDS = { secretId: 'AKIDabort', secretKey: 'abort-test-secret-key' };

/** Rejects in time, with an AbortError, and reports how long it took. */
async function abortedWithin(promise: Promise<unknown>, abortedAt: () => number, limitMs: number): Promise<void> {
	const error = await rejectionOf(promise);
	const took = performance.now() - abortedAt();
	assert.ok(isAbortError(error), `expected an AbortError, got ${String(error)}`);
	assert.equal((error as Error).name, 'AbortError');
	assert.ok(took < limitMs, `rejected ${took.toFixed(0)} ms after the abort`);
}

describe('API client: cancellation', () => {
	let server: TestServer | undefined;
	afterEach(async () => {
		await server?.close();
		server = undefined;
	});

	it('rejects at once, sending nothing, when the signal is already aborted', async () => {
		server = await startServer((_r, res) => apiOk(res, listPayload([])));
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url });
		const controller = new AbortController();
		controller.abort();
		await abortedWithin(client.listTasks({ ZoneId: 'z-1' }, { signal: controller.signal }), () => performance.now(), 50);
		assert.equal(server.received.length, 0);
	});

	it('aborts a call queued in the rate limiter, frees its turn, and never sends it', async () => {
		server = await startServer((r, res) => apiOk(res, listPayload([task(r.index)])));
		const limiter = new RateLimiter({ requestsPerSecond: 1, windowMs: 300 });
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, rateLimiter: limiter });
		const first = client.listTasks({ ZoneId: 'first' });
		const controller = new AbortController();
		const queued = client.listTasks({ ZoneId: 'queued' }, { signal: controller.signal });
		const started = performance.now();
		const third = client.listTasks({ ZoneId: 'third' });
		await first;
		await delay(20);
		assert.equal(limiter.pending, 2);
		controller.abort();
		const abortedAt = performance.now();
		await abortedWithin(queued, () => abortedAt, 50);
		assert.equal(limiter.pending, 1);
		await third;
		// The third call took the aborted call's turn: one window after the first, not two.
		assert.ok(performance.now() - started < 550, `third call took ${performance.now() - started} ms`);
		assert.equal(limiter.pending, 0);
		assert.deepEqual(
			server.received.map((r) => (JSON.parse(r.body.toString()) as { ZoneId?: string }).ZoneId),
			['first', 'third'],
		);
	});

	it('aborts an in-flight request by destroying it, and sends nothing more', async () => {
		let socketClosed = false;
		server = await startServer((r) => {
			r.req.socket.on('close', () => {
				socketClosed = true;
			});
		});
		const logger = capturingLogger();
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url, logger, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
		const controller = new AbortController();
		const call = client.listTasks({ ZoneId: 'z-1' }, { signal: controller.signal });
		while (server.received.length === 0) {
			await delay(5);
		}
		controller.abort();
		const abortedAt = performance.now();
		await abortedWithin(call, () => abortedAt, 50);
		await delay(100);
		assert.equal(socketClosed, true, 'the client destroyed the connection');
		assert.equal(server.received.length, 1);
		assert.match(logger.text(), /info ListTasks ZoneId=z-1 page 1: aborted in \d+ ms after 1 attempt/);
	});

	it('aborts during a backoff wait without sending the retry', async () => {
		server = await startServer((_r, res) => apiError(res, 'InternalError'));
		const controller = new AbortController();
		let abortedAt = 0;
		const client = createOrganizationClient({
			credentials: CREDS,
			endpoint: server.url,
			retry: { baseDelayMs: 5000, maxDelayMs: 5000 },
			onRetry: () => {
				setTimeout(() => {
					abortedAt = performance.now();
					controller.abort();
				}, 20);
			},
		});
		await abortedWithin(client.getTaskStatus({ ZoneId: 'z-1', TaskId: 't-1' }, { signal: controller.signal }), () => abortedAt, 50);
		await delay(100);
		assert.equal(server.received.length, 1);
	});

	it('aborts a paging loop between pages', async () => {
		server = await startServer((r, res) => apiOk(res, listPayload([task(r.index)], `token-${r.index + 1}`)));
		const client = createOrganizationClient({ credentials: CREDS, endpoint: server.url });
		const controller = new AbortController();
		const seen: string[] = [];
		const error = await rejectionOf(
			(async () => {
				for await (const page of client.listTaskPages({ ZoneId: 'z-1' }, { signal: controller.signal })) {
					seen.push(page.Tasks[0]?.TaskId ?? '');
					if (seen.length === 2) {
						controller.abort();
					}
				}
			})(),
		);
		assert.ok(isAbortError(error));
		assert.deepEqual(seen, ['t-0', 't-1']);
		assert.equal(server.received.length, 2);
	});
});
