import { describe, expect, it } from 'vitest';
import { prepareData } from '../../../../src/lib/engine/classes/snapshot';
import { kAnonymity } from '../../../../src/lib/engine/criteria/k-anonymity';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { createQualityModel, metricContext } from '../../../../src/lib/engine/metrics';
import { optimalSearch, runToEnd } from '../../../../src/lib/engine/search/optimal-search';
import { heuristicSearch } from '../../../../src/lib/engine/search/heuristic-search';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

// age: 21, 25 → 20-29; 34, 36 → 30-39; sex m/f → *. Rows: (21,m) (25,m) (34,f) (36,f) (36,m)
const table = encodeRows(
	['age', 'sex'],
	[
		['21', 'm'],
		['25', 'm'],
		['34', 'f'],
		['36', 'f'],
		['36', 'm']
	]
);
const age = hierarchyFromRows('age', [
	['21', '20-29', '*'],
	['25', '20-29', '*'],
	['34', '30-39', '*'],
	['36', '30-39', '*']
]);
const sex = hierarchyFromRows('sex', [
	['m', '*'],
	['f', '*']
]);
const data = prepareData(
	[
		{ name: 'age', column: table.columns[0], hierarchy: age },
		{ name: 'sex', column: table.columns[1], hierarchy: sex }
	],
	[],
	5
);

function search(limit: number, measure: 'height' | 'loss') {
	const quality = createQualityModel({ measure }, metricContext(data, limit));
	return runToEnd(optimalSearch({ data, criteria: [kAnonymity(2)], suppressionLimit: limit, quality }));
}

describe('optimalSearch', () => {
	it('finds the lowest 2-anonymous node without suppression', () => {
		// [1,0]: (20-29,m)×2 (30-39,f)×2 (30-39,m)×1 → not 2-anonymous; [0,1]: 21,25,34 single → no;
		// [1,1]: 20-29×2, 30-39×3 → yes (height 2); [2,0]: *,m×3 *,f×2 → yes (height 2, listed first).
		const result = search(0, 'height');
		expect(result.informationLoss).toBe(2);
		expect([
			[1, 1],
			[2, 0]
		]).toContainEqual(Array.from(result.levels ?? []));
		expect(result.suppressedRecords).toBe(0);
		expect(result.optimal).toBe(true);
	});

	it('uses suppression within the limit (1 of 5 rows = 20 %)', () => {
		// [1,0] suppresses the single (30-39,m) row → height 1.
		const result = search(0.2, 'height');
		expect(Array.from(result.levels ?? [])).toEqual([1, 0]);
		expect(result.suppressedRecords).toBe(1);
		expect(result.minClassSize).toBe(2);
	});

	it('agrees with an unbounded heuristic search (which then reports optimality)', () => {
		const quality = createQualityModel({ measure: 'loss' }, metricContext(data, 0));
		const exact = search(0, 'loss');
		const heuristic = runToEnd(
			heuristicSearch({ data, criteria: [kAnonymity(2)], suppressionLimit: 0, quality, timeLimitMs: 60_000 })
		);
		expect(heuristic.informationLoss).toBe(exact.informationLoss);
		expect(heuristic.optimal).toBe(true);
	});

	it('a heuristic whose budget is spent before its first solution falls back to the top node', () => {
		// A clock that has always run out: the dive stops after the bottom node (not 2-anonymous).
		const quality = createQualityModel({ measure: 'loss' }, metricContext(data, 0));
		let tick = 0;
		const heuristic = runToEnd(
			heuristicSearch({
				data,
				criteria: [kAnonymity(2)],
				suppressionLimit: 0,
				quality,
				timeLimitMs: 0,
				now: () => tick++
			})
		);
		expect(Array.from(heuristic.levels ?? [])).toEqual([2, 1]);
		expect(heuristic.minClassSize).toBe(5);
		expect(heuristic.optimal).toBe(false);
	});

	it('honours cancellation', () => {
		const quality = createQualityModel({ measure: 'loss' }, metricContext(data, 0));
		const controller = new AbortController();
		controller.abort();
		expect(() =>
			runToEnd(
				optimalSearch({
					data,
					criteria: [kAnonymity(2)],
					suppressionLimit: 0,
					quality,
					signal: controller.signal,
					progressEvery: 1
				})
			)
		).toThrow(/cancelled/);
	});
});
