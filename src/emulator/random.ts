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

/** Picks by weight; weights need not sum to 1. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
	const total = items.reduce((sum, [, w]) => sum + w, 0);
	let r = rng() * total;
	for (const [item, w] of items) {
		r -= w;
		if (r < 0) {
			return item;
		}
	}
	const last = items[items.length - 1];
	if (last === undefined) {
		throw new Error('pickWeighted() from an empty list');
	}
	return last[0];
}

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng() * (i + 1));
		const a = out[i] as T;
		out[i] = out[j] as T;
		out[j] = a;
	}
	return out;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomIdChars(rng: Rng, length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) {
		s += ID_ALPHABET[Math.floor(rng() * ID_ALPHABET.length)];
	}
	return s;
}
