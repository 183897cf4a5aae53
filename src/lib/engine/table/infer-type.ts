import { parseDateWithFormat, type DateFormat } from '../jp/era';

export type ColumnType = 'integer' | 'decimal' | 'date' | 'categorical';

export interface InferredType {
	type: ColumnType;
	/** For dates: the notation all values share, or 'mixed' when the column mixes several. */
	dateFormat?: DateFormat | 'mixed';
}

/** Integers without leading zeros (a leading zero marks a code such as 郵便番号 or 患者ID) and ≤ 15 digits. */
const INTEGER = /^[+-]?(?:0|[1-9]\d{0,14})$/;
const DECIMAL = /^[+-]?(?:(?:0|[1-9]\d{0,14})(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d{1,3})?$/;

/** A cell counts as missing when it is empty or only white space. */
export function isMissing(value: string): boolean {
	return value.length === 0 || value.trim().length === 0;
}

export function isInteger(value: string): boolean {
	return INTEGER.test(value);
}

export function isDecimal(value: string): boolean {
	return DECIMAL.test(value);
}

/**
 * Infers a column's type from its values (missing cells ignored; at most `maxSample` non-missing values read).
 * Every value read must fit: dates first (so `20230401` and UKE `3471014` columns are dates, not integers),
 * then integers, then decimals; anything else is categorical. Callers that have the column's dictionary pass
 * its distinct values, which covers every row at a fraction of the cost.
 */
export function inferColumnType(values: Iterable<string>, maxSample = Infinity): InferredType {
	let canInteger = true;
	let canDecimal = true;
	let canDate = true;
	let dateFormat: DateFormat | 'mixed' | undefined;
	let seen = 0;
	for (const raw of values) {
		if (seen >= maxSample) break;
		if (isMissing(raw)) continue;
		seen++;
		const value = raw.trim();
		if (canDate) {
			const parsed = parseDateWithFormat(value);
			if (!parsed) canDate = false;
			else if (dateFormat === undefined) dateFormat = parsed.format;
			else if (dateFormat !== parsed.format) dateFormat = 'mixed';
		}
		if (canInteger && !INTEGER.test(value)) canInteger = false;
		if (canDecimal && !canInteger && !DECIMAL.test(value)) canDecimal = false;
		if (!canDate && !canDecimal) return { type: 'categorical' };
	}
	if (seen === 0) return { type: 'categorical' };
	if (canDate) return { type: 'date', dateFormat };
	if (canInteger) return { type: 'integer' };
	return { type: 'decimal' };
}
