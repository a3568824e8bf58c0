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
	/** A waiter waiting this long is served next, whatever its priority. Default two windows. */
	maxWaitMs?: number;
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
	/** Requests left in the caller's chain, this one included (see `acquire`). */
	priority: number;
	/**
	 * Its chain's next requests are reserved for while it is in flight (see leavesRoomAbove): it continues a chain
	 * whose previous request was answered, or starts one of a bounded length.
	 */
	reserved: boolean;
	enqueuedAt: number;
	signal?: AbortSignal;
	onAbort?: () => void;
}

/** A granted permit of a chain that will ask again: its next requests are reserved for. */
interface ChainSlot {
	grantedAt: number;
	priority: number;
}

/** A chain whose request has been answered and whose next request is expected at once. */
interface Continuation {
	priority: number;
	until: number;
}

const WINDOW_MS = 1000;
/**
 * How long a chain's next request is waited for after its response began (parsing, validation and the caller's
 * bookkeeping come in between); a slot kept for it that long and not asked for goes to the others.
 */
const CONTINUATION_GRACE_MS = 100;
/** Chains at least this share of the longest one's length are reserved for (see leavesRoomAbove). */
const CRITICAL_SHARE = 0.75;
/** The priority of a chain whose length is not known yet (Infinity given to acquire). */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
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
 * Within a budget, waiters are served by priority, the number of requests left in the caller's chain (a NextToken
 * listing's pages), highest first and in arrival order among equals; and a request of a shorter chain is granted
 * only while enough slots stay free for the longer chains in flight to go on without a stall until the next slot
 * frees (their next requests are expected one round trip apart, the round trip measured per budget). A listing
 * that can only be read one page after another then never waits behind one that could wait. Nothing starves: a
 * waiter that has waited `maxWaitMs` is served before any priority and any reservation. Without priorities
 * (every caller 0) this is the plain first-come order. One instance may be shared by several clients (e.g.
 * across a profile switch), since the server's quota belongs to the account, not to a client object.
 */
export class RateLimiter {
	/** The limit given, or 20: the limit of calls that name no action. */
	readonly requestsPerSecond: number;
	readonly windowMs: number;
	private readonly override: number | undefined;
	private readonly now: () => number;
	private readonly maxWaitMs: number;
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
		this.maxWaitMs = options.maxWaitMs ?? 2 * this.windowMs;
	}

	/** Callers waiting for a slot, in every budget. */
	get pending(): number {
		let n = 0;
		for (const budget of this.budgets.values()) {
			n += budget.pending;
		}
		return n;
	}

	/**
	 * The service answered a request of `action` with RequestLimitExceeded: its budget sends at half the rate for a
	 * while (see Budget.refused). Zero throttling holds only against our own requests; this is for everyone else's.
	 */
	refused(action?: string): void {
		this.budget(action).refused();
	}

	private budget(action: string | undefined): Budget {
		const key = action === undefined ? UNNAMED : budgetOf(action);
		let budget = this.budgets.get(key);
		if (!budget) {
			budget = new Budget(this.limitFor(action), this.windowMs, this.maxWaitMs, this.now);
			this.budgets.set(key, budget);
		}
		return budget;
	}

	/** How many requests per window `action` may send: the limit of the budget it draws from. */
	limitFor(action?: string): number {
		return this.override ?? (action === undefined ? DEFAULT_ACTION_LIMIT : budgetLimit(budgetOf(action)));
	}

	/**
	 * Resolves when the caller may send one request of `action`; rejects with AbortError if the signal fires
	 * first. Without an action the call draws from a budget of its own (20, or the limit given).
	 *
	 * `priority` is how many requests the caller's chain still has to send one after another, this one included
	 * (a listing's remaining pages), or an upper bound of it; Infinity when not even a bound is known; default 0, a
	 * request that starts nothing further. A chain of 2 or more has its next request reserved for while this one is
	 * in flight (a chain of unknown length only once it continues).
	 */
	acquire(signal?: AbortSignal, action?: string, priority = 0): Promise<Permit> {
		// A finite ceiling, so that no chain is longer than a chain of equal priority.
		return this.budget(action).acquire(signal, Number.isNaN(priority) ? 0 : Math.min(Math.max(0, priority), UNBOUNDED));
	}
}

