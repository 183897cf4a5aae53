import { describe, expect, it } from 'vitest';
import { prepareData } from '../../../../src/lib/engine/classes/snapshot';
import {
	levelCounts,
	projectCriteria,
	qualityContext,
	sensitiveAttributeSetup
} from '../../../../src/lib/engine/config/evaluation-setup';
import { parseProjectConfig } from '../../../../src/lib/engine/config/project-config';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { metricContext } from '../../../../src/lib/engine/metrics';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

const age = hierarchyFromRows('age', [
	['21', '20-29', '*'],
	['25', '20-29', '*'],
	['34', '30-39', '*']
]);
const sex = hierarchyFromRows('sex', [
	['m', '*'],
	['f', '*']
]);

describe('evaluation setup shared by the search and apply', () => {
	it('rolls leaf counts up every level', () => {
		const counts = levelCounts(age, Float64Array.from([2, 1, 4]));
		expect(counts.map((c) => Array.from(c))).toEqual([[2, 1, 4], [3, 4], [7]]);
	});

	it('gives the same metric context as the search derives from its prepared data', () => {
		const table = encodeRows(
			['age', 'sex'],
			[
				['21', 'm'],
				['34', 'f'],
				['21', 'f'],
				['25', 'm'],
				['34', 'f']
			]
		);
		const qis = [
			{ name: 'age', column: table.columns[0], hierarchy: age },
			{ name: 'sex', column: table.columns[1], hierarchy: sex }
		];
		const data = prepareData(qis, [], table.rowCount);
		const weights = { age: 3, sex: 1 };
		const search = metricContext(data, 0.1, weights);
		const leafCounts = [Float64Array.from([2, 1, 2]), Float64Array.from([2, 3])];
		const apply = qualityContext(qis, leafCounts, 5, 0.1, weights);
		expect(apply.levelCounts).toEqual(search.levelCounts);
		expect(apply.weights).toEqual(search.weights);
		expect(apply.noSuppression).toBe(false);
		expect(qualityContext(qis, leafCounts, 5, 0).noSuppression).toBe(true);
	});

	it('maps sensitive values to their generalizations and builds the configured criteria', () => {
		const setup = sensitiveAttributeSetup('age', ['34', '21'], Float64Array.from([1, 1]), age);
		expect(setup.hierarchyLevels).toEqual([
			['34', '21'],
			['30-39', '20-29'],
			['*', '*']
		]);
		expect(sensitiveAttributeSetup('age', ['34'], Float64Array.from([1]), undefined).hierarchyLevels).toBe(
			undefined
		);
		const config = parseProjectConfig({
			tokumei: 1,
			data: { path: 'x.csv' },
			attributes: { sex: { role: 'quasi-identifying' }, age: { role: 'sensitive' } },
			privacy: [
				{ model: 'k-anonymity', k: 2 },
				{ model: 'l-diversity', attribute: 'age', l: 2 }
			]
		});
		expect(projectCriteria(config, 5, 5, [setup])).toHaveLength(2);
	});
});
