/**
 * 特異な記述 (peculiar values, APPI 規則34条 measure 4 / DOMAIN.md §1.2): values so rare or so extreme
 * that they single a person out on their own. Detection lists them with counts; the person decides,
 * per value, to generalize, top-/bottom-code, suppress or keep it (with a note), and
 * {@link applyPeculiarDecisions} turns those decisions into the column and hierarchy the rest of the
 * flow (risk, search, export) works on.
 *
 * - Rare values: fewer than `threshold` rows (default 10, the NDB small-cell rule, DOMAIN.md §2.3).
 * - Numeric outliers: beyond Tukey's far-out fences Q1 − 3·IQR / Q3 + 3·IQR (Tukey, Exploratory
 *   Data Analysis, 1977, §2C), which do not depend on a normal distribution.
 * - Extreme ages: 90 or older (the 匿名加工 age top-code "90歳以上", HIPAA's "ages over 89"),
 *   from an age column or a birth-date column at a reference date.
 */
import { parseDateValue } from '../hierarchy/builders/date';
import { parseNumber } from '../hierarchy/builders/interval';
import type { EncodedColumn } from '../table/encoded-table';
import { decideColumnCodes } from './decided-table';
import { DecidedAttribute, type PeculiarDecision } from './decisions';

export * from './decisions';
export * from './decided-table';

export type PeculiarKind = 'rare' | 'outlier-high' | 'outlier-low' | 'extreme-age';

export interface PeculiarFinding {
	readonly attribute: string;
	readonly kind: PeculiarKind;
	readonly value: string;
	/** Rows holding the value. */
	readonly count: number;
}

export interface DetectOptions {
	/** Values with fewer rows than this are rare (default 10). */
	readonly threshold?: number;
	/** The column holds ages (years). */
	readonly age?: boolean;
	/** The column holds birth dates; ages are taken at `referenceYear`. */
	readonly birthDate?: boolean;
	readonly referenceYear?: number;
	/** Age from which a person is "extreme" (default 90). */
	readonly extremeAge?: number;
	/** Rare values are skipped when more than this share of distinct values is rare (IDs, dates). */
	readonly maxRareShare?: number;
}

export const PECULIAR_THRESHOLD = 10;
export const EXTREME_AGE = 90;

function isBlank(value: string): boolean {
	return value.trim() === '';
}

function countCodes(column: EncodedColumn): Int32Array {
	const counts = new Int32Array(column.values.length);
	for (let i = 0; i < column.codes.length; i++) counts[column.codes[i]]++;
	return counts;
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan 1996, type 7, R's default). */
function quantile(sorted: Float64Array, p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo]);
}

/** Age in whole years at mid-`referenceYear` of someone born in the given year and month. */
function ageOf(year: number, month: number, referenceYear: number): number {
	return referenceYear - year - (month > 6 ? 1 : 0);
}

