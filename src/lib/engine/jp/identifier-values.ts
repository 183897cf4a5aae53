/**
 * Value patterns for the column-role detectors (identifiers.ts): each test looks at one trimmed,
 * NFKC-normalized cell. Japanese formats follow DOMAIN.md §3 (phone numbers 0X-XXXX-XXXX, postal codes
 * NNN-NNNN, names written 姓 名 with a full-width space in 漢字 or カナ, ICD-10 and YJ drug codes).
 */
import { parseDateValue } from '../hierarchy/builders/date';
import { isValidInsurerNumber, isValidMyNumber } from './check-digits';
import { drugClassOf, isReceiptDrugCode } from './drug-classes';
import { findPrefecture, looksLikeAddress, PREFECTURES } from './prefectures';
import { parseSex } from './sex-codes';

export const normalizeCell = (text: string) => text.normalize('NFKC').trim();

export const isEmail = (v: string) => /^[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+$/.test(v);

/** Japanese phone numbers written with separators: 03-1234-5678, 090-1234-5678, (03)1234-5678, +81-3-…. */
export function isFormattedPhone(v: string): boolean {
	if (!/^(?:\+81[-\s]?|\(?0)\d{1,4}\)?[-\s)]\d{1,4}[-\s]\d{3,4}$/.test(v)) return false;
	const digits = v.replace(/\D/g, '').replace(/^81/, '0');
	return digits.length === 10 || digits.length === 11;
}

/** 0 followed by 9 or 10 digits: a phone number written without separators (weak: could be a code). */
export const isBarePhone = (v: string) => /^0[1-9]\d{8,9}$/.test(v);

export const isMyNumber = (v: string) => /^\d{4}\s?\d{4}\s?\d{4}$/.test(v) && isValidMyNumber(v);
export const isInsurerNumber = (v: string) => isValidInsurerNumber(v);

const HAN = '\\p{Script=Han}々〆ヶ';
/** 姓 名 in kanji with a space between (山田 太郎, also with a full-width space); kana given names allowed (山田 はな). */
const KANJI_NAME = new RegExp(`^[${HAN}]{1,5} [${HAN}ぁ-んァ-ヶー]{1,6}$`, 'u');
/** カナ names with a space: ヤマダ タロウ (full-width, or half-width after NFKC), やまだ たろう. */
const KANA_NAME = /^(?:[ァ-ヶー]{1,10} [ァ-ヶー]{1,10}|[ぁ-んー]{1,10} [ぁ-んー]{1,10})$/;
/** Latin names as in passports and HL7: YAMADA TARO, Taro Yamada, Yamada^Taro. */
const LATIN_NAME = /^[A-Z][a-zA-Z'-]+[ ^][A-Z][a-zA-Z'-]+$/;

/** Cells are normalized with NFKC, which turns the full-width space into an ASCII space. */
export const isKanjiName = (v: string) => KANJI_NAME.test(v) && findPrefecture(v) === undefined;
export const isKanaName = (v: string) => KANA_NAME.test(v);
export const isLatinName = (v: string) => LATIN_NAME.test(v);

export const isFormattedPostal = (v: string) => /^〒?\s?\d{3}-\d{4}$/.test(v);
export const isBarePostal = (v: string) => /^\d{7}$/.test(v);

export const isDate = (v: string) => parseDateValue(v) !== null;

/** ICD-10 as written in Japanese data (E11.9, E119, A17.0†). */
export const isIcd10 = (v: string) => /^[A-Z]\d{2}(?:\.?\d{1,2})?[†*]?$/.test(v.toUpperCase());

/** YJ / 薬価基準収載医薬品コード (12 characters). */
export const isYjCode = (v: string) => v.length === 12 && drugClassOf(v) !== null;
export const isReceiptDrug = (v: string) => isReceiptDrugCode(v);
/** A 薬効分類 code itself (1–4 digits, e.g. 114). */
export const isDrugClassCode = (v: string) => v.length <= 4 && drugClassOf(v) !== null;

const PREFECTURE_NAMES = new Set(PREFECTURES.flatMap((p) => [p.name, p.short]));
export const isPrefectureName = (v: string) => PREFECTURE_NAMES.has(v);
export const isAddress = (v: string) => looksLikeAddress(v);

export const isUrl = (v: string) => /^https?:\/\/\S+$/i.test(v);
export const isIpAddress = (v: string) =>
	/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(v) ||
	/^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i.test(v);

/** Non-numeric sex labels (M/F, 男/女, male/female…): 1/2 alone are too common as flags to count. */
export const isSexLabel = (v: string) => !/^\d$/.test(v) && parseSex(v) !== undefined;

export const isNumber = (v: string) => /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(v.replace(/,/g, ''));

/** Sentences rather than codes: long, or with sentence punctuation or several words. */
export const isFreeText = (v: string) =>
	v.length >= 30 || /[。、！？!?]/.test(v) || v.split(/\s+/).length >= 5;

/**
 * Code-like values as patient IDs are written: 4–20 letters/digits/`-`/`_`, containing a digit, not a date
 * and, when all digits, at least 5 of them (shorter unique integers are more likely measurements).
 */
export function isCodeLike(v: string): boolean {
	if (!/^[A-Za-z0-9_-]{4,20}$/.test(v) || !/\d/.test(v)) return false;
	if (/^\d+$/.test(v) && v.length < 5) return false;
	return !isDate(v);
}
