import { parseJapaneseDate } from '../jp/era';
import type { EncodedColumn } from './encoded-table';
import { releaseBuffer } from './release-buffer';
import { isDecimal, isMissing, type InferredType } from './infer-type';

export interface HistogramBin {
	/** Inclusive lower and exclusive upper bound (the last bin includes its upper bound). Dates: ms since epoch, UTC. */
	x0: number;
	x1: number;
	count: number;
}

export interface ColumnProfile {
	name: string;
	type: InferredType;
	rows: number;
	/** Distinct non-missing values. */
	distinct: number;
	/** Empty or white-space-only cells. */
	missing: number;
	/** Non-missing cells that do not parse as the column's type (possible after a manual type override). */
	invalid: number;
	/** Numbers: the original text of the smallest/largest value; dates: ISO `YYYY-MM-DD`; text: code-point order. */
	min?: string;
	max?: string;
	/** Most frequent non-missing values, most frequent first; ties keep the order of first appearance. */
	topValues: { value: string; count: number }[];
	/** Numeric and date columns only. */
	histogram?: HistogramBin[];
}

const TARGET_BINS = 20;

/** Counts how often each dictionary code occurs. */
function codeCounts(column: EncodedColumn): Int32Array {
	const counts = new Int32Array(column.values.length);
	const codes = column.codes;
	for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
	return counts;
}

function topValues(column: EncodedColumn, counts: Int32Array, missing: Uint8Array, n: number) {
	// Insertion into a short sorted list: O(distinct × n) worst case, near O(distinct) in practice.
	const top: number[] = [];
	for (let code = 0; code < counts.length; code++) {
		if (missing[code] || counts[code] === 0) continue;
		if (top.length === n && counts[code] <= counts[top[n - 1]]) continue;
		let at = top.length;
		while (at > 0 && counts[top[at - 1]] < counts[code]) at--;
		top.splice(at, 0, code);
		if (top.length > n) top.pop();
	}
	return top.map((code) => ({ value: column.values[code], count: counts[code] }));
}

/**
 * A "nice" bin width (1, 2 or 5 × 10^k) giving about `target` bins over [lo, hi], after d3-array's
 * tickIncrement (Bostock, d3-array ticks.js), which makes bin edges round numbers a person can read.
 */
function niceStep(lo: number, hi: number, target: number): number {
	const raw = (hi - lo) / target;
	const power = Math.pow(10, Math.floor(Math.log10(raw)));
	const error = raw / power;
	return (error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1) * power;
}

/** Bins each distinct value's x (NaN: not binned) weighted by its row count. */
function binByThresholds(thresholds: number[], xs: Float64Array, counts: Int32Array): HistogramBin[] {
	const bins = thresholds.slice(0, -1).map((x0, i) => ({ x0, x1: thresholds[i + 1], count: 0 }));
	for (let code = 0; code < xs.length; code++) {
		const x = xs[code];
		if (Number.isNaN(x)) continue;
		let lo = 0;
		let hi = bins.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (bins[mid].x0 <= x) lo = mid;
			else hi = mid - 1;
		}
		bins[lo].count += counts[code];
	}
	return bins;
}

function numericThresholds(lo: number, hi: number, integer: boolean): number[] {
	if (lo === hi) return [lo, hi + (integer ? 1 : 0)];
	let step = niceStep(lo, hi, TARGET_BINS);
	if (integer) step = Math.max(1, step);
	const start = Math.floor(lo / step) * step;
	const thresholds = [start];
	// Multiply rather than accumulate so 0.1-steps do not drift.
	for (let k = 1; thresholds[thresholds.length - 1] <= hi; k++) thresholds.push(start + k * step);
	return thresholds;
}

