/**
 * Bounds how many requests are in flight at once. The client's rate limiter decides when each one is
 * sent; this only keeps enough of them queued that the limiter is never idle waiting for a round trip.
 */
export class Semaphore {
	private running = 0;
	private drainScheduled = false;
	/** Served highest priority first, in arrival order among equals. */
	private readonly waiters: { priority: number; wake: () => void }[] = [];

	/**
	 * With `deferHandOff`, a freed slot goes to a waiter only after the current callbacks have settled (next
	 * macrotask), so whatever the finished work queues next (the loader: the same listing's next page)
	 * competes for it by priority instead of always losing it to a waiter that was already queued. A free
	 * slot with nobody waiting is still taken at once.
	 */
	constructor(
		readonly limit: number,
		private readonly options: { deferHandOff?: boolean } = {},
	) {
		if (!Number.isInteger(limit) || limit < 1) {
			throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
		}
	}

	/**
	 * `priority` orders the waiters (higher first; default 0): the loader gives the longest remaining NextToken
	 * chain the next free slot, so the listing that decides when a full load ends is never queued behind short ones.
	 */
	async run<T>(work: () => Promise<T>, signal?: AbortSignal, priority = 0): Promise<T> {
		await this.acquire(signal, priority);
		try {
			return await work();
		} finally {
			this.release();
		}
	}

	get inFlight(): number {
		return this.running;
	}

	private acquire(signal: AbortSignal | undefined, priority: number): Promise<void> {
		signal?.throwIfAborted();
		if (this.running < this.limit && this.waiters.length === 0) {
			this.running++;
			return Promise.resolve();
		}
		// No abort listener per waiter (dozens would pile up on one signal): an aborted waiter finds out
		// when its turn comes, which is soon, since aborting also ends the requests holding the slots.
		return new Promise<void>((resolve, reject) => {
			const wake = (): void => {
				if (signal?.aborted) {
					// eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the signal's own reason, passed on as fetch() does, so callers see the AbortError they caused
					reject(signal.reason);
					// Hand the free slot straight on.
					this.next()?.();
				} else {
					this.running++;
					resolve();
				}
			};
			// Insert after every waiter of the same or higher priority: FIFO among equals.
			let i = this.waiters.length;
			while (i > 0 && (this.waiters[i - 1]?.priority ?? 0) < priority) {
				i--;
			}
			this.waiters.splice(i, 0, { priority, wake });
			this.scheduleDrain();
		});
	}

	private next(): (() => void) | undefined {
		return this.waiters.shift()?.wake;
	}

	private release(): void {
		this.running--;
		if (this.options.deferHandOff) {
			this.scheduleDrain();
		} else {
			this.next()?.();
		}
	}

	private scheduleDrain(): void {
		if (this.drainScheduled) {
			return;
		}
		this.drainScheduled = true;
		setImmediate(() => {
			this.drainScheduled = false;
			while (this.running < this.limit && this.waiters.length > 0) {
				this.next()?.();
			}
		});
	}
}
