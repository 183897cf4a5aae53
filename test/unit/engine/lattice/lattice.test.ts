import { describe, expect, it } from 'vitest';
import { Lattice } from '../../../../src/lib/engine/lattice/lattice';

describe('Lattice', () => {
	// max levels [1, 2]: 2 × 3 = 6 nodes; index = l0·3 + l1
	const lattice = new Lattice([1, 2]);
	it('indexes level vectors in mixed radix', () => {
		expect(lattice.size).toBe(6);
		expect(lattice.indexOf([1, 2])).toBe(5);
		expect(Array.from(lattice.levelsOf(4))).toEqual([1, 1]);
		expect(lattice.heightOf(5)).toBe(3);
	});
	it('lists successors and predecessors', () => {
		expect(lattice.successors(0)).toEqual([3, 1]);
		expect(lattice.predecessors(5)).toEqual([2, 4]);
		expect(lattice.successors(5)).toEqual([]);
		expect(lattice.isGeneralizationOf(5, 1)).toBe(true);
		expect(lattice.isGeneralizationOf(1, 3)).toBe(false);
	});
});
