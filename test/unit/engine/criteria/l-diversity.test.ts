import { describe, expect, it } from 'vitest';
import {
	distinctLDiversity,
	entropyLDiversity,
	grassbergerG,
	recursiveCLDiversity
} from '../../../../src/lib/engine/criteria/l-diversity';
import { classWith } from './fixtures';

// The running example: sensitive counts {a:3, b:2, c:1} (codes 0, 1, 2), N = 6.
const abc = classWith({ 0: 3, 1: 2, 2: 1 });

describe('distinct l-diversity', () => {
	it('counts distinct values with a positive count', () => {
		expect(distinctLDiversity('s', 0, 3).isAnonymous(abc)).toBe(true);
		// l larger than the number of distinct values.
		expect(distinctLDiversity('s', 0, 4).isAnonymous(abc)).toBe(false);
		// An entry with count 0 is not a value of the class.
		expect(distinctLDiversity('s', 0, 2).isAnonymous(classWith({ 0: 2, 1: 0 }))).toBe(false);
		expect(distinctLDiversity('s', 0, 1).isAnonymous(classWith({}))).toBe(false);
	});

	it('is monotonic in both senses and declares l as minimal class size (ARX)', () => {
		expect(distinctLDiversity('s', 0, 3)).toMatchObject({
			monotonicWithGeneralization: true,
			monotonicWithSuppression: true,
			minimalClassSize: 3,
			minimalClassSizeAvailable: true
		});
	});
});

describe('entropy l-diversity (Shannon)', () => {
	// H = ln 6 − (3 ln 3 + 2 ln 2 + 1 ln 1)/6 = 1.791759 − 4.682131/6 = 1.011404 → e^H = 2.7495.
	it('passes iff H ≥ ln l', () => {
		expect(entropyLDiversity('s', 0, 2.7, 'shannon').isAnonymous(abc)).toBe(true); // ln 2.7 = 0.99325
		expect(entropyLDiversity('s', 0, 2.8, 'shannon').isAnonymous(abc)).toBe(false); // ln 2.8 = 1.02962
		expect(entropyLDiversity('s', 0, 3, 'shannon').isAnonymous(abc)).toBe(false); // ln 3 = 1.09861
	});

	it('a uniform class of l values has entropy exactly ln l', () => {
		// {x:2, y:2}: H = ln 4 − (2 ln 2 + 2 ln 2)/4 = ln 2.
		expect(entropyLDiversity('s', 0, 2, 'shannon').isAnonymous(classWith({ 0: 2, 1: 2 }))).toBe(true);
		expect(entropyLDiversity('s', 0, 2.01, 'shannon').isAnonymous(classWith({ 0: 2, 1: 2 }))).toBe(false);
	});

	it('fails classes with fewer than ⌈l⌉ distinct values before computing entropy', () => {
		// {x:1, y:1}: H = ln 2 ≥ ln 1.5, but ⌈1.5⌉ = 2 values are there; with l = 2.5 ⌈l⌉ = 3 > 2.
		expect(entropyLDiversity('s', 0, 1.5, 'shannon').isAnonymous(classWith({ 0: 1, 1: 1 }))).toBe(true);
		expect(entropyLDiversity('s', 0, 2.5, 'shannon').isAnonymous(classWith({ 0: 1, 1: 1 }))).toBe(false);
	});

	it('is monotonic with generalization only; minimal class size ⌈l⌉', () => {
		expect(entropyLDiversity('s', 0, 2.5, 'shannon')).toMatchObject({
			monotonicWithGeneralization: true,
			monotonicWithSuppression: false,
			minimalClassSize: 3
		});
	});
});

