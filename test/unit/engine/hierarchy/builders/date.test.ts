import { describe, expect, it } from 'vitest';
import { buildHierarchyRows } from '../../../../../src/lib/engine/hierarchy/builders';

describe('date builder', () => {
	it('month → year → 5 years by default, from mixed input formats', () => {
		const rows = buildHierarchyRows(
			['2019-05-01', '20190430', '2017/12/31', '令和2年3月5日', 'R03.04.01', 'x'],
			{
				builder: 'date'
			}
		);
		expect(rows).toEqual([
			['2019-05-01', '2019-05', '2019', '2015-2019', '*'],
			['20190430', '2019-04', '2019', '2015-2019', '*'],
			['2017/12/31', '2017-12', '2017', '2015-2019', '*'],
			['令和2年3月5日', '2020-03', '2020', '2020-2024', '*'],
			['R03.04.01', '2021-04', '2021', '2020-2024', '*'],
			['x', '*', '*', '*', '*']
		]);
	});

	it('fiscal years (年度: April–March) and quarters', () => {
		const rows = buildHierarchyRows(['2019-03-31', '2019-04-01', '2020-01-15'], {
			builder: 'date',
			levels: ['day', 'quarter', 'fiscal-year']
		});
		expect(rows).toEqual([
			['2019-03-31', '2019-03-31', '2019-Q1', '2018年度', '*'],
			['2019-04-01', '2019-04-01', '2019-Q2', '2019年度', '*'],
			['2020-01-15', '2020-01-15', '2020-Q1', '2019年度', '*']
		]);
		const en = buildHierarchyRows(['2019-03-31'], { builder: 'date', levels: ['fiscal-year'], style: 'en' });
		expect(en[0][1]).toBe('FY2018');
	});

	it('和暦 path: era month → era year → era, across the 2019 and 1989 era changes', () => {
		const rows = buildHierarchyRows(['2019-04-30', '2019-05-01', '1989-01-07', '1989-01-08', '1988-12-31'], {
			builder: 'date',
			levels: ['era-day', 'era-month', 'era-year', 'era']
		});
		expect(rows).toEqual([
			['2019-04-30', '平成31年4月30日', '平成31年4月', '平成31年', '平成', '*'],
			['2019-05-01', '令和元年5月1日', '令和元年5月', '令和元年', '令和', '*'],
			// January 1989 is named by the era in force at its end (jp/era's month convention)
			['1989-01-07', '昭和64年1月7日', '平成元年1月', '平成元年', '平成', '*'],
			['1989-01-08', '平成元年1月8日', '平成元年1月', '平成元年', '平成', '*'],
			['1988-12-31', '昭和63年12月31日', '昭和63年12月', '昭和63年', '昭和', '*']
		]);
	});

	it('和暦 fiscal years follow official usage (昭和63年度, 平成元年度, 令和元年度)', () => {
		const rows = buildHierarchyRows(['1989-03-01', '1989-04-01', '2019-04-15', '2020-03-31'], {
			builder: 'date',
			levels: ['month', 'era-fiscal-year']
		});
		expect(rows.map((r) => r[2])).toEqual(['昭和63年度', '平成元年度', '令和元年度', '令和元年度']);
	});

	it('accepts month-only values (診療年月: YYYYMM, GYYMM, 和暦)', () => {
		const rows = buildHierarchyRows(
			['201905', '42408', '令和元年5月', '2019-5', '昭和64年1月', '平成元年1月'],
			{
				builder: 'date',
				levels: ['month', 'year']
			}
		);
		expect(rows.map((r) => r[1])).toEqual(['2019-05', '2012-08', '2019-05', '2019-05', '1989-01', '1989-01']);
	});

	it('drops a time of day', () => {
		const rows = buildHierarchyRows(['2024/04/01 09:30', '2024-04-02T23:59:59'], {
			builder: 'date',
			levels: ['day']
		});
		expect(rows.map((r) => r[1])).toEqual(['2024-04-01', '2024-04-02']);
	});

	it('rejects level orders that do not coarsen', () => {
		expect(() => buildHierarchyRows(['2019-05-01'], { builder: 'date', levels: ['year', 'era'] })).toThrow(
			'hierarchy.levels[1]: "era" cannot follow "year" (it does not merge whole groups of it; allowed: years)'
		);
		expect(() =>
			buildHierarchyRows(['2019-05-01'], { builder: 'date', levels: ['quarter', 'era-year'] })
		).toThrow(/cannot follow "quarter"/);
		expect(() => buildHierarchyRows(['x'], { builder: 'date', strict: true })).toThrow(
			'date builder: value "x" is not a date'
		);
	});

	it('above a 年度 level the era is the one naming the 年度, so the 年度 that straddle an era nest', () => {
		const values = ['1912-04-01', '1913-01-01', '1989-03-31', '2019-04-30', '2020-03-31'];
		const rows = buildHierarchyRows(values, { builder: 'date', levels: ['month', 'era-fiscal-year', 'era'] });
		expect(rows).toEqual([
			['1912-04-01', '1912-04', '明治45年度', '明治', '*'],
			['1913-01-01', '1913-01', '明治45年度', '明治', '*'],
			['1989-03-31', '1989-03', '昭和63年度', '昭和', '*'],
			['2019-04-30', '2019-04', '令和元年度', '令和', '*'],
			['2020-03-31', '2020-03', '令和元年度', '令和', '*']
		]);
		// Without a 年度 level the era is each date's own (1913-01 is 大正).
		expect(buildHierarchyRows(['1913-01-01'], { builder: 'date', levels: ['month', 'era'] })[0][2]).toBe(
			'大正'
		);
		expect(
			buildHierarchyRows(['1926-12-31', '1927-03-01'], { builder: 'date', levels: ['fiscal-year', 'era'] })
		).toEqual([
			['1926-12-31', '1926年度', '大正', '*'],
			['1927-03-01', '1926年度', '大正', '*']
		]);
	});
});
