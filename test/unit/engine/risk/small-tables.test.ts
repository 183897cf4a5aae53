/** Hand-checked measures on tables small enough to work out on paper. */
import { describe, expect, it } from 'vitest';
import { classSizeHistogram, classesOfSize } from '../../../../src/lib/engine/risk/class-histogram';
import { frequencies } from '../../../../src/lib/engine/risk/frequencies';
import { householdRisk, weightedRisk } from '../../../../src/lib/engine/risk/individual-risk';
import { lDiversity } from '../../../../src/lib/engine/risk/l-diversity';
import { journalistRisk, marketerRisk, prosecutorRisk } from '../../../../src/lib/engine/risk/sample-risk';
import { suda2 } from '../../../../src/lib/engine/risk/suda2';
import { attributeRisks } from '../../../../src/lib/engine/risk/attribute-risk';
import {
	hypergeometricOne,
	populationUniqueness
} from '../../../../src/lib/engine/risk/population-uniqueness';
import { digamma, logGamma, trigamma } from '../../../../src/lib/engine/risk/special-functions';

const col = (...values: number[]) => Int32Array.from(values);

describe('class-size histogram and prosecutor risk', () => {
	// Classes of sizes 1, 1, 2, 4: 8 records, 4 classes.
	const histogram = classSizeHistogram([1, 4, 2, 1]);

	it('counts classes per size', () => {
		expect(Array.from(histogram.sizes)).toEqual([1, 2, 4]);
		expect(Array.from(histogram.counts)).toEqual([2, 1, 1]);
		expect([histogram.records, histogram.classes, classesOfSize(histogram, 2)]).toEqual([8, 4, 1]);
	});

	it('gives lowest 1/4, highest 1, average 4/8 and the records above thresholds', () => {
		const risk = prosecutorRisk(histogram, [0.5, 0.25, 0.2]);
		expect([risk.lowest, risk.highest, risk.average]).toEqual([0.25, 1, 0.5]);
		// 1/size > t: 0.5 → the 2 uniques; 0.25 → uniques + the pair; 0.2 → everyone.
		expect(risk.recordsAtRisk).toEqual({ '0.5': 2 / 8, '0.25': 4 / 8, '0.2': 1 });
		expect(risk.recordsAffectedByHighestRisk).toBe(2 / 8);
		expect(risk.recordsAffectedByLowestRisk).toBe(4 / 8);
	});

	it('journalist and marketer risk use the population class sizes', () => {
		// Sample classes of sizes 1 and 2 found in population classes of sizes 4 and 2.
		const journalist = journalistRisk([1, 2], [4, 2], [0.3]);
		expect([journalist.lowest, journalist.highest]).toEqual([0.25, 0.5]);
		// max(2 classes / 6 population records, (1/4 + 2/2) / 3 records)
		expect(journalist.average).toBe(Math.max(2 / 6, 1.25 / 3));
		expect(journalist.recordsAtRisk['0.3']).toBe(2 / 3);
		expect(marketerRisk([1, 2], [4, 2])).toBe(1.25 / 3);
		// Without a population table: classes / records.
		expect(marketerRisk([1, 2])).toBe(2 / 3);
	});
});

describe('fk and Fk with missing values as wildcards (sdcMicro freqCalc)', () => {
	// Records: (1,1) (1,NA) (1,2) (2,NA) ; code 9 = NA in the second key.
	const keys = [col(1, 1, 1, 2), col(1, 9, 2, 9)];
	const missing = [undefined, Uint8Array.from({ length: 10 }, (_, c) => (c === 9 ? 1 : 0))];
	const weights = Float64Array.from([10, 20, 30, 40]);

	it('counts matching records; NA patterns get alpha from other NA patterns only', () => {
		const f = frequencies({ keys, rowCount: 4, missing, weights, alpha: 0.5 });
		// (1,1): itself + (1,NA) with alpha → 1.5; Fk = 10 + 0.5·20
		// (1,NA): itself + complete (1,1), (1,2) with factor 1 → 3; (2,NA) does not match key 1.
		// (1,2): itself + 0.5 → 1.5; (2,NA): only itself.
		expect(Array.from(f.fk)).toEqual([1.5, 3, 1.5, 1]);
		expect(Array.from(f.Fk)).toEqual([20, 60, 40, 40]);
		expect(f.hasMissing).toBe(true);
	});

	it('without missing values fk is the class size and Fk the class weight', () => {
		const f = frequencies({
			keys: [col(1, 1, 2), col(3, 3, 3)],
			rowCount: 3,
			weights: Float64Array.from([1, 2, 4])
		});
		expect(Array.from(f.fk)).toEqual([2, 2, 1]);
		expect(Array.from(f.Fk)).toEqual([3, 3, 4]);
		expect(f.patterns).toBe(2);
	});
});

