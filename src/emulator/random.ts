/**
 * A small seeded PRNG (mulberry32). Sample data, evolution and fault injection must be reproducible from a seed,
 * so none of them may use Math.random.
 */
export type Rng = () => number;

export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Separate streams per purpose, so adding a fault draw never shifts the sample data of the same seed. */
export function deriveSeed(seed: number, stream: string): number {
	let h = (seed ^ 0x811c9dc5) >>> 0;
	for (let i = 0; i < stream.length; i++) {
		h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
	}
	return h;
}

export function intBetween(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	const item = items[Math.floor(rng() * items.length)];
	if (item === undefined) {
		throw new Error('pick() from an empty list');
	}
	return item;
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		const a = out[i];
		out[i] = out[j];
		out[j] = a;
	}
	return out;
}

const ID_CODES = Array.from('abcdefghijklmnopqrstuvwxyz0123456789', (c) => c.charCodeAt(0));
const idBuffer: number[] = [];

export function randomIdChars(rng: Rng, length: number): string {
	// Char codes and one fromCharCode: this runs a million times for a 100k-task benchmark set.
	idBuffer.length = length;
	for (let i = 0; i < length; i++) {
		idBuffer[i] = ID_CODES[Math.floor(rng() * ID_CODES.length)];
	}
	return String.fromCharCode(...idBuffer);
}

/** A weighted choice prepared once, for hot loops. */
export function weightedPicker<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
	const values = items.map(([v]) => v);
	const cumulative: number[] = [];
	let total = 0;
	for (const [, w] of items) {
		total += w;
		cumulative.push(total);
	}
	if (values.length === 0) {
		throw new Error('weightedPicker() of an empty list');
	}
	return (rng) => {
		const r = rng() * total;
		for (let i = 0; i < cumulative.length; i++) {
			if (r < (cumulative[i])) {
				return values[i];
			}
		}
		return values[values.length - 1];
	};
}
