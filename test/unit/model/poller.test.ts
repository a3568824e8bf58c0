import * as assert from 'node:assert/strict';
import type { TickResult, Timers } from '../../../src/model/poller';
import { AutoRefreshScheduler, nextDelay } from '../../../src/model/poller';

const BASE = { baseMs: 10_000, unchangedPolls: 0, consecutiveErrors: 0, viewVisible: true, windowFocused: true };

/** Manual timers: tests decide when time passes. */
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

	/** Runs the earliest timer and lets the tick's promise settle. */
	async fire(): Promise<void> {
		const [id, timer] = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0];
		this.pending.delete(id);
		this.now = timer.at;
		timer.callback();
		for (let i = 0; i < 5; i++) {
			await Promise.resolve();
		}
	}
}

describe('poller', () => {
	describe('nextDelay', () => {
		it('is off at 0 and uses the base interval otherwise', () => {
			assert.equal(nextDelay({ ...BASE, baseMs: 0 }), undefined);
			assert.equal(nextDelay({ ...BASE, baseMs: -5 }), undefined);
			assert.equal(nextDelay(BASE), 10_000);
			assert.equal(nextDelay({ ...BASE, baseMs: 500 }), 2_000, 'clamped to the minimum');
		});

		it('backs off ×1.5 per unchanged poll and ×2 per error, capped at 5 min', () => {
			assert.equal(nextDelay({ ...BASE, unchangedPolls: 1 }), 15_000);
			assert.equal(nextDelay({ ...BASE, unchangedPolls: 2 }), 22_500);
			assert.equal(nextDelay({ ...BASE, consecutiveErrors: 1 }), 20_000);
			assert.equal(nextDelay({ ...BASE, consecutiveErrors: 3 }), 80_000);
			assert.equal(nextDelay({ ...BASE, unchangedPolls: 50 }), 300_000);
			assert.equal(nextDelay({ ...BASE, consecutiveErrors: 5000 }), 300_000);
			assert.equal(nextDelay({ ...BASE, baseMs: 600_000, unchangedPolls: 3 }), 600_000, 'a base above the cap is kept');
		});

		it('stretches ×3 while hidden or unfocused, once', () => {
			assert.equal(nextDelay({ ...BASE, viewVisible: false }), 30_000);
			assert.equal(nextDelay({ ...BASE, windowFocused: false }), 30_000);
			assert.equal(nextDelay({ ...BASE, viewVisible: false, windowFocused: false }), 30_000);
			assert.equal(nextDelay({ ...BASE, viewVisible: false, unchangedPolls: 20 }), 300_000);
		});
	});

	describe('AutoRefreshScheduler', () => {
		function setup(results: TickResult[], baseMs = 10_000): { clock: FakeClock; scheduler: AutoRefreshScheduler; ticks: () => number } {
			const clock = new FakeClock();
			let ticks = 0;
			const scheduler = new AutoRefreshScheduler({
				tick: async () => results[Math.min(ticks++, results.length - 1)],
				baseMs: () => baseMs,
				timers: clock,
				now: () => clock.now,
			});
			return { clock, scheduler, ticks: () => ticks };
		}

		it('backs off while nothing changes and stops when nothing is in progress', async () => {
			const { clock, scheduler, ticks } = setup([
				{ changed: false, error: false, inProgress: 2 },
				{ changed: false, error: false, inProgress: 2 },
				{ changed: true, error: false, inProgress: 1 },
				{ changed: true, error: false, inProgress: 0 },
			]);
			scheduler.start();
			assert.deepEqual(clock.delays, [10_000]);
			await clock.fire();
			assert.deepEqual(clock.delays, [15_000]);
			await clock.fire();
			assert.deepEqual(clock.delays, [22_500]);
			await clock.fire();
			assert.deepEqual(clock.delays, [10_000], 'a change resets the back-off');
			await clock.fire();
			assert.equal(ticks(), 4);
			assert.deepEqual(clock.delays, []);
			assert.equal(scheduler.isRunning, false);
			scheduler.start();
			assert.deepEqual(clock.delays, [10_000], 'restarts when asked');
			scheduler.dispose();
			assert.deepEqual(clock.delays, []);
		});

		it('backs off on errors and on a throwing tick, and keeps going', async () => {
			const clock = new FakeClock();
			let n = 0;
			const scheduler = new AutoRefreshScheduler({
				tick: async () => {
					n++;
					if (n === 2) {
						throw new Error('network');
					}
					return n === 1 ? { changed: false, error: true, inProgress: 1 } : { changed: false, error: false, inProgress: 1 };
				},
				baseMs: () => 10_000,
				timers: clock,
				now: () => clock.now,
			});
			scheduler.start();
			await clock.fire();
			assert.deepEqual(clock.delays, [20_000]);
			await clock.fire();
			assert.deepEqual(clock.delays, [40_000]);
			assert.equal(scheduler.state.consecutiveErrors, 2);
			await clock.fire();
			assert.equal(scheduler.state.consecutiveErrors, 0);
			assert.deepEqual(clock.delays, [15_000]);
			scheduler.dispose();
		});

		it('stretches while hidden and pulls the next poll forward when visible again', async () => {
			const { clock, scheduler } = setup([{ changed: true, error: false, inProgress: 1 }]);
			scheduler.setVisibility({ viewVisible: false });
			scheduler.start();
			assert.deepEqual(clock.delays, [30_000]);
			clock.now += 5_000;
			scheduler.setVisibility({ viewVisible: true });
			assert.deepEqual(clock.delays, [10_000]);
			assert.equal(scheduler.nextTickAt, 15_000);
			clock.now += 8_000;
			scheduler.setVisibility({ windowFocused: false });
			assert.deepEqual(clock.delays, [2_000], 'losing focus never postpones a due poll');
			scheduler.dispose();
		});

		it('does nothing while the interval is 0 and picks up a new setting', () => {
			let base = 0;
			const clock = new FakeClock();
			const scheduler = new AutoRefreshScheduler({
				tick: async () => ({ changed: false, error: false, inProgress: 1 }),
				baseMs: () => base,
				timers: clock,
				now: () => clock.now,
			});
			scheduler.start();
			assert.deepEqual(clock.delays, []);
			base = 20_000;
			scheduler.settingsChanged();
			assert.deepEqual(clock.delays, [20_000]);
			scheduler.stop();
			assert.deepEqual(clock.delays, []);
		});

		it('never overlaps ticks, and a start() during a tick keeps it running', async () => {
			const clock = new FakeClock();
			let release: (r: TickResult) => void = () => undefined;
			let running = 0;
			let maxRunning = 0;
			const scheduler = new AutoRefreshScheduler({
				tick: () => {
					running++;
					maxRunning = Math.max(maxRunning, running);
					return new Promise<TickResult>((resolve) => {
						release = (r) => {
							running--;
							resolve(r);
						};
					});
				},
				baseMs: () => 10_000,
				timers: clock,
				now: () => clock.now,
			});
			scheduler.start();
			await clock.fire();
			scheduler.start();
			scheduler.setVisibility({ viewVisible: true });
			assert.deepEqual(clock.delays, [], 'nothing scheduled while a tick runs');
			release({ changed: false, error: false, inProgress: 0 });
			for (let i = 0; i < 5; i++) {
				await Promise.resolve();
			}
			assert.equal(maxRunning, 1);
			assert.equal(scheduler.isRunning, true);
			assert.deepEqual(clock.delays, [10_000]);
			scheduler.dispose();
		});
	});
});
