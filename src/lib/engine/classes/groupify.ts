/**
 * Groups rows into equivalence classes: rows that share the same (generalized) code in every
 * key column. This is the one class computation shared by the privacy criteria, the quality
 * measures, the risk measures and the search.
 *
 * Implementation: when the product of the key cardinalities fits in 2^52 the key is a
 * mixed-radix number and a Map from number → class id suffices; otherwise rows are hashed
 * with an open-addressing table over the code tuples (collisions resolved by comparing codes).
 */
export interface Classes {
	/** Number of equivalence classes. */
	readonly count: number;
	/** Class id of each row, ids in order of first appearance. Rows excluded by `rowFilter` get -1. */
	readonly classOfRow: Int32Array;
	/** Number of rows in each class. */
	readonly sizes: Int32Array;
	/** First row of each class (gives its key: the codes of that row). */
	readonly firstRow: Int32Array;
}

/**
 * @param keys one code array per key column (all of the same length)
 * @param cardinalities exclusive upper bound of the codes of each key column
 * @param rowFilter optional: only rows with a non-zero entry are grouped
 */
export function groupify(
	keys: readonly Int32Array[],
	cardinalities: readonly number[],
	rowCount: number,
	rowFilter?: Uint8Array
): Classes {
	const classOfRow = new Int32Array(rowCount);
	let radixProduct = 1;
	for (const c of cardinalities) radixProduct *= Math.max(1, c);
	const result =
		radixProduct <= 2 ** 52
			? groupByRadix(keys, cardinalities, rowCount, classOfRow, rowFilter)
			: groupByHash(keys, rowCount, classOfRow, rowFilter);
	return result;
}

function groupByRadix(
	keys: readonly Int32Array[],
	cardinalities: readonly number[],
	rowCount: number,
	classOfRow: Int32Array,
	rowFilter?: Uint8Array
): Classes {
	const ids = new Map<number, number>();
	const sizes: number[] = [];
	const first: number[] = [];
	const k = keys.length;
	for (let row = 0; row < rowCount; row++) {
		if (rowFilter && rowFilter[row] === 0) {
			classOfRow[row] = -1;
			continue;
		}
		let key = 0;
		for (let c = 0; c < k; c++) key = key * cardinalities[c] + keys[c][row];
		let id = ids.get(key);
		if (id === undefined) {
			id = sizes.length;
			ids.set(key, id);
			sizes.push(0);
			first.push(row);
		}
		sizes[id]++;
		classOfRow[row] = id;
	}
	return { count: sizes.length, classOfRow, sizes: Int32Array.from(sizes), firstRow: Int32Array.from(first) };
}

function groupByHash(
	keys: readonly Int32Array[],
	rowCount: number,
	classOfRow: Int32Array,
	rowFilter?: Uint8Array
): Classes {
	const k = keys.length;
	let capacity = 1024;
	while (capacity < rowCount * 2) capacity *= 2;
	const mask = capacity - 1;
	const slots = new Int32Array(capacity).fill(-1); // slot → class id
	const sizes: number[] = [];
	const first: number[] = [];
	for (let row = 0; row < rowCount; row++) {
		if (rowFilter && rowFilter[row] === 0) {
			classOfRow[row] = -1;
			continue;
		}
		let h = 0x811c9dc5;
		for (let c = 0; c < k; c++) h = Math.imul(h ^ keys[c][row], 0x01000193);
		let slot = (h ^ (h >>> 15)) & mask;
		for (;;) {
			const id = slots[slot];
			if (id === -1) {
				const created = sizes.length;
				slots[slot] = created;
				sizes.push(1);
				first.push(row);
				classOfRow[row] = created;
				break;
			}
			const other = first[id];
			let same = true;
			for (let c = 0; c < k && same; c++) same = keys[c][row] === keys[c][other];
			if (same) {
				sizes[id]++;
				classOfRow[row] = id;
				break;
			}
			slot = (slot + 1) & mask;
		}
	}
	return { count: sizes.length, classOfRow, sizes: Int32Array.from(sizes), firstRow: Int32Array.from(first) };
}
