import { describe, expect, it } from 'vitest';
import { analyzeRisk } from '../../../../src/lib/engine/risk/risk-analysis';

const col = (...values: number[]) => Int32Array.from(values);

describe('analyzeRisk', () => {
	it('reports ARX and sdcMicro measures for a small table', () => {
		// Keys (A, B): classes {0,1} {2} {3,4,5}; sensitive S; households h.
		const result = analyzeRisk({
			rowCount: 6,
			keys: [
				{ name: 'A', codes: col(0, 0, 1, 2, 2, 2), cardinality: 3 },
				{ name: 'B', codes: col(0, 0, 0, 1, 1, 1), cardinality: 2 }
			],
			sensitive: [{ name: 'S', codes: col(0, 1, 0, 0, 0, 1) }],
			household: col(0, 0, 1, 1, 2, 2),
			population: { samplingFraction: 0.5 },
			thresholds: [0.5, 0.4],
			kValues: [2, 3]
		});
		const r = result.report;
		expect([r.records, r.equivalenceClasses, r.sampleUniques]).toEqual([6, 3, 1]);
		expect(r.classSizes).toEqual({ '1': 1, '2': 1, '3': 1 });
		expect(r.prosecutor.recordsAtRisk).toEqual({ '0.5': 1 / 6, '0.4': 3 / 6 });
		expect(r.journalist).toEqual(r.prosecutor);
		expect(r.marketer.average).toBe(0.5);
		expect(r.kViolations).toEqual({ '2': 1, '3': 3 });
		expect(r.individualRisk.expectedReidentifications).toBeCloseTo(3, 15);
		expect(r.householdRisk!.households).toBe(3);
		// l-diversity: class {2} has one sensitive value.
		expect(r.lDiversity.S.distinct).toBe(1);
		expect(r.populationUniqueness!.populationSize).toBe(12);
		expect(Array.from(result.fk)).toEqual([2, 2, 1, 3, 3, 3]);
		expect(r.suda2!.uniqueRecords).toBe(1);
		expect(r.attributes.map((a) => a.attributes.join('+'))).toEqual(['B', 'A', 'A+B']);
	});

	it('uses population class sizes for journalist and marketer risk with a research subset', () => {
		const result = analyzeRisk({
			rowCount: 6,
			keys: [{ name: 'A', codes: col(0, 0, 1, 2, 2, 2), cardinality: 3 }],
			researchSubset: Uint8Array.from([1, 0, 1, 1, 0, 0]),
			suda: false,
			attributeCombinations: 0
		});
		const r = result.report;
		// Released: one record of each class; population classes of sizes 2, 1, 3.
		expect(r.prosecutor.highest).toBe(1);
		expect(r.journalist.highest).toBe(1);
		expect(r.journalist.lowest).toBe(1 / 3);
		expect(r.marketer.average).toBeCloseTo((1 / 2 + 1 + 1 / 3) / 3, 15);
		expect(r.suda2).toBeNull();
		expect(r.attributes).toEqual([]);
	});

	it('leaves suppressed rows out of the class-based measures', () => {
		const result = analyzeRisk({
			rowCount: 6,
			keys: [{ name: 'A', codes: col(0, 0, 1, 2, 2, 2), cardinality: 3 }],
			sensitive: [{ name: 'S', codes: col(0, 1, 0, 0, 0, 1) }],
			suppressed: Uint8Array.from([0, 0, 1, 0, 0, 0]),
			suda: false,
			attributeCombinations: 0
		});
		const r = result.report;
		expect([r.records, r.equivalenceClasses]).toEqual([5, 2]);
		expect(r.prosecutor.highest).toBe(0.5);
		expect(r.lDiversity.S.distinct).toBe(2);
		// sdcMicro's fk still sees every row.
		expect(Array.from(result.fk)).toEqual([2, 2, 1, 3, 3, 3]);
	});

	it('treats missing key values as wildcards for fk but as values for classes', () => {
		const na = new Uint8Array([0, 0, 1]);
		const result = analyzeRisk({
			rowCount: 3,
			keys: [{ name: 'A', codes: col(0, 1, 2), cardinality: 3, missing: na }],
			suda: false
		});
		expect(Array.from(result.fk)).toEqual([2, 2, 3]);
		expect(result.report.equivalenceClasses).toBe(3);
		expect(result.report.sampleUniques).toBe(0);
	});
});
