import { describe, expect, it } from 'vitest';
import { classesOf, type ClassTable } from '../../../../src/lib/engine/classes/equivalence-classes';
import { prepareData, rollUp } from '../../../../src/lib/engine/classes/snapshot';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { createQualityModel, metricContext } from '../../../../src/lib/engine/metrics';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

// 4 rows, one QI "age" with hierarchy 1,2 → "1-2"; 3,4 → "3-4"; top "*" (4 leaves, height 3).
const table = encodeRows(['age'], [['1'], ['2'], ['3'], ['3']]);
const hierarchy = hierarchyFromRows('age', [
	['1', '1-2', '*'],
	['2', '1-2', '*'],
	['3', '3-4', '*'],
	['4', '3-4', '*']
]);
const data = prepareData([{ name: 'age', column: table.columns[0], hierarchy }], [], 4);
const at = (level: number): ClassTable => classesOf(rollUp(data, data.bottom, [level]));
const none = (c: ClassTable) => new Uint8Array(c.count);

describe('quality measures (ARX 3.9.2 formulas)', () => {
	const ctx = metricContext(data, 0.5);

	it('Loss: shares of the domain, normalized between g·N/|domain| and N', () => {
		const loss = createQualityModel({ measure: 'loss' }, ctx);
		// level 1: classes "1-2" (2 rows, share 2/4) and "3-4" (2 rows, share 2/4): 2·½ + 2·½ = 2;
		// min = 1·4/4 = 1, max = 4 → (2 − 1)/(4 − 1) = 1/3; geometric mean of one value: (1/3 + 1) − 1.
		const c1 = at(1);
		expect(loss.evaluate({ classes: c1, outlier: none(c1) })[0]).toBeCloseTo(1 / 3, 9);
		// suppressing class "1-2" (gs 0.5 → s = 1): 2 rows count 2 each → 2 + 1 = 3 → (3 − 1)/3 = 2/3
		expect(loss.evaluate({ classes: c1, outlier: Uint8Array.of(1, 0) })[0]).toBeCloseTo(2 / 3, 9);
		// level 0: 4·¼ = 1 → 0
		const c0 = at(0);
		expect(loss.evaluate({ classes: c0, outlier: none(c0) })[0]).toBe(0);
	});

	it('non-uniform entropy: −Σ a·log2(a/b) over the leaves', () => {
		const nue = createQualityModel({ measure: 'non-uniform-entropy' }, ctx);
		// level 1: leaf 1 (a=1, b=2), leaf 2 (1, 2), leaf 3 (2, 2): 1 + 1 + 0 = 2
		const c1 = at(1);
		expect(nue.evaluate({ classes: c1, outlier: none(c1) })[0]).toBeCloseTo(2, 9);
		// level 2: 1·log2(4) + 1·log2(4) + 2·log2(2) = 2 + 2 + 2 = 6
		const c2 = at(2);
		expect(nue.evaluate({ classes: c2, outlier: none(c2) })[0]).toBeCloseTo(6, 9);
		// non-monotonic: suppressed "1-2" adds −Σ cnt·log2(cnt/S) = −2·log2(2/2) = 0 for one value
		const nm = createQualityModel({ measure: 'non-uniform-entropy', monotonic: false }, ctx);
		expect(nm.evaluate({ classes: c1, outlier: Uint8Array.of(1, 1) })[0]).toBeCloseTo(2 + 4, 9); // 2 + (2·1 + 2·1)
	});

	it('precision, height, discernibility and AECS', () => {
		const c1 = at(1);
		const p = createQualityModel({ measure: 'precision' }, ctx);
		// non-monotonic precision: (kept·1/2·g + suppressed·s)/N = (2·½ + 2)/4 = 0.75
		expect(p.evaluate({ classes: c1, outlier: Uint8Array.of(1, 0) })[0]).toBeCloseTo(0.75, 12);
		expect(
			createQualityModel({ measure: 'height' }, ctx).evaluate({ classes: c1, outlier: none(c1) })[0]
		).toBe(1);
		// DM*: 2² + 2² = 8; DM with "1-2" suppressed: 4·2 + 2² = 12
		const dmStar = createQualityModel({ measure: 'discernibility', monotonic: true }, ctx);
		expect(dmStar.evaluate({ classes: c1, outlier: Uint8Array.of(1, 0) })[0]).toBe(8);
		const dm = createQualityModel({ measure: 'discernibility' }, ctx);
		expect(dm.evaluate({ classes: c1, outlier: Uint8Array.of(1, 0) })[0]).toBe(12);
		// AECS: 4 rows / 2 classes = 2; one class suppressed: 4 / (1 + 1) = 2; level 0 (3 classes): 4/3
		const aecs = createQualityModel({ measure: 'aecs' }, ctx);
		expect(aecs.evaluate({ classes: c1, outlier: none(c1) })[0]).toBe(2);
		const c0 = at(0);
		expect(aecs.evaluate({ classes: c0, outlier: none(c0) })[0]).toBeCloseTo(4 / 3, 12);
	});

	it('aggregates with ARX attribute weights (rank: weighted values, highest first)', () => {
		const rank = createQualityModel({ measure: 'loss', aggregate: 'rank' }, ctx);
		const c1 = at(1);
		expect(rank.present(rank.evaluate({ classes: c1, outlier: none(c1) }))).toEqual([0.3333333333]);
	});
});