describe('individual and household risk', () => {
	it('follows the Benedetti–Franconi cases and 1/fk when fk = Fk', () => {
		const fk = Float64Array.from([1, 2, 3, 2]);
		const Fk = Float64Array.from([4, 8, 12, 2]);
		const r = weightedRisk(fk, Fk);
		const p1 = 1 / 4;
		expect(r[0]).toBeCloseTo((p1 / (1 - p1)) * Math.log(4), 15);
		const p2 = 2 / 8;
		expect(r[1]).toBeCloseTo(p2 / (1 - p2) - (p2 / (1 - p2)) ** 2 * Math.log(1 / p2), 15);
		expect(r[2]).toBeCloseTo(0.25 / (3 - 0.75), 15);
		expect(r[3]).toBe(0.5);
	});

	it('combines the risks of a household: 1 − Π(1 − r)', () => {
		const h = householdRisk(Float64Array.from([0.5, 0.5, 0.1]), col(7, 7, 3));
		expect(h.perRecord[0]).toBe(0.75);
		expect(h.perRecord[1]).toBe(0.75);
		expect(h.perRecord[2]).toBeCloseTo(0.1, 15);
		expect(h.expectedReidentifications).toBeCloseTo(1.6, 15);
		expect(h.households).toBe(2);
	});
});

describe('l-diversity', () => {
	it('gives distinct, entropy and recursive (c = 2) l per class', () => {
		// Class 0: sensitive 1,1,1,2 ; class 1: 1,2,3,−999(missing, code 4).
		const l = lDiversity({
			classOfRow: col(0, 0, 0, 0, 1, 1, 1, 1),
			classCount: 2,
			sensitive: col(1, 1, 1, 2, 1, 2, 3, 4),
			missing: Uint8Array.from([0, 0, 0, 0, 1]),
			c: 2
		});
		expect(Array.from(l.distinct)).toEqual([2, 4]);
		const h0 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
		expect(l.entropy[0]).toBeCloseTo(Math.exp(h0), 14);
		expect(l.entropy[1]).toBeCloseTo(4, 14);
		// Class 0: r = 3,1 → 2·1 > 3 fails → 1. Class 1: r = 1,1,1 → l = 3.
		expect(Array.from(l.recursive)).toEqual([1, 3]);
		expect([l.minDistinct, l.minRecursive]).toEqual([2, 1]);
	});
});

describe('SUDA2', () => {
	it('finds minimal sample uniques and scores them (M − |MSU|)!', () => {
		// Keys A, B, C; rows 2 and 3 are duplicates (score 0).
		// Row 0: unique on A (MSU of size 1, 2! = 2) and on {B, C} (neither alone: 1! = 1) → 3.
		// Row 1: unique on C (2) and on {A, B} (1) → 3.
		const a = col(0, 1, 1, 1);
		const b = col(0, 0, 1, 1);
		const c = col(0, 1, 0, 0);
		const s = suda2([a, b, c], 4);
		expect(Array.from(s.scores)).toEqual([3, 3, 0, 0]);
		expect(s.contributions.map((v) => v[0])).toEqual([2 / 3, 1 / 3, 1 / 3]);
		expect(s.contributions.map((v) => v[1])).toEqual([1 / 3, 1 / 3, 2 / 3]);
		expect(Array.from(s.msuCounts)).toEqual([2, 2, 0]);
		expect(s.attributeContributions[0]).toBe(50);
		expect(s.attributeContributions[1]).toBeCloseTo(100 / 3, 12);
		expect(s.attributeContributions[2]).toBe(50);
		// DIS with P = 2 records in a pair, f = 0.01 (float32), Q = 1.25: equal scores → 1/(1 + P(1−f)/f / 2).
		const f = Math.fround(0.01);
		expect(s.disScores[0]).toBeCloseTo(1 / (1 + (2 * (1 - f)) / f / 2), 14);
		expect(s.disScores[1]).toBe(s.disScores[0]);
	});
});

