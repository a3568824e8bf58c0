import * as assert from 'node:assert/strict';
import { FAULT_KINDS, startEmulator } from '../../src/emulator/index';
import { FaultInjector } from '../../src/emulator/faults';
import { send, type RawResponse } from './helpers';

const Z = 'z-sample';

async function attempt(port: number, credentials: { secretId: string; secretKey: string }, params: unknown): Promise<RawResponse | Error> {
	try {
		return await send({ port, credentials }, 'ListTasks', params);
	} catch (e) {
		return e as Error;
	}
}

describe('emulator fault injection', () => {
	it('draws the same faults for the same seed', () => {
		const a = new FaultInjector(42, 0.3);
		const b = new FaultInjector(42, 0.3);
		const seqA = Array.from({ length: 200 }, () => a.next());
		const seqB = Array.from({ length: 200 }, () => b.next());
		assert.deepEqual(seqA, seqB);
		const hits = seqA.filter((f) => f !== undefined).length;
		assert.ok(hits > 30 && hits < 100, `about 30% faulted, got ${hits}`);
		assert.throws(() => new FaultInjector(1, 1.5), /between 0 and 1/);
		assert.throws(() => new FaultInjector(1, 0.5, []), /non-empty/);
	});

	for (const kind of FAULT_KINDS) {
		it(`produces ${kind} and leaves the page retryable with the same NextToken`, async () => {
			const emu = await startEmulator({ tasks: 50, seed: 1, requestsPerSecond: { ListTasks: Infinity } });
			try {
				const first = (JSON.parse((await send(emu, 'ListTasks', { ZoneId: Z })).text) as { Response: { NextToken: string } }).Response;
				const params = { ZoneId: Z, NextToken: first.NextToken };
				const clean = (await send(emu, 'ListTasks', params)).text;
				emu.setFaults(1, [kind]);
				const faulted = await attempt(emu.port, emu.credentials, params);
				emu.setFaults(0);
				check(kind, faulted);
				const c = emu.counters();
				assert.equal(c.faultsInjected, 1);
				assert.equal(c.faultsByKind[kind], 1);
				const log = emu.requestLog();
				assert.equal(log.at(-1)?.fault, kind);
				assert.equal(log.at(-1)?.admitted, false);
				const retried = (JSON.parse((await send(emu, 'ListTasks', params)).text) as { Response: Record<string, unknown> }).Response;
				const expected = (JSON.parse(clean) as { Response: Record<string, unknown> }).Response;
				assert.deepEqual({ ...retried, RequestId: '' }, { ...expected, RequestId: '' });
			} finally {
				await emu.close();
			}
		});
	}

	it('mixes every kind at a fault rate, deterministically per seed', async () => {
		const run = async (): Promise<string[]> => {
			const emu = await startEmulator({ tasks: 10, seed: 8, faultRate: 0.5, requestsPerSecond: { ListTasks: Infinity } });
			try {
				const outcomes: string[] = [];
				for (let i = 0; i < 80; i++) {
					await attempt(emu.port, emu.credentials, { ZoneId: Z });
				}
				for (const e of emu.requestLog()) {
					outcomes.push(e.fault ?? 'none');
				}
				return outcomes;
			} finally {
				await emu.close();
			}
		};
		const a = await run();
		const b = await run();
		assert.deepEqual(a, b);
		for (const kind of FAULT_KINDS) {
			assert.ok(a.includes(kind), `${kind} appears in 80 requests at rate 0.5`);
		}
	});

	it('adds latency before responding', async () => {
		const emu = await startEmulator({ tasks: 5, latencyMs: 300 });
		try {
			const t0 = performance.now();
			await send(emu, 'ListTasks', { ZoneId: Z });
			const slow = performance.now() - t0;
			assert.ok(slow >= 290, `took ${slow} ms`);
			emu.setLatency(0);
			const t1 = performance.now();
			await send(emu, 'ListTasks', { ZoneId: Z });
			assert.ok(performance.now() - t1 < slow - 150);
		} finally {
			await emu.close();
		}
	});

	it('closes promptly while a delayed response is pending', async () => {
		const emu = await startEmulator({ tasks: 5, latencyMs: 5000 });
		const pending = attempt(emu.port, emu.credentials, { ZoneId: Z });
		await new Promise((r) => setTimeout(r, 50));
		const t0 = performance.now();
		await emu.close();
		assert.ok(performance.now() - t0 < 500);
		assert.ok((await pending) instanceof Error, 'the pending request fails instead of hanging');
	});
});

function check(kind: string, r: RawResponse | Error): void {
	switch (kind) {
		case 'http502':
		case 'http503':
			assert.ok(!(r instanceof Error));
			assert.equal(r.status, kind === 'http502' ? 502 : 503);
			return;
		case 'reset':
			assert.ok(r instanceof Error);
			assert.match(String((r as NodeJS.ErrnoException).code), /ECONNRESET|EPIPE/);
			return;
		case 'truncated':
			assert.ok(!(r instanceof Error));
			assert.equal(r.status, 200);
			assert.throws(() => JSON.parse(r.text));
			assert.ok(r.text.startsWith('{"Response":{'));
			return;
		case 'internalError':
		case 'throttle': {
			assert.ok(!(r instanceof Error));
			const code = (JSON.parse(r.text) as { Response: { Error: { Code: string } } }).Response.Error.Code;
			assert.equal(code, kind === 'internalError' ? 'InternalError' : 'RequestLimitExceeded');
			return;
		}
		default:
			assert.fail(`unchecked kind ${kind}`);
	}
}
