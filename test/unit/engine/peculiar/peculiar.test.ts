import { describe, expect, it } from 'vitest';
import {
	applyPeculiarDecisions,
	compareValues,
	DecidedAttribute,
	decideTable,
	detectPeculiar
} from '$lib/engine/peculiar';
import { hierarchyFromRows } from '$lib/engine/hierarchy/hierarchy';
import { encodeRows } from '$lib/engine/table/encoded-table';

const columnOf = (name: string, values: string[]) =>
	encodeRows(
		[name],
		values.map((v) => [v])
	).columns[0];

describe('detectPeculiar', () => {
	it('lists values below the threshold, rarest first, with counts', () => {
		const values = [
			...Array(30).fill('E11'),
			...Array(20).fill('I10'),
			...Array(3).fill('C34'),
			'Q87',
			...Array(12).fill('J45')
		];
		const findings = detectPeculiar(columnOf('ICD10', values));
		expect(findings).toEqual([
			{ attribute: 'ICD10', kind: 'rare', value: 'Q87', count: 1 },
			{ attribute: 'ICD10', kind: 'rare', value: 'C34', count: 3 }
		]);
		expect(
			detectPeculiar(columnOf('ICD10', values), { threshold: 13, maxRareShare: 1 }).map((f) => f.value)
		).toEqual(['Q87', 'C34', 'J45']);
	});

	it('flags numbers beyond Tukey far-out fences (Q3 + 3 IQR)', () => {
		// 1..100 plus -500, 229, 230 (103 values): type-7 quartiles Q1 = 25.5, Q3 = 76.5, IQR = 51,
		// fences -127.5 and 229.5.
		const values = Array.from({ length: 100 }, (_, i) => String(i + 1));
		values.push('229', '230', '-500');
		const kinds = detectPeculiar(columnOf('HbA1c', values), { threshold: 1 });
		expect(kinds.filter((f) => f.kind === 'outlier-high').map((f) => f.value)).toEqual(['230']);
		expect(kinds.filter((f) => f.kind === 'outlier-low').map((f) => f.value)).toEqual(['-500']);
	});

	it('flags ages of 90 or more and birth dates 90 years back', () => {
		const ages = detectPeculiar(columnOf('年齢', ['45', '89', '90', '104', '45']), {
			age: true,
			threshold: 1
		});
		expect(ages.map((f) => [f.kind, f.value])).toEqual([
			['extreme-age', '104'],
			['extreme-age', '90']
		]);
		const births = detectPeculiar(columnOf('生年月日', ['1930-02-01', '1935-05-05', '1980-01-01']), {
			birthDate: true,
			referenceYear: 2024,
			threshold: 1
		});
		expect(births.map((f) => f.value)).toEqual(['1930-02-01']);
	});

	it('does not list every value of an ID-like column as rare', () => {
		const ids = Array.from({ length: 50 }, (_, i) => `P${i}`);
		expect(detectPeculiar(columnOf('患者ID', ids))).toEqual([]);
	});
});

describe('applyPeculiarDecisions', () => {
	const rows = [
		['E11', 'E10-E14', 'IV'],
		['E10', 'E10-E14', 'IV'],
		['Q87', 'Q80-Q89', 'XVII']
	];

	it('top-codes values above the bound and suppresses chosen values', () => {
		const column = columnOf('年齢', ['30', '95', '104', '60', '70']);
		const applied = applyPeculiarDecisions(column, null, [
			{ attribute: '年齢', value: '104', action: 'top-code', bound: '90', note: '90歳以上' },
			{ attribute: '年齢', value: '30', action: 'suppress', note: '' }
		]);
		const out = Array.from(applied.column.codes, (c) => applied.column.values[c]);
		expect(out).toEqual(['30', '90', '90', '60', '70']);
		expect(Array.from(applied.suppressed!)).toEqual([1, 0, 0, 0, 0]);
		expect(applied.changedRows).toBe(3);
	});

	it('generalizes a value to its level-1 group, which joins the hierarchy as a leaf', () => {
		const column = columnOf('ICD10', ['E11', 'Q87', 'E10']);
		const applied = applyPeculiarDecisions(column, rows, [
			{ attribute: 'ICD10', value: 'Q87', action: 'generalize', note: 'rare' }
		]);
		expect(Array.from(applied.column.codes, (c) => applied.column.values[c])).toEqual([
			'E11',
			'Q80-Q89',
			'E10'
		]);
		expect(applied.rows).toContainEqual(['Q80-Q89', 'Q80-Q89', 'XVII']);
	});

	it('keeps the column as it is for "keep" and for other attributes', () => {
		const column = columnOf('ICD10', ['E11', 'Q87']);
		const applied = applyPeculiarDecisions(column, rows, [
			{ attribute: 'ICD10', value: 'Q87', action: 'keep', note: 'needed for the study' },
			{ attribute: '年齢', value: '104', action: 'suppress', note: '' }
		]);
		expect(applied.column).toBe(column);
		expect(applied.suppressed).toBeNull();
	});
});

describe('DecidedAttribute and decideTable', () => {
	const rows = [
		['30', '30-39', '*'],
		['90', '90-99', '*'],
		['95', '90-99', '*'],
		['104', '100-109', '*']
	];

	it('maps each value to what it becomes, dates and numbers alike', () => {
		const decided = new DecidedAttribute('age', rows, [
			{ attribute: 'age', value: '104', action: 'top-code', bound: '90', note: '' },
			{ attribute: 'age', value: '30', action: 'suppress', note: '' }
		]);
		expect(['30', '90', '95', '104', '１０４'].map((v) => decided.replacement(v))).toEqual([
			'30',
			'90',
			'90',
			'90',
			'90'
		]);
		expect(decided.isSuppressed('30')).toBe(true);
		expect(compareValues('令和2年3月1日', '2020-02-29')).toBeGreaterThan(0);
		expect(compareValues('abc', '2020-02-29')).toBeNull();
	});

	it('refuses a bound that is not in the hierarchy, naming the decision', () => {
		expect(
			() =>
				new DecidedAttribute('age', rows, [
					{ attribute: 'sex', value: 'F', action: 'suppress', note: '' },
					{ attribute: 'age', value: '104', action: 'top-code', bound: '100', note: '' }
				])
		).toThrow('decisions[1].bound: "100" is not a value of the hierarchy of "age"');
	});

	it('takes suppressed records out and keeps the other columns row-aligned', () => {
		const table = encodeRows(
			['age', 'disease'],
			[
				['30', 'E11'],
				['104', 'I10'],
				['95', 'J45'],
				['30', 'K29']
			]
		);
		const decided = decideTable(
			table,
			[{ name: 'age', hierarchy: hierarchyFromRows('age', rows) }],
			[
				{ attribute: 'age', value: '104', action: 'top-code', bound: '90', note: '' },
				{ attribute: 'age', value: '30', action: 'suppress', note: '' }
			],
			['disease']
		);
		expect(decided.suppressedByDecision).toBe(2);
		expect(Array.from(decided.keptRows!)).toEqual([1, 2]);
		const [age, disease] = decided.table.columns;
		expect(Array.from(age.codes, (c) => age.values[c])).toEqual(['90', '90']);
		expect(Array.from(disease.codes, (c) => disease.values[c])).toEqual(['I10', 'J45']);
	});
});
