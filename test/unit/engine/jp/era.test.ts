import { describe, expect, it } from 'vitest';
import {
	ERAS,
	eraOf,
	formatJapaneseEra,
	parseDateWithFormat,
	parseJapaneseDate
} from '../../../../src/lib/engine/jp/era';

const ymd = (year: number, month: number, day: number) => ({ year, month, day });

describe('parseJapaneseDate: notations', () => {
	it.each([
		['令和5年4月1日', ymd(2023, 4, 1)],
		['令和元年5月1日', ymd(2019, 5, 1)],
		['平成元年1月8日', ymd(1989, 1, 8)],
		['昭和47年10月14日', ymd(1972, 10, 14)],
		['令和５年４月１日', ymd(2023, 4, 1)],
		['令和五年四月一日', ymd(2023, 4, 1)],
		['平成三十年十二月三十一日', ymd(2018, 12, 31)],
		['R05.04.01', ymd(2023, 4, 1)],
		['r5.4.1', ymd(2023, 4, 1)],
		['H30/1/2', ymd(2018, 1, 2)],
		['S64-01-07', ymd(1989, 1, 7)],
		['H300102', ymd(2018, 1, 2)],
		['3471014', ymd(1972, 10, 14)],
		['5050401', ymd(2023, 4, 1)],
		['4010108', ymd(1989, 1, 8)],
		['2023-04-01', ymd(2023, 4, 1)],
		['2023-04-01T09:30:00Z', ymd(2023, 4, 1)],
		['20230401', ymd(2023, 4, 1)],
		['2023/4/1', ymd(2023, 4, 1)],
		['2023/04/01', ymd(2023, 4, 1)],
		['2023年4月1日', ymd(2023, 4, 1)],
		['2024-02-29', ymd(2024, 2, 29)]
	])('%s', (text, expected) => {
		expect(parseJapaneseDate(text)).toEqual(expected);
	});

	it.each([
		'2023-02-29',
		'2100-02-29',
		'20231301',
		'2023/4/31',
		'令和0年5月1日',
		'6010101',
		'0230401',
		'R05.13.01',
		'hello',
		'',
		'12345',
		'2023-4-1x',
		'令和5年4月'
	])('rejects %s', (text) => {
		expect(parseJapaneseDate(text)).toBeNull();
	});

	it('reports the notation', () => {
		expect(parseDateWithFormat('令和5年4月1日')?.format).toBe('wareki-kanji');
		expect(parseDateWithFormat('R05.04.01')?.format).toBe('wareki-initial');
		expect(parseDateWithFormat('3471014')?.format).toBe('uke-gyymmdd');
		expect(parseDateWithFormat('2023-04-01')?.format).toBe('iso');
		expect(parseDateWithFormat('20230401')?.format).toBe('yyyymmdd');
		expect(parseDateWithFormat('2023/04/01')?.format).toBe('yyyy/mm/dd');
	});
});

