/**
 * Japanese eras (元号) and the date notations found in Japanese medical exports: 和暦 in kanji
 * (令和5年4月1日, 平成元年…), era initials (R05.04.01, H30/1/2), レセ電 (UKE) `GYYMMDD` with the 年号区分コード
 * 1–5, plus the Gregorian ISO, `YYYYMMDD` and `YYYY/MM/DD` forms. Era table and validation rules:
 * DOMAIN.md §3.1.4 (first/last day of each era; YY = 01 is 元年).
 */

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

export type DateFormat =
	'iso' | 'yyyymmdd' | 'yyyy/mm/dd' | 'yyyy-kanji' | 'wareki-kanji' | 'wareki-initial' | 'uke-gyymmdd';

export interface Era {
	/** 年号区分コード used by レセ電 (UKE). */
	readonly code: 1 | 2 | 3 | 4 | 5;
	readonly kanji: string;
	readonly initial: string;
	/** Gregorian year of 元年, i.e. 西暦 = offset + 和暦年. */
	readonly offset: number;
	/** First and last valid day as `yyyymmdd` numbers (inclusive; the current era has no end). */
	readonly first: number;
	readonly last: number;
}

/**
 * 明治 officially began on 1868-10-23 (applied retroactively from the lunar new year), but Japan adopted the
 * Gregorian calendar only on 明治6年1月1日 = 1873-01-01; earlier 明治 dates are lunar and cannot be mapped by
 * adding 1867, so they are rejected (DOMAIN.md §3.1.4: no living patient predates that).
 */
export const ERAS: readonly Era[] = [
	{ code: 1, kanji: '明治', initial: 'M', offset: 1867, first: 18730101, last: 19120729 },
	{ code: 2, kanji: '大正', initial: 'T', offset: 1911, first: 19120730, last: 19261224 },
	{ code: 3, kanji: '昭和', initial: 'S', offset: 1925, first: 19261225, last: 19890107 },
	{ code: 4, kanji: '平成', initial: 'H', offset: 1988, first: 19890108, last: 20190430 },
	{ code: 5, kanji: '令和', initial: 'R', offset: 2018, first: 20190501, last: 99991231 }
];

const eraByKanji = new Map(ERAS.map((e) => [e.kanji, e]));
const eraByInitial = new Map(ERAS.map((e) => [e.initial, e]));

