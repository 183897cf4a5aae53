import { describe, expect, it } from 'vitest';
import { RefineTable, wholePartition } from '../../../../src/lib/engine/risk/refine';

describe('RefineTable', () => {
	it('gives the same partition through the dense array and through hashing', () => {
		const rows = 2000;
		let seed = 11;
		const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
		const a = Int32Array.from({ length: rows }, () => Math.floor(random() * 30));
		const b = Int32Array.from({ length: rows }, () => Math.floor(random() * 20));
		// Same grouping as b, but with codes spread over 2^22 values: the pair space forces hashing.
		const spread = Int32Array.from(b, (code) => code * 200000 + 7);
		const table = new RefineTable(rows);
		const byA = table.refine(wholePartition(rows), a);
		const dense = table.refine(byA, b);
		const hashed = table.refine(byA, spread);
		expect(hashed.count).toBe(dense.count);
		expect(Array.from(hashed.ids)).toEqual(Array.from(dense.ids));
		expect(Array.from(hashed.sizes)).toEqual(Array.from(dense.sizes));
		// Weights count records, not rows.
		const weighted = table.refine(
			wholePartition(3, 6),
			Int32Array.from([0, 1, 0]),
			Int32Array.from([1, 2, 3])
		);
		expect(Array.from(weighted.sizes)).toEqual([4, 2]);
	});
});