describe('entropy l-diversity (Grassberger)', () => {
	it('G_n matches ARX’s precomputed values and its asymptotic expansion', () => {
		// ARX EntropyLDiversity.G_PRECOMPUTED: G_1, G_2, G_10, G_50, G_100.
		expect(grassbergerG(1)).toBeCloseTo(-1.2703628454614782, 14);
		expect(grassbergerG(2)).toBeCloseTo(0.7296371545385218, 14);
		expect(grassbergerG(3)).toBe(grassbergerG(2)); // G_{2n+1} = G_{2n}
		expect(grassbergerG(10)).toBeCloseTo(2.3042403291416966, 13);
		expect(grassbergerG(50)).toBeCloseTo(3.912089653443865, 13);
		expect(grassbergerG(100)).toBeCloseTo(4.605186851488337, 13);
		// n = 101 > 100 rounds down to 100 and uses the expansion, which agrees with the table.
		expect(grassbergerG(101)).toBeCloseTo(grassbergerG(100), 9);
		// n = 102: ln 102 + m(1/24 − m(7/960 − m·31/8064)), m = 1/51².
		const m = 1 / (51 * 51);
		expect(grassbergerG(102)).toBeCloseTo(Math.log(102) + m * (1 / 24 - m * (7 / 960 - m * (31 / 8064))), 15);
		// Continuity with the exact recurrence at the switch: G_102 = G_100 + 2/101.
		expect(grassbergerG(102)).toBeCloseTo(grassbergerG(100) + 2 / 101, 9);
	});

	it('accepts more classes than Shannon', () => {
		// H_G = G(6) − (3·G(3) + 2·G(2) + 1·G(1))/6 = 1.796304 − (2.188911 + 1.459274 − 1.270363)/6
		//     = 1.796304 − 0.396304 = 1.400000 ≥ ln 3 = 1.098612, whereas Shannon H = 1.011404 < ln 3.
		expect(entropyLDiversity('s', 0, 3, 'grassberger').isAnonymous(abc)).toBe(true);
		expect(entropyLDiversity('s', 0, 4, 'grassberger').isAnonymous(abc)).toBe(false); // only 3 values
		// {x:2,y:2,z:2,w:2}: H_G = G(8) − (4·2·G(2))/8 = 2.082018 − 0.729637 = 1.352381; e^1.352381 = 3.866.
		const four = classWith({ 0: 2, 1: 2, 2: 2, 3: 2 });
		expect(entropyLDiversity('s', 0, 3.86, 'grassberger').isAnonymous(four)).toBe(true);
		expect(entropyLDiversity('s', 0, 3.87, 'grassberger').isAnonymous(four)).toBe(false);
	});

	it('reproduces ARX’s early exit, walking the terms in ARX’s bucket order', () => {
		// N = 5, l = 3: bound C = 5·(G(5) − ln 3) = 5·(1.396304 − 1.098612) = 1.488458.
		// Terms: 3·G(3) = 2.188911 and 1·G(1) = −1.270363 twice; the full sum −0.351814 ≤ C,
		// but ARX fails the class when it meets the 3 first: 2.188911 > C.
		const grassberger = entropyLDiversity('s', 0, 3, 'grassberger');
		const cls = (codes: number[], counts: number[]) => ({
			size: 5,
			populationSize: 5,
			sensitive: [{ codes: Int32Array.from(codes), counts: Int32Array.from(counts), length: codes.length }]
		});
		// Inserted 9, 1, 2 (first appearance): buckets 9 → 1, 1 → 2, 2 → 3: the 3 comes first → fail.
		expect(grassberger.isAnonymous(cls([9, 1, 2], [3, 1, 1]))).toBe(false);
		// Inserted 1, 9, 2: buckets 1 → 1, 9 → 2, 2 → 3: −1.27, +0.92, −0.35 stay ≤ C → pass.
		expect(grassberger.isAnonymous(cls([1, 9, 2], [1, 3, 1]))).toBe(true);
		// Inserted 2, 1, 9: buckets 1, 2, 9 → 3: the singletons come first → pass.
		expect(grassberger.isAnonymous(cls([2, 1, 9], [1, 1, 3]))).toBe(true);
		// {x:8, y:1, z:1}: N = 10, C = 10·(G(10) − ln 3) = 10·(2.304240 − 1.098612) = 12.056280;
		// 8·G(8) + 2·G(1) = 16.656145 − 2.540726 = 14.115419 > C in any order → not diverse.
		expect(grassberger.isAnonymous(classWith({ 0: 1, 1: 1, 2: 8 }))).toBe(false);
	});
});

describe('recursive (c,l)-diversity', () => {
	// Sorted descending r = (3, 2, 1).
	it('checks r1 < c·(r_l + … + r_m)', () => {
		expect(recursiveCLDiversity('s', 0, 2, 2).isAnonymous(abc)).toBe(true); // 3 < 2·(2+1) = 6
		expect(recursiveCLDiversity('s', 0, 1, 2).isAnonymous(abc)).toBe(false); // 3 < 1·3 is false (strict)
		expect(recursiveCLDiversity('s', 0, 2, 3).isAnonymous(abc)).toBe(false); // 3 < 2·1 = 2 false
		expect(recursiveCLDiversity('s', 0, 4, 3).isAnonymous(abc)).toBe(true); // 3 < 4·1 = 4
		expect(recursiveCLDiversity('s', 0, 0.5, 1).isAnonymous(abc)).toBe(false); // l = 1: 3 < 0.5·(3+2+1) = 3 false
		expect(recursiveCLDiversity('s', 0, 0.51, 1).isAnonymous(abc)).toBe(true); // 3 < 0.51·6 = 3.06
	});

	it('fails with fewer than l distinct values', () => {
		expect(recursiveCLDiversity('s', 0, 100, 4).isAnonymous(abc)).toBe(false);
		expect(recursiveCLDiversity('s', 0, 100, 1).isAnonymous(classWith({}))).toBe(false);
	});

	it('handles many distinct values', () => {
		// 20 values once and one value 5 times: r1 = 5, r2 + … + r21 = 20.
		const counts: Record<number, number> = { 20: 5 };
		for (let code = 0; code < 20; code++) counts[code] = 1;
		expect(recursiveCLDiversity('s', 0, 0.3, 2).isAnonymous(classWith(counts))).toBe(true); // 5 < 6
		expect(recursiveCLDiversity('s', 0, 0.25, 2).isAnonymous(classWith(counts))).toBe(false); // 5 < 5 false
		expect(recursiveCLDiversity('s', 0, 2, 2).isAnonymous(abc)).toBe(true); // smaller class after a large one
	});

	it('does not depend on the order of the histogram', () => {
		expect(recursiveCLDiversity('s', 0, 2, 2).isAnonymous(classWith({ 0: 1, 1: 3, 2: 2 }))).toBe(true);
	});

	it('is monotonic with generalization only', () => {
		expect(recursiveCLDiversity('s', 0, 4, 5)).toMatchObject({
			label: 'recursive-(4,5)-diversity for s',
			monotonicWithGeneralization: true,
			monotonicWithSuppression: false,
			minimalClassSize: 5
		});
	});
});