function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validGregorian(year: number, month: number, day: number): CalendarDate | null {
	if (!(year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1)) return null;
	if (day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

/** Converts an era date to the Gregorian calendar, or null when it falls outside the era's span. */
export function eraToGregorian(era: Era, eraYear: number, month: number, day: number): CalendarDate | null {
	if (eraYear < 1) return null;
	const date = validGregorian(era.offset + eraYear, month, day);
	if (!date) return null;
	const key = date.year * 10000 + month * 100 + day;
	return key >= era.first && key <= era.last ? date : null;
}

/** The era in effect on a Gregorian day, or undefined before 1873-01-01. */
export function eraOf(year: number, month: number, day: number): Era | undefined {
	const key = year * 10000 + month * 100 + day;
	for (let i = ERAS.length - 1; i >= 0; i--) {
		if (key >= ERAS[i].first) return key <= ERAS[i].last ? ERAS[i] : undefined;
	}
	return undefined;
}

const KANJI_DIGITS: Record<string, number> = {
	〇: 0,
	零: 0,
	一: 1,
	二: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};

/** Kanji numerals up to 99 (五, 十二, 三十一, 二〇) and 元 (= 1); ASCII digits pass through. */
function numberFromText(text: string): number {
	if (/^\d+$/.test(text)) return Number(text);
	if (text === '元') return 1;
	const ten = text.indexOf('十');
	if (ten >= 0) {
		const tens = ten === 0 ? 1 : KANJI_DIGITS[text.slice(0, ten)];
		const rest = text.slice(ten + 1);
		const ones = rest === '' ? 0 : KANJI_DIGITS[rest];
		if (tens === undefined || ones === undefined || ten > 1 || rest.length > 1) return NaN;
		return tens * 10 + ones;
	}
	let n = 0;
	for (const ch of text) {
		const d = KANJI_DIGITS[ch];
		if (d === undefined) return NaN;
		n = n * 10 + d;
	}
	return text.length > 0 ? n : NaN;
}

/** Full-width digits, letters and punctuation (common in Japanese exports) → ASCII; trims spaces. */
function toHalfWidth(text: string): string {
	return text
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[\u3000\s]+/g, '')
		.trim();
}

const NUM = '(\\d{1,2}|[元〇零一二三四五六七八九十]{1,3})';
const WAREKI_KANJI = new RegExp(`^(明治|大正|昭和|平成|令和)${NUM}年${NUM}月${NUM}日$`);
const WAREKI_INITIAL = /^([MTSHR])(\d{1,2})([./-])(\d{1,2})\3(\d{1,2})$/i;
const WAREKI_INITIAL_COMPACT = /^([MTSHR])(\d{2})(\d{2})(\d{2})$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const YEAR_KANJI = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DIGITS8 = /^\d{8}$/;
const DIGITS7 = /^[1-5]\d{6}$/;

export interface ParsedDate extends CalendarDate {
	format: DateFormat;
}

/**
 * Parses one date in any of the supported notations and reports which one it was.
 * Returns null for anything that is not a valid calendar date (including era dates outside their era).
 */
export function parseDateWithFormat(raw: string): ParsedDate | null {
	if (raw.length < 6 || raw.length > 40) return null;
	const text = toHalfWidth(raw);
	let m: RegExpExecArray | null;
	let date: CalendarDate | null;
	let format: DateFormat;
	if ((m = ISO.exec(text))) {
		format = 'iso';
		date = validGregorian(+m[1], +m[2], +m[3]);
	} else if (DIGITS8.test(text)) {
		format = 'yyyymmdd';
		date = validGregorian(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8));
	} else if (DIGITS7.test(text)) {
		format = 'uke-gyymmdd';
		const era = ERAS[+text[0] - 1];
		date = eraToGregorian(era, +text.slice(1, 3), +text.slice(3, 5), +text.slice(5, 7));
	} else if ((m = SLASHED.exec(text))) {
		format = 'yyyy/mm/dd';
		date = validGregorian(+m[1], +m[3], +m[4]);
	} else if ((m = WAREKI_INITIAL.exec(text))) {
		format = 'wareki-initial';
		date = eraToGregorian(eraByInitial.get(m[1].toUpperCase())!, +m[2], +m[4], +m[5]);
	} else if ((m = WAREKI_INITIAL_COMPACT.exec(text))) {
		format = 'wareki-initial';
		date = eraToGregorian(eraByInitial.get(m[1].toUpperCase())!, +m[2], +m[3], +m[4]);
	} else if ((m = WAREKI_KANJI.exec(text))) {
		format = 'wareki-kanji';
		const era = eraByKanji.get(m[1])!;
		date = eraToGregorian(era, numberFromText(m[2]), numberFromText(m[3]), numberFromText(m[4]));
	} else if ((m = YEAR_KANJI.exec(text))) {
		format = 'yyyy-kanji';
		date = validGregorian(+m[1], +m[2], +m[3]);
	} else {
		return null;
	}
	return date ? { ...date, format } : null;
}

/** Parses 和暦 (kanji or initials), UKE `GYYMMDD`, ISO, `YYYYMMDD` or `YYYY/MM/DD`; null when invalid. */
export function parseJapaneseDate(text: string): CalendarDate | null {
	const parsed = parseDateWithFormat(text);
	return parsed ? { year: parsed.year, month: parsed.month, day: parsed.day } : null;
}

export type EraStyle = 'kanji' | 'initial';

/**
 * Renders a Gregorian date in 和暦: `令和5年4月1日` (kanji, year 1 as 元年) or `R05.04.01` (initial).
 * Without a day it renders the month (`令和元年5月`, `R01.05`, DOMAIN.md §5.4) in the era in effect on the
 * month's last day, so a month in which an era begins carries the new era (1989-01 → 平成元年1月).
 * Returns null for invalid dates and dates before 1873-01-01.
 */
export function formatJapaneseEra(
	year: number,
	month: number,
	day?: number,
	style: EraStyle = 'kanji'
): string | null {
	const probeDay = day ?? daysInMonth(year, month);
	const era = eraOf(year, month, probeDay);
	if (!era || (day !== undefined && !validGregorian(year, month, day))) return null;
	const eraYear = year - era.offset;
	if (style === 'initial') {
		const p = (n: number) => String(n).padStart(2, '0');
		return `${era.initial}${p(eraYear)}.${p(month)}` + (day === undefined ? '' : `.${p(day)}`);
	}
	const y = eraYear === 1 ? '元' : String(eraYear);
	return `${era.kanji}${y}年${month}月` + (day === undefined ? '' : `${day}日`);
}

/** `yyyymmdd` as a number (sortable key) for a calendar date. */
export function dateKey(date: CalendarDate): number {
	return date.year * 10000 + date.month * 100 + date.day;
}
