import { describe, expect, it } from 'vitest';
import { groupify } from '../../../../src/lib/engine/classes/groupify';

describe('groupify', () => {
	// rows: (0,1) (1,0) (0,1) (2,2) (1,0) → classes A=(0,1)×2, B=(1,0)×2, C=(2,2)×1
	const a = Int32Array.from([0, 1, 0, 2, 1]);
	const b = Int32Array.from([1, 0, 1, 2, 0]);

	it('groups equal code tuples (radix path)', () => {
		const classes = groupify([a, b], [3, 3], 5);
		expect(classes.count).toBe(3);
		expect(Array.from(classes.classOfRow)).toEqual([0, 1, 0, 2, 1]);
		expect(Array.from(classes.sizes)).toEqual([2, 2, 1]);
		expect(Array.from(classes.firstRow)).toEqual([0, 1, 3]);
	});

	it('gives the same classes on the hash path (huge cardinalities)', () => {
		const classes = groupify([a, b, a, b], [2 ** 20, 2 ** 20, 2 ** 20, 2 ** 20], 5);
		expect(Array.from(classes.classOfRow)).toEqual([0, 1, 0, 2, 1]);
		expect(Array.from(classes.sizes)).toEqual([2, 2, 1]);
	});

	it('skips filtered rows', () => {
		const classes = groupify([a, b], [3, 3], 5, Uint8Array.from([1, 1, 0, 1, 1]));
		expect(Array.from(classes.classOfRow)).toEqual([0, 1, -1, 2, 1]);
		expect(Array.from(classes.sizes)).toEqual([1, 2, 1]);
	});
});
