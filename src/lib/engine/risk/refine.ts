/**
 * Refining a partition of the rows by one more key column: rows stay together when they shared a
 * class and share the new column's code. Used to walk the subsets of the key variables one column
 * at a time (SUDA2, attribute analysis), so each subset costs one pass over the rows.
 */

export interface Partition {
	/** Class id of each row, 0..count−1. */
	readonly ids: Int32Array;
	readonly count: number;
	/** Rows per class. */
	readonly sizes: Int32Array;
}

/** Largest (parent classes × codes) space refined through a dense array instead of hashing. */
const DENSE_LIMIT = 1 << 22;

/** Exclusive upper bound of a column's codes (one cheap pass; columns may be reused buffers). */
function codeBound(column: Int32Array): number {
	let bound = 0;
	for (let i = 0; i < column.length; i++) if (column[i] >= bound) bound = column[i] + 1;
	return bound;
}

/**
 * Reusable table keyed by (parent class, code) pairs: a dense array when the pair space is small
 * (no probing; reset through the list of cells used), open addressing otherwise.
 */
export class RefineTable {
	private dense: Int32Array | undefined;
	private parents: Int32Array;
	private codes: Int32Array;
	private values: Int32Array;
	private mask: number;

	constructor(rowCount: number) {
		let capacity = 1024;
		while (capacity < rowCount * 2) capacity *= 2;
		this.parents = new Int32Array(capacity);
		this.codes = new Int32Array(capacity);
		this.values = new Int32Array(capacity);
		this.mask = capacity - 1;
	}

	/** @param weights rows each stand for this many records (default 1): sizes count records. */
	refine(parent: Partition, column: Int32Array, weights?: Int32Array): Partition {
		const radix = codeBound(column);
		if (parent.count * radix <= DENSE_LIMIT) return this.refineDense(parent, column, radix, weights);
		const n = parent.ids.length;
		const ids = new Int32Array(n);
		const { parents, codes, values, mask } = this;
		parents.fill(-1);
		const sizes = new Int32Array(n);
		let count = 0;
		const parentIds = parent.ids;
		for (let row = 0; row < n; row++) {
			const p = parentIds[row];
			const c = column[row];
			let slot = (Math.imul(p, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & mask;
			for (;;) {
				const q = parents[slot];
				if (q === -1) {
					parents[slot] = p;
					codes[slot] = c;
					values[slot] = count;
					ids[row] = count++;
					break;
				}
				if (q === p && codes[slot] === c) {
					ids[row] = values[slot];
					break;
				}
				slot = (slot + 1) & mask;
			}
			sizes[ids[row]] += weights ? weights[row] : 1;
		}
		return { ids, count, sizes: sizes.subarray(0, count) };
	}

	private refineDense(parent: Partition, column: Int32Array, radix: number, weights?: Int32Array): Partition {
		const n = parent.ids.length;
		const dense = (this.dense ??= new Int32Array(DENSE_LIMIT).fill(-1));
		const ids = new Int32Array(n);
		const sizes = new Int32Array(n);
		const used = new Int32Array(n);
		const parentIds = parent.ids;
		let count = 0;
		for (let row = 0; row < n; row++) {
			const cell = parentIds[row] * radix + column[row];
			let id = dense[cell];
			if (id === -1) {
				id = count;
				dense[cell] = id;
				used[count++] = cell;
			}
			ids[row] = id;
			sizes[id] += weights ? weights[row] : 1;
		}
		for (let c = 0; c < count; c++) dense[used[c]] = -1;
		return { ids, count, sizes: sizes.subarray(0, count) };
	}
}

/** The partition with every row in one class (the empty set of key columns). */
export function wholePartition(rowCount: number, records = rowCount): Partition {
	const sizes = new Int32Array(1);
	sizes[0] = records;
	return { ids: new Int32Array(rowCount), count: rowCount > 0 ? 1 : 0, sizes };
}
