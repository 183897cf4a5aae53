/**
 * Normalization of the identifiers an opt-out list is matched on (DOMAIN.md §1.7). Lists are typed by
 * hand at a reception desk, data come from 電子カルテ/レセコン exports: the same person shows up with
 * full-width digits, half-width katakana, different hyphens or spaces, or a 和暦 birth date.
 */
import { dateKey, parseJapaneseDate } from '../jp/era';
import { parseSex } from '../jp/sex-codes';

/** Hyphen-like characters people type between digits: ASCII, Unicode dashes, minus, 長音 marks. */
const HYPHENS = /[-\u2010-\u2015\u2212\uff0d\u30fc\uff70]/g;
const SPACES = /[\s\u3000]+/g;

/** Printable ASCII without spaces: already normal (NFKC leaves ASCII as it is). */
const PLAIN_ASCII = /^[\x21-\x7e]*$/;

/** Patient ID / カルテ番号: NFKC (full-width → half-width), no spaces. Leading zeros are kept. */
export function normalizePatientId(value: string): string {
	// The common case (P0000001) skips the normalization: it runs per record in the apply.
	if (PLAIN_ASCII.test(value)) return value;
	return value.normalize('NFKC').replace(SPACES, '');
}

/** 保険者番号・記号・番号: NFKC, no spaces and no hyphens (記号 is often written 「12-34」 or 「１２３４」). */
export function normalizeInsuranceField(value: string): string {
	return value.normalize('NFKC').replace(SPACES, '').replace(HYPHENS, '');
}

/** Small kana and their full-size counterparts (katakana, after NFKC and hiragana → katakana). */
const SMALL_KANA: Record<string, string> = {
	ァ: 'ア',
	ィ: 'イ',
	ゥ: 'ウ',
	ェ: 'エ',
	ォ: 'オ',
	ッ: 'ツ',
	ャ: 'ヤ',
	ュ: 'ユ',
	ョ: 'ヨ',
	ヮ: 'ワ',
	ヵ: 'カ',
	ヶ: 'ケ'
};

/**
 * カナ氏名: NFKC turns half-width ｶﾞ into ガ; hiragana become katakana; small kana become full-size
 * (reception systems disagree on キョウコ vs キヨウコ); spaces between family and given name go.
 */
export function normalizeKanaName(value: string): string {
	const katakana = value
		.normalize('NFKC')
		.replace(SPACES, '')
		.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
	return katakana.replace(/[ァィゥェォッャュョヮヵヶ]/g, (c) => SMALL_KANA[c]);
}

/** Birth date as yyyymmdd (和暦, UKE GYYMMDD, ISO, slashes, full-width digits); null when not a date. */
export function normalizeBirthDate(value: string): string | null {
	const date = parseJapaneseDate(value.trim());
	return date ? String(dateKey(date)) : null;
}

/** Sex as male/female/other/unknown from any of the usual codes; null when not recognised. */
export function normalizeSex(value: string): string | null {
	return parseSex(value.normalize('NFKC').trim()) ?? null;
}

/** Days since 1970-01-01 of a date cell, or null. */
export function dayNumber(value: string): number | null {
	const date = parseJapaneseDate(value.trim());
	return date ? Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000) : null;
}
