import { describe, expect, it } from 'vitest';
import { applyTransformation, suppressedRows } from '../../../../src/lib/engine/classes/apply-transformation';
import { hierarchyFromRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

describe('applyTransformation', () => {
	// rows (21,m) (25,m) (34,f): age level 1 → 20-29, 20-29, 30-39 → classes of size 2 and 1
	const table = encodeRows(
		['age', 'sex'],
		[
			['21', 'm'],
			['25', 'm'],
			['34', 'f']
		]
	);
	const age = hierarchyFromRows('age', [
		['21', '20-29', '*'],
		['25', '20-29', '*'],
		['34', '30-39', '*']
	]);
	const sex = hierarchyFromRows('sex', [
		['m', '*'],
		['f', '*']
	]);
	const qis = [
		{ name: 'age', column: table.columns[0], hierarchy: age },
		{ name: 'sex', column: table.columns[1], hierarchy: sex }
	];

	it('generalizes each QI and groups the rows', () => {
		const result = applyTransformation(qis, [1, 0], 3);
		expect(result.columns[0].values).toEqual(['20-29', '30-39']);
		expect(Array.from(result.columns[0].codes)).toEqual([0, 0, 1]);
		expect(Array.from(result.classes.sizes)).toEqual([2, 1]);
		expect(Array.from(suppressedRows(result.classes, (_, size) => size < 2))).toEqual([0, 0, 1]);
	});

	it('rejects a wrong number of levels', () => {
		expect(() => applyTransformation(qis, [1], 3)).toThrow(/expected 2 levels/);
	});
});