/** Calendar-aligned thresholds: whole years, months or days depending on the span. */
function dateThresholds(lo: number, hi: number): number[] {
	const DAY = 86_400_000;
	const first = new Date(lo);
	const spanDays = (hi - lo) / DAY;
	let next: (k: number) => number;
	if (spanDays >= 3 * 365) {
		const step = Math.max(1, Math.round(niceStep(0, spanDays / 365.25, TARGET_BINS)));
		const y0 = Math.floor(first.getUTCFullYear() / step) * step;
		next = (k) => Date.UTC(y0 + k * step, 0, 1);
	} else if (spanDays >= 90) {
		const months = spanDays / 30.44;
		const step = months <= 20 ? 1 : months <= 40 ? 2 : 3;
		const m0 = first.getUTCFullYear() * 12 + Math.floor(first.getUTCMonth() / step) * step;
		next = (k) => Date.UTC(Math.floor((m0 + k * step) / 12), (m0 + k * step) % 12, 1);
	} else {
		const step = Math.max(1, Math.ceil(spanDays / TARGET_BINS)) * DAY;
		next = (k) => lo + k * step;
	}
	const thresholds = [next(0)];
	for (let k = 1; thresholds[k - 1] <= hi; k++) thresholds.push(next(k));
	return thresholds;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Summarizes one dictionary-encoded column for the profile panel: counts come from one pass over the codes,
 * everything else from the distinct values only, so a 1M-row column costs milliseconds.
 */
export function profileColumn(column: EncodedColumn, type: InferredType, topN = 10): ColumnProfile {
	const counts = codeCounts(column);
	const values = column.values;
	const missingCode = new Uint8Array(values.length);
	let missing = 0;
	let distinct = 0;
	for (let code = 0; code < values.length; code++) {
		if (isMissing(values[code])) {
			missingCode[code] = 1;
			missing += counts[code];
		} else if (counts[code] > 0) distinct++;
	}
	const profile: ColumnProfile = {
		name: column.name,
		type,
		rows: column.codes.length,
		distinct,
		missing,
		invalid: 0,
		topValues: topValues(column, counts, missingCode, topN)
	};

	// Each distinct value's number (NaN when it is not binned) in one typed array rather than an object per
	// value: for a column of 1,000,000 distinct numbers (postal codes read as integers) the objects were ~24 MB
	// of garbage at the import's peak; this buffer is 8 MB and freed at once below.
	const numeric = type.type === 'integer' || type.type === 'decimal' || type.type === 'date';
	const xs = new Float64Array(numeric ? values.length : 0).fill(Number.NaN);
	let binned = 0;
	let lo = Infinity;
	let hi = -Infinity;
	let minText: string | undefined;
	let maxText: string | undefined;
	for (let code = 0; code < values.length; code++) {
		if (missingCode[code] || counts[code] === 0) continue;
		const text = values[code].trim();
		let x: number;
		if (type.type === 'integer' || type.type === 'decimal') {
			x = isDecimal(text) ? Number(text) : NaN;
		} else if (type.type === 'date') {
			const date = parseJapaneseDate(text);
			x = date ? Date.UTC(date.year, date.month - 1, date.day) : NaN;
		} else {
			if (minText === undefined || text < minText) minText = text;
			if (maxText === undefined || text > maxText) maxText = text;
			continue;
		}
		if (Number.isNaN(x)) {
			profile.invalid += counts[code];
			continue;
		}
		xs[code] = x;
		binned++;
		if (x < lo) [lo, minText] = [x, text];
		if (x > hi) [hi, maxText] = [x, text];
	}
	if (type.type === 'date' && binned > 0) {
		profile.min = isoDate(lo);
		profile.max = isoDate(hi);
		profile.histogram = binByThresholds(dateThresholds(lo, hi), xs, counts);
	} else {
		profile.min = minText;
		profile.max = maxText;
		if (binned > 0) {
			profile.histogram = binByThresholds(numericThresholds(lo, hi, type.type === 'integer'), xs, counts);
		}
	}
	// One count per distinct value: megabytes for an identifier column, freed now rather than left to the
	// collector while the import goes on to the next column and the save.
	releaseBuffer(counts);
	releaseBuffer(missingCode);
	releaseBuffer(xs);
	return profile;
}
