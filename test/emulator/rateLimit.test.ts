import * as assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/index';
import { maxInAnyWindow, SlidingWindowLimiter } from '../../src/emulator/rateLimit';
import { call, errorCode, errorOf, nowSeconds } from './helpers';

describe('emulator rate limit', () => {
	it('SlidingWindowLimiter admits `limit` per sliding second and does not charge refused requests', () => {
		const l = new SlidingWindowLimiter({ A: 3 });
		assert.deepEqual([0, 100, 200, 300, 999].map((t) => l.tryAdmit('A', t)), [true, true, true, false, false]);
		assert.equal(l.tryAdmit('A', 1000), true, 'the window slides: 0 has left [1, 1001)');
		assert.equal(l.tryAdmit('A', 1001), false);
		assert.equal(l.tryAdmit('A', 1100), true);
		assert.equal(l.tryAdmit('B', 0), true, 'actions without a limit are never refused');
	});

	it('SlidingWindowLimiter keeps every window within the limit when arrivals are checked out of order', () => {
		const l = new SlidingWindowLimiter({ A: 2 });
		assert.equal(l.tryAdmit('A', 500), true);
		assert.equal(l.tryAdmit('A', 1400), true);
		// 900 would make [500, 1500) hold three.
		assert.equal(l.tryAdmit('A', 900), false);
		assert.equal(l.tryAdmit('A', 400), true, '[400, 1400) holds 400 and 500 only');
		assert.equal(maxInAnyWindow([400, 500, 1400]), 2);
	});

	it('throttles the 21st ListTasks in a second, separately from GetTaskStatus, and logs arrivals', async () => {
		let clock = Date.UTC(2026, 0, 1, 12);
		const emu = await startEmulator({ tasks: 20, now: () => clock });
		try {
			const ts = Math.floor(clock / 1000);
			const codes = await Promise.all(Array.from({ length: 21 }, () => errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { timestamp: ts })));
			assert.equal(codes.filter((c) => c === undefined).length, 20);
			assert.deepEqual(codes.filter((c) => c !== undefined), ['RequestLimitExceeded']);
			const en = errorOf(await call(emu, 'ListTasks', { ZoneId: 'z-sample' }, { timestamp: ts, language: 'en-US' }));
			assert.equal(en?.Code, 'RequestLimitExceeded');
			assert.match(en?.Message ?? '', /20/);
			const taskId = emu.tasks()[0]?.TaskId;
			assert.equal(await errorCode(emu, 'GetTaskStatus', { ZoneId: 'z-sample', TaskId: taskId }, { timestamp: ts }), undefined);
			assert.equal(emu.counters().throttled, 2);
			assert.equal(emu.maxRequestsInWindow('ListTasks'), 20);
			clock += 1000;
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { timestamp: ts + 1 }), undefined, 'a second later there is room again');
			const log = emu.requestLog();
			assert.equal(log.length, 24);
			assert.equal(log.filter((e) => e.outcome === 'RequestLimitExceeded').length, 2);
			assert.ok(log.every((e) => typeof e.at === 'number' && e.durationMs >= 0));
			assert.equal(log.at(-1)?.action, 'ListTasks');
			assert.equal(log.at(-1)?.outcome, 'Success');
		} finally {
			await emu.close();
		}
	});

	it('holds GetTaskStatus to 220 per second', async () => {
		const clock = Date.UTC(2026, 0, 1, 12);
		const emu = await startEmulator({ tasks: 5, now: () => clock });
		try {
			const taskId = emu.tasks()[0]?.TaskId;
			const codes = await Promise.all(
				Array.from({ length: 225 }, () => errorCode(emu, 'GetTaskStatus', { ZoneId: 'z-sample', TaskId: taskId }, { timestamp: Math.floor(clock / 1000) })),
			);
			assert.equal(codes.filter((c) => c === undefined).length, 220);
			assert.equal(codes.filter((c) => c === 'RequestLimitExceeded').length, 5);
		} finally {
			await emu.close();
		}
	});

	it('does not charge requests that fail authentication', async () => {
		const emu = await startEmulator({ tasks: 5, requestsPerSecond: { ListTasks: 2 } });
		try {
			for (let i = 0; i < 5; i++) {
				assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { secretKey: 'wrong' }), 'AuthFailure.SignatureFailure');
			}
			assert.equal(await errorCode(emu, 'ListTasks', { ZoneId: 'z-sample' }, { timestamp: nowSeconds() }), undefined);
		} finally {
			await emu.close();
		}
	});
});
