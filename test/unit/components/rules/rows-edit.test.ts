import { describe, expect, it } from 'vitest';
import { hierarchyFromCsv } from '../../../../src/lib/engine/hierarchy/arx-csv';
import { hierarchyRows } from '../../../../src/lib/engine/hierarchy/hierarchy';
import {
	addValues,
	editCell,
	insertLevel,
	missingValues,
	removeLevel,
	removeRow,
	rowsProblem,
	rowsToArxCsv,
	RowsHistory
} from '../../../../src/lib/components/rules/rows-edit';

const rows = [
	['1000001', '100****', '1******', '*'],
	['1000002', '100****', '1******', '*'],
	['2000001', '200****', '2******', '*']
];

describe('editing hierarchy rows', () => {
	it('edits one cell and leaves the input untouched', () => {
		const next = editCell(rows, 1, 2, '9******');
		expect(next[1]).toEqual(['1000002', '100****', '9******', '*']);
		expect(rows[1][2]).toBe('1******');
	});

	it('an edit that breaks monotonicity gets the engine message naming the value', () => {
		expect(rowsProblem('郵便', rows)).toBeNull();
		const broken = editCell(rows, 1, 2, '9******');
		expect(rowsProblem('郵便', broken)).toMatch(/100\*\*\*\*/);
		expect(rowsProblem('郵便', editCell(rows, 0, 1, ''))).toMatch(/empty generalization at level 1/);
	});

	it('inserts a level as a copy of the level below (still valid) and removes it again', () => {
		const more = insertLevel(rows, 3);
		expect(more[0]).toEqual(['1000001', '100****', '1******', '1******', '*']);
		expect(rowsProblem('郵便', more)).toBeNull();
		expect(removeLevel(more, 3)).toEqual(rows);
		const first = insertLevel(rows, 1);
		expect(first[2]).toEqual(['2000001', '2000001', '200****', '2******', '*']);
		expect(removeLevel([['a', '*']], 1)).toEqual([['a', '*']]);
	});

	it('adds missing values under the shared top label and removes rows', () => {
		const added = addValues(rows, ['3000001', '1000001']);
		expect(added).toHaveLength(4);
		expect(added[3]).toEqual(['3000001', '3000001', '3000001', '*']);
		expect(rowsProblem('郵便', added)).toBeNull();
		expect(removeRow(added, 3)).toEqual(rows);
	});

	it('exports ARX CSV that the importer reads back to the same rows', () => {
		const tricky = [...rows, ['a;b', '"q"', '1******', '*']];
		const csv = rowsToArxCsv(tricky);
		expect(csv.split('\n')[0]).toBe('1000001;100****;1******;*');
		expect(hierarchyRows(hierarchyFromCsv('郵便', csv))).toEqual(tricky);
	});

	it('reads the worker missing-values message', () => {
		expect(missingValues('MISSING:a, b')).toEqual(['a', 'b']);
		expect(missingValues('something else')).toEqual([]);
		expect(missingValues(undefined)).toEqual([]);
	});

	it('undoes edits in reverse order, up to its limit', () => {
		const history = new RowsHistory(2);
		history.push(rows);
		history.push(editCell(rows, 0, 1, 'x'));
		history.push(editCell(rows, 0, 1, 'y'));
		expect(history.size).toBe(2);
		expect(history.pop()?.[0][1]).toBe('y');
		expect(history.pop()?.[0][1]).toBe('x');
		expect(history.pop()).toBeUndefined();
	});
});
