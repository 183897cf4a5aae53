/**
 * Date hierarchies (DOMAIN.md §5.4): day → month `2019-05` → year → 5-year bin `2015-2019` → `*` by default,
 * with quarters, Japanese fiscal years (年度: April–March, FY = year if month ≥ 4, else year − 1) and a 和暦
 * path (令和元年5月 → 令和元年 → 令和, or 令和元年度). Inputs: ISO, `YYYYMMDD`, `YYYY/MM/DD`, 和暦 and UKE
 * `GYYMMDD` (parsed by jp/era), plus month-only values (`2019-05`, `201905`, UKE `GYYMM`, 令和元年5月) as
 * found in 診療年月 columns.
 *
 * Which level may follow which is fixed by what is a function of what: 2019 holds both 平成31年 and
 * 令和元年, so a Gregorian year cannot generalize to an era, but an era year determines its Gregorian
 * year. A 和暦 month is named by the era in force on its last day (jp/era's convention), so months map
 * one-to-one; a 年度 is named by the era in force on 1 July of its first year, which gives the official
 * 昭和63年度, 平成元年度 and 令和元年度. Above a 年度 level the era is the one naming the 年度 (明治45年度 →
 * 明治, although 1913-01-01 itself is 大正): four 年度 straddle an era change (1912, 1926, 1988, 2019),
 * and the era of each date would put them under two eras.
 */
import { daysInMonth, eraOf, ERAS, eraToGregorian, formatJapaneseEra, parseJapaneseDate } from '../../jp/era';
import {
	asObject,
	fail,
	onlyFields,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalLabel,
	positiveInteger,
	show
} from './spec-fields';

export type DateLevel =
	| 'day'
	| 'month'
	| 'quarter'
	| 'year'
	| 'years'
	| 'fiscal-year'
	| 'era-day'
	| 'era-month'
	| 'era-year'
	| 'era-fiscal-year'
	| 'era';

const LEVELS: readonly DateLevel[] = [
	'day',
	'month',
	'quarter',
	'year',
	'years',
	'fiscal-year',
	'era-day',
	'era-month',
	'era-year',
	'era-fiscal-year',
	'era'
];

const MONTHLY: DateLevel[] = [
	'month',
	'era-month',
	'quarter',
	'year',
	'years',
	'fiscal-year',
	'era-year',
	'era-fiscal-year',
	'era'
];

/** Levels that are a function of each level (checked again on the output). */
export const DATE_LEVEL_SUCCESSORS: Record<DateLevel, readonly DateLevel[]> = {
	day: LEVELS.filter((l) => l !== 'day'),
	'era-day': LEVELS.filter((l) => l !== 'era-day'),
	month: MONTHLY.filter((l) => l !== 'month'),
	'era-month': MONTHLY.filter((l) => l !== 'era-month'),
	quarter: ['year', 'years', 'fiscal-year', 'era-fiscal-year'],
	year: ['years'],
	years: [],
	'fiscal-year': ['era-fiscal-year', 'era'],
	'era-year': ['year', 'years', 'era'],
	'era-fiscal-year': ['fiscal-year', 'era'],
	era: []
};

export interface DateSpec {
	builder: 'date';
	/** Levels from finest to coarsest; default `["month", "year", "years"]`. */
	levels?: DateLevel[];
	/** Width of the `years` bins, aligned on multiples (2015-2019); default 5. */
	span?: number;
	/** `ja` (default): `2019年度`; `en`: `FY2019`. */
	style?: 'ja' | 'en';
	missing?: string;
	strict?: boolean;
}

export function parseDateSpec(raw: unknown, path = 'hierarchy'): DateSpec {
	const spec = asObject(raw, path);
	onlyFields(spec, ['builder', 'levels', 'span', 'style', 'missing', 'strict'], path);
	const levels = optionalArray(spec, 'levels', path)?.map((l, i) => {
		if (typeof l !== 'string' || !(LEVELS as readonly string[]).includes(l)) {
			fail(`${path}.levels[${i}]: expected one of ${LEVELS.join(', ')}, got ${show(l)}`);
		}
		return l as DateLevel;
	});
	levels?.forEach((l, i) => {
		if (i > 0 && !DATE_LEVEL_SUCCESSORS[levels[i - 1]].includes(l)) {
			const ok = DATE_LEVEL_SUCCESSORS[levels[i - 1]];
			fail(
				`${path}.levels[${i}]: "${l}" cannot follow "${levels[i - 1]}" ` +
					`(it does not merge whole groups of it; allowed: ${ok.length ? ok.join(', ') : 'none'})`
			);
		}
	});
	const span = spec.span === undefined ? undefined : positiveInteger(spec.span, `${path}.span`);
	return {
		builder: 'date',
		levels,
		span,
		style: optionalEnum(spec, 'style', ['ja', 'en'], path),
		missing: optionalLabel(spec, 'missing', path),
		strict: optionalBoolean(spec, 'strict', path)
	};
}