describe('era boundaries (DOMAIN.md §3.1.4)', () => {
	// [last day of the old era, first day of the new era] in each notation.
	it('明治 → 大正 on 1912-07-30', () => {
		expect(parseJapaneseDate('明治45年7月29日')).toEqual(ymd(1912, 7, 29));
		expect(parseJapaneseDate('明治45年7月30日')).toBeNull();
		expect(parseJapaneseDate('大正元年7月30日')).toEqual(ymd(1912, 7, 30));
		expect(parseJapaneseDate('大正元年7月29日')).toBeNull();
		expect(parseJapaneseDate('1450729')).toEqual(ymd(1912, 7, 29));
		expect(parseJapaneseDate('2010730')).toEqual(ymd(1912, 7, 30));
		expect(parseJapaneseDate('T01.07.29')).toBeNull();
	});

	it('大正 → 昭和 on 1926-12-25', () => {
		expect(parseJapaneseDate('大正15年12月24日')).toEqual(ymd(1926, 12, 24));
		expect(parseJapaneseDate('大正15年12月25日')).toBeNull();
		expect(parseJapaneseDate('昭和元年12月25日')).toEqual(ymd(1926, 12, 25));
		expect(parseJapaneseDate('昭和元年12月24日')).toBeNull();
		expect(parseJapaneseDate('T15.12.24')).toEqual(ymd(1926, 12, 24));
		expect(parseJapaneseDate('3011225')).toEqual(ymd(1926, 12, 25));
	});

	it('昭和 → 平成 on 1989-01-08', () => {
		expect(parseJapaneseDate('昭和64年1月7日')).toEqual(ymd(1989, 1, 7));
		expect(parseJapaneseDate('昭和64年1月8日')).toBeNull();
		expect(parseJapaneseDate('平成元年1月8日')).toEqual(ymd(1989, 1, 8));
		expect(parseJapaneseDate('平成元年1月7日')).toBeNull();
		expect(parseJapaneseDate('3640107')).toEqual(ymd(1989, 1, 7));
		expect(parseJapaneseDate('3640108')).toBeNull();
		expect(parseJapaneseDate('H01.01.08')).toEqual(ymd(1989, 1, 8));
	});

	it('平成 → 令和 on 2019-05-01', () => {
		expect(parseJapaneseDate('平成31年4月30日')).toEqual(ymd(2019, 4, 30));
		expect(parseJapaneseDate('平成31年5月1日')).toBeNull();
		expect(parseJapaneseDate('令和元年5月1日')).toEqual(ymd(2019, 5, 1));
		expect(parseJapaneseDate('令和元年4月30日')).toBeNull();
		expect(parseJapaneseDate('4310430')).toEqual(ymd(2019, 4, 30));
		expect(parseJapaneseDate('4310501')).toBeNull();
		expect(parseJapaneseDate('5010501')).toEqual(ymd(2019, 5, 1));
		expect(parseJapaneseDate('H31.05.01')).toBeNull();
	});

	it('rejects 明治 dates before the Gregorian calendar (1873-01-01)', () => {
		expect(parseJapaneseDate('明治5年12月31日')).toBeNull();
		expect(parseJapaneseDate('明治6年1月1日')).toEqual(ymd(1873, 1, 1));
	});

	it('eraOf agrees with the table on every boundary', () => {
		for (let i = 1; i < ERAS.length; i++) {
			const first = ERAS[i].first;
			const y = Math.floor(first / 10000);
			const m = Math.floor(first / 100) % 100;
			const d = first % 100;
			expect(eraOf(y, m, d)?.kanji).toBe(ERAS[i].kanji);
			const prevLast = ERAS[i - 1].last;
			expect(
				eraOf(Math.floor(prevLast / 10000), Math.floor(prevLast / 100) % 100, prevLast % 100)?.kanji
			).toBe(ERAS[i - 1].kanji);
		}
		expect(eraOf(1872, 12, 31)).toBeUndefined();
	});
});

describe('formatJapaneseEra', () => {
	it('renders kanji with 元年', () => {
		expect(formatJapaneseEra(2023, 4, 1)).toBe('令和5年4月1日');
		expect(formatJapaneseEra(2019, 5, 1)).toBe('令和元年5月1日');
		expect(formatJapaneseEra(2019, 4, 30)).toBe('平成31年4月30日');
		expect(formatJapaneseEra(1989, 1, 7)).toBe('昭和64年1月7日');
		expect(formatJapaneseEra(1926, 12, 25)).toBe('昭和元年12月25日');
		expect(formatJapaneseEra(1912, 7, 30)).toBe('大正元年7月30日');
	});

	it('renders initials and months', () => {
		expect(formatJapaneseEra(2023, 4, 1, 'initial')).toBe('R05.04.01');
		expect(formatJapaneseEra(2019, 5)).toBe('令和元年5月');
		expect(formatJapaneseEra(2019, 5, undefined, 'initial')).toBe('R01.05');
		expect(formatJapaneseEra(2019, 4)).toBe('平成31年4月');
		expect(formatJapaneseEra(1989, 1)).toBe('平成元年1月');
	});

	it('returns null for invalid or pre-1873 dates', () => {
		expect(formatJapaneseEra(1850, 1, 1)).toBeNull();
		expect(formatJapaneseEra(2023, 2, 30)).toBeNull();
	});

	it('round-trips through parseJapaneseDate for every day around each boundary', () => {
		for (const era of ERAS.slice(1)) {
			const start = Date.UTC(
				Math.floor(era.first / 10000),
				(Math.floor(era.first / 100) % 100) - 1,
				era.first % 100
			);
			for (let offset = -3; offset <= 3; offset++) {
				const d = new Date(start + offset * 86_400_000);
				const date = ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
				for (const style of ['kanji', 'initial'] as const) {
					const text = formatJapaneseEra(date.year, date.month, date.day, style)!;
					expect(parseJapaneseDate(text), text).toEqual(date);
				}
			}
		}
	});
});
