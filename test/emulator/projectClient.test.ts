import * as assert from 'node:assert/strict';
import { createOrganizationClient, isAbortError, isTencentCloudError, type RetryNotice } from '../../src/api/index';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';

// The project's own client against the emulator: the pair the extension, the benchmarks and sample data rely on.
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 8 };

describe('project client against the emulator', function () {
	this.timeout(60000);
	let emulator: RunningEmulator | undefined;

	afterEach(async () => {
		await emulator?.close();
		emulator = undefined;
	});

	it('lists every task exactly once through 20% injected faults', async () => {
		emulator = await startEmulator({ tasks: 1200, seed: 11, faultRate: 0.2, requestsPerSecond: { ListTasks: Infinity } });
		const notices: RetryNotice[] = [];
		const client = createOrganizationClient({
			endpoint: emulator.url,
			credentials: emulator.credentials,
			retry: FAST_RETRY,
			requestsPerSecond: 1000,
			onRetry: (n) => notices.push(n),
		});
		const seen = new Map<string, number>();
		for await (const page of client.listTaskPages({ ZoneId: emulator.zoneId, MaxResults: 50 })) {
			for (const task of page.Tasks) {
				seen.set(task.TaskId, (seen.get(task.TaskId) ?? 0) + 1);
			}
		}
		const expected = emulator.tasks().map((t) => t.TaskId).sort();
		assert.deepEqual([...seen.keys()].sort(), expected);
		assert.ok([...seen.values()].every((n) => n === 1), 'no task twice');
		const faults = emulator.counters().faultsInjected;
		assert.ok(faults > 0, 'faults were injected');
		assert.ok(notices.length >= faults, `every fault was retried (${notices.length} retries for ${faults} faults)`);
		assert.ok(new Set(notices.map((n) => n.code)).size > 1, 'several fault kinds were seen');
	});

	it('keeps 60 concurrent calls within 20 per second as the emulator counts them, without throttling', async () => {
		emulator = await startEmulator({ tasks: 50, seed: 2 });
		const client = createOrganizationClient({ endpoint: emulator.url, credentials: emulator.credentials });
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 60 }, (_v, i) => client.listTasks({ ZoneId: emulator!.zoneId, MaxResults: (i % 10) + 1 })),
		);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(results.length, 60);
		assert.ok(emulator.maxRequestsInWindow('ListTasks', 1000) <= 20, `server saw ${emulator.maxRequestsInWindow('ListTasks', 1000)} in one second`);
		assert.equal(emulator.counters().throttled, 0, 'no RequestLimitExceeded');
		// 60 calls at 20/s need a little over 2 s; well over 4 s would mean the limiter wastes its quota.
		assert.ok(seconds < 4.5, `took ${seconds.toFixed(2)} s`);
	});

	it('maps the emulator\'s real error codes to TencentCloudError without retrying them', async () => {
		emulator = await startEmulator({ tasks: 10, seed: 3 });
		const good = createOrganizationClient({ endpoint: emulator.url, credentials: emulator.credentials });
		const bad = createOrganizationClient({ endpoint: emulator.url, credentials: { secretId: emulator.credentials.secretId, secretKey: 'not-the-key' } });
		const cases: [Promise<unknown>, string][] = [
			[bad.listTasks({ ZoneId: emulator.zoneId }), 'AuthFailure.SignatureFailure'],
			[good.listTasks({ ZoneId: 'z-doesnotexist' }), 'FailedOperation.ZoneIdNotExist'],
			[good.listTasks({ ZoneId: emulator.zoneId, NextToken: 'tampered' }), 'InvalidParameter.NextTokenInvalid'],
			[good.getTaskStatus({ ZoneId: emulator.zoneId, TaskId: 't-doesnotexist' }), 'ResourceNotFound.RoleConfigurationTaskNotFound'],
		];
		for (const [call, code] of cases) {
			await assert.rejects(call, (e: unknown) => isTencentCloudError(e) && e.code === code && typeof e.requestId === 'string');
		}
		emulator.setCicEnabled(false);
		await assert.rejects(good.listTasks({ ZoneId: emulator.zoneId }), (e: unknown) => isTencentCloudError(e) && e.code === 'FailedOperation.IdentityCenterNotOpen');
		const admitted = emulator.requestLog().length;
		assert.equal(admitted, 5, 'each failed once, no retries');
	});

	it('aborts promptly at 500 ms latency and sends nothing afterwards', async () => {
		emulator = await startEmulator({ tasks: 10, seed: 4, latencyMs: 500 });
		const client = createOrganizationClient({ endpoint: emulator.url, credentials: emulator.credentials });
		const controller = new AbortController();
		const call = client.listTasks({ ZoneId: emulator.zoneId }, { signal: controller.signal });
		setTimeout(() => controller.abort(), 50);
		const started = Date.now();
		await assert.rejects(call, (e: unknown) => isAbortError(e));
		assert.ok(Date.now() - started < 200, 'rejected promptly');
		const before = emulator.requestLog().length;
		await new Promise((resolve) => setTimeout(resolve, 700));
		assert.ok(emulator.requestLog().length <= Math.max(before, 1), 'nothing more was sent');
	});
});
