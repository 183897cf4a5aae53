import { describe, expect, it } from 'vitest';
import { ArxBucketOrder } from '../../../../src/lib/engine/criteria/arx-bucket-order';

function order(codes: number[], counts = codes.map(() => 1)): number[] {
	const h = { codes: Int32Array.from(codes), counts: Int32Array.from(counts), length: codes.length };
	const { indices, length } = new ArxBucketOrder().of(h);
	return Array.from(indices.subarray(0, length));
}

describe('ARX Distribution bucket order', () => {
	it('home bucket = code mod 8, linear probing in insertion order', () => {
		expect(order([2, 0, 1])).toEqual([1, 2, 0]); // buckets 0, 1, 2
		expect(order([15, 0])).toEqual([1, 0]); // 0 → bucket 0, 15 → bucket 7
		expect(order([9, 1, 2])).toEqual([0, 1, 2]); // 9 → 1, 1 → 2 (probe), 2 → 3 (probe)
		expect(order([1, 9, 2])).toEqual([0, 1, 2]); // 1 → 1, 9 → 2, 2 → 3
		expect(order([2, 10])).toEqual([0, 1]); // 2 → 2, 10 → 3
		expect(order([10, 2])).toEqual([0, 1]); // 10 → 2, 2 → 3
		expect(order([3, 11, 2])).toEqual([2, 0, 1]); // 2 → 2, 3 → 3, 11 → 4
	});

	it('doubles the table beyond 6 values (load factor 3/4), re-inserting in bucket order', () => {
		// 6 values stay in 8 buckets: 8 → 0, 0 → 1, 1 → 2, 2 → 3, 3 → 4, 4 → 5.
		expect(order([8, 0, 1, 2, 3, 4])).toEqual([0, 1, 2, 3, 4, 5]);
		// A 7th value triggers the rehash into 16 buckets: 8 moves to bucket 8, after 0..5.
		expect(order([8, 0, 1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5, 6, 0]);
	});

	it('skips entries with a zero count and can be reused', () => {
		const buckets = new ArxBucketOrder();
		const h = { codes: Int32Array.from([5, 3, 4]), counts: Int32Array.from([1, 0, 2]), length: 3 };
		const first = buckets.of(h);
		expect(Array.from(first.indices.subarray(0, first.length))).toEqual([2, 0]);
		const big = {
			codes: Int32Array.from({ length: 20 }, (_, i) => 19 - i),
			counts: new Int32Array(20).fill(1),
			length: 20
		};
		const second = buckets.of(big);
		expect(Array.from(second.indices.subarray(0, second.length))).toEqual(
			Array.from({ length: 20 }, (_, i) => 19 - i)
		);
		const third = buckets.of(h);
		expect(Array.from(third.indices.subarray(0, third.length))).toEqual([2, 0]);
	});
});