/** Lists the peculiar values of one column, most striking first within each kind. */
export function detectPeculiar(column: EncodedColumn, options: DetectOptions = {}): PeculiarFinding[] {
	const threshold = options.threshold ?? PECULIAR_THRESHOLD;
	const counts = countCodes(column);
	const findings: PeculiarFinding[] = [];
	const seen = new Set<number>();
	const add = (code: number, kind: PeculiarKind) => {
		if (seen.has(code)) return;
		seen.add(code);
		findings.push({ attribute: column.name, kind, value: column.values[code], count: counts[code] });
	};

	const extreme = options.extremeAge ?? EXTREME_AGE;
	if (options.age || options.birthDate) {
		const year = options.referenceYear ?? new Date().getUTCFullYear();
		const old: number[] = [];
		for (let code = 0; code < column.values.length; code++) {
			const text = column.values[code];
			if (counts[code] === 0 || isBlank(text)) continue;
			let age: number | null = null;
			if (options.age) age = parseNumber(text);
			else {
				const d = parseDateValue(text);
				if (d) age = ageOf(d.year, d.month, year);
			}
			if (age !== null && age >= extreme) old.push(code);
		}
		old.sort((a, b) => column.values[a].localeCompare(column.values[b]));
		for (const code of old) add(code, 'extreme-age');
	}

	// Numeric outliers: only when (nearly) every value is a number.
	const numbers: number[] = [];
	const numericCodes: number[] = [];
	let present = 0;
	for (let code = 0; code < column.values.length; code++) {
		if (counts[code] === 0 || isBlank(column.values[code])) continue;
		present++;
		const n = options.birthDate ? null : parseNumber(column.values[code]);
		if (n === null) continue;
		numericCodes.push(code);
		numbers.push(n);
	}
	if (numericCodes.length >= 4 && numericCodes.length >= 0.95 * present) {
		const expanded: number[] = [];
		numericCodes.forEach((code, i) => {
			for (let r = 0; r < counts[code]; r++) expanded.push(numbers[i]);
		});
		const sorted = Float64Array.from(expanded).sort();
		const q1 = quantile(sorted, 0.25);
		const q3 = quantile(sorted, 0.75);
		const iqr = q3 - q1;
		const order = numericCodes.map((code, i) => ({ code, n: numbers[i] })).sort((a, b) => a.n - b.n);
		for (const { code, n } of order) if (iqr > 0 && n < q1 - 3 * iqr) add(code, 'outlier-low');
		for (const { code, n } of [...order].reverse())
			if (iqr > 0 && n > q3 + 3 * iqr) add(code, 'outlier-high');
	}

	// Rare values; a column where most values are rare (IDs, exact dates) is a matter for
	// generalization as a whole, not a list of thousands of values.
	const rare: number[] = [];
	let distinct = 0;
	for (let code = 0; code < column.values.length; code++) {
		if (counts[code] === 0 || isBlank(column.values[code])) continue;
		distinct++;
		if (counts[code] < threshold) rare.push(code);
	}
	if (rare.length > 0 && rare.length <= (options.maxRareShare ?? 0.5) * distinct) {
		rare.sort((a, b) => counts[a] - counts[b] || a - b);
		for (const code of rare) add(code, 'rare');
	}
	return findings;
}

export interface AppliedDecisions {
	/** The column with top/bottom-coded and generalized values replaced. */
	readonly column: EncodedColumn;
	/** The hierarchy rows extended by the labels that replaced generalized values (null if none given). */
	readonly rows: string[][] | null;
	/** Rows whose value was suppressed by a decision (1 = suppressed). */
	readonly suppressed: Uint8Array | null;
	/** Number of rows whose value changed or that were suppressed. */
	readonly changedRows: number;
}

/**
 * Applies the decisions for one column (semantics: {@link DecidedAttribute}). `rows` is the column's
 * hierarchy (ARX layout) when it has one. Suppressed rows are left to the caller to count as
 * suppressed records.
 */
export function applyPeculiarDecisions(
	column: EncodedColumn,
	rows: readonly (readonly string[])[] | null,
	decisions: readonly PeculiarDecision[]
): AppliedDecisions {
	const decided = new DecidedAttribute(column.name, rows, decisions);
	if (!decided.active) return { column, rows: decided.rows, suppressed: null, changedRows: 0 };
	const { values, codes, changed, suppressedCodes } = decideColumnCodes(column, decided);
	const suppressed = suppressedCodes ? new Uint8Array(column.codes.length) : null;
	let changedRows = 0;
	for (let r = 0; r < codes.length; r++) {
		const c = column.codes[r];
		const hidden = suppressedCodes !== null && suppressedCodes[c] === 1;
		if (hidden) suppressed![r] = 1;
		if (hidden || changed[c]) changedRows++;
	}
	return { column: { name: column.name, values, codes }, rows: decided.rows, suppressed, changedRows };
}
