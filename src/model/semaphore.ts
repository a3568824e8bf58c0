/**
 * Bounds how many requests are in flight at once. The client's rate limiter decides when each one is
 * sent; this only keeps enough of them queued that the limiter is never idle waiting for a round trip.
 */
export class Semaphore {
	private running = 0;
	private readonly waiters: (() => void)[] = [];

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) {
			throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
		}
	}

	async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		await this.acquire(signal);
		try {
			return await work();
		} finally {
			this.release();
		}
	}

	get inFlight(): number {
		return this.running;
	}

	private acquire(signal: AbortSignal | undefined): Promise<void> {
		signal?.throwIfAborted();
		if (this.running < this.limit) {
			this.running++;
			return Promise.resolve();
		}
		// No abort listener per waiter (dozens would pile up on one signal): an aborted waiter finds out
		// when its turn comes, which is soon, since aborting also ends the requests holding the slots.
		return new Promise<void>((resolve, reject) => {
			this.waiters.push(() => {
				if (signal?.aborted) {
					reject(signal.reason);
					// Hand the free slot straight on.
					this.waiters.shift()?.();
				} else {
					this.running++;
					resolve();
				}
			});
		});
	}

	private release(): void {
		this.running--;
		this.waiters.shift()?.();
	}
}