describe('SUDA2 with fewer than 3 keys', () => {
	it('scores as sdcMicro does after padding to 3 keys with constant columns', () => {
		// Row 0 is unique on A: (3 − 1)! = 2 although only 2 keys are given.
		const s = suda2([col(0, 1, 1), col(0, 0, 0)], 3);
		expect(Array.from(s.scores)).toEqual([2, 0, 0]);
		expect(s.contributions.map((v) => v[0])).toEqual([1, 0]);
	});
});

describe('SUDA2 with missing values', () => {
	it('never puts a key on which the record is missing into its MSUs', () => {
		const a = col(0, 1, 1, 1);
		const b = col(0, 0, 1, 1);
		const c = col(0, 1, 0, 0);
		// Code 0 of A is missing: row 0 loses its MSU {A}, keeps {B, C}.
		const s = suda2([a, b, c], 4, { missing: [Uint8Array.from([1, 0]), undefined, undefined] });
		expect(Array.from(s.scores)).toEqual([1, 3, 0, 0]);
		expect(s.contributions[0][0]).toBe(0);
	});
});

describe('attribute analysis', () => {
	it("separation equals ARX's pair count and distinction = classes / records", () => {
		const keys = [col(0, 0, 1, 1, 2), col(0, 1, 0, 1, 0)];
		const risks = attributeRisks(keys, 5);
		const first = risks.find((r) => r.attributes.join() === '0')!;
		// Classes {0,1}, {2,3}, {4}: 10 pairs, 2 inside classes → separation 0.8.
		expect(first.distinction).toBe(3 / 5);
		expect(first.separation).toBeCloseTo(0.8, 15);
		const both = risks.find((r) => r.attributes.join() === '0,1')!;
		expect([both.distinction, both.separation, both.uniqueShare]).toEqual([1, 1, 1]);
	});
});

describe('population uniqueness building blocks', () => {
	it('hypergeometric P(X = 1) equals the binomial-coefficient formula', () => {
		const choose = (n: number, k: number) =>
			Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1));
		expect(hypergeometricOne(50, 4, 10)).toBeCloseTo((4 * choose(46, 9)) / choose(50, 10), 12);
		expect(hypergeometricOne(10, 1, 10)).toBe(1);
		expect(hypergeometricOne(10, 2, 10)).toBe(0);
	});

	it('digamma matches known values; trigamma keeps ARX’s truncated tail', () => {
		expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
		expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 12);
		expect(trigamma(20)).toBeCloseTo(0.051270822935203, 12);
		// Γ'' tail dropped between 8 and 12: Σ_{k=1}^{7} 1/k² only.
		let partial = 0;
		for (let k = 1; k < 8; k++) partial += 1 / (k * k);
		expect(trigamma(1)).toBeCloseTo(partial, 15);
	});

	it('gives 0 population uniques when the sample has none, and null for models without a fit', () => {
		const none = populationUniqueness(classSizeHistogram([2, 3, 2]), { samplingFraction: 0.1 });
		expect(none.dankar).toEqual({ model: 'none', value: 0 });
		expect([none.pitman, none.zayatz, none.snb]).toEqual([0, 0, 0]);
		const all = populationUniqueness(classSizeHistogram([1, 1, 1]), { size: 30 });
		for (const v of [all.pitman, all.zayatz, all.snb]) expect(v === null || Number.isFinite(v)).toBe(true);
	});
});
