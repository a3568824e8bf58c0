import type { TaskInfo } from '../api/types';
import type { Disposable } from './emitter';
import { backgroundTimers, type Timers } from './poller';
import type { RefreshOutcome } from './refresh';
import type { TaskStore, TaskTransition } from './taskStore';

/**
 * The slow check that keeps a quiet view current. Polling stops once nothing known is in progress, but tasks keep
 * arriving from the console, Terraform or colleagues; so every few minutes the exact count of each status (one
 * MaxResults=1 call per status) is compared with what the view holds, and only when a count moved does a refresh
 * run, keeping the loaded depth. Finished tasks that appeared in a group that was loaded whole before are announced
 * like transitions, so the notifier treats them as `cicTasks.notifyOn` says.
 */

/** What the check reads and asks; the task service provides it. */
export interface CheckSource {
	readonly store: TaskStore;
	/** The exact count per status under the current filter, or undefined when nothing can be counted now. */
	countTotals(signal?: AbortSignal): Promise<ReadonlyMap<string, number> | undefined>;
	refresh(signal?: AbortSignal): Promise<RefreshOutcome | undefined>;
}

export type CheckResult =
	| { kind: 'skipped' }
	| { kind: 'unchanged' }
	| { kind: 'moved'; appeared: TaskInfo[] }
	| { kind: 'failed'; error: unknown };

const FINISHED: ReadonlySet<string> = new Set(['Failed', 'Success']);

function countsMoved(counted: ReadonlyMap<string, number>, store: TaskStore): boolean {
	return [...counted].some(([status, total]) => store.total(status) !== total);
}

/** One check: count, and refresh only when a count moved. Never runs over a load the user started. */
export async function checkOnce(source: CheckSource, signal?: AbortSignal, now: () => number = Date.now): Promise<CheckResult> {
	const { store } = source;
	if (!store.hasLoaded || store.isLoading) {
		return { kind: 'skipped' };
	}
	let counted: ReadonlyMap<string, number> | undefined;
	try {
		counted = await source.countTotals(signal);
	} catch (error) {
		return signal?.aborted ? { kind: 'skipped' } : { kind: 'failed', error };
	}
	// A refresh or "Load more" that started meanwhile reads the counts itself.
	if (counted === undefined || signal?.aborted || store.isLoading) {
		return { kind: 'skipped' };
	}
	if (!countsMoved(counted, store)) {
		return { kind: 'unchanged' };
	}
	// Only a group that was loaded whole can tell a new task from one that was merely not loaded yet.
	const whole = new Set(store.statusGroups().filter((g) => g.complete).map((g) => g.status));
	const known = new Set(store.tasks().map((t) => t.TaskId));
	const outcome = await source.refresh(signal);
	if (outcome === undefined || outcome.kind === 'cancelled') {
		return { kind: 'skipped' };
	}
	if (outcome.kind === 'failure') {
		return { kind: 'failed', error: outcome.error };
	}
	const appeared = store.tasks().filter((t) => !known.has(t.TaskId) && whole.has(t.Status) && FINISHED.has(t.Status));
	const at = now();
	const transitions: TaskTransition[] = appeared.map((task) => ({ task, from: '', to: task.Status, observedAt: at }));
	store.announceTransitions(transitions);
	return { kind: 'moved', appeared };
}

export interface BackgroundCheckTuning {
	/** Lower bound of the interval: three requests every half minute is far inside the API's limits. */
	minMs: number;
	/** Stretch while the view is hidden or the window unfocused. */
	backgroundFactor: number;
	/** Growth per consecutive failed check. */
	errorFactor: number;
	/** Upper bound of the backed-off interval (unless the setting itself is longer). */
	maxMs: number;
}

export const DEFAULT_BACKGROUND_CHECK_TUNING: BackgroundCheckTuning = {
	minMs: 30_000,
	backgroundFactor: 4,
	errorFactor: 2,
	maxMs: 60 * 60_000,
};

export interface BackgroundDelayInput {
	/** The setting, in ms; 0 (or less) turns the check off. */
	intervalMs: number;
	consecutiveErrors: number;
	viewVisible: boolean;
	windowFocused: boolean;
}

/** Milliseconds until the next check, or undefined when the check is off. */
export function backgroundCheckDelay(input: BackgroundDelayInput, tuning: BackgroundCheckTuning = DEFAULT_BACKGROUND_CHECK_TUNING): number | undefined {
	if (!(input.intervalMs > 0)) {
		return undefined;
	}
	const base = Math.max(input.intervalMs, tuning.minMs);
	let delay = base * tuning.errorFactor ** Math.max(0, input.consecutiveErrors);
	if (!input.viewVisible || !input.windowFocused) {
		delay *= tuning.backgroundFactor;
	}
	return Math.round(Math.min(delay, Math.max(tuning.maxMs, base)));
}

