/**
 * Seeded pseudo-random numbers for the sample generator: mulberry32 (Tommy Ettinger's 32-bit generator,
 * public domain), enough for synthetic data and identical on every platform, so the same seed always
 * writes the same bytes.
 */

/** @param {number} seed */
export function createRandom(seed) {
	let state = seed >>> 0;
	/** Uniform in [0, 1). */
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	/** @param {number} n integer in [0, n) */
	const int = (n) => Math.floor(next() * n);
	/** Standard normal deviate (Box–Muller). */
	const normal = () => {
		const u = 1 - next();
		const v = next();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	};
	/**
	 * @template T
	 * @param {readonly T[]} items
	 */
	const pick = (items) => items[int(items.length)];
	return { next, int, normal, pick };
}

/**
 * Draws from a discrete distribution by binary search over cumulative weights.
 * @template T
 * @param {readonly T[]} items
 * @param {readonly number[]} weights
 */
export function weightedPicker(items, weights) {
	/** @type {number[]} */
	const cumulative = [];
	let total = 0;
	for (const w of weights) cumulative.push((total += w));
	/** @param {number} u uniform in [0, 1) */
	return (u) => {
		const x = u * total;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] > x) hi = mid;
			else lo = mid + 1;
		}
		return items[lo];
	};
}
