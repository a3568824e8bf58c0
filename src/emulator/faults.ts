import { createRng, deriveSeed, type Rng } from './random';

/**
 * Transport and service faults for resilience tests. Drawn once per request in arrival order from a seeded PRNG,
 * so a run with the same seed and request sequence faults the same requests. A faulted request never changes
 * server state (no rate-limit quota, no cursor), so the client can retry it as is.
 */
export const FAULT_KINDS = ['http502', 'http503', 'reset', 'truncated', 'internalError', 'throttle'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export function isFaultKind(s: string): s is FaultKind {
	return (FAULT_KINDS as readonly string[]).includes(s);
}

export class FaultInjector {
	private readonly rng: Rng;
	private rate: number;
	private kinds: readonly FaultKind[];

	constructor(seed: number, rate = 0, kinds: readonly FaultKind[] = FAULT_KINDS) {
		this.rng = createRng(deriveSeed(seed, 'faults'));
		this.rate = validRate(rate);
		this.kinds = validKinds(kinds);
	}

	configure(rate: number, kinds: readonly FaultKind[] = this.kinds): void {
		this.rate = validRate(rate);
		this.kinds = validKinds(kinds);
	}

	/** Always draws twice, so changing the rate mid-run does not shift which requests later draws land on. */
	next(): FaultKind | undefined {
		const hit = this.rng();
		const which = this.rng();
		return hit < this.rate ? this.kinds[Math.floor(which * this.kinds.length)] : undefined;
	}
}

function validRate(rate: number): number {
	if (!(rate >= 0 && rate <= 1)) {
		throw new RangeError(`fault rate must be between 0 and 1, got ${rate}`);
	}
	return rate;
}

function validKinds(kinds: readonly FaultKind[]): readonly FaultKind[] {
	if (kinds.length === 0 || !kinds.every(isFaultKind)) {
		throw new RangeError(`fault kinds must be a non-empty subset of ${FAULT_KINDS.join(', ')}`);
	}
	return [...kinds];
}