/** One sliding window for one budget, with the chain reservations described on RateLimiter. */
class Budget {
	/** `done()` times of permits still inside the window, ascending. */
	private readonly finished: number[] = [];
	/** Granted permits not yet done. */
	private active = 0;
	/** Highest priority first, arrival order among equals. */
	private readonly queue: Waiter[] = [];
	/** Granted, not yet done permits of chains that will ask again. */
	private readonly chains = new Set<ChainSlot>();
	private readonly continuations: Continuation[] = [];
	/** Grant to first response, smoothed; how far apart a chain's requests come. */
	private roundTripMs: number | undefined;
	private timer: ReturnType<typeof setTimeout> | undefined;
	/** After a refusal (see refused): the limit it was cut to, and when. */
	private reducedTo = 0;
	private reducedAt: number | undefined;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly maxWaitMs: number,
		private readonly now: () => number,
	) {}

	get pending(): number {
		return this.queue.length;
	}

	/**
	 * The service refused a request for its rate: someone else spends the same quota (another VS Code window on
	 * the account, another tool). Halve this budget's limit, at most once a window, and give two requests back per
	 * window without a refusal: two windows settle near half the quota each instead of refusing each other.
	 */
	refused(): void {
		const now = this.now();
		if (this.reducedAt !== undefined && now - this.reducedAt < this.windowMs) {
			return;
		}
		this.reducedTo = Math.max(1, Math.floor(this.currentLimit(now) / 2));
		this.reducedAt = now;
	}

	/** The limit after the last refusal, grown by two per window since, back up to the documented one. */
	private currentLimit(now: number): number {
		if (this.reducedAt === undefined) {
			return this.limit;
		}
		const limit = Math.min(this.limit, this.reducedTo + 2 * Math.floor((now - this.reducedAt) / this.windowMs));
		if (limit >= this.limit) {
			this.reducedAt = undefined;
		}
		return limit;
	}

	acquire(signal: AbortSignal | undefined, priority: number): Promise<Permit> {
		if (signal?.aborted) {
			return Promise.reject(new AbortError());
		}
		return new Promise<Permit>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, priority, reserved: false, enqueuedAt: this.now(), signal };
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
			// A bound is enough to reserve for (a part of a split listing: at most its parent's pages); a chain of
			// unknown length (Infinity) is not reserved for until it continues, since any guess could hold every slot.
			waiter.reserved = this.claimContinuation(priority) || (priority >= 2 && priority < UNBOUNDED);
			let i = this.queue.length;
			while (i > 0 && (this.queue[i - 1]?.priority ?? 0) < priority) {
				i--;
			}
			this.queue.splice(i, 0, waiter);
			this.pump();
		});
	}

	/**
	 * The chain that was expected to ask again has asked (its priority one less than its previous request's): its
	 * continuation is no longer held open, and this request is reserved for while in flight.
	 */
	private claimContinuation(priority: number): boolean {
		const index = this.continuations.findIndex((c) => c.priority === priority);
		if (index >= 0) {
			this.continuations.splice(index, 1);
		}
		return index >= 0;
	}

	private permit(priority: number, reserved: boolean): Permit {
		const grantedAt = this.now();
		const chain: ChainSlot | undefined = reserved && priority >= 2 ? { grantedAt, priority } : undefined;
		if (chain) {
			this.chains.add(chain);
		}
		let done = false;
		const release = (countFrom: number, answered: boolean): void => {
			if (done) {
				return;
			}
			done = true;
			this.active--;
			const now = this.now();
			if (answered) {
				const sample = now - grantedAt;
				this.roundTripMs = this.roundTripMs === undefined ? sample : 0.75 * this.roundTripMs + 0.25 * sample;
			}
			if (chain) {
				this.chains.delete(chain);
			}
			if (answered && priority >= 2) {
				this.continuations.push({ priority: priority - 1, until: now + CONTINUATION_GRACE_MS });
			}
			// Keep `finished` sorted: an abandoned permit counts from a time in the future.
			let i = this.finished.length;
			while (i > 0 && (this.finished[i - 1] ?? 0) > countFrom) {
				i--;
			}
			this.finished.splice(i, 0, countFrom);
			this.pump();
		};
		return {
			done: () => release(this.now(), true),
			abandon: () => release(this.now() + this.windowMs, false),
		};
	}

	/**
	 * Whether granting a waiter of `priority` now still leaves a slot for every request the longer chains will send
	 * in the coming window: their requests come one round trip apart (from an in-flight request's grant, or at once
	 * for a chain just answered), and the slots held now free one window after their answers. Only chains near the
	 * longest count (CRITICAL_SHARE of its length): shorter ones can wait without making the load longer. At most
	 * half the limit is ever kept back, so against a server without latency a chain cannot claim every slot.
	 */
	private leavesRoomAbove(priority: number, free: number, now: number): boolean {
		const roundTrip = Math.max(1, this.roundTripMs ?? this.windowMs / 5);
		const horizon = now + this.windowMs;
		let longest = 0;
		for (const chain of this.chains) {
			longest = Math.max(longest, chain.priority - 1);
		}
		const floor = Math.max(priority + 1, Math.ceil(longest * CRITICAL_SHARE));
		const demands: number[] = [];
		const add = (from: number, requests: number): void => {
			for (let j = 0; j < requests && from + j * roundTrip < horizon; j++) {
				demands.push(Math.max(now, from + j * roundTrip));
			}
		};
		for (const chain of this.chains) {
			if (chain.priority - 1 >= floor) {
				add(chain.grantedAt + roundTrip, chain.priority - 1);
			}
		}
		for (const next of this.continuations) {
			if (next.priority >= floor) {
				add(now, next.priority);
			}
		}
		if (demands.length === 0) {
			return true;
		}
		demands.sort((a, b) => a - b);
		demands.length = Math.min(demands.length, Math.floor(this.limit / 2));
		// Slots at hand after this grant, then one more at each held slot's end of window.
		let supply = free - 1;
		let next = 0;
		for (let k = 0; k < demands.length; k++) {
			const at = demands[k] ?? now;
			while (next < this.finished.length && (this.finished[next] ?? 0) + this.windowMs <= at) {
				supply++;
				next++;
			}
			if (supply < k + 1) {
				return false;
			}
		}
		return true;
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
		for (let i = this.continuations.length - 1; i >= 0; i--) {
			if ((this.continuations[i]?.until ?? 0) <= now) {
				this.continuations.splice(i, 1);
			}
		}
		let blocked = false;
		const limit = this.currentLimit(now);
		while (this.queue.length > 0 && this.finished.length + this.active < limit) {
			const free = limit - this.finished.length - this.active;
			// A waiter that has waited maxWaitMs goes first, still behind the reservation (at most half the slots).
			// When the reservation holds it back, the first waiter may still go: it may be one of the reserved chains.
			const starved = this.queue.findIndex((w) => now - w.enqueuedAt >= this.maxWaitMs);
			const starvedFits = starved >= 0 && this.leavesRoomAbove(0, free, now);
			const index = starvedFits ? starved : 0;
			const waiter = this.queue[index];
			if (!waiter) {
				break;
			}
			// A first waiter that is itself the starved one was just checked at priority 0.
			const fits = starvedFits || (starved !== 0 && this.leavesRoomAbove(waiter.priority, free, now));
			if (!fits) {
				// Every later waiter has a lower priority, so at least as much is reserved above it.
				blocked = true;
				break;
			}
			this.queue.splice(index, 1);
			if (waiter.signal && waiter.onAbort) {
				waiter.signal.removeEventListener('abort', waiter.onAbort);
			}
			this.active++;
			waiter.resolve(this.permit(waiter.priority, waiter.reserved));
		}
		if (this.queue.length === 0) {
			return;
		}
		// With every slot held by active permits and nothing reserved, done() pumps again.
		let wake = Number.POSITIVE_INFINITY;
		if (this.finished.length > 0) {
			wake = (this.finished[0] ?? now) + this.windowMs;
		}
		if (blocked) {
			const oldest = Math.min(...this.queue.map((w) => w.enqueuedAt));
			wake = Math.min(wake, oldest + this.maxWaitMs, ...this.continuations.map((c) => c.until));
		}
		if (Number.isFinite(wake)) {
			// Timers may fire a fraction early against performance.now(); pump re-checks and re-arms if so.
			this.timer = setTimeout(() => this.pump(), Math.max(1, Math.ceil(wake - now)));
		}
	}
}