export interface BackgroundCheckOptions {
	source: CheckSource;
	/** Read before every scheduling, so a settings change applies to the next check. */
	intervalMs: () => number;
	timers?: Timers;
	now?: () => number;
	tuning?: BackgroundCheckTuning;
	/** Each check's result, for the log and tests. */
	onResult?: (result: CheckResult) => void;
	/** False: nothing is scheduled until start(), so a host can keep the first settings read out of activation. */
	startNow?: boolean;
}

/** Runs {@link checkOnce} on a timer with the back-off of {@link backgroundCheckDelay}; never two at once. */
export class BackgroundCheck implements Disposable {
	private viewVisible = true;
	private windowFocused = true;
	private consecutiveErrors = 0;
	private handle: unknown;
	private dueAt: number | undefined;
	private running: AbortController | undefined;
	private disposed = false;
	private started: boolean;
	private readonly timers: Timers;
	private readonly now: () => number;

	constructor(private readonly options: BackgroundCheckOptions) {
		this.timers = options.timers ?? backgroundTimers;
		this.now = options.now ?? Date.now;
		this.started = options.startNow ?? true;
		if (this.started) {
			this.schedule();
		}
	}

	/** Schedules the first check, when the options said not to start at once. */
	start(): void {
		if (!this.started) {
			this.started = true;
			this.schedule();
		}
	}

	/** Becoming visible or focused brings the next check forward, never back; hiding pushes it out. */
	setVisibility(state: { viewVisible?: boolean; windowFocused?: boolean }): void {
		const wasForeground = this.viewVisible && this.windowFocused;
		this.viewVisible = state.viewVisible ?? this.viewVisible;
		this.windowFocused = state.windowFocused ?? this.windowFocused;
		const isForeground = this.viewVisible && this.windowFocused;
		if (wasForeground !== isForeground) {
			this.reschedule(isForeground);
		}
	}

	/** After the interval setting changed: the new interval counts from now. */
	settingsChanged(): void {
		this.reschedule(false);
	}

	/** When the next check is due (epoch ms), if one is scheduled. */
	get nextCheckAt(): number | undefined {
		return this.dueAt;
	}

	dispose(): void {
		this.disposed = true;
		this.running?.abort();
		this.clear();
	}

	private schedule(atMost?: number): void {
		if (this.disposed || this.running || !this.started) {
			return;
		}
		let delay = backgroundCheckDelay(
			{ intervalMs: this.options.intervalMs(), consecutiveErrors: this.consecutiveErrors, viewVisible: this.viewVisible, windowFocused: this.windowFocused },
			this.options.tuning,
		);
		if (delay === undefined) {
			return;
		}
		if (atMost !== undefined) {
			delay = Math.min(delay, atMost);
		}
		this.dueAt = this.now() + delay;
		this.handle = this.timers.setTimeout(() => void this.run(), delay);
	}

	private reschedule(onlyForward: boolean): void {
		const remaining = onlyForward && this.dueAt !== undefined ? Math.max(0, this.dueAt - this.now()) : undefined;
		this.clear();
		this.schedule(remaining);
	}

	private clear(): void {
		if (this.handle !== undefined) {
			this.timers.clearTimeout(this.handle);
			this.handle = undefined;
		}
		this.dueAt = undefined;
	}

	/** Checks at once (unless one is running) and schedules the next from now: for tests and a view that just opened. */
	async checkNow(): Promise<CheckResult> {
		if (this.running || this.disposed) {
			return { kind: 'skipped' };
		}
		this.clear();
		return this.run();
	}

	private async run(): Promise<CheckResult> {
		this.handle = undefined;
		this.dueAt = undefined;
		if (this.disposed) {
			return { kind: 'skipped' };
		}
		const controller = new AbortController();
		this.running = controller;
		let result: CheckResult;
		try {
			result = await checkOnce(this.options.source, controller.signal, this.now);
		} catch (error) {
			result = { kind: 'failed', error };
		} finally {
			this.running = undefined;
		}
		this.consecutiveErrors = result.kind === 'failed' ? this.consecutiveErrors + 1 : 0;
		this.options.onResult?.(result);
		this.schedule();
		return result;
	}
}
