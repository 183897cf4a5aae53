import { describe, expect, it } from 'vitest';
import {
	averageReidentificationRisk,
	populationUniqueness,
	populationUniques,
	sampleUniqueness,
	type PopulationUniquesEstimators
} from '../../../../src/lib/engine/criteria/risk-based';
import { createCriteria } from '../../../../src/lib/engine/criteria';
import { distributionOf } from '../../../../src/lib/engine/criteria/class-size-distribution';
import { populationUniqueness as riskPopulationUniqueness } from '../../../../src/lib/engine/risk/population-uniqueness';
import { classSizeHistogram } from '../../../../src/lib/engine/risk/class-histogram';

function remaining(sizes: number[]) {
	const rows = sizes.reduce((a, b) => a + b, 0);
	return { classSizes: Int32Array.from(sizes), classCount: sizes.length, rows, totalRows: rows };
}

describe('average re-identification risk', () => {
	it('1 / average class size ≤ threshold', () => {
		// Sizes 1, 2, 3: 6 records in 3 classes → average 2 → risk 0.5.
		expect(averageReidentificationRisk(0.5).isAnonymous(remaining([1, 2, 3]))).toBe(true);
		expect(averageReidentificationRisk(0.49).isAnonymous(remaining([1, 2, 3]))).toBe(false);
	});

	it('holds when every record is suppressed; monotonic in both senses', () => {
		expect(averageReidentificationRisk(0).isAnonymous(remaining([]))).toBe(true);
		expect(averageReidentificationRisk(0.1)).toMatchObject({
			kind: 'sample',
			monotonicWithGeneralization: true,
			monotonicWithSuppression: true
		});
	});
});

describe('sample uniqueness', () => {
	it('share of records in classes of size 1 ≤ threshold', () => {
		// Sizes 1, 2, 3: 1 unique record of 6 = 0.1667.
		expect(sampleUniqueness(0.17).isAnonymous(remaining([1, 2, 3]))).toBe(true);
		expect(sampleUniqueness(0.16).isAnonymous(remaining([1, 2, 3]))).toBe(false);
		expect(sampleUniqueness(0).isAnonymous(remaining([2, 2]))).toBe(true);
		expect(sampleUniqueness(0).isAnonymous(remaining([]))).toBe(true);
	});
});

describe('population uniqueness', () => {
	const fixed = (pitman: number, zayatz: number, snb: number): PopulationUniquesEstimators => ({
		pitman: () => pitman,
		zayatz: () => zayatz,
		snb: () => snb
	});
	const histogram = distributionOf(remaining([1, 1, 2, 3, 5])).histogram(); // 12 records, 2 sample uniques

	it('single models: an invalid estimate (NaN or 0) counts as 0 uniques', () => {
		expect(populationUniques(histogram, 1000, 'pitman', fixed(7, 8, 9))).toBe(7);
		expect(populationUniques(histogram, 1000, 'snb', fixed(7, 8, NaN))).toBe(0);
	});

	it('Dankar’s rule as ARX’s criterion applies it (no Zayatz fallback at small sampling fractions)', () => {
		// f = 12/1000 ≤ 0.1: Pitman when valid; otherwise ARX keeps its −1 marker.
		expect(populationUniques(histogram, 1000, 'dankar', fixed(7, 8, 9))).toBe(7);
		expect(populationUniques(histogram, 1000, 'dankar', fixed(NaN, 8, 9))).toBe(-1);
		// f = 12/50 > 0.1: the smaller of Zayatz and SNB when SNB is valid, else Zayatz.
		expect(populationUniques(histogram, 50, 'dankar', fixed(7, 8, 9))).toBe(8);
		expect(populationUniques(histogram, 50, 'dankar', fixed(7, 10, 9))).toBe(9);
		expect(populationUniques(histogram, 50, 'dankar', fixed(7, 10, NaN))).toBe(10);
		// No sample uniques → no population uniques, whatever the models say.
		const noUniques = distributionOf(remaining([2, 3])).histogram();
		expect(populationUniques(noUniques, 50, 'dankar', fixed(7, 10, 9))).toBe(0);
	});

	it('accepts 0 < share ≤ threshold, or 0 when the sample has no uniques', () => {
		// Pitman says 7 uniques in 1000 people: share 0.007.
		expect(populationUniqueness(0.007, 'pitman', 1000, fixed(7, 0, 0)).isAnonymous(remaining([1, 2]))).toBe(
			true
		);
		expect(populationUniqueness(0.0069, 'pitman', 1000, fixed(7, 0, 0)).isAnonymous(remaining([1, 2]))).toBe(
			false
		);
		// A model that fails while the sample has uniques → not anonymous.
		expect(populationUniqueness(0.5, 'snb', 1000, fixed(0, 0, NaN)).isAnonymous(remaining([1, 2]))).toBe(
			false
		);
		// Dankar with Pitman failing at f ≤ 0.1 → −1/N → not anonymous.
		expect(populationUniqueness(0.5, 'dankar', 1000, fixed(NaN, 5, 5)).isAnonymous(remaining([1, 2]))).toBe(
			false
		);
		expect(populationUniqueness(0, 'dankar', 1000, fixed(NaN, 5, 5)).isAnonymous(remaining([2, 2]))).toBe(
			true
		);
		expect(populationUniqueness(0, 'dankar', 1000, fixed(NaN, 5, 5)).isAnonymous(remaining([]))).toBe(true);
	});

	it('monotonic with generalization only with Zayatz’s model, never with suppression (ARX)', () => {
		const flags = (e: 'pitman' | 'zayatz' | 'snb' | 'dankar') => {
			const c = populationUniqueness(0.1, e, 1000, fixed(1, 1, 1));
			return [c.monotonicWithGeneralization, c.monotonicWithSuppression];
		};
		expect(flags('zayatz')).toEqual([true, false]);
		expect(flags('pitman')).toEqual([false, false]);
		expect(flags('snb')).toEqual([false, false]);
		expect(flags('dankar')).toEqual([false, false]);
	});

	it('uses the risk module’s estimators by default (Zayatz on a real histogram)', () => {
		// 40 uniques, 30 pairs, 20 triples, 10 classes of 10 = 260 records; population 10,000.
		const sizes = [...Array(40).fill(1), ...Array(30).fill(2), ...Array(20).fill(3), ...Array(10).fill(10)];
		const share = riskPopulationUniqueness(classSizeHistogram(sizes), { size: 10000 }).zayatz!;
		expect(share).toBeGreaterThan(0);
		const setup = { rows: 260, populationTableRows: 260, sensitive: [] };
		const criterion = (threshold: number) =>
			createCriteria(
				[{ model: 'population-uniqueness', threshold, estimator: 'zayatz', population: 10000 }],
				setup
			)[0];
		expect(criterion(share * 1.000001).kind).toBe('sample');
		const check = (threshold: number) => {
			const c = criterion(threshold);
			return c.kind === 'sample' && c.isAnonymous(remaining(sizes));
		};
		expect(check(share * 1.000001)).toBe(true);
		expect(check(share * 0.999999)).toBe(false);
	});
});
