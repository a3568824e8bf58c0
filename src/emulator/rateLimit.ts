/**
 * Per-action sliding-window limit on arrival time: a request is admitted only if, counting it, no 1 s window
 * ([s, s + 1000 ms)) holds more than `limit` admitted arrivals. Rejected requests do not use up the quota, so a
 * client that backs off gets through. Arrival times may be checked slightly out of order (bodies finish reading
 * at different moments), hence the check over every window containing the new arrival, not just the trailing one.
 */
export class SlidingWindowLimiter {
	private readonly admitted = new Map<string, number[]>();

	constructor(
		private readonly limits: Readonly<Record<string, number>>,
		private readonly windowMs = 1000,
	) {}

	limitFor(key: string): number {
		return this.limits[key] ?? Infinity;
	}

	tryAdmit(key: string, arrivalMs: number): boolean {
		const limit = this.limitFor(key);
		if (limit === Infinity) {
			return true;
		}
		let times = this.admitted.get(key);
		if (!times) {
			times = [];
			this.admitted.set(key, times);
		}
		const w = this.windowMs;
		// Windows containing t start in (t - w, t]; the busiest one starts at an admitted arrival or at t itself.
		const t = arrivalMs;
		const starts: number[] = [];
		for (let i = upperBound(times, t - w); i < times.length && (times[i]) <= t; i++) {
			starts.push(times[i]);
		}
		starts.push(t);
		for (const s of starts) {
			const inWindow = lowerBound(times, s + w) - lowerBound(times, s) + 1;
			if (inWindow > limit) {
				return false;
			}
		}
		times.splice(upperBound(times, t), 0, t);
		this.prune(times, t);
		return true;
	}

	private prune(times: number[], latest: number): void {
		// Keep a margin well beyond one window for late, out-of-order arrivals.
		const cutoff = latest - 10 * this.windowMs;
		let drop = 0;
		while (drop < times.length && (times[drop]) < cutoff) {
			drop++;
		}
		if (drop > 0) {
			times.splice(0, drop);
		}
	}
}

/** First index whose value is >= x. */
function lowerBound(sorted: readonly number[], x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((sorted[mid]) < x) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/** First index whose value is > x. */
function upperBound(sorted: readonly number[], x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if ((sorted[mid]) <= x) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/** The most entries in any window [t, t + windowMs) over the given arrival times; for tests and benchmarks. */
export function maxInAnyWindow(arrivalsMs: readonly number[], windowMs = 1000): number {
	const sorted = [...arrivalsMs].sort((a, b) => a - b);
	let best = 0;
	let j = 0;
	for (let i = 0; i < sorted.length; i++) {
		while (j < sorted.length && (sorted[j]) < (sorted[i]) + windowMs) {
			j++;
		}
		best = Math.max(best, j - i);
	}
	return best;
}
