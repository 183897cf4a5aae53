import { describe, expect, it } from 'vitest';
import {
	generalizeColumn,
	hierarchyFromRows,
	hierarchyRows,
	levelMap,
	missingValues
} from '../../../../src/lib/engine/hierarchy/hierarchy';
import {
	hierarchyFromCsv,
	hierarchyToCsv,
	parseHierarchyCsv
} from '../../../../src/lib/engine/hierarchy/arx-csv';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';

const ageRows = [
	['21', '20-29', '*'],
	['25', '20-29', '*'],
	['34', '30-39', '*']
];

describe('hierarchyFromRows', () => {
	it('encodes every level and maps leaves to level codes', () => {
		const h = hierarchyFromRows('age', ageRows);
		expect(h.height).toBe(3);
		expect(h.levels).toEqual([['21', '25', '34'], ['20-29', '30-39'], ['*']]);
		expect(Array.from(h.codes[1])).toEqual([0, 0, 1]);
		expect(Array.from(levelMap(h, 1, 2))).toEqual([0, 0]);
		expect(hierarchyRows(h)).toEqual(ageRows);
	});

	it('rejects unequal heights, duplicates and non-monotonic levels, naming the value', () => {
		expect(() =>
			hierarchyFromRows('age', [
				['1', 'a', '*'],
				['2', 'a']
			])
		).toThrow(/"2" has 2 levels/);
		expect(() =>
			hierarchyFromRows('age', [
				['1', 'a'],
				['1', 'b']
			])
		).toThrow(/"1" is listed twice/);
		expect(() =>
			hierarchyFromRows('age', [
				['1', 'a', 'x'],
				['2', 'a', 'y']
			])
		).toThrow(/"a" at level 1 generalizes to both "x" and "y"/);
	});
});

describe('generalizeColumn', () => {
	it('maps the column codes to the codes of a level', () => {
		const h = hierarchyFromRows('age', ageRows);
		const table = encodeRows(['age'], [['34'], ['21'], ['25'], ['34']]);
		const g = generalizeColumn(table.columns[0], h, 1);
		expect(Array.from(g.codes)).toEqual([1, 0, 0, 1]);
		expect(g.cardinality).toBe(2);
		expect(g.values).toEqual(['20-29', '30-39']);
		expect(missingValues(table.columns[0], h)).toEqual([]);
	});

	it('names a value missing from the hierarchy', () => {
		const h = hierarchyFromRows('age', ageRows);
		const table = encodeRows(['age'], [['34'], ['99']]);
		expect(missingValues(table.columns[0], h)).toEqual(['99']);
		expect(() => generalizeColumn(table.columns[0], h, 1)).toThrow(/"99"/);
	});
});

describe('ARX CSV format', () => {
	it('detects ";" (even with commas in labels) and ","', () => {
		expect(parseHierarchyCsv('0;[0, 5[;*\n1;[0, 5[;*\n')).toEqual([
			['0', '[0, 5[', '*'],
			['1', '[0, 5[', '*']
		]);
		expect(parseHierarchyCsv('a,x,*\r\nb,x,*\r\n')).toEqual([
			['a', 'x', '*'],
			['b', 'x', '*']
		]);
	});

	it('round-trips through export', () => {
		const h = hierarchyFromCsv('age', '21;20-29;*\n25;20-29;*\n34;30-39;*\n');
		expect(hierarchyToCsv(h)).toBe('21;20-29;*\n25;20-29;*\n34;30-39;*\n');
		expect(hierarchyFromCsv('age', hierarchyToCsv(h)).levels).toEqual(h.levels);
	});
});
