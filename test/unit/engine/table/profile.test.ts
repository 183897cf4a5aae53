import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../../../src/lib/engine/table/encoded-table';
import { profileColumn } from '../../../../src/lib/engine/table/profile';

const column = (values: string[]) =>
	encodeRows(
		['x'],
		values.map((v) => [v])
	).columns[0];

describe('profileColumn', () => {
	it('counts rows, distinct, missing and top values (ties in order of first appearance)', () => {
		const p = profileColumn(column(['b', 'a', '', 'b', ' ', 'c', 'a', 'b']), { type: 'categorical' }, 2);
		expect(p).toMatchObject({ name: 'x', rows: 8, distinct: 3, missing: 2, invalid: 0, min: 'a', max: 'c' });
		expect(p.topValues).toEqual([
			{ value: 'b', count: 3 },
			{ value: 'a', count: 2 }
		]);
		expect(p.histogram).toBeUndefined();
	});

	it('bins integers on round edges and keeps the original text of min/max', () => {
		const values = Array.from({ length: 101 }, (_, i) => String(i));
		const p = profileColumn(column([...values, '100', '']), { type: 'integer' });
		expect(p.min).toBe('0');
		expect(p.max).toBe('100');
		expect(p.histogram!.length).toBe(21);
		expect(p.histogram![0]).toEqual({ x0: 0, x1: 5, count: 5 });
		expect(p.histogram!.at(-1)).toEqual({ x0: 100, x1: 105, count: 2 });
		expect(p.histogram!.reduce((s, b) => s + b.count, 0)).toBe(102);
	});

	it('bins decimals and handles a single value', () => {
		const p = profileColumn(column(['5.5', '6.1', '7.9', '6.1']), { type: 'decimal' });
		expect(p.min).toBe('5.5');
		expect(p.max).toBe('7.9');
		expect(p.histogram![0].x0).toBeCloseTo(5.5);
		expect(p.histogram!.reduce((s, b) => s + b.count, 0)).toBe(4);
		const one = profileColumn(column(['3', '3']), { type: 'integer' });
		expect(one.histogram).toEqual([{ x0: 3, x1: 4, count: 2 }]);
	});

	it('profiles dates in any notation with ISO min/max and calendar-aligned bins', () => {
		const p = profileColumn(column(['令和5年4月1日', '2023-04-15', 'R05.06.30', '4310430']), {
			type: 'date',
			dateFormat: 'mixed'
		});
		expect(p.min).toBe('2019-04-30');
		expect(p.max).toBe('2023-06-30');
		const bins = p.histogram!;
		expect(new Date(bins[0].x0).toISOString()).toBe('2019-01-01T00:00:00.000Z');
		expect(bins.reduce((s, b) => s + b.count, 0)).toBe(4);
		for (const b of bins) expect(new Date(b.x0).getUTCDate()).toBe(1);
	});

	it('counts values that do not fit an overridden type as invalid', () => {
		const p = profileColumn(column(['1', 'x', '2', 'x', '']), { type: 'integer' });
		expect(p).toMatchObject({ invalid: 2, missing: 1, min: '1', max: '2' });
	});
});
