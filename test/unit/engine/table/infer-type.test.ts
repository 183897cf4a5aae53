import { describe, expect, it } from 'vitest';
import { inferColumnType } from '../../../../src/lib/engine/table/infer-type';

describe('inferColumnType', () => {
	it.each([
		[['1', '2', '-3', '', '42'], { type: 'integer' }],
		[['1.5', '2', '-0.25', '1e3'], { type: 'decimal' }],
		[['0600001', '1000001'], { type: 'categorical' }],
		[['12345678901234567'], { type: 'categorical' }],
		[['E11', 'I10'], { type: 'categorical' }],
		[['男', '女'], { type: 'categorical' }],
		[['', '  '], { type: 'categorical' }],
		[['2023-04-01', '2024-12-31'], { type: 'date', dateFormat: 'iso' }],
		[['20230401', '19991231'], { type: 'date', dateFormat: 'yyyymmdd' }],
		[['2023/4/1', '2023/12/31'], { type: 'date', dateFormat: 'yyyy/mm/dd' }],
		[['令和5年4月1日', '平成元年1月8日'], { type: 'date', dateFormat: 'wareki-kanji' }],
		[['R05.04.01', 'H30/1/2'], { type: 'date', dateFormat: 'wareki-initial' }],
		[['3471014', '4310430', '5010501'], { type: 'date', dateFormat: 'uke-gyymmdd' }],
		[['2023-04-01', '令和5年4月1日'], { type: 'date', dateFormat: 'mixed' }],
		// 20231301 is no date, so the column is a column of integers.
		[['20230401', '20231301'], { type: 'integer' }],
		[['2023-04-01', 'unknown'], { type: 'categorical' }]
	])('%j → %j', (values, expected) => {
		expect(inferColumnType(values)).toEqual(expected);
	});

	it('reads at most maxSample non-missing values', () => {
		expect(inferColumnType(['1', '', '2', 'x'], 2)).toEqual({ type: 'integer' });
		expect(inferColumnType(['1', '', '2', 'x'])).toEqual({ type: 'categorical' });
	});

	it('accepts any iterable', () => {
		function* values() {
			yield '1';
			yield '2.5';
		}
		expect(inferColumnType(values())).toEqual({ type: 'decimal' });
	});
});
