import { AbortError } from './errors';

export interface RateLimiterOptions {
	/** Default 20, the documented ListTasks limit. */
	requestsPerSecond?: number;
	/** The window `requestsPerSecond` applies to; default 1000. Shorter windows keep tests fast. */
	windowMs?: number;
	/**
	 * Added to the window, because the server counts arrivals, which trail our send times by a varying
	 * transit time. Small on purpose: every millisecond here is throughput lost.
	 */
	slackMs?: number;
	/** Monotonic milliseconds; injectable for tests. */
	now?: () => number;
}

/** The right to send one request. Call `markSent` when its bytes go out (or when it is given up). */
export interface Permit {
	markSent(): void;
}

interface Waiter {
	resolve(permit: Permit): void;
	reject(error: Error): void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

const WINDOW_MS = 1000;

/**
 * A sliding window over send times, shared by every caller of one account's quota.
 *
 * A permit holds a slot from the moment it is granted until one window after its request was actually
 * sent. Counting from the grant alone is not enough: a request that waits for a TCP and TLS handshake
 * reaches the server later than one on a warm keep-alive socket granted after it, so grant times evenly
 * spaced can still arrive bunched. Counting from the real send time removes that handshake skew, leaving
 * only transit-time jitter for `slackMs` to absorb.
 *
 * Waiters are served in arrival order. One instance may be shared by several clients (e.g. across a
 * profile switch), since the server's quota belongs to the account, not to a client object.
 */
export class RateLimiter {
	readonly requestsPerSecond: number;
	readonly windowMs: number;
	private readonly now: () => number;
	/** Send times of requests still inside the window, ascending. */
	private readonly sent: number[] = [];
	/** Granted permits whose request has not gone out yet. */
	private unsent = 0;
	private readonly queue: Waiter[] = [];
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: RateLimiterOptions = {}) {
		const rps = options.requestsPerSecond ?? 20;
		if (!Number.isInteger(rps) || rps < 1) {
			throw new RangeError(`requestsPerSecond must be a positive integer, got ${rps}`);
		}
		this.requestsPerSecond = rps;
		this.windowMs = (options.windowMs ?? WINDOW_MS) + Math.max(0, options.slackMs ?? 50);
		this.now = options.now ?? (() => performance.now());
	}

	/** Callers waiting for a slot. */
	get pending(): number {
		return this.queue.length;
	}

	/** Resolves when the caller may send one request; rejects with AbortError if the signal fires first. */
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
		return {
			markSent: () => {
				if (done) {
					return;
				}
				done = true;
				this.unsent--;
				// Send times arrive in clock order, so appending keeps `sent` sorted.
				this.sent.push(this.now());
				this.pump();
			},
		};
	}

	private pump(): void {
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		const now = this.now();
		while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.windowMs) {
			this.sent.shift();
		}
		while (this.queue.length > 0 && this.sent.length + this.unsent < this.requestsPerSecond) {
			const waiter = this.queue.shift();
			if (!waiter) {
				break;
			}
			if (waiter.signal && waiter.onAbort) {
				waiter.signal.removeEventListener('abort', waiter.onAbort);
			}
			this.unsent++;
			waiter.resolve(this.permit());
		}
		// With every slot held by unsent permits there is nothing to time: markSent pumps again.
		if (this.queue.length > 0 && this.sent.length > 0) {
			const oldest = this.sent[0] ?? now;
			// Timers may fire a fraction early against performance.now(); pump re-checks and re-arms if so.
			const delay = Math.max(1, Math.ceil(oldest + this.windowMs - now));
			this.timer = setTimeout(() => this.pump(), delay);
		}
	}
}
