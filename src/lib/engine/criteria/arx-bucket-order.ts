import type { SensitiveHistogram } from './criterion';

/**
 * The order in which ARX 3.9.2 walks a class's sensitive values: the bucket order of its
 * Distribution hash table (framework/check/distribution/Distribution.java) — open addressing
 * with linear probing, home bucket = code mod capacity, capacity 8 at first and doubled
 * (re-inserting in bucket order) as soon as it holds more than 3/4 of its capacity. When ARX
 * builds a class from the rows, codes are inserted in order of their first appearance among the
 * class's rows. The order matters where a criterion stops early with a verdict that a later
 * term could reverse (entropy l-diversity with Grassberger's estimator, whose G₁ is negative).
 *
 * Verified with ARX 3.9.2 itself on TestAnonymizationEntropyLDiversity#0 and #3 (adult,
 * Grassberger l = 5 and 3): with histograms in first-appearance order this order gives exactly
 * ARX's suppressed classes (1,041 and 926 records); ascending code order gives 1,095 and 955.
 */
export class ArxBucketOrder {
	private table = new Int32Array(8);
	private next = new Int32Array(8);
	private order = new Int32Array(8);

	/** Indices into `h` (entries with a positive count), in ARX's bucket order. Reused buffer. */
	of(h: SensitiveHistogram): { readonly indices: Int32Array; readonly length: number } {
		let capacity = 8;
		let table = this.table;
		table.fill(-1, 0, capacity);
		let size = 0;
		for (let i = 0; i < h.length; i++) {
			if (h.counts[i] <= 0) continue;
			this.insert(table, capacity, h, i);
			size++;
			if (size > Math.trunc(capacity * 0.75)) {
				const grown = capacity * 2;
				if (this.next.length < grown) this.next = new Int32Array(grown);
				const target = this.next;
				target.fill(-1, 0, grown);
				for (let b = 0; b < capacity; b++) if (table[b] !== -1) this.insert(target, grown, h, table[b]);
				this.next = table;
				this.table = target;
				table = target;
				capacity = grown;
			}
		}
		if (this.order.length < size) this.order = new Int32Array(this.table.length);
		let n = 0;
		for (let b = 0; b < capacity; b++) if (table[b] !== -1) this.order[n++] = table[b];
		return { indices: this.order, length: n };
	}

	private insert(table: Int32Array, capacity: number, h: SensitiveHistogram, entry: number): void {
		let bucket = h.codes[entry] & (capacity - 1);
		while (table[bucket] !== -1) bucket = (bucket + 1) & (capacity - 1);
		table[bucket] = entry;
	}
}
