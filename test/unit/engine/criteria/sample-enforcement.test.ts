import { describe, expect, it } from 'vitest';
import {
	applySampleCriteria,
	enforceSampleCriteria
} from '../../../../src/lib/engine/criteria/sample-enforcement';
import {
	averageReidentificationRisk,
	sampleUniqueness
} from '../../../../src/lib/engine/criteria/risk-based';

const MAX = Number.MAX_SAFE_INTEGER;

describe('ARX’s binary-search suppression for sample-based criteria', () => {
	it('nothing to do when the criterion already holds', () => {
		const r = enforceSampleCriteria(
			[averageReidentificationRisk(0.5)],
			{ candidateSizes: Int32Array.from([2, 2]), suppressedRecords: 3 },
			MAX
		);
		expect(Array.from(r.suppressed)).toEqual([0, 0]);
		expect(r).toMatchObject({ suppressedRecords: 3, aborted: false });
	});

	it('average risk: suppresses the shortest sufficient prefix found by ARX’s search', () => {
		// Sizes 1,1,2,3,5: 5 classes / 12 records = 0.4167 > 0.4.
		// mid = 2: suppress [0..2] → 2/8 = 0.25 holds → high = 1, mid = 0, unsuppress 1, 2;
		// [0] suppressed → 4/11 = 0.364 holds → high = −1, mid = 0 → done. One record suppressed.
		const r = enforceSampleCriteria(
			[averageReidentificationRisk(0.4)],
			{ candidateSizes: Int32Array.from([1, 1, 2, 3, 5]), suppressedRecords: 0 },
			MAX
		);
		expect(Array.from(r.suppressed)).toEqual([1, 0, 0, 0, 0]);
		expect(r.suppressedRecords).toBe(1);
	});

	it('sample uniqueness 0: the final check suppresses one more class', () => {
		// Sizes 1,1,2: mid = 1: suppress [0,1] → 0 uniques holds → high = 0, mid = 0, unsuppress 1;
		// [0] → 1/3 fails → low = 1, mid = 0 → loop ends; final check fails → suppress 1.
		const r = enforceSampleCriteria(
			[sampleUniqueness(0)],
			{ candidateSizes: Int32Array.from([1, 1, 2]), suppressedRecords: 4 },
			MAX
		);
		expect(Array.from(r.suppressed)).toEqual([1, 1, 0]);
		expect(r.suppressedRecords).toBe(6);
	});

	it('reports an abort when the suppressed records exceed the limit', () => {
		// Same as the average-risk case, with 10 records already suppressed and a limit of 10.
		const r = enforceSampleCriteria(
			[averageReidentificationRisk(0.4)],
			{ candidateSizes: Int32Array.from([1, 1, 2, 3, 5]), suppressedRecords: 10 },
			10
		);
		expect(r.aborted).toBe(true);
		expect(r.suppressedRecords).toBeGreaterThan(10);
		// Sample uniqueness 0 with nothing suppressible left to help: everything suppressed → holds.
		const all = enforceSampleCriteria(
			[sampleUniqueness(0)],
			{ candidateSizes: Int32Array.from([1]), suppressedRecords: 0 },
			MAX
		);
		expect(Array.from(all.suppressed)).toEqual([1]);
	});

	it('no candidates: nothing is suppressed even if the criterion fails', () => {
		const r = enforceSampleCriteria(
			[sampleUniqueness(0)],
			{ candidateSizes: new Int32Array(0), suppressedRecords: 2 },
			MAX
		);
		expect(r).toMatchObject({ suppressedRecords: 2, aborted: false });
	});

	it('applySampleCriteria: ARX’s candidates, order (size, class loss, representative) and counting', () => {
		// Classes A..D of sizes 1, 1, 4, 4 (representatives 0..3); average risk 4/10 = 0.4 > 0.35.
		// Suppressing one singleton gives 3/9 = 0.333: which one depends on the order.
		const sizes = Int32Array.from([1, 1, 4, 4]);
		const representative = Int32Array.from([0, 1, 2, 3]);
		const byRepresentative = new Uint8Array(4);
		const r1 = applySampleCriteria(
			[averageReidentificationRisk(0.35)],
			{ sizes, outlier: byRepresentative, representative },
			MAX
		);
		expect(Array.from(byRepresentative)).toEqual([1, 0, 0, 0]);
		expect(r1.suppressedRecords).toBe(1);
		// With per-class losses A 0.9, B 0.1 the cheaper class B goes first.
		const byLoss = new Uint8Array(4);
		applySampleCriteria(
			[averageReidentificationRisk(0.35)],
			{ sizes, outlier: byLoss, representative, classLoss: Float64Array.from([0.9, 0.1, 0, 0]) },
			MAX
		);
		expect(Array.from(byLoss)).toEqual([0, 1, 0, 0]);
	});

	it('applySampleCriteria: completely generalized classes are neither candidates nor counted', () => {
		// Sizes 5, 1, 2, 1, 3, 7; class 4 (3 rows) already suppressed; class 5 (7 rows) is all "*" and suppressed.
		// Sample uniqueness 0 must suppress both singletons: 3 + 1 + 1 = 5 records (class 5 not counted).
		const outlier = Uint8Array.from([0, 0, 0, 0, 1, 1]);
		const result = applySampleCriteria(
			[sampleUniqueness(0)],
			{
				sizes: Int32Array.from([5, 1, 2, 1, 3, 7]),
				outlier,
				representative: Int32Array.from([0, 1, 2, 3, 4, 5]),
				completelyGeneralized: Uint8Array.from([0, 0, 0, 0, 0, 1])
			},
			MAX
		);
		expect(Array.from(outlier)).toEqual([0, 1, 0, 1, 1, 1]);
		expect(result.suppressedRecords).toBe(5);
		expect(Array.from(result.candidates)).toEqual([1, 3, 2, 0]);
	});
});
