import { budgetLimit, budgetOf, DEFAULT_ACTION_LIMIT } from './actionLimits';
import { AbortError } from './errors';

export interface RateLimiterOptions {
	/**
	 * The limit of every budget instead of the documented ones: the user setting (1–20, to leave room for other
	 * tools on the same account), or a high number against a local emulator. Without it each action's budget is
	 * its documented limit (ACTION_RATE_LIMITS), and a call that names no action gets 20.
	 */
	requestsPerSecond?: number;
	/** The window `requestsPerSecond` applies to; default 1000. Shorter windows keep tests fast. */
	windowMs?: number;
	/**
	 * Added to the window for differences in how the server stamps and buckets arrivals (coarse clocks,
	 * rounding). Latency needs none, see `Permit.done`. Small on purpose: every millisecond is throughput lost.
	 */
	slackMs?: number;
	/** Monotonic milliseconds; injectable for tests. */
	now?: () => number;
}

/** The right to send one request. */
export interface Permit {
	/**
	 * Call once the response has started to arrive, or once the attempt has ended without one. The slot
	 * stays taken until one window after this call. Idempotent.
	 */
	done(): void;
	/**
	 * Call instead of `done()` when the attempt was cancelled after its request may have left but before any
	 * response began: the request can still reach the server after the cancellation, later by as much as its
	 * trip takes, so counting the window from now could let the server see one request too many. The slot is
	 * held one window longer instead, which covers any one-way delay up to a window. Idempotent with `done()`.
	 */
	abandon(): void;
}

interface Waiter {
	resolve(permit: Permit): void;
	reject(error: Error): void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

const WINDOW_MS = 1000;
/** The budget of acquire() calls that name no action. */
const UNNAMED = '';

/**
 * Sliding windows shared by every caller of one account's quota: one budget per action (ACTION_RATE_LIMITS),
 * because the service limits each action on its own, so names resolved next to a listing never slow it down.
 *
 * A permit holds its slot from the grant until one window after `done()`, i.e. after its response began
 * to arrive. By then the server has certainly received the request, so of any N+1 requests the first to
 * finish precedes the last one's grant by a full window, and the server sees them at least a window
 * apart, whatever the latency, its jitter, or handshake delays on fresh connections. Counting from the
 * send time instead would rest on a guess at the worst jitter (measured here: flushing-based counting let
 * the server see 22–34 requests in one second when fresh connections were accepted late); this costs one
 * round trip per window, a few milliseconds against a local emulator.
 *
 * Within a budget, waiters are served in arrival order. One instance may be shared by several clients (e.g.
 * across a profile switch), since the server's quota belongs to the account, not to a client object.
 */
export class RateLimiter {
	/** The limit given, or 20: the limit of calls that name no action. */
	readonly requestsPerSecond: number;
	readonly windowMs: number;
	private readonly override: number | undefined;
	private readonly now: () => number;
	private readonly budgets = new Map<string, Budget>();

	constructor(options: RateLimiterOptions = {}) {
		const rps = options.requestsPerSecond;
		if (rps !== undefined && (!Number.isInteger(rps) || rps < 1)) {
			throw new RangeError(`requestsPerSecond must be a positive integer, got ${rps}`);
		}
		this.override = rps;
		this.requestsPerSecond = rps ?? DEFAULT_ACTION_LIMIT;
		this.windowMs = (options.windowMs ?? WINDOW_MS) + Math.max(0, options.slackMs ?? 25);
		this.now = options.now ?? (() => performance.now());
	}

	/** Callers waiting for a slot, in every budget. */
	get pending(): number {
		let n = 0;
		for (const budget of this.budgets.values()) {
			n += budget.pending;
		}
		return n;
	}

	/** How many requests per window `action` may send: the limit of the budget it draws from. */
	limitFor(action?: string): number {
		return this.override ?? (action === undefined ? DEFAULT_ACTION_LIMIT : budgetLimit(budgetOf(action)));
	}

	/**
	 * Resolves when the caller may send one request of `action`; rejects with AbortError if the signal fires
	 * first. Without an action the call draws from a budget of its own (20, or the limit given).
	 */
	acquire(signal?: AbortSignal, action?: string): Promise<Permit> {
		const key = action === undefined ? UNNAMED : budgetOf(action);
		let budget = this.budgets.get(key);
		if (!budget) {
			budget = new Budget(this.limitFor(action), this.windowMs, this.now);
			this.budgets.set(key, budget);
		}
		return budget.acquire(signal);
	}
}

/** One sliding window: the limiter's original algorithm, for one budget. */
class Budget {
	/** `done()` times of permits still inside the window, ascending. */
	private readonly finished: number[] = [];
	/** Granted permits not yet done. */
	private active = 0;
	private readonly queue: Waiter[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number,
	) {}

	get pending(): number {
		return this.queue.length;
	}

	acquire(signal?: AbortSignal): Promise<Permit> {
		if (signal?.aborted) {
			return Promise.reject(new AbortError());
		}
		return new Promise<Permit>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = this.queue.indexOf(waiter);
					if (index >= 0) {
						this.queue.splice(index, 1);
					}
					reject(new AbortError());
					this.pump();
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.queue.push(waiter);
			this.pump();
		});
	}

	private permit(): Permit {
		let done = false;
		const release = (countFrom: number): void => {
			if (done) {
				return;
			}
			done = true;
			this.active--;
			// Keep `finished` sorted: an abandoned permit counts from a time in the future.
			let i = this.finished.length;
			while (i > 0 && (this.finished[i - 1] ?? 0) > countFrom) {
				i--;
			}
			this.finished.splice(i, 0, countFrom);
			this.pump();
		};
		return {
			done: () => release(this.now()),
			abandon: () => release(this.now() + this.windowMs),
		};
	}

	private pump(): void {
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		const now = this.now();
		while (this.finished.length > 0 && (this.finished[0] ?? 0) <= now - this.windowMs) {
			this.finished.shift();
		}
		while (this.queue.length > 0 && this.finished.length + this.active < this.limit) {
			const waiter = this.queue.shift();
			if (!waiter) {
				break;
			}
			if (waiter.signal && waiter.onAbort) {
				waiter.signal.removeEventListener('abort', waiter.onAbort);
			}
			this.active++;
			waiter.resolve(this.permit());
		}
		// With every slot held by active permits there is nothing to time: done() pumps again.
		if (this.queue.length > 0 && this.finished.length > 0) {
			const oldest = this.finished[0] ?? now;
			// Timers may fire a fraction early against performance.now(); pump re-checks and re-arms if so.
			const delay = Math.max(1, Math.ceil(oldest + this.windowMs - now));
			this.timer = setTimeout(() => this.pump(), delay);
		}
	}
}
