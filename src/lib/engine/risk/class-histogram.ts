/**
 * The class-size histogram: how many equivalence classes have each size. Every sample-based risk
 * measure of ARX (RiskModelHistogram) is a function of this histogram alone, which is why a risk
 * refresh after a new transformation only needs the class sizes, not the rows.
 */
export interface ClassSizeHistogram {
	/** Distinct class sizes, ascending. */
	readonly sizes: Int32Array;
	/** counts[i] = number of classes of size sizes[i]. */
	readonly counts: Int32Array;
	/** Number of records (Σ size · count). */
	readonly records: number;
	/** Number of classes (Σ count). */
	readonly classes: number;
}

/**
 * @param classSizes size of each class (entries ≤ 0 are ignored: suppressed or empty classes)
 * @param length number of valid entries (default: all)
 */
export function classSizeHistogram(
	classSizes: ArrayLike<number>,
	length = classSizes.length
): ClassSizeHistogram {
	let max = 0;
	for (let i = 0; i < length; i++) if (classSizes[i] > max) max = classSizes[i];
	// Counting by size is O(classes + largest class) and avoids sorting.
	const bySize = new Int32Array(max + 1);
	for (let i = 0; i < length; i++) if (classSizes[i] > 0) bySize[classSizes[i]]++;
	let distinct = 0;
	for (let s = 1; s <= max; s++) if (bySize[s] > 0) distinct++;
	const sizes = new Int32Array(distinct);
	const counts = new Int32Array(distinct);
	let records = 0;
	let classes = 0;
	for (let s = 1, j = 0; s <= max; s++) {
		if (bySize[s] === 0) continue;
		sizes[j] = s;
		counts[j++] = bySize[s];
		records += s * bySize[s];
		classes += bySize[s];
	}
	return { sizes, counts, records, classes };
}

/** Number of classes of exactly this size. */
export function classesOfSize(histogram: ClassSizeHistogram, size: number): number {
	const { sizes, counts } = histogram;
	for (let i = 0; i < sizes.length && sizes[i] <= size; i++) if (sizes[i] === size) return counts[i];
	return 0;
}

/** Records in classes smaller than k (records that violate k-anonymity). */
export function recordsInClassesSmallerThan(histogram: ClassSizeHistogram, k: number): number {
	let records = 0;
	for (let i = 0; i < histogram.sizes.length && histogram.sizes[i] < k; i++) {
		records += histogram.sizes[i] * histogram.counts[i];
	}
	return records;
}

/**
 * Classes per size bucket, as ARX's risk view shows them: "1", "2", "3-4", "5-9", "10-19", ...
 * Exact sizes are also available from the histogram itself.
 */
export function classSizeBuckets(
	histogram: ClassSizeHistogram,
	bounds: readonly number[] = [1, 2, 3, 5, 10]
): Record<string, number> {
	const result: Record<string, number> = {};
	for (let b = 0; b < bounds.length; b++) {
		const low = bounds[b];
		const high = b + 1 < bounds.length ? bounds[b + 1] - 1 : Infinity;
		const label = high === Infinity ? `${low}+` : high === low ? `${low}` : `${low}-${high}`;
		let classes = 0;
		for (let i = 0; i < histogram.sizes.length; i++) {
			if (histogram.sizes[i] >= low && histogram.sizes[i] <= high) classes += histogram.counts[i];
		}
		result[label] = classes;
	}
	return result;
}

/** Largest key space counted densely (16 M cells = 64 MiB of Int32). */
const DENSE_LIMIT = 1 << 24;

/**
 * Class sizes straight from the key columns when only the sizes are needed (a risk refresh): with a
 * small mixed-radix key space, one counting pass into a dense array beats hashing every row, which
 * is what lets a refresh of 1M rows stay under 100 ms. Returns null when the key space is too large;
 * the caller then groups with groupify.
 */
export function classSizesByCounting(
	keys: readonly Int32Array[],
	cardinalities: readonly number[],
	rowCount: number
): Int32Array | null {
	let space = 1;
	for (const c of cardinalities) space *= Math.max(1, c);
	if (space > DENSE_LIMIT) return null;
	const counts = new Int32Array(space);
	const k = keys.length;
	if (k === 0) {
		if (rowCount > 0) counts[0] = rowCount;
		return counts;
	}
	// Key computed column by column into a scratch array: sequential passes vectorize better than a
	// per-row inner loop over the columns.
	const key = new Int32Array(rowCount);
	key.set(keys[0]);
	for (let c = 1; c < k; c++) {
		const column = keys[c];
		const radix = cardinalities[c];
		for (let row = 0; row < rowCount; row++) key[row] = key[row] * radix + column[row];
	}
	for (let row = 0; row < rowCount; row++) counts[key[row]]++;
	return counts;
}