interface YearMonth {
	year: number;
	month: number;
	day?: number;
}

const ERA_MONTH = /^(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月$/;

/** Month-only notations (no day): `2019-05`, `2019/5`, `201905`, `2019年5月`, UKE `GYYMM`, `令和元年5月`. */
function parseMonth(raw: string): YearMonth | null {
	const t = raw.normalize('NFKC').replace(/\s+/g, '');
	let m = /^(\d{4})(?:[-/.]|年)?(\d{1,2})月?$/.exec(t);
	if (m && (t.length === 6 || !/^\d+$/.test(t))) {
		const month = +m[2];
		return month >= 1 && month <= 12 ? { year: +m[1], month } : null;
	}
	let era: (typeof ERAS)[number] | undefined;
	let eraYear = 0;
	let month = 0;
	if ((m = /^([1-5])(\d{2})(\d{2})$/.exec(t))) {
		era = ERAS[+m[1] - 1];
		eraYear = +m[2];
		month = +m[3];
	} else if ((m = ERA_MONTH.exec(t))) {
		era = ERAS.find((e) => e.kanji === m![1]);
		eraYear = m[2] === '元' ? 1 : +m[2];
		month = +m[3];
	}
	if (!era || month < 1 || month > 12) return null;
	// A month is valid in an era if its first or its last day falls inside the era (平成元年1月, 昭和64年1月).
	const first = eraToGregorian(era, eraYear, month, 1);
	const last = eraToGregorian(era, eraYear, month, daysInMonth(era.offset + eraYear, month));
	const date = first ?? last;
	return date ? { year: date.year, month: date.month } : null;
}

const TIME_OF_DAY = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** A date, a date with a time of day (`2024/04/01 09:30`, the time is dropped) or a month. */
export function parseDateValue(text: string): YearMonth | null {
	const date = parseJapaneseDate(text) ?? parseMonth(text);
	if (date || !TIME_OF_DAY.test(text.trim())) return date;
	return parseJapaneseDate(text.trim().replace(TIME_OF_DAY, ''));
}

const pad = (n: number) => String(n).padStart(2, '0');

function eraYearName(n: number): string {
	return n === 1 ? '元' : String(n);
}

function levelLabel(level: DateLevel, d: YearMonth, spec: DateSpec, afterFiscal: boolean): string | null {
	const { year, month, day } = d;
	const fiscal = month >= 4 ? year : year - 1;
	switch (level) {
		case 'day':
			return day === undefined ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
		case 'month':
			return `${year}-${pad(month)}`;
		case 'quarter':
			return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
		case 'year':
			return String(year);
		case 'years': {
			const span = spec.span ?? 5;
			const from = Math.floor(year / span) * span;
			return span === 1 ? String(from) : `${from}-${from + span - 1}`;
		}
		case 'fiscal-year':
			return spec.style === 'en' ? `FY${fiscal}` : `${fiscal}年度`;
		case 'era-day':
			return formatJapaneseEra(year, month, day);
		case 'era-month':
			return formatJapaneseEra(year, month);
		case 'era-year': {
			const era = eraOf(year, month, daysInMonth(year, month));
			return era ? `${era.kanji}${eraYearName(year - era.offset)}年` : null;
		}
		case 'era-fiscal-year': {
			const era = eraOf(fiscal, 7, 1);
			return era ? `${era.kanji}${eraYearName(fiscal - era.offset)}年度` : null;
		}
		case 'era': {
			const era = afterFiscal ? eraOf(fiscal, 7, 1) : eraOf(year, month, daysInMonth(year, month));
			return era ? era.kanji : null;
		}
	}
}

export function buildDateRows(values: readonly string[], spec: DateSpec): string[][] {
	const levels = spec.levels ?? ['month', 'year', 'years'];
	const missing = spec.missing ?? '*';
	const afterFiscal = levels.some((l) => l === 'fiscal-year' || l === 'era-fiscal-year');
	return values.map((value) => {
		const date = parseDateValue(value);
		if (!date && spec.strict) fail(`date builder: value ${JSON.stringify(value)} is not a date`);
		const labels = date ? levels.map((level) => levelLabel(level, date, spec, afterFiscal)) : null;
		// A date with no 和暦 (before 1873) under an era level is missing at every level: keeping its
		// Gregorian labels while its era label is missing would split the missing group at later levels.
		const complete = labels !== null && labels.every((l) => l !== null);
		if (date && !complete && spec.strict) {
			fail(`date builder: value ${JSON.stringify(value)} has no 和暦 (before 1873-01-01)`);
		}
		const row = [value, ...(complete ? (labels as string[]) : levels.map(() => missing))];
		row.push('*');
		return row;
	});
}
