import type { Disposable } from './emitter';

export interface PollTuning {
	/** Lower bound of the base interval, to stay well inside the API's rate limit. */
	minMs: number;
	/** Upper bound of the backed-off interval (unless the base itself is longer). */
	maxMs: number;
	/** Growth per poll that changed nothing. */
	unchangedFactor: number;
	/** Growth per consecutive failed poll. */
	errorFactor: number;
	/** Stretch while the view is hidden or the window is not focused. */
	backgroundFactor: number;
}

export const DEFAULT_POLL_TUNING: PollTuning = {
	minMs: 2_000,
	maxMs: 5 * 60_000,
	unchangedFactor: 1.5,
	errorFactor: 2,
	backgroundFactor: 3,
};

export interface DelayInput {
	/** The cicTasks auto-refresh interval; 0 (or less) turns auto-refresh off. */
	baseMs: number;
	unchangedPolls: number;
	consecutiveErrors: number;
	viewVisible: boolean;
	windowFocused: boolean;
}

/** Milliseconds until the next poll, or undefined when auto-refresh is off. */
export function nextDelay(input: DelayInput, tuning: PollTuning = DEFAULT_POLL_TUNING): number | undefined {
	if (!(input.baseMs > 0)) {
		return undefined;
	}
	const base = Math.max(input.baseMs, tuning.minMs);
	const cap = Math.max(tuning.maxMs, base);
	let delay =
		base *
		tuning.unchangedFactor ** Math.max(0, input.unchangedPolls) *
		tuning.errorFactor ** Math.max(0, input.consecutiveErrors);
	if (!input.viewVisible || !input.windowFocused) {
		delay *= tuning.backgroundFactor;
	}
	return Math.round(Math.min(delay, cap));
}

export interface TickResult {
	/** Whether anything the user sees changed. */
	changed: boolean;
	error: boolean;
	/** Tasks still in progress after this tick; 0 stops the scheduler until start() is called again. */
	inProgress: number;
}

export interface Timers {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export interface AutoRefreshSchedulerOptions {
	tick: () => Promise<TickResult>;
	/** Read before every scheduling, so a settings change applies at the next poll. */
	baseMs: () => number;
	timers?: Timers;
	now?: () => number;
	tuning?: PollTuning;
}

const realTimers: Timers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Real timers that never keep a process alive: for what only decorates or checks in the background (the
 * Cancel Loading button's delay, name lookups, the background count check).
 */
export const backgroundTimers: Timers = {
	setTimeout: (callback, ms) => {
		const handle = setTimeout(callback, ms);
		handle.unref?.();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs ticks while tasks are in progress, with the back-off of {@link nextDelay}. Never overlaps ticks;
 * stops by itself when nothing is in progress and starts again on start() (after a refresh, a new task…).
 */
export class AutoRefreshScheduler implements Disposable {
	private unchangedPolls = 0;
	private consecutiveErrors = 0;
	private viewVisible = true;
	private windowFocused = true;
	private handle: unknown;
	private dueAt: number | undefined;
	private armed = false;
	private ticking = false;
	/** start() during a tick: the caller knows of new work the tick may not have seen. */
	private restartRequested = false;
	private disposed = false;
	private readonly timers: Timers;
	private readonly now: () => number;

	constructor(private readonly options: AutoRefreshSchedulerOptions) {
		this.timers = options.timers ?? realTimers;
		this.now = options.now ?? Date.now;
	}

	/** (Re)starts polling with the back-off reset, e.g. after a manual refresh found tasks in progress. */
	start(): void {
		if (this.disposed) {
			return;
		}
		this.armed = true;
		this.restartRequested = this.ticking;
		this.unchangedPolls = 0;
		this.consecutiveErrors = 0;
		this.clear();
		this.schedule();
	}

	stop(): void {
		this.armed = false;
		this.clear();
	}

	/** Visibility changes apply at once: becoming visible pulls the next poll forward, never back. */
	setVisibility(state: { viewVisible?: boolean; windowFocused?: boolean }): void {
		this.viewVisible = state.viewVisible ?? this.viewVisible;
		this.windowFocused = state.windowFocused ?? this.windowFocused;
		this.reschedule();
	}

	/** After the interval setting changed. */
	settingsChanged(): void {
		this.reschedule();
	}

	get isRunning(): boolean {
		return this.armed;
	}

	/** When the next tick is due (epoch ms), if one is scheduled. */
	get nextTickAt(): number | undefined {
		return this.dueAt;
	}

	get state(): { unchangedPolls: number; consecutiveErrors: number } {
		return { unchangedPolls: this.unchangedPolls, consecutiveErrors: this.consecutiveErrors };
	}

	dispose(): void {
		this.disposed = true;
		this.stop();
	}

	private delay(): number | undefined {
		return nextDelay(
			{
				baseMs: this.options.baseMs(),
				unchangedPolls: this.unchangedPolls,
				consecutiveErrors: this.consecutiveErrors,
				viewVisible: this.viewVisible,
				windowFocused: this.windowFocused,
			},
			this.options.tuning,
		);
	}

	private schedule(atMost?: number): void {
		if (!this.armed || this.ticking || this.disposed) {
			return;
		}
		let delay = this.delay();
		if (delay === undefined) {
			this.clear();
			return;
		}
		if (atMost !== undefined) {
			delay = Math.min(delay, atMost);
		}
		this.dueAt = this.now() + delay;
		this.handle = this.timers.setTimeout(() => void this.run(), delay);
	}

	private reschedule(): void {
		if (!this.armed || this.ticking) {
			return;
		}
		const remaining = this.dueAt === undefined ? undefined : Math.max(0, this.dueAt - this.now());
		this.clear();
		// With a pending tick, the new delay may only bring it forward; with none (interval was 0), start fresh.
		this.schedule(remaining);
	}

	private clear(): void {
		if (this.handle !== undefined) {
			this.timers.clearTimeout(this.handle);
			this.handle = undefined;
		}
		this.dueAt = undefined;
	}

	private async run(): Promise<void> {
		this.handle = undefined;
		this.dueAt = undefined;
		if (!this.armed || this.disposed) {
			return;
		}
		this.ticking = true;
		this.restartRequested = false;
		let result: TickResult;
		try {
			result = await this.options.tick();
		} catch {
			result = { changed: false, error: true, inProgress: 1 };
		} finally {
			this.ticking = false;
		}
		if (this.restartRequested) {
			this.unchangedPolls = 0;
			this.consecutiveErrors = 0;
		} else if (result.error) {
			this.consecutiveErrors++;
		} else {
			this.consecutiveErrors = 0;
			this.unchangedPolls = result.changed ? 0 : this.unchangedPolls + 1;
			if (result.inProgress === 0) {
				this.armed = false;
				return;
			}
		}
		this.schedule();
	}
}
